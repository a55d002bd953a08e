import { fileURLToPath } from 'node:url';
import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { ZOHO_CRM_MATCHES } from './extension/crm/zoho-hosts';

const fakeVoiceSdk = fileURLToPath(new URL('./test/e2e/support/fake-voice-sdk.ts', import.meta.url));

// Extension build: MV3 for Chrome/Edge, MV2 for Firefox (`npm run build:firefox`).
// `wxt build --mode e2e` (browser tests, output .output/chrome-mv3-e2e) swaps the Twilio Voice SDK for a
// faithful fake at that one import (Twilio is unreachable from test machines) and lets the extension talk
// to the local test server. No other difference.
export default defineConfig({
  srcDir: 'extension',
  publicDir: 'extension/public',
  modules: ['@wxt-dev/webextension-polyfill'],
  // `npm run package`: the store zips (Chrome Web Store and Edge Add-ons take the same one), and for
  // Firefox the sources zip AMO's reviewers rebuild from (`npm ci && npm run build:firefox`). The
  // server is left in: the extension imports the shared Twilio parameter list from server/voice/.
  zip: {
    artifactTemplate: '{{name}}-{{packageVersion}}-{{browser}}.zip',
    sourcesTemplate: '{{name}}-{{packageVersion}}-sources.zip',
    excludeSources: ['test/**', 'bench/**', 'docs/**', 'data/**', 'scratch/**', 'scripts/**'],
  },
  vite: (env) => ({
    plugins: [preact()],
    resolve: { alias: (env.mode === 'e2e' ? { '@twilio/voice-sdk': fakeVoiceSdk } : {}) as Record<string, string> },
  }),
  manifest: ({ browser, mode }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    // Japanese browsers get Japanese, every other language English (read by more of them than Japanese).
    default_locale: 'en',
    // 116: WebSocket traffic keeps the service worker alive; runtime.getContexts for the offscreen check.
    ...(browser === 'firefox' ? {} : { minimum_chrome_version: '116' }),
    permissions: [
      'storage', // settings (local) and the session token (session: memory only)
      'alarms', // presence heartbeat every 30 s; service-worker timers die with the worker
      'notifications', // incoming call with Accept / Decline when the active tab is not a CRM page
      'scripting', // click-to-call on the other CRM sites the rep enabled (registered at runtime)
      ...(browser === 'firefox' ? [] : ['offscreen']), // the phone: WebRTC, microphone and audio
    ],
    // Other CRMs the rep turns on in the options page: host permission asked at that moment
    // (MV2 Firefox lists optional hosts among optional_permissions).
    ...(browser === 'firefox'
      ? { optional_permissions: ['https://*/*', 'http://*/*'] }
      : { optional_host_permissions: ['https://*/*', 'http://*/*'] }),
    // Zoho CRM: the hosts the content script already runs on (same install-time warning). Needed because a
    // content script's matches do not let `scripting.executeScript` in: the background injects the page UI
    // (crm-ui.js: dialer, call cards) into a CRM tab when the rep opens the launcher or a call needs a card.
    // Other CRMs get the same from the optional host permission the rep grants for them.
    // The browser tests' server and fixture pages run on the loopback interface.
    host_permissions: [...ZOHO_CRM_MATCHES, ...(mode === 'e2e' ? ['http://127.0.0.1/*', 'http://localhost/*'] : [])],
    // Settings an organisation presets by policy (extension/storage/managed.ts). Chrome validates policies
    // against this schema; Firefox reads policies.json's 3rdparty.Extensions without one.
    storage: { managed_schema: 'managed-schema.json' },
    // Closed: no other extension and no web page may message us.
    ...(browser === 'firefox' ? {} : { externally_connectable: { ids: [], matches: [] } }),
    commands: {
      answer: { suggested_key: { default: 'Alt+Shift+A' }, description: '__MSG_commandAnswer__' },
      'hang-up': { suggested_key: { default: 'Alt+Shift+H' }, description: '__MSG_commandHangUp__' },
      mute: { suggested_key: { default: 'Alt+Shift+M' }, description: '__MSG_commandMute__' },
      'open-dialer': { suggested_key: { default: 'Alt+Shift+D' }, description: '__MSG_commandOpenDialer__' },
      // Chrome suggests at most four keys: these two wait for the rep to pick one (chrome://extensions/shortcuts).
      'hold-resume': { description: '__MSG_commandHold__' },
      transfer: { description: '__MSG_commandTransfer__' },
    },
    ...(browser === 'firefox'
      ? { browser_specific_settings: { gecko: { id: 'yobidashi@yobidashi.app', strict_min_version: '115.0' } } }
      : {}),
  }),
});
