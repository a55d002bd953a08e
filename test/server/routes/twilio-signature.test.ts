import { Hono } from 'hono';
import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../server/logger.ts';
import { requestedPathAndQuery, verifyTwilioSignature, type TwilioAuth, type TwilioWebhookEnv } from '../../../server/twilio/signature.ts';

const PUBLIC_URL = 'https://phone.example.jp';
const AUTH: TwilioAuth = { accountSid: `AC${'a'.repeat(32)}`, authToken: 'f'.repeat(32) };
const PARAMS = { AccountSid: AUTH.accountSid, CallSid: `CA${'1'.repeat(32)}`, From: '+819011112222', To: '+81312345678', CallerCity: '' };

function appWith(getTwilioAuth: () => Promise<TwilioAuth | null>, publicUrl: string | null = PUBLIC_URL) {
  const seen: Record<string, string>[] = [];
  const app = new Hono<TwilioWebhookEnv>();
  app.use(
    '/twilio/*',
    verifyTwilioSignature({ publicUrl, getTwilioAuth, logger: silentLogger, onUnavailable: (c) => c.text('<Response><Say>sorry</Say></Response>', 200) }),
  );
  app.post('/twilio/voice', (c) => {
    seen.push(c.get('twilioParams'));
    return c.text('ok');
  });
  return { app, seen };
}

function post(app: Hono<TwilioWebhookEnv>, path: string, body: string, signature?: string) {
  return app.request(`http://127.0.0.1:8787${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...(signature ? { 'X-Twilio-Signature': signature } : {}) },
    body,
  });
}

const sign = (url: string, params: Record<string, string | string[]>, token = AUTH.authToken) =>
  twilio.getExpectedTwilioSignature(token, url, params);

describe('Twilio webhook signatures', () => {
  it('matches the published test vector (the validator we rely on)', () => {
    const params = { CallSid: 'CA1234567890ABCDE', Caller: '+12349013030', Digits: '1234', From: '+12349013030', To: '+18005551212' };
    expect(sign('https://mycompany.com/myapp.php?foo=1&bar=2', params, '12345')).toBe('0/KCTR6DLpKmkAf8muzZqo1nDgQ=');
  });

  it('passes a signed request to the handler with decoded parameters', async () => {
    const { app, seen } = appWith(async () => AUTH);
    const path = '/twilio/voice?l=ja-JP&n=12&t=0';
    const response = await post(app, path, new URLSearchParams(PARAMS).toString(), sign(PUBLIC_URL + path, PARAMS));
    expect(response.status).toBe(200);
    expect(seen).toEqual([PARAMS]);
  });

  it('accepts the :443 variant Twilio sometimes signs', async () => {
    const { app } = appWith(async () => AUTH);
    const response = await post(app, '/twilio/voice', new URLSearchParams(PARAMS).toString(), sign('https://phone.example.jp:443/twilio/voice', PARAMS));
    expect(response.status).toBe(200);
  });

  it('signs repeated keys as Twilio does', async () => {
    const { app, seen } = appWith(async () => AUTH);
    const body = `${new URLSearchParams(PARAMS)}&Tag=b&Tag=a`;
    const response = await post(app, '/twilio/voice', body, sign(`${PUBLIC_URL}/twilio/voice`, { ...PARAMS, Tag: ['b', 'a'] }));
    expect(response.status).toBe(200);
    expect(seen[0]?.Tag).toBe('b');
  });

  const good = sign(`${PUBLIC_URL}/twilio/voice`, PARAMS);
  it.each([
    ['no signature', '/twilio/voice', PARAMS, undefined],
    ['a tampered parameter', '/twilio/voice', { ...PARAMS, From: '+819099999999' }, good],
    ['an added parameter', '/twilio/voice', { ...PARAMS, Digits: '1' }, good],
    ['a tampered query', '/twilio/voice?n=1', PARAMS, good],
    ['a signature made with another token', '/twilio/voice', PARAMS, sign(`${PUBLIC_URL}/twilio/voice`, PARAMS, 'e'.repeat(32))],
    ['another account, correctly signed', '/twilio/voice', { ...PARAMS, AccountSid: `AC${'b'.repeat(32)}` }, sign(`${PUBLIC_URL}/twilio/voice`, { ...PARAMS, AccountSid: `AC${'b'.repeat(32)}` })],
  ])('refuses %s with 403 and never reaches the handler', async (_name, path, params, signature) => {
    const { app, seen } = appWith(async () => AUTH);
    const response = await post(app, path, new URLSearchParams(params).toString(), signature);
    expect(response.status).toBe(403);
    expect(seen).toEqual([]);
  });

  it('refuses every webhook while the Auth Token is not configured', async () => {
    const { app, seen } = appWith(async () => null);
    expect((await post(app, '/twilio/voice', new URLSearchParams(PARAMS).toString(), good)).status).toBe(403);
    expect(seen).toEqual([]);
  });

  it('refuses every webhook while PUBLIC_URL is not configured', async () => {
    const { app } = appWith(async () => AUTH, null);
    expect((await post(app, '/twilio/voice', new URLSearchParams(PARAMS).toString(), good)).status).toBe(403);
  });

  it('speaks instead of failing when the Auth Token cannot be read (database down)', async () => {
    const { app, seen } = appWith(async () => {
      throw new Error('connection refused');
    });
    const response = await post(app, '/twilio/voice', new URLSearchParams(PARAMS).toString(), good);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<Say>');
    expect(seen).toEqual([]);
  });

  it.each([
    ['http://127.0.0.1:8787/twilio/voice?n=1&q=a.b', '/twilio/voice?n=1&q=a.b'],
    ['http://localhost/twilio/status', '/twilio/status'],
    ['http://h/x?a=%2B81&b=c%20d', '/x?a=%2B81&b=c%20d'],
  ])('keeps path and query of %s byte for byte', (raw, expected) => {
    expect(requestedPathAndQuery(raw)).toBe(expected);
  });
});
