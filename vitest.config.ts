import { defineConfig } from 'vitest/config';
import preact from '@preact/preset-vite';

// Three projects: the server in Node, the extension's logic and UI in happy-dom, and end-to-end
// tests that drive the built extension in a real Chromium against a real server.
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
    ],
  },
});
