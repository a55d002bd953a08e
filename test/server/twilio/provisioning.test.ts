import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeTwilioError } from '../../../server/twilio/errors.ts';
import {
  cleanupAccount, ensureVoiceApp, listIncomingNumbers, pointNumberAtServer, restoreNumber, validateAccount,
} from '../../../server/twilio/provisioning.ts';
import { createTwilioClient } from '../../../server/twilio/rest-client.ts';
import { setupCheck } from '../../../server/twilio/setup-check.ts';
import { startFakeTwilioRest } from '../../emulators/twilio-rest/fake-twilio-rest.ts';
import { newNumber, sid } from '../../emulators/twilio-rest/state.ts';

const PUBLIC_URL = 'https://yobidashi.example.jp';

let twilioApi: Awaited<ReturnType<typeof startFakeTwilioRest>>;
beforeAll(async () => {
  twilioApi = await startFakeTwilioRest();
});
afterAll(() => twilioApi.close());

function accountWithClient(overrides: Parameters<typeof twilioApi.fake.addAccount>[0] = {}) {
  const data = twilioApi.fake.addAccount(overrides);
  const client = createTwilioClient({ accountSid: data.account.sid, authToken: data.account.authToken, apiBaseUrl: twilioApi.url });
  return { data, client };
}

function requestsTo(accountSid: string, method: string, collection: string) {
  return twilioApi.fake.requests.filter((r) => r.method === method && r.path === `/2010-04-01/Accounts/${accountSid}/${collection}`);
}

describe('Step 1: Twilio authentication', () => {
  it('shows the account’s name, status and trial/full type', async () => {
    const { data, client } = accountWithClient({ friendly_name: '株式会社サンプル', type: 'Trial' });
    expect((await validateAccount(client, data.account.sid)).summary).toEqual({
      sid: data.account.sid, friendlyName: '株式会社サンプル', status: 'active', type: 'Trial',
    });
  });

  it('tells the admin that the SID or token is wrong (twilio_auth_failed, worded by the extension)', async () => {
    const { data } = accountWithClient();
    const client = createTwilioClient({ accountSid: data.account.sid, authToken: 'wrong-token', apiBaseUrl: twilioApi.url });
    const error = await validateAccount(client, data.account.sid).catch((e: unknown) => e);
    expect(describeTwilioError(error)).toMatchObject({
      code: 'twilio_auth_failed',
      twilioCode: 20003,
      httpStatus: 401,
      moreInfo: 'https://www.twilio.com/docs/errors/20003',
    });
  });

  it.each([['suspended', 'twilio_account_suspended'], ['closed', 'twilio_account_closed']] as const)(
    'refuses a %s account with a sentence the admin understands',
    async (status, code) => {
      const { data, client } = accountWithClient({ status });
      const error = await validateAccount(client, data.account.sid).catch((e: unknown) => e);
      expect(describeTwilioError(error)?.code).toBe(code);
    },
  );

  it('creates the API key and the TwiML App for outgoing calls the first time', async () => {
    const { data, client } = accountWithClient();
    const result = await ensureVoiceApp({ client, publicUrl: PUBLIC_URL, existing: {} });

    expect(result.created).toEqual({ apiKey: true, twimlApp: true });
    expect(result.apiKeySecret).toBe(data.keys.get(result.apiKeySid)?.secret);
    expect(data.applications.get(result.twimlAppSid)).toMatchObject({
      voice_url: `${PUBLIC_URL}/twilio/voice/outgoing`,
      voice_method: 'POST',
      status_callback: `${PUBLIC_URL}/twilio/status`,
      status_callback_method: 'POST',
    });
  });

  it('re-running is idempotent: no second key or app, and no secret to overwrite', async () => {
    const { data, client } = accountWithClient();
    const first = await ensureVoiceApp({ client, publicUrl: PUBLIC_URL, existing: {} });
    const again = await ensureVoiceApp({ client, publicUrl: PUBLIC_URL, existing: first });

    expect(again).toEqual({ apiKeySid: first.apiKeySid, twimlAppSid: first.twimlAppSid, created: { apiKey: false, twimlApp: false }, updatedTwimlApp: false });
    expect([data.keys.size, data.applications.size]).toEqual([1, 1]);
    expect(requestsTo(data.account.sid, 'POST', 'Keys.json')).toHaveLength(1);
    expect(requestsTo(data.account.sid, 'POST', `Applications/${first.twimlAppSid}.json`)).toHaveLength(0);
  });

  it('follows a new PUBLIC_URL by updating the existing app instead of creating one', async () => {
    const { data, client } = accountWithClient();
    const first = await ensureVoiceApp({ client, publicUrl: PUBLIC_URL, existing: {} });
    const moved = await ensureVoiceApp({ client, publicUrl: 'https://new-host.example.jp/', existing: first });

    expect(moved).toMatchObject({ twimlAppSid: first.twimlAppSid, updatedTwimlApp: true, created: { apiKey: false, twimlApp: false } });
    expect(data.applications.get(first.twimlAppSid)?.voice_url).toBe('https://new-host.example.jp/twilio/voice/outgoing');
  });

  it('recreates the app and the key when they were deleted in the Twilio Console', async () => {
    const { data, client } = accountWithClient();
    const first = await ensureVoiceApp({ client, publicUrl: PUBLIC_URL, existing: {} });
    data.applications.clear();
    data.keys.clear();

    const repaired = await ensureVoiceApp({ client, publicUrl: PUBLIC_URL, existing: first });
    expect(repaired.created).toEqual({ apiKey: true, twimlApp: true });
    expect(repaired.twimlAppSid).not.toBe(first.twimlAppSid);
    expect(repaired.apiKeySecret).toEqual(expect.any(String));
    expect([data.keys.size, data.applications.size]).toEqual([1, 1]);
  });

  it('switching accounts deletes what we created in the old one, even if part of it is already gone', async () => {
    const { data, client } = accountWithClient();
    const created = await ensureVoiceApp({ client, publicUrl: PUBLIC_URL, existing: {} });
    data.keys.clear();

    await expect(cleanupAccount(client, created)).resolves.toEqual({ apiKeyDeleted: false, twimlAppDeleted: true });
    expect(data.applications.size).toBe(0);
  });
});

describe('Step 2: incoming numbers', () => {
  it('lists every number the account owns, across pages, with what each is used for', async () => {
    const { data, client } = accountWithClient();
    const numbers = [
      newNumber('+81345678901'),
      newNumber('+81345678902', { voice_url: 'https://old-ivr.example.com/voice' }),
      newNumber('+81345678903', { voice_application_sid: sid('AP') }),
      newNumber('+81345678904', { trunk_sid: sid('TK') }),
      newNumber('+81345678905', { voice_url: `${PUBLIC_URL}/twilio/voice` }),
    ];
    for (const n of numbers) data.numbers.set(n.sid, n);

    const listed = await listIncomingNumbers(client, { publicUrl: PUBLIC_URL, pageSize: 2 });
    expect(listed.map((n) => [n.phoneNumber, n.inUseElsewhere, n.usedBy?.kind ?? null])).toEqual([
      ['+81345678901', false, null],
      ['+81345678902', true, 'voice-url'],
      ['+81345678903', true, 'application'],
      ['+81345678904', true, 'trunk'],
      ['+81345678905', false, null],
    ]);
    expect(requestsTo(data.account.sid, 'GET', 'IncomingPhoneNumbers.json')).toHaveLength(3);
  });

  it('points a number at the server and clears the TwiML App that would make Twilio ignore the Voice URL', async () => {
    const { data, client } = accountWithClient();
    const otherApp = sid('AP');
    const number = newNumber('+815012345678', { voice_url: 'https://old-ivr.example.com/voice', voice_method: 'GET', voice_application_sid: otherApp });
    data.numbers.set(number.sid, number);

    const result = await pointNumberAtServer(client, { sid: number.sid, publicUrl: PUBLIC_URL });

    expect(data.numbers.get(number.sid)).toMatchObject({
      voice_url: `${PUBLIC_URL}/twilio/voice`,
      voice_method: 'POST',
      voice_fallback_url: `${PUBLIC_URL}/twilio/voice/fallback`,
      status_callback: `${PUBLIC_URL}/twilio/status`,
      status_callback_method: 'POST',
      voice_application_sid: '',
    });
    expect(result.wasInUseElsewhere).toBe(true);
    expect(result.number.inUseElsewhere).toBe(false);
    expect(result.previous).toMatchObject({ voiceUrl: 'https://old-ivr.example.com/voice', voiceMethod: 'GET', voiceApplicationSid: otherApp });
  });

  it('clears an Elastic SIP trunk the same way', async () => {
    const { data, client } = accountWithClient();
    const number = newNumber('+815012345679', { trunk_sid: sid('TK') });
    data.numbers.set(number.sid, number);

    await pointNumberAtServer(client, { sid: number.sid, publicUrl: PUBLIC_URL });
    expect(data.numbers.get(number.sid)).toMatchObject({ trunk_sid: null, voice_url: `${PUBLIC_URL}/twilio/voice` });
  });

  it('deleting the number in the product puts back the application it had before', async () => {
    const { data, client } = accountWithClient();
    const otherApp = sid('AP');
    const original = newNumber('+815012345670', { voice_url: 'https://old-ivr.example.com/voice', voice_method: 'GET', voice_application_sid: otherApp });
    data.numbers.set(original.sid, { ...original });
    const { previous } = await pointNumberAtServer(client, { sid: original.sid, publicUrl: PUBLIC_URL });

    await expect(restoreNumber(client, { sid: original.sid, previous, publicUrl: PUBLIC_URL })).resolves.toMatchObject({ restored: true });
    expect(data.numbers.get(original.sid)).toMatchObject({
      voice_url: 'https://old-ivr.example.com/voice', voice_method: 'GET', voice_application_sid: otherApp,
      voice_fallback_url: '', status_callback: '',
    });
  });

  it('re-saving a number keeps nothing new to restore, and restoring without a previous state clears our URLs', async () => {
    const { data, client } = accountWithClient();
    const number = newNumber('+815012345671');
    data.numbers.set(number.sid, number);
    await pointNumberAtServer(client, { sid: number.sid, publicUrl: PUBLIC_URL });
    const again = await pointNumberAtServer(client, { sid: number.sid, publicUrl: PUBLIC_URL });
    expect(again).toMatchObject({ previous: null, wasInUseElsewhere: false });

    await restoreNumber(client, { sid: number.sid, previous: null });
    expect(data.numbers.get(number.sid)).toMatchObject({ voice_url: '', voice_fallback_url: '', status_callback: '' });
  });

  it('leaves a number alone when someone pointed it elsewhere since, and copes with a released number', async () => {
    const { data, client } = accountWithClient();
    const number = newNumber('+815012345672');
    data.numbers.set(number.sid, number);
    const { previous } = await pointNumberAtServer(client, { sid: number.sid, publicUrl: PUBLIC_URL });
    number.voice_url = 'https://someone-else.example.com/';

    await expect(restoreNumber(client, { sid: number.sid, previous, publicUrl: PUBLIC_URL })).resolves.toEqual({ restored: false, reason: 'changed-elsewhere' });
    data.numbers.delete(number.sid);
    await expect(restoreNumber(client, { sid: number.sid, previous, publicUrl: PUBLIC_URL })).resolves.toEqual({ restored: false, reason: 'number-gone' });
  });
});

describe('setup check', () => {
  it('is all green right after provisioning', async () => {
    const { data, client } = accountWithClient();
    const app = await ensureVoiceApp({ client, publicUrl: PUBLIC_URL, existing: {} });
    const number = newNumber('+81312345678');
    data.numbers.set(number.sid, number);
    await pointNumberAtServer(client, { sid: number.sid, publicUrl: PUBLIC_URL });

    const findings = await setupCheck(client, { publicUrl: PUBLIC_URL, numbers: [{ sid: number.sid, phoneNumber: '+81312345678' }], ...app });
    expect(findings.filter((f) => !f.ok)).toEqual([]);
    expect(findings.map((f) => f.id)).toEqual([
      'public-url-https', 'twiml-app', 'twiml-app-voice-url', 'twiml-app-status-callback', 'api-key',
      `number:${number.sid}:voice-url`, `number:${number.sid}:no-override`, `number:${number.sid}:status-callback`,
    ]);
  });

  it('finds what changed in the Twilio Console and offers the one-click fix', async () => {
    const { data, client } = accountWithClient();
    const app = await ensureVoiceApp({ client, publicUrl: PUBLIC_URL, existing: {} });
    const number = newNumber('+81312345679');
    data.numbers.set(number.sid, number);
    await pointNumberAtServer(client, { sid: number.sid, publicUrl: PUBLIC_URL });
    number.voice_application_sid = sid('AP');
    data.keys.clear();
    const gone = sid('PN');

    const findings = await setupCheck(client, {
      publicUrl: 'http://localhost:3000',
      numbers: [{ sid: number.sid, phoneNumber: '+81312345679' }, { sid: gone, phoneNumber: '+81399999999' }],
      ...app,
    });
    expect(findings.filter((f) => !f.ok).map((f) => [f.id, f.fix ?? null])).toEqual([
      ['public-url-https', null],
      ['twiml-app-voice-url', 'recreate-app'],
      ['twiml-app-status-callback', 'recreate-app'],
      ['api-key', 'recreate-app'],
      [`number:${number.sid}:voice-url`, 'point-number'],
      [`number:${number.sid}:no-override`, 'point-number'],
      [`number:${number.sid}:status-callback`, 'point-number'],
      [`number:${gone}:exists`, null],
    ]);
  });
});
