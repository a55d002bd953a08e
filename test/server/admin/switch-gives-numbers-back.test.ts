import { describe, expect, it } from 'vitest';
import { newNumber, type FakeNumber } from '../../emulators/twilio-rest/state.ts';
import { freshAdminEachTest, newTwilioAccount, PUBLIC_URL } from './harness.ts';

const IVR_A = 'https://ivr.example.com/a';
const IVR_B = 'https://ivr.example.com/b';
const OUR_VOICE = `${PUBLIC_URL}/twilio/voice`;

let old: ReturnType<typeof newTwilioAccount>;
let a: FakeNumber;
let b: FakeNumber;
const { twilioApi, t } = freshAdminEachTest(async (t, twilioApi) => {
  old = newTwilioAccount(twilioApi);
  a = newNumber('+81312345678', { voice_url: IVR_A });
  b = newNumber('+81312345679', { voice_url: IVR_B });
  old.data.numbers.set(a.sid, a);
  old.data.numbers.set(b.sid, b);
  expect((await t.api('PUT', '/api/twilio/account', { body: old.credentials })).status).toBe(200);
  await t.addUser({ id: 'sato' });
  await t.addNumber({ number: '+81312345678', label: 'A' });
  await t.addNumber({ number: '+81312345679', label: 'B' });
  for (const n of [a, b]) expect((await t.api('POST', `/api/twilio/numbers/${n.sid}/connect`, { body: { confirm: true } })).status).toBe(200);
});

const rows = () => t.store.db.selectFrom('incoming_numbers').select(['number', 'twilio_sid', 'previous_twilio']).orderBy('number').execute();

describe('switching Twilio accounts while Twilio refuses to give one number back', () => {
  it('gives the other numbers back, tidies the old key and App, and names the number left pointing here with what it did before', async () => {
    // Twilio answers 429 once: to the first number's restore.
    twilioApi.fake.faults.push({ method: 'POST', path: /\/IncomingPhoneNumbers\/PN\w+\.json$/, status: 429, code: 20429, message: 'Too Many Requests' });
    const next = newTwilioAccount(twilioApi);
    const response = await t.api('PUT', '/api/twilio/account', { body: next.credentials });
    expect(response.status).toBe(200);

    expect([a.voice_url, b.voice_url]).toEqual([OUR_VOICE, IVR_B]);
    expect([old.data.keys.size, old.data.applications.size]).toEqual([0, 0]);
    const { previousAccount } = (await response.json()) as { previousAccount: { cleanup: Record<string, unknown> } };
    expect(previousAccount.cleanup).toMatchObject({
      apiKeyDeleted: true,
      twimlAppDeleted: true,
      numbersRestored: 1,
      problem: { code: 'twilio_rate_limited' },
      left: { apiKeySid: null, twimlAppSid: null, numbers: ['+81312345678'] },
      numbersLeftBehind: [{
        number: '+81312345678',
        sid: a.sid,
        previous: { voiceUrl: IVR_A, voiceMethod: 'POST', voiceApplicationSid: '', trunkSid: '' },
        problem: { code: 'twilio_rate_limited' },
      }],
    });
    // What A did before stays recorded until it is given back; B's is done with.
    expect(await rows()).toEqual([
      { number: '+81312345678', twilio_sid: a.sid, previous_twilio: expect.objectContaining({ voiceUrl: IVR_A }) },
      { number: '+81312345679', twilio_sid: null, previous_twilio: null },
    ]);
  });

  it('switching back to the old account later still knows what the number left behind did before', async () => {
    twilioApi.fake.faults.push({ method: 'POST', path: /\/IncomingPhoneNumbers\/PN\w+\.json$/, status: 429, code: 20429, message: 'Too Many Requests' });
    expect((await t.api('PUT', '/api/twilio/account', { body: newTwilioAccount(twilioApi).credentials })).status).toBe(200);
    expect((await t.api('PUT', '/api/twilio/account', { body: old.credentials })).status).toBe(200);
    // Connected as it was: deleting it now gives it back to its IVR, from the record kept.
    expect(await (await t.api('GET', '/api/twilio/numbers')).json()).toMatchObject({ numbers: [{ sid: a.sid, connected: true, usedBy: null }, { sid: b.sid, connected: false }] });
    expect((await t.api('DELETE', `/api/incoming/${encodeURIComponent('+81312345678')}`)).status).toBe(204);
    expect(a.voice_url).toBe(IVR_A);
  });
});
