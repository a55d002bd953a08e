import { describe, expect, it } from 'vitest';
import { disconnectNumber } from '../../../server/services/number-provisioning-service.ts';
import { newNumber, sid, type FakeNumber } from '../../emulators/twilio-rest/state.ts';
import { adminWithTwilioAccount, createAdminHarness, PUBLIC_URL } from './harness.ts';
import { wordedAs } from '../support/worded.ts';

const t = adminWithTwilioAccount();

function own(phoneNumber: string, overrides: Partial<FakeNumber> = {}): FakeNumber {
  const number = newNumber(phoneNumber, overrides);
  t.account.numbers.set(number.sid, number);
  return number;
}

const OTHER_APP = sid('AP');
const connect = (number: FakeNumber, body: unknown = {}, headers: Record<string, string> = {}) =>
  t.api('POST', `/api/twilio/numbers/${number.sid}/connect`, { body, headers });

describe('Step 2: the account’s numbers', () => {
  it('lists the numbers with their current use and whether each is already an incoming number', async () => {
    const fresh = own('+81312345678');
    const elsewhere = own('+815012345678', { voice_url: 'https://ivr.example.com/answer' });
    const app = own('+81667890123', { voice_application_sid: OTHER_APP });
    await t.addNumber({ number: '+81312345678', label: '代表' });

    const response = await t.api('GET', '/api/twilio/numbers');
    const { numbers } = (await response.json()) as { numbers: Record<string, unknown>[] };
    expect(numbers.map((n) => [n.sid, n.phoneNumber, n.inUseElsewhere, n.incomingNumber, n.connected])).toEqual([
      [fresh.sid, '+81312345678', false, '+81312345678', false],
      [elsewhere.sid, '+815012345678', true, null, false],
      [app.sid, '+81667890123', true, null, false],
    ]);
    expect(numbers[1]?.usedBy).toEqual({ kind: 'voice-url', target: 'https://ivr.example.com/answer', message: { en: 'Voice URL https://ivr.example.com/answer', ja: '音声 URL https://ivr.example.com/answer' } });
    expect(numbers[2]?.usedBy).toMatchObject({ kind: 'application', target: OTHER_APP });
  });

  it('connecting a fresh number points its Voice URL, fallback and status callback at this server', async () => {
    const number = own('+81312345678');
    await t.addNumber({ number: '+81312345678' });
    const response = await connect(number);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ number: { sid: number.sid, incomingNumber: '+81312345678', connected: true }, tookOverFrom: null });
    expect(number).toMatchObject({
      voice_url: `${PUBLIC_URL}/twilio/voice`,
      voice_fallback_url: `${PUBLIC_URL}/twilio/voice/fallback`,
      status_callback: `${PUBLIC_URL}/twilio/status`,
    });
  });

  it.each([
    ['ja', `03-1234-5678 は現在、別の設定（${OTHER_APP}）で着信を処理しています。`],
    ['en', `03-1234-5678 currently answers calls elsewhere (${OTHER_APP}).`],
  ] as const)('warns first (409, %s) when a TwiML App answers the number, and changes nothing', async (language, sentence) => {
    const number = own('+81312345678', { voice_application_sid: OTHER_APP, voice_url: 'https://ignored.example.com/' });
    await t.addNumber({ number: '+81312345678' });
    const response = await connect(number, {});
    expect(response.status).toBe(409);
    const body = (await response.json()) as { error: { code: string; params: unknown; usedBy: { message: Record<string, string> } } };
    expect(body.error.code).toBe('number_in_use');
    // The number as people read it, not E.164.
    expect(body.error.params).toEqual({ number: '03-1234-5678', target: OTHER_APP });
    expect(wordedAs(language, body)).toContain(sentence);
    // What answers it now, in both languages, for the page's confirmation.
    expect(body.error.usedBy).toMatchObject({ kind: 'application', target: OTHER_APP, message: { ja: `TwiML アプリ ${OTHER_APP}` } });
    expect(number.voice_application_sid).toBe(OTHER_APP);
  });

  it('with confirmation it clears the VoiceApplicationSid Twilio would otherwise prefer, and remembers the old setting', async () => {
    const number = own('+81312345678', { voice_application_sid: OTHER_APP, voice_url: 'https://ignored.example.com/' });
    await t.addNumber({ number: '+81312345678' });
    const response = await connect(number, { confirm: true });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ tookOverFrom: { en: `TwiML App ${OTHER_APP}` } });
    expect(number).toMatchObject({ voice_application_sid: '', voice_url: `${PUBLIC_URL}/twilio/voice` });
    const row = await t.store.db.selectFrom('incoming_numbers').select(['twilio_sid', 'previous_twilio']).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ twilio_sid: number.sid, previous_twilio: { voiceApplicationSid: OTHER_APP, voiceUrl: 'https://ignored.example.com/' } });
  });

  it('refuses to connect a number that is not an incoming number here', async () => {
    const number = own('+81312345678');
    const response = await connect(number);
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ error: { code: 'not_an_incoming_number' } });
    expect(number.voice_url).toBe('https://demo.twilio.com/welcome/voice/');
  });

  it('disconnecting restores what the number did before, and a second connect keeps the original', async () => {
    const number = own('+81312345678', { voice_application_sid: OTHER_APP, voice_url: 'https://ignored.example.com/' });
    await t.addNumber({ number: '+81312345678' });
    await connect(number, { confirm: true });
    expect((await connect(number)).status).toBe(200); // already ours: no warning, "before" kept

    const response = await t.api('POST', `/api/twilio/numbers/${number.sid}/disconnect`, { body: {} });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'restored' });
    expect(number).toMatchObject({ voice_application_sid: OTHER_APP, voice_url: 'https://ignored.example.com/' });
    expect(await t.store.db.selectFrom('incoming_numbers').select(['twilio_sid']).executeTakeFirstOrThrow()).toEqual({ twilio_sid: null });
    expect((await t.api('POST', `/api/twilio/numbers/${number.sid}/disconnect`, { body: {} })).status).toBe(404);
  });

  it('deleting an incoming number (disconnectNumber first) gives a fresh number back its demo URL', async () => {
    const number = own('+81312345678');
    await t.addNumber({ number: '+81312345678' });
    await connect(number);
    expect(await disconnectNumber(t.deps, '+81312345678')).toMatchObject({ status: 'restored' });
    expect(number.voice_url).toBe('https://demo.twilio.com/welcome/voice/');
    expect(await disconnectNumber(t.deps, '+81312345678')).toEqual({ status: 'not-connected' });
  });

  it('leaves a number alone that someone re-pointed elsewhere since', async () => {
    const number = own('+81312345678');
    await t.addNumber({ number: '+81312345678' });
    await connect(number);
    number.voice_url = 'https://someone-else.example.com/';
    expect(await disconnectNumber(t.deps, '+81312345678')).toEqual({ status: 'changed-elsewhere' });
    expect(number.voice_url).toBe('https://someone-else.example.com/');
  });

  it('answers 409 with a sentence before Twilio is authenticated', async () => {
    const fresh = await createAdminHarness(t.twilioApi);
    const response = await fresh.api('GET', '/api/twilio/numbers');
    expect(response.status).toBe(409);
    const body = await response.json();
    expect(body).toMatchObject({ error: { code: 'twilio_not_configured' } });
    expect(wordedAs('ja', body)).toContain('Twilio の設定を済ませる必要があります');
  });
});
