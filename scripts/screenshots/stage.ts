import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { chromiumPath } from '../../test/e2e/support/extension.ts';
import { startAdminServer, type AdminServer } from '../../test/e2e/support/admin-setup.ts';
import { fixtureTls } from '../../test/support/tls.ts';

export type Language = 'ja' | 'en';

/** What every scene works with: the real server (Twilio played by its REST fake), the built extension in Chromium. */
export interface Stage {
  server: AdminServer;
  context: BrowserContext;
  extensionId: string;
  /** `https://crm.zoho.jp:<port>` serving the saved Zoho record page. */
  crmOrigin: string;
  /** An extension page (`options.html`, `popup.html`) in a fresh tab of this size, in `language`. */
  open(page: string, language: Language, viewport: { width: number; height: number }): Promise<Page>;
  /** Sends a protocol message from an extension page, as the options page or popup would. */
  send<T = unknown>(message: Record<string, unknown>): Promise<T>;
  /** The extension page `send` works from (same origin as the offscreen document and its fake Voice SDK). */
  extensionPage(): Promise<Page>;
  /** The rep's language choice (Account › Language), for pages opened from now on. */
  setLanguage(language: Language): Promise<void>;
  close(): Promise<void>;
}

/**
 * The server on a free port (embedded database, the fake Twilio REST API), a TLS fixture server for
 * the CRM page, and Debian's Chromium with the e2e build of the extension (the Voice SDK replaced by
 * its test double: Twilio is unreachable here). Nothing listens on a fixed port.
 */
export async function openStage(root: string): Promise<Stage> {
  const server = await startAdminServer();
  const lead = readFileSync(join(root, 'test/fixtures/crm-pages/zoho-record-lead.html'));
  const pages: Server = createServer(fixtureTls(), (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(lead);
  });
  await new Promise<void>((resolve) => pages.listen(0, '127.0.0.1', resolve));
  const crmPort = (pages.address() as AddressInfo).port;

  const extension = join(root, '.output/chrome-mv3-e2e');
  const userDataDir = mkdtempSync(join(tmpdir(), 'yb-shots-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: false, // --headless=new below runs extensions
    ignoreHTTPSErrors: true,
    locale: 'ja-JP',
    args: [
      '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--lang=ja', '--font-render-hinting=none', '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream',
      '--host-resolver-rules=MAP crm.zoho.jp 127.0.0.1', `--load-extension=${extension}`, `--disable-extensions-except=${extension}`,
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  const extensionId = new URL(worker.url()).host;
  const url = (page: string) => `chrome-extension://${extensionId}/${page}`;
  // The options tab the extension opens on install is not a scene.
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  for (const page of context.pages()) if (page.url().startsWith(url(''))) await page.close();

  let control: Page | null = null;
  const extensionPage = async (): Promise<Page> => {
    control ??= await context.newPage();
    if (!control.url().startsWith(url(''))) await control.goto(url('microphone.html'));
    return control;
  };
  const send = async <T,>(message: Record<string, unknown>): Promise<T> =>
    (await extensionPage()).evaluate((m) => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage(m), message) as Promise<T>;
  const setLanguage = async (language: Language): Promise<void> =>
    (await extensionPage()).evaluate((lang) => (globalThis as unknown as { chrome: { storage: { local: { set(v: unknown): Promise<void> } } } }).chrome.storage.local.set({ languageOverride: lang }), language);

  return {
    server,
    context,
    extensionId,
    crmOrigin: `https://crm.zoho.jp:${crmPort}`,
    send,
    extensionPage,
    setLanguage,
    async open(page, language, viewport) {
      const tab = await context.newPage();
      await tab.setViewportSize(viewport);
      await tab.goto(url(page));
      // The page language is the rep's choice in storage (Account › Language): set it, then load again.
      await tab.evaluate((lang) => (globalThis as unknown as { chrome: { storage: { local: { set(v: unknown): Promise<void> } } } }).chrome.storage.local.set({ languageOverride: lang }), language);
      await tab.reload();
      await tab.bringToFront();
      return tab;
    },
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
      await new Promise<void>((resolve) => pages.close(() => resolve()));
      await server.close();
    },
  };
}
