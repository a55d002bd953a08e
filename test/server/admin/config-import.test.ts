import { describe, expect, it } from 'vitest';
import { newNumber } from '../../emulators/twilio-rest/state.ts';
import { adminWithTwilioAccount, newTwilioAccount, PUBLIC_URL } from './harness.ts';

/**
 * An import (PUT /api/config) may not undo what the Twilio steps did: switch the account, or drop a
 * number connected to Twilio (which would keep answering through this server, its previous setup
 * forgotten). Both are refused naming the field, and nothing changes.
 */

const t = adminWithTwilioAccount();

type Refusal = { error: { code: string; issues: { path: string; code: string; params?: Record<string, unknown> }[] } };
const OUR_VOICE = `${PUBLIC_URL}/twilio/voice`;
const THEIR_IVR = 'https://ivr.example.com/answer';
const exported = async () => (await (await t.api('GET', '/api/config')).json()) as { twilio: Record<string, unknown>; incoming: { number: string }[] };
const storedTwilio = async () => (await t.store.db.selectFrom('app_settings').select('twilio').executeTakeFirstOrThrow()).twilio;

describe('an import naming another Twilio account, API key or TwiML App', () => {
  it.each(['accountSid', 'apiKeySid', 'twimlAppSid'])('is refused on twilio.%s, and the account stays as the Twilio step set it', async (field) => {
    const before = await storedTwilio();
    const document = await exported();
    const other = { accountSid: newTwilioAccount(t.twilioApi).data.account.sid, apiKeySid: `SK${'9'.repeat(32)}`, twimlAppSid: `AP${'9'.repeat(32)}` }[field];
    const response = await t.api('PUT', '/api/config', { body: { ...document, twilio: { ...document.twilio, [field]: other } } });
    expect(response.status).toBe(400);
    expect(((await response.json()) as Refusal).error.issues).toEqual([expect.objectContaining({ path: `twilio.${field}`, code: 'twilio_change_needs_twilio_step' })]);
    expect(await storedTwilio()).toEqual(before);
  });

  it('keeps the stored account when the file leaves the SIDs out', async () => {
    const before = await storedTwilio();
    const document = await exported();
    expect((await t.api('PUT', '/api/config', { body: { ...document, twilio: {} } })).status).toBe(200);
    expect(await storedTwilio()).toEqual(before);
    expect(((await (await t.api('GET', '/api/twilio/account')).json()) as { configured: boolean }).configured).toBe(true);
  });
});

describe('an import leaving out a number connected to Twilio', () => {
  /** 代表, its Twilio number connected here (it answered through their IVR before), and サポート, not connected. */
  async function connectedMain() {
    const main = newNumber('+81312345678', { voice_url: THEIR_IVR });
    t.account.numbers.set(main.sid, main);
    await t.addNumber({ number: '+81312345678', label: '代表' });
    await t.addNumber({ number: '+81312345679', label: 'サポート' });
    expect((await t.api('POST', `/api/twilio/numbers/${main.sid}/connect`, { body: { confirm: true } })).status).toBe(200);
    return main;
  }

  it('is refused naming the number; the Twilio number and its previous setup are kept', async () => {
    const main = await connectedMain();

    const document = await exported();
    const older = { ...document, incoming: document.incoming.filter((n) => n.number !== '+81312345678') };
    const response = await t.api('PUT', '/api/config', { body: older });
    expect(response.status).toBe(400);
    expect(((await response.json()) as Refusal).error.issues).toEqual([
      expect.objectContaining({ path: 'incoming', code: 'connected_number_removed', params: { number: '+81312345678' } }),
    ]);
    const row = await t.store.db.selectFrom('incoming_numbers').select(['twilio_sid', 'previous_twilio']).where('number', '=', '+81312345678').executeTakeFirst();
    expect({ sid: row?.twilio_sid, previous: JSON.stringify(row?.previous_twilio), voiceUrl: main.voice_url }).toEqual({
      sid: main.sid,
      previous: expect.stringContaining(THEIR_IVR),
      voiceUrl: OUR_VOICE,
    });
  });

  it('goes through once the number was deleted on the numbers page, which gave the Twilio number back', async () => {
    const main = await connectedMain();
    const document = await exported();

    expect((await t.api('DELETE', `/api/incoming/${encodeURIComponent('+81312345678')}`)).status).toBe(204);
    expect(main.voice_url).toBe(THEIR_IVR);
    const older = { ...document, incoming: document.incoming.filter((n) => n.number !== '+81312345678') };
    expect((await t.api('PUT', '/api/config', { body: older })).status).toBe(200);
  });
});

describe('an import naming audio files this server does not have', () => {
  it('is refused at the field, and nothing changes', async () => {
    await t.addNumber({ number: '+81312345678', label: '代表' });
    const document = (await exported()) as unknown as { incoming: { number: string; messages: Record<string, unknown> }[] };
    const before = JSON.stringify(await exported());
    const elsewhere = {
      ...document,
      incoming: document.incoming.map((n) => ({ ...n, messages: { ...n.messages, closed: { type: 'audio', audioId: 'au_from_another_server' } } })),
    };
    const response = await t.api('PUT', '/api/config', { body: elsewhere });
    expect(response.status).toBe(400);
    expect(((await response.json()) as Refusal).error.issues).toEqual([expect.objectContaining({ path: 'incoming[0].messages.closed.audioId', code: 'audio_not_found' })]);
    expect(JSON.stringify(await exported())).toBe(before);
  });
});
