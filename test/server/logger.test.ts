import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTwilioClient } from '../../server/twilio/rest-client.ts';
import { fixtureTls } from '../support/tls.ts';
import { capturedLog } from './support/captured-log.ts';

/**
 * Whatever code logs `{ err }` (call control logs a failed Twilio REST request that way, the app's
 * error handler any 500), the line never carries a credential: the twilio library's HTTP client
 * (axios) keeps the request on its error, Authorization header included.
 */
const ACCOUNT_SID = `AC${'1'.repeat(32)}`;
const AUTH_TOKEN = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const BASIC = Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64');

let server: ReturnType<typeof createServer>;
let url: string;
beforeAll(async () => {
  server = createServer(fixtureTls(), (_request, response) => response.end('{}'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const logged = () => capturedLog('info');

/** A Twilio REST request failing the way call control's do when TLS to Twilio fails (here: an untrusted certificate). */
async function failedTwilioRequest(): Promise<unknown> {
  const client = createTwilioClient({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, apiBaseUrl: url });
  const error = await client.calls(`CA${'7'.repeat(32)}`).update({ twiml: '<Response/>' }).then(() => null, (e: unknown) => e);
  // The hazard the logger must handle: the error itself holds the credentials.
  expect((error as { config?: { headers?: Record<string, unknown> } }).config?.headers?.Authorization).toBe(`Basic ${BASIC}`);
  return error;
}

describe('logging an error from the twilio library', () => {
  it('keeps what explains the failure and drops the request with its Authorization header', async () => {
    const { lines, logger } = logged();
    const error = await failedTwilioRequest();
    logger.error({ err: error, callSid: `CA${'7'.repeat(32)}` }, 'call control: Twilio request failed');
    const text = JSON.stringify(lines);
    expect(text).not.toContain(BASIC);
    expect(text).not.toContain(AUTH_TOKEN);
    expect(lines[0]?.err).toEqual({
      type: 'AxiosError',
      message: expect.stringContaining('certificate'),
      stack: expect.any(String),
      code: expect.stringMatching(/CERT|SIGNED/),
    });
  });

  it('an error passed as the first argument is kept the same way', async () => {
    const { lines, logger } = logged();
    logger.warn(await failedTwilioRequest());
    expect(JSON.stringify(lines)).not.toContain(BASIC);
    expect(Object.keys(lines[0]?.err as object)).not.toContain('config');
  });

  it('redacts credentials in a request or its headers logged whole by mistake', () => {
    const { lines, logger } = logged();
    const headers = { Authorization: `Basic ${BASIC}`, 'Content-Type': 'application/x-www-form-urlencoded' };
    logger.warn({ request: { headers }, config: { headers }, headers }, 'a request logged whole');
    expect(JSON.stringify(lines)).not.toContain(BASIC);
    expect(lines[0]).toMatchObject({ headers: { Authorization: '[redacted]', 'Content-Type': 'application/x-www-form-urlencoded' } });
  });
});
