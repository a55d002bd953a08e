import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../server/logger.ts';
import { fixtureTls } from '../../support/tls.ts';
import { wordedAs } from '../support/worded.ts';
import { createAdminHarness, type AdminHarness } from './harness.ts';

/**
 * Twilio reached through something that is not Twilio: a TLS-inspecting corporate proxy (a certificate
 * the server does not trust), or a captive portal answering 200 with a web page. Step 1 says Twilio
 * could not be reached or answered wrongly (502), never 500; and the Auth Token, which the failed
 * request carries in its Authorization header, never reaches the log.
 */
const ACCOUNT_SID = `AC${'1'.repeat(32)}`;
const AUTH_TOKEN = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const BASIC = Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64');

let t: AdminHarness;
let server: HttpServer;
afterEach(async () => {
  await t.close();
  await new Promise((resolve) => server.close(resolve));
});

async function listen(created: HttpServer, scheme: 'http' | 'https') {
  server = created;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `${scheme}://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function capturedLog() {
  const lines: string[] = [];
  const logger = createLogger('info', new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) }));
  return { logger, text: () => lines.join('') };
}

describe('Step 1 when something other than Twilio answers', () => {
  it('a certificate the server does not trust (a TLS-inspecting proxy) → “could not reach Twilio”, and the token stays out of the log', async () => {
    const url = await listen(createHttpsServer(fixtureTls(), (_request, response) => response.end('{}')), 'https');
    const log = capturedLog();
    t = await createAdminHarness({ url } as never, { logger: log.logger });
    const response = await t.api('PUT', '/api/twilio/account', { body: { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN } });
    const body = await response.json();
    expect({ status: response.status, code: (body as { error: { code: string } }).error.code }).toEqual({ status: 502, code: 'twilio_unreachable' });
    expect(wordedAs('ja', body)).toContain('サーバーから Twilio に接続できませんでした');
    expect(log.text()).not.toContain(BASIC);
    expect(log.text()).not.toContain(AUTH_TOKEN);
  });

  it('a captive portal answering 200 with a web page → “Twilio is having a problem”, not a 500', async () => {
    const portal = createHttpServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<html><body>Please sign in to the guest Wi-Fi</body></html>');
    });
    const url = await listen(portal, 'http');
    t = await createAdminHarness({ url } as never);
    const response = await t.api('PUT', '/api/twilio/account', { body: { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN } });
    expect(response.status).toBe(502);
    expect(await response.json()).toMatchObject({ error: { code: 'twilio_unavailable' } });
  });
});
