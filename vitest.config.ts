import { defineConfig } from 'vitest/config';
import preact from '@preact/preset-vite';

// Four projects: the server in Node, the extension's logic and UI in happy-dom, and end-to-end
// tests that drive the built extension in a real Chromium and a real Firefox against a real server.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'server',
          environment: 'node',
          include: ['test/server/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        plugins: [preact()],
        resolve: { alias: { '@': new URL('./extension', import.meta.url).pathname } },
        test: {
          name: 'extension',
          environment: 'happy-dom',
          include: ['test/extension/**/*.test.{ts,tsx}'],
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
      {
        // The same extension in Debian's firefox-esr over WebDriver BiDi (puppeteer-core): its own group,
        // after the others, so its builds and browsers never overlap Chromium's on a small machine.
        test: {
          name: 'e2e-firefox',
          environment: 'node',
          include: ['test/e2e-firefox/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
