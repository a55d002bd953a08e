import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// Extension build: MV3 for Chrome/Edge, MV2/MV3 for Firefox (`npm run build:firefox`).
export default defineConfig({
  srcDir: 'extension',
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({ plugins: [preact()] }),
  manifest: {
    name: 'Yobidashi',
    description: '__MSG_extDescription__',
    default_locale: 'ja',
    minimum_chrome_version: '116',
    permissions: ['storage'],
  },
});
