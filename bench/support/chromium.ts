/**
 * Debian's Chromium (never a downloaded one) in the new headless mode, with Zoho host names resolved to
 * the loopback interface so generated pages stand at crm.zoho.jp:<port>. Optionally with an unpacked
 * extension loaded (a persistent context is the only way Chromium loads one).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const ZOHO_HOST = 'crm.zoho.jp';

const BASE_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  `--host-resolver-rules=MAP ${ZOHO_HOST} 127.0.0.1`,
];

export function chromiumPath(): string {
  if (process.env.CHROMIUM_PATH && existsSync(process.env.CHROMIUM_PATH)) return process.env.CHROMIUM_PATH;
  try {
    const found = execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim();
    if (found) return found;
  } catch {
    // fall through to the usual places
  }
  for (const candidate of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) if (existsSync(candidate)) return candidate;
  throw new Error('Chromium not found: apt-get install -y chromium (or set CHROMIUM_PATH)');
}

export interface LaunchedChromium {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launchChromium(options: { extensionDir?: string } = {}): Promise<LaunchedChromium> {
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'yobidashi-bench-'));
  const extensionArgs = options.extensionDir
    ? [`--load-extension=${options.extensionDir}`, `--disable-extensions-except=${options.extensionDir}`]
    : [];
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: false, // '--headless=new' below: the mode that runs extensions
    locale: 'ja-JP',
    ignoreHTTPSErrors: true, // pages at crm.zoho.jp use the test-only certificate (test/fixtures/tls)
    viewport: { width: 1280, height: 800 },
    args: [...BASE_ARGS, '--lang=ja-JP', ...extensionArgs],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
