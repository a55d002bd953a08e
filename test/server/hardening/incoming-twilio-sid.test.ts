import { describe, expect, it } from 'vitest';
import { newNumber } from '../../emulators/twilio-rest/state.ts';
import { adminWithTwilioAccount } from '../admin/harness.ts';

/**
 * `POST /api/incoming` takes the Twilio number to connect beside the number (`twilioSid`, `confirm`).
 * Those two fields were read as they came: a SID with a slash reached the Twilio library, which threw
 * (a 500, the number saved anyway); any other malformed SID saved the number and asked Twilio for it;
 * a SID that was not text was dropped without a word. Now they are checked first, like every field.
 */

const t = adminWithTwilioAccount();
const ring = { type: 'ring', users: ['sato'], strategy: 'sequential' };
const numbers = () => t.store.db.selectFrom('incoming_numbers').select('number').execute();
const errorOf = async (response: Response) => ((await response.json()) as { error: { code: string; issues?: unknown[] } }).error;

describe('adding an incoming number with a Twilio number to connect', () => {
  it.each([
    ['a SID with a slash (a path into the Twilio API)', 'PN/../Calls', 'invalid_phone_number_sid'],
    ['a SID that is no SID', 'PN1234', 'invalid_phone_number_sid'],
    ['an empty SID', '', 'invalid_phone_number_sid'],
    ['a SID that is not text', 42, 'expected_text'],
  ])('refuses %s naming twilioSid, and saves nothing', async (_case, twilioSid, code) => {
    const response = await t.api('POST', '/api/incoming', { body: { number: '03-1234-5678', label: '代表', route: ring, twilioSid } });
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toMatchObject({ code: 'invalid_input', issues: [{ path: 'twilioSid', code }] });
    expect(await numbers()).toEqual([]);
    expect(t.twilioApi.fake.requests.filter((request) => request.path.includes('IncomingPhoneNumbers'))).toEqual([]);
  });

  it('refuses a confirmation that is not true or false, naming confirm, and saves nothing', async () => {
    const main = newNumber('+81312345678');
    t.account.numbers.set(main.sid, main);
    const response = await t.api('POST', '/api/incoming', { body: { number: '03-1234-5678', label: '代表', route: ring, twilioSid: main.sid, confirm: 'yes' } });
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toMatchObject({ code: 'invalid_input', issues: [{ path: 'confirm', code: 'expected_true_false' }] });
    expect(await numbers()).toEqual([]);
  });

  it('still saves and connects a number given a well-formed SID', async () => {
    const main = newNumber('+81312345678');
    t.account.numbers.set(main.sid, main);
    const response = await t.api('POST', '/api/incoming', { body: { number: '03-1234-5678', label: '代表', route: ring, twilioSid: main.sid } });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ number: '+81312345678', twilio: { number: { connected: true } } });
  });
});
