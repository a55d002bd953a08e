/// <reference types="node" />
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

const root = fileURLToPath(new URL('../../../', import.meta.url));
/** The add-on id (wxt.config.ts `browser_specific_settings.gecko.id`): what Firefox policies name. */
export const ADDON_ID = 'yobidashi@yobidashi.app';

/**
 * The Firefox builds under test, each in its own folder so a Chromium test's rebuild never swaps files
 * under a running Firefox: `e2e` aliases the Twilio SDK to the fake (as in Chromium), `smoke` is the
 * production build with the real SDK.
 */
const builds = {
  e2e: { dir: path.join(root, '.output', 'firefox-mv2-e2e'), options: "{ browser: 'firefox', mode: 'e2e' }" },
  smoke: {
    dir: path.join(root, '.output', 'smoke-firefox-mv2'),
    options: "{ browser: 'firefox', mode: 'production', outDirTemplate: 'smoke-{{browser}}-mv{{manifestVersion}}' }",
  },
} as const;
const built = new Set<string>();

/** Builds once per test process; YB_E2E_SKIP_BUILD=1 reuses the last build. */
export function buildFirefoxExtension(kind: keyof typeof builds): string {
  const { dir, options } = builds[kind];
  if (built.has(kind) || (process.env.YB_E2E_SKIP_BUILD && existsSync(dir))) return dir;
  const script = `import { build } from 'wxt'; await build(${options});`;
  execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, stdio: 'pipe', env: { ...process.env, FORCE_COLOR: '0' } });
  if (!existsSync(path.join(dir, 'manifest.json'))) throw new Error(`the extension was not built into ${dir}`);
  built.add(kind);
  return dir;
}

/** Debian's firefox-esr (`which firefox-esr`); puppeteer never downloads a browser here. */
export function firefoxPath(): string {
  for (const candidate of [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox']) {
    if (candidate && existsSync(candidate)) return candidate;
  }
  throw new Error('Firefox not found: apt-get install -y firefox-esr (or set FIREFOX_PATH)');
}

export interface LaunchedFirefox {
  browser: Browser;
  /** The options page the add-on opened on install: our window into the extension. */
  options: Page;
  /** An extension page the add-on opened (found by its own location: BiDi reports it as about:blank). */
  extensionPage(file: string): Promise<Page>;
  /** Asks the add-on to open one of its pages in a tab (the driver may not navigate to moz-extension://). */
  openExtensionPage(file: string): Promise<Page>;
  close(): Promise<void>;
}

export interface FirefoxOptions {
  build?: keyof typeof builds;
  /** Host names resolved to 127.0.0.1 (Firefox's `network.dns.localDomains`), e.g. crm.zoho.jp. */
  loopbackHosts?: string[];
  /** What the organisation's policy hands the add-on through `storage.managed`. */
  managed?: Record<string, unknown>;
}

/**
 * firefox-esr over WebDriver BiDi with the add-on installed as a temporary add-on. CRM fixture pages are
 * served with the test-only certificate (accepted for this session); the microphone is Firefox's fake one.
 * Managed settings are given the way Firefox reads them on Linux without policies.json: a managed storage
 * manifest under $HOME/.mozilla/managed-storage, with HOME pointed at a temporary folder.
 */
export async function launchFirefox(options: FirefoxOptions = {}): Promise<LaunchedFirefox> {
  const dir = buildFirefoxExtension(options.build ?? 'e2e');
  const home = mkdtempSync(path.join(tmpdir(), 'yobidashi-firefox-'));
  if (options.managed) {
    const folder = path.join(home, '.mozilla', 'managed-storage');
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, `${ADDON_ID}.json`), JSON.stringify({ name: ADDON_ID, description: 'test policy', type: 'storage', data: options.managed }));
  }
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxPath(),
    headless: true,
    acceptInsecureCerts: true,
    env: { ...process.env, HOME: home },
    extraPrefsFirefox: {
      'network.dns.localDomains': (options.loopbackHosts ?? []).join(','),
      'media.navigator.streams.fake': true,
      'media.navigator.permission.disabled': true,
      'intl.accept_languages': 'en-US, en',
      'intl.locale.requested': 'en-US',
    },
  });
  await browser.installExtension(dir);
  const extensionPage = async (file: string) => {
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      for (const page of await browser.pages()) {
        const href = await page.evaluate(() => location.href).catch(() => '');
        if (href.startsWith('moz-extension://') && new URL(href).pathname === `/${file}`) return page;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`the add-on never opened ${file}`);
  };
  const options_ = await extensionPage('options.html');
  return {
    browser,
    options: options_,
    extensionPage,
    async openExtensionPage(file) {
      const before = new Set(await browser.pages());
      await options_.evaluate((url) => (globalThis as unknown as FirefoxExtensionGlobal).browser.tabs.create({ url }).then(() => undefined), `/${file}`);
      const deadline = Date.now() + 15_000;
      while (Date.now() < deadline) {
        for (const page of await browser.pages()) {
          if (before.has(page)) continue;
          const href = await page.evaluate(() => location.href).catch(() => '');
          if (href.endsWith(`/${file}`)) return page;
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      throw new Error(`${file} did not open`);
    },
    async close() {
      await browser.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
}

interface FirefoxExtensionGlobal {
  browser: { runtime: { sendMessage(message: unknown): Promise<unknown> }; tabs: { create(o: { url: string }): Promise<unknown> } };
}

/** Sends a protocol message from one of our pages, as the popup or the options page would. */
export function sendFrom<T = unknown>(page: Page, message: Record<string, unknown>): Promise<T> {
  return page.evaluate((m) => (globalThis as unknown as FirefoxExtensionGlobal).browser.runtime.sendMessage(m), message) as Promise<T>;
}

/** The page as the shared fake-SDK driver (test/e2e/support/fake-sdk-driver.ts) wants it: evaluate(fn, arg). */
export function evaluator(page: Page) {
  return { evaluate: <R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R> => page.evaluate(fn as never, arg) as Promise<R> };
}
