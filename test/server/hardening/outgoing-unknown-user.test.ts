import { describe, expect, it } from 'vitest';
import { newNumber } from '../../emulators/twilio-rest/state.ts';
import { adminWithTwilioAccount } from '../admin/harness.ts';
import { wordedAs } from '../support/worded.ts';

/**
 * `PUT /api/outgoing/:user` checked the caller ID with Twilio before it looked at the user: for a user
 * who does not exist, the admin was told about the number (or Twilio's trouble) instead, and Twilio was
 * asked for nothing. The user is checked first now, and Twilio is not asked about an unknown user's number.
 */

const t = adminWithTwilioAccount({
  reps: [{ id: 'sato', name: '佐藤 花子' }],
  beforeConnect(account) {
    const owned = newNumber('+81312345678', { friendly_name: '東京代表' });
    account.numbers.set(owned.sid, owned);
  },
});

const twilioLookups = () => t.twilioApi.fake.requests.filter((request) => request.method === 'GET' && /IncomingPhoneNumbers|OutgoingCallerIds/.test(request.path)).length;

describe('an outgoing number for a user who does not exist', () => {
  it.each([
    ['a number the account cannot call from', '03-9999-0000'],
    ['a number of the account', '03-1234-5678'],
  ])('with %s is refused naming the user, without asking Twilio', async (_what, number) => {
    const before = twilioLookups();
    const response = await t.api('PUT', '/api/outgoing/nobody', { body: { number, record: false } });
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as { error: { code: string; issues: { path: string; code: string; params?: unknown }[] } };
    expect(error).toMatchObject({ code: 'invalid_config', issues: [{ path: 'user', code: 'unknown_user', params: { user: 'nobody' } }] });
    expect(error.issues).toHaveLength(1);
    expect(wordedAs('ja', { error: error.issues[0] })).toBe('ユーザー「nobody」は存在しません。');
    expect(wordedAs('en', { error: error.issues[0] })).toBe('There is no user “nobody”.');
    expect(twilioLookups()).toBe(before);
    expect(((await (await t.api('GET', '/api/outgoing')).json()) as { outgoing: unknown[] }).outgoing).toEqual([]);
  });

  it('a known user’s number is still checked with Twilio and saved', async () => {
    const before = twilioLookups();
    const response = await t.api('PUT', '/api/outgoing/sato', { body: { number: '03-1234-5678', record: false } });
    expect(response.status).toBe(200);
    expect(twilioLookups()).toBeGreaterThan(before);
  });
});
