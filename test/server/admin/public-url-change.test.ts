import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../../server/app.ts';
import { startFakeTwilioRest } from '../../emulators/twilio-rest/fake-twilio-rest.ts';
import { newNumber, type FakeNumber } from '../../emulators/twilio-rest/state.ts';
import { createAdminHarness, newTwilioAccount, type AdminHarness, type FakeTwilioServer } from './harness.ts';

/**
 * PUBLIC_URL moves (a new domain, a new tunnel). Numbers connected before still point at our OLD
 * `…/twilio/voice`: still ours, because that is the address we set on them.
 */
const OLD = 'https://old.yobidashi.example.jp';
const NEW = 'https://yobidashi.example.jp';
const THEIR_IVR = 'https://ivr.example.com/answer';

let twilioApi: FakeTwilioServer;
let t: AdminHarness;
let main: FakeNumber;
beforeAll(async () => {
  twilioApi = await startFakeTwilioRest();
});
afterAll(() => twilioApi.close());
beforeEach(async () => {
  t = await createAdminHarness(twilioApi, { publicUrl: OLD });
  const { data, credentials } = newTwilioAccount(twilioApi);
  main = newNumber('+81312345678', { voice_url: THEIR_IVR });
  data.numbers.set(main.sid, main);
  expect((await t.api('PUT', '/api/twilio/account', { body: credentials })).status).toBe(200);
  await t.addUser({ id: 'sato', name: '佐藤' });
  await t.addNumber({ number: '+81312345678', label: '代表' });
  expect((await t.api('POST', `/api/twilio/numbers/${main.sid}/connect`, { body: { confirm: true } })).status).toBe(200);
  expect(main.voice_url).toBe(`${OLD}/twilio/voice`);
});
afterEach(() => t.close());

/** The same database served again after PUBLIC_URL changed (a restart with a new value). */
function restartedAt(publicUrl: string) {
  const app = createApp({ ...t.deps, publicUrl });
  return async (method: string, path: string, body?: unknown) =>
    app.request(path, {
      method,
      headers: { Authorization: `Bearer ${t.token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
}

describe('after PUBLIC_URL changed', () => {
  it('deleting the incoming number gives the Twilio number back to what it did before, not leaving it on our old address', async () => {
    const api = restartedAt(NEW);
    expect((await api('DELETE', `/api/incoming/${encodeURIComponent('+81312345678')}`)).status).toBe(204);
    expect(main.voice_url).toBe(THEIR_IVR);
  });

  it('switching Twilio accounts gives the old account’s numbers back too', async () => {
    const api = restartedAt(NEW);
    const switched = await api('PUT', '/api/twilio/account', newTwilioAccount(twilioApi).credentials);
    expect(switched.status).toBe(200);
    expect(await switched.json()).toMatchObject({ previousAccount: { cleanup: { numbersRestored: 1, numbersLeftBehind: [] } } });
    expect(main.voice_url).toBe(THEIR_IVR);
  });

  it('the account’s number list does not present our own old webhook as “in use elsewhere”', async () => {
    const api = restartedAt(NEW);
    const { numbers } = (await (await api('GET', '/api/twilio/numbers')).json()) as { numbers: { sid: string }[] };
    expect(numbers.find((n) => n.sid === main.sid)).toMatchObject({ connected: true, inUseElsewhere: false, usedBy: null });
  });

  it('the setup check names our previous address, and its fix moves the number to the new one without asking, keeping what to give back', async () => {
    const api = restartedAt(NEW);
    const report = (await (await api('GET', '/api/twilio/setup-check')).json()) as { findings: { id: string; ok: boolean; fix?: string; message: { en: string } }[] };
    const voice = report.findings.find((f) => f.id === `number:${main.sid}:voice-url`);
    expect(voice).toMatchObject({
      ok: false,
      fix: 'point-number',
      message: { en: `03-1234-5678 still sends calls to this server’s previous address ${OLD}/twilio/voice (PUBLIC_URL has changed since), so they do not arrive here.` },
    });

    expect((await api('POST', '/api/twilio/setup-check/fix', { id: voice!.id })).status).toBe(200);
    expect(main.voice_url).toBe(`${NEW}/twilio/voice`);
    const row = await t.store.db.selectFrom('incoming_numbers').select(['previous_twilio', 'twilio_voice_url']).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ previous_twilio: { voiceUrl: THEIR_IVR }, twilio_voice_url: `${NEW}/twilio/voice` });
  });

  it('a configuration import keeps what we set on the number', async () => {
    const document = await (await t.api('GET', '/api/config')).json();
    expect((await t.api('PUT', '/api/config', { body: document })).status).toBe(200);
    expect(await restartedAt(NEW)('DELETE', `/api/incoming/${encodeURIComponent('+81312345678')}`)).toMatchObject({ status: 204 });
    expect(main.voice_url).toBe(THEIR_IVR);
  });
});
