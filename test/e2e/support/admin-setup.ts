/// <reference types="node" />
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import twilio from 'twilio';
import { incomingNumberSchema } from '../../../server/phone-config/schema.ts';
import { saveStoredTwilio } from '../../../server/store/phone-config-store.ts';
import { startFakeTwilioRest } from '../../emulators/twilio-rest/fake-twilio-rest.ts';
import { createTestApp, PUBLIC_URL, type TestApp } from '../../server/support/app.ts';
import { chromiumPath } from './extension.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
/**
 * The admin tests build the e2e extension into their own folder: the rep's browser tests rebuild
 * `.output/chrome-mv3-e2e` and may do so while this file's Chromium has it loaded.
 */
export const adminExtensionDir = path.join(root, '.output', 'admin-chrome-mv3-e2e');

export function buildAdminExtension(): string {
  if (process.env.YB_E2E_SKIP_BUILD && existsSync(adminExtensionDir)) return adminExtensionDir;
  const script = `import { build } from 'wxt'; await build({ mode: 'e2e', outDirTemplate: 'admin-{{browser}}-mv{{manifestVersion}}{{modeSuffix}}' });`;
  execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, stdio: 'pipe', env: { ...process.env, FORCE_COLOR: '0' } });
  if (!existsSync(path.join(adminExtensionDir, 'manifest.json'))) throw new Error(`the extension was not built into ${adminExtensionDir}`);
  return adminExtensionDir;
}

export interface AdminBrowser {
  context: BrowserContext;
  extensionId: string;
  openPage(page: string): Promise<Page>;
  close(): Promise<void>;
}

/** Debian's Chromium with the admin build of the extension, in English. */
export async function launchAdminBrowser(): Promise<AdminBrowser> {
  const dir = buildAdminExtension();
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'yobidashi-admin-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: false, // --headless=new below runs extensions
    locale: 'en-US',
    args: [
      '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', '--lang=en-US',
      `--load-extension=${dir}`, `--disable-extensions-except=${dir}`,
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    extensionId,
    async openPage(page) {
      const tab = await context.newPage();
      await tab.goto(`chrome-extension://${extensionId}/${page}`);
      // The options tab opened on install may come up later and hide this one: a background tab gets
      // throttled animation frames, which every Playwright action waits on.
      await tab.bringToFront();
      return tab;
    },
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export type FakeTwilio = Awaited<ReturnType<typeof startFakeTwilioRest>>;

export interface AdminServer {
  url: string;
  publicUrl: string;
  testApp: TestApp;
  twilioApi: FakeTwilio;
  /** POSTs a webhook to the running server signed as Twilio signs it (over PUBLIC_URL + path + params). */
  twilioWebhook(publicUrlOfRequest: string, params: Record<string, string>, authToken: string): Promise<Response>;
  close(): Promise<void>;
}

/** The real server on a free port, with Twilio's REST API played by the stateful fake. */
export async function startAdminServer(): Promise<AdminServer> {
  const twilioApi = await startFakeTwilioRest();
  const testApp = await createTestApp({ deps: { twilioApiUrl: twilioApi.url, publicUrl: PUBLIC_URL } });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: testApp.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    publicUrl: PUBLIC_URL,
    testApp,
    twilioApi,
    twilioWebhook: (publicUrlOfRequest, params, authToken) => {
      const signature = twilio.getExpectedTwilioSignature(authToken, publicUrlOfRequest, params);
      return fetch(publicUrlOfRequest.replace(PUBLIC_URL, url), {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': signature },
        body: new URLSearchParams(params).toString(),
      });
    },
    async close() {
      await new Promise((resolve) => server.close(resolve));
      await testApp.close();
      await twilioApi.close();
    },
  };
}

/** Twilio set up as the admin's setup leaves it (an account, its API key and TwiML App), so a rep's phone can get a token and go online. */
export async function storeTwilioAsSetUp(server: AdminServer, friendlyName = '山田商事 本番'): Promise<void> {
  const account = server.twilioApi.fake.addAccount({ friendly_name: friendlyName, type: 'Full' });
  const { secretBox } = server.testApp.deps;
  await saveStoredTwilio(
    server.testApp.store.db,
    {
      accountSid: account.account.sid,
      authTokenSealed: secretBox.seal(account.account.authToken),
      apiKeySid: `SK${'b2'.repeat(16)}`,
      apiKeySecretSealed: secretBox.seal('e2e-api-key-secret-0123456789abcd'),
      twimlAppSid: `AP${'c3'.repeat(16)}`,
    },
    server.testApp.clock.now(),
  );
}

/**
 * An incoming number stored as the server stores a checked one, without the whole-document save (a
 * rep's test outgoing number would fail it).
 */
export async function storeIncomingNumber(server: AdminServer, definition: unknown): Promise<void> {
  const { number, ...stored } = incomingNumberSchema.parse(definition);
  await server.testApp.store.db
    .insertInto('incoming_numbers')
    .values({ number, position: 0, definition: JSON.stringify(stored), twilio_sid: null, previous_twilio: null, updated_at: server.testApp.clock.now() })
    .execute();
}
