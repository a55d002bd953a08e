/// <reference types="node" />
import { readFileSync } from 'node:fs';
import { fixtureTls } from '../../support/tls.ts';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { saveStoredTwilio } from '../../../server/store/phone-config-store.ts';
import type { AppDeps } from '../../../server/http/deps.ts';
import { createTestApp, type TestApp, type TestClock } from '../../server/support/app.ts';

/** The Twilio account the test server is set up with (SIDs in Twilio's shapes); the Twilio emulator takes the same. */
export const E2E_TWILIO = {
  accountSid: `AC${'a1'.repeat(16)}`,
  authToken: '9f'.repeat(16),
  apiKeySid: `SK${'b2'.repeat(16)}`,
  apiKeySecret: 'e2e-api-key-secret-0123456789abcd',
  twimlAppSid: `AP${'c3'.repeat(16)}`,
} as const;

export interface RunningServer {
  url: string;
  testApp: TestApp;
  close(): Promise<void>;
}

/**
 * The real server (createApp on an in-memory PGlite store) on a free loopback port. `deps.twilioApiUrl`
 * points its Twilio REST calls at the Twilio emulator (call-control tests); `clock` is the server's time.
 */
export async function startServer(options: { deps?: Partial<AppDeps>; clock?: TestClock } = {}): Promise<RunningServer> {
  const testApp = await createTestApp({ ...(options.deps ? { deps: options.deps } : {}), ...(options.clock ? { clock: options.clock } : {}) });
  // A Twilio account as the admin's setup leaves it (the SIDs' shapes are Twilio's; Twilio is never called:
  // access tokens are signed locally with the API key secret).
  await saveStoredTwilio(
    testApp.store.db,
    {
      accountSid: E2E_TWILIO.accountSid,
      authTokenSealed: testApp.deps.secretBox.seal(E2E_TWILIO.authToken),
      apiKeySid: E2E_TWILIO.apiKeySid,
      apiKeySecretSealed: testApp.deps.secretBox.seal(E2E_TWILIO.apiKeySecret),
      twimlAppSid: E2E_TWILIO.twimlAppSid,
    },
    testApp.clock.now(),
  );
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: testApp.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    testApp,
    async close() {
      await new Promise((resolve) => server.close(resolve));
      await testApp.close();
    },
  };
}

/**
 * Serves saved CRM page fixtures at any path over TLS, so `https://crm.zoho.jp:<port>/crm/org…/tab/Leads/<id>`
 * (crm.zoho.jp mapped to 127.0.0.1 by Chromium's host resolver rules; Chromium upgrades zoho.jp to HTTPS, so
 * plain HTTP is not an option) looks like a Zoho record page.
 */
export async function startFixtureServer(routes: Record<string, string>): Promise<{ port: number; close(): Promise<void> }> {
  const server: Server = createServer(fixtureTls(), (request, response) => {
    const pathname = new URL(request.url ?? '/', 'http://x').pathname;
    const file = routes[pathname];
    if (!file) {
      response.writeHead(404).end('not found');
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

