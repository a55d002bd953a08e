import { describe, expect, it } from 'vitest';
import { loadStoredTwilio, loadTwilioCredentials } from '../../../server/store/phone-config-store.ts';
import { newApplication, newNumber } from '../../emulators/twilio-rest/state.ts';
import { freshAdminEachTest, newTwilioAccount, PUBLIC_URL } from './harness.ts';
import { wordedAs } from '../support/worded.ts';

const { twilioApi, t } = freshAdminEachTest();

const authenticate = (body: unknown, headers: Record<string, string> = {}) => t.api('PUT', '/api/twilio/account', { body, headers });

describe('Step 1: authenticating Twilio', () => {
  it('shows an unconfigured account before the admin authenticates', async () => {
    const response = await t.api('GET', '/api/twilio/account');
    expect(await response.json()).toEqual({
      configured: false, accountSid: null, friendlyName: null, status: null, type: null, authToken: null, apiKeySid: null, twimlAppSid: null,
    });
  });

  it('validates the credentials, creates the API key and TwiML App, and never shows a secret again', async () => {
    const { data, credentials } = newTwilioAccount(twilioApi, { friendly_name: '株式会社サンプル', type: 'Trial' });
    const response = await authenticate(credentials);
    expect(response.status).toBe(200);
    const text = await response.text();
    const [apiKey] = [...data.keys.values()];
    const [app] = [...data.applications.values()];
    expect(JSON.parse(text)).toEqual({
      configured: true,
      accountSid: credentials.accountSid,
      friendlyName: '株式会社サンプル',
      status: 'active',
      type: 'Trial',
      authToken: `••••${credentials.authToken.slice(-4)}`,
      apiKeySid: apiKey?.sid,
      twimlAppSid: app?.sid,
      created: { apiKey: true, twimlApp: true },
    });
    expect(app).toMatchObject({ voice_url: `${PUBLIC_URL}/twilio/voice/outgoing`, status_callback: `${PUBLIC_URL}/twilio/status` });
    expect(text).not.toContain(credentials.authToken);
    expect(text).not.toContain(apiKey!.secret);

    const stored = await loadTwilioCredentials(t.store.db, t.deps.secretBox);
    expect(stored).toEqual({ ...credentials, apiKeySid: apiKey!.sid, apiKeySecret: apiKey!.secret, twimlAppSid: app!.sid });
    const sealed = JSON.stringify(await loadStoredTwilio(t.store.db));
    expect(sealed).not.toContain(credentials.authToken);
    expect(sealed).not.toContain(apiKey!.secret);

    const read = await (await t.api('GET', '/api/twilio/account')).text();
    expect(JSON.parse(read)).toMatchObject({ configured: true, friendlyName: '株式会社サンプル', type: 'Trial', authToken: `••••${credentials.authToken.slice(-4)}` });
    expect(read).not.toContain(credentials.authToken);
  });

  it.each([
    ['ja', 'アカウント SID または Auth Token が Twilio に拒否されました'],
    ['en', 'Twilio rejected the Account SID or Auth Token'],
  ] as const)('wrong token (Twilio 20003) → a sentence in the admin’s language (%s), and nothing stored', async (language, sentence) => {
    const { data, credentials } = newTwilioAccount(twilioApi);
    const response = await authenticate({ ...credentials, authToken: 'f'.repeat(32) });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; message: string; twilioCode: number } };
    expect(body.error.code).toBe('twilio_auth_failed');
    expect(body.error.twilioCode).toBe(20003);
    expect(wordedAs(language, body)).toContain(sentence);
    expect(await loadStoredTwilio(t.store.db)).toEqual({});
    expect(data.keys.size + data.applications.size).toBe(0);
  });

  it.each([
    ['suspended', 'twilio_account_suspended', 'This Twilio account is suspended'],
    ['closed', 'twilio_account_closed', 'This Twilio account is closed'],
  ] as const)('refuses a %s account and stores nothing', async (status, code, sentence) => {
    const { data, credentials } = newTwilioAccount(twilioApi, { status });
    const response = await authenticate(credentials);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code, message: expect.stringContaining(sentence) } });
    expect(await loadStoredTwilio(t.store.db)).toEqual({});
    expect(data.keys.size).toBe(0);
  });

  it('re-running is idempotent: the same key and app, no second one on Twilio', async () => {
    const { data, credentials } = newTwilioAccount(twilioApi);
    const first = (await (await authenticate(credentials)).json()) as { apiKeySid: string; twimlAppSid: string };
    const again = await authenticate(credentials);
    expect(await again.json()).toMatchObject({ apiKeySid: first.apiKeySid, twimlAppSid: first.twimlAppSid, created: { apiKey: false, twimlApp: false } });
    expect([data.keys.size, data.applications.size]).toEqual([1, 1]);
    expect((await loadTwilioCredentials(t.store.db, t.deps.secretBox))?.apiKeySecret).toBe(data.keys.get(first.apiKeySid)?.secret);
  });

  it.each([
    [429, 20429],
    [503, 20503],
  ] as const)('retried after Twilio answered %s to the API key, leaves one TwiML App: the first one is found and kept', async (status, code) => {
    const { data, credentials } = newTwilioAccount(twilioApi);
    twilioApi.fake.faults.push({ method: 'POST', path: /\/Keys\.json$/, status, code, message: 'Try again later' });
    expect((await authenticate(credentials)).status).toBe(502);
    const [first] = [...data.applications.keys()];
    const retry = await authenticate(credentials);
    expect(retry.status).toBe(200);
    expect(await retry.json()).toMatchObject({ twimlAppSid: first, created: { apiKey: true, twimlApp: false } });
    expect([...data.applications.keys()]).toEqual([first]);
  });

  it('never takes over a TwiML App of the same name pointing at another server (a staging one on the same account)', async () => {
    const { data, credentials } = newTwilioAccount(twilioApi);
    const staging = newApplication({ friendly_name: 'Yobidashi outgoing calls', voice_url: 'https://staging.example.jp/twilio/voice/outgoing' });
    data.applications.set(staging.sid, staging);
    const response = await authenticate(credentials);
    expect(await response.json()).toMatchObject({ created: { twimlApp: true } });
    expect(staging.voice_url).toBe('https://staging.example.jp/twilio/voice/outgoing');
    expect(data.applications.size).toBe(2);
  });

  it('switching accounts deletes our key and app on the old one, gives its numbers back, and forgets them', async () => {
    const old = newTwilioAccount(twilioApi);
    const number = newNumber('+81312345678', { voice_url: 'https://old.example.com/voice' });
    old.data.numbers.set(number.sid, number);
    await authenticate(old.credentials);
    await t.addUser({ id: 'sato' });
    await t.addNumber({ number: '+81312345678' });
    expect((await t.api('POST', `/api/twilio/numbers/${number.sid}/connect`, { body: { confirm: true } })).status).toBe(200);
    expect(number.voice_url).toBe(`${PUBLIC_URL}/twilio/voice`);

    const next = newTwilioAccount(twilioApi);
    const response = await authenticate(next.credentials);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      accountSid: next.credentials.accountSid,
      previousAccount: {
        accountSid: old.credentials.accountSid,
        cleanup: { apiKeyDeleted: true, twimlAppDeleted: true, numbersRestored: 1, left: { apiKeySid: null, twimlAppSid: null, numbers: [] } },
      },
    });
    expect([old.data.keys.size, old.data.applications.size]).toEqual([0, 0]);
    expect([next.data.keys.size, next.data.applications.size]).toEqual([1, 1]);
    expect(number.voice_url).toBe('https://old.example.com/voice');
    const rows = await t.store.db.selectFrom('incoming_numbers').select(['twilio_sid', 'previous_twilio']).execute();
    expect(rows).toEqual([{ twilio_sid: null, previous_twilio: null }]);
  });

  it('still switches when the old account can no longer be reached, and says what was left behind', async () => {
    const old = newTwilioAccount(twilioApi);
    const number = newNumber('+81312345678', { voice_url: 'https://old.example.com/voice' });
    old.data.numbers.set(number.sid, number);
    const first = (await (await authenticate(old.credentials)).json()) as { apiKeySid: string; twimlAppSid: string };
    await t.addUser({ id: 'sato' });
    await t.addNumber({ number: '+81312345678' });
    expect((await t.api('POST', `/api/twilio/numbers/${number.sid}/connect`, { body: { confirm: true } })).status).toBe(200);
    old.data.account.authToken = 'e'.repeat(32); // rotated in the Twilio Console meanwhile
    const next = newTwilioAccount(twilioApi);
    const response = await authenticate(next.credentials);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      accountSid: next.credentials.accountSid,
      previousAccount: {
        cleanup: {
          apiKeyDeleted: false, twimlAppDeleted: false, problem: { code: 'twilio_auth_failed' },
          left: { apiKeySid: first.apiKeySid, twimlAppSid: first.twimlAppSid, numbers: ['+81312345678'] },
        },
      },
    });
  });

  it('reports a Twilio failure when reading the stored account instead of failing the page', async () => {
    const { data, credentials } = newTwilioAccount(twilioApi);
    await authenticate(credentials);
    data.account.authToken = 'e'.repeat(32);
    const response = await t.api('GET', '/api/twilio/account');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ configured: true, friendlyName: null, problem: { code: 'twilio_auth_failed' } });
  });

  it.each([
    [{ accountSid: 'AC123', authToken: 'f'.repeat(32) }, 'accountSid'],
    [{ accountSid: `AC${'a'.repeat(32)}` }, 'authToken'],
  ])('refuses malformed input before asking Twilio (%j)', async (body, field) => {
    const response = await authenticate(body);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'invalid_input', issues: [{ path: field }] } });
  });

  it('is for admins only', async () => {
    await t.addUser({ id: 'sato', email: 'sato@example.jp' });
    const rep = await t.signIn('sato@example.jp');
    expect((await t.api('GET', '/api/twilio/account', { token: rep })).status).toBe(403);
    expect((await t.api('PUT', '/api/twilio/account', { token: null, body: {} })).status).toBe(401);
  });
});
