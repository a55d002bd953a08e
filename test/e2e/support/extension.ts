/// <reference types="node" />
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';

const root = fileURLToPath(new URL('../../../', import.meta.url));
/** `wxt build --mode e2e` writes here (mode suffix): the Twilio SDK replaced by fake-voice-sdk.ts. */
export const extensionDir = path.join(root, '.output', 'chrome-mv3-e2e');

let built = false;
/** Builds the extension once per test process (a few seconds). YB_E2E_SKIP_BUILD=1 reuses the last build. */
export function buildExtension(): string {
  if (built || (process.env.YB_E2E_SKIP_BUILD && existsSync(extensionDir))) return extensionDir;
  execFileSync(path.join(root, 'node_modules', '.bin', 'wxt'), ['build', '--mode', 'e2e'], {
    cwd: root,
    stdio: 'pipe',
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  built = true;
  return extensionDir;
}

export function chromiumPath(): string {
  for (const candidate of [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser']) {
    if (candidate && existsSync(candidate)) return candidate;
  }
  throw new Error('Chromium not found: apt-get install -y chromium (or set CHROMIUM_PATH)');
}

export interface LaunchedExtension {
  context: BrowserContext;
  extensionId: string;
  worker: Worker;
  url(page: string): string;
  openPage(page: string): Promise<Page>;
  close(): Promise<void>;
}

/**
 * Debian's Chromium with the built extension, a fake microphone that is always allowed, and the given
 * host names resolved to the loopback interface (so a fixture page can stand at crm.zoho.jp).
 * `dir`: another build than the e2e one (the production build with the real Twilio SDK).
 */
export async function launchWithExtension(options: { loopbackHosts?: string[]; dir?: string } = {}): Promise<LaunchedExtension> {
  const dir = options.dir ?? buildExtension();
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'yobidashi-e2e-'));
  const hostRules = (options.loopbackHosts ?? []).map((host) => `MAP ${host} 127.0.0.1`).join(', ');
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: false, // the new headless mode is asked for below; it runs extensions
    locale: 'en-US',
    ignoreHTTPSErrors: true, // CRM fixture pages are served with the test-only certificate (test/fixtures/tls)
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      '--lang=en-US',
      `--load-extension=${dir}`,
      `--disable-extensions-except=${dir}`,
      ...(hostRules ? [`--host-resolver-rules=${hostRules}`] : []),
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  const extensionId = new URL(worker.url()).host;
  const url = (page: string) => `chrome-extension://${extensionId}/${page}`;
  return {
    context,
    extensionId,
    worker,
    url,
    async openPage(page) {
      const tab = await context.newPage();
      await tab.goto(url(page));
      return tab;
    },
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Sends a protocol message from one of our extension pages, as the popup or options page would. */
export async function sendFromPage<T = unknown>(page: Page, message: Record<string, unknown>): Promise<T> {
  return page.evaluate((m) => chrome.runtime.sendMessage(m), message) as Promise<T>;
}

declare const chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };
