import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import { loadStoredTwilio, saveStoredTwilio } from '../../../server/store/phone-config-store.ts';
import { newNumber } from '../../emulators/twilio-rest/state.ts';
import { wordedAs } from '../support/worded.ts';
import { freshAdminEachTest, newTwilioAccount, PUBLIC_URL } from './harness.ts';

/**
 * A Twilio account can have a secondary Auth Token (Console → Auth Tokens, the first step of a
 * rotation). REST accepts it, but Twilio signs every webhook with the primary one
 * (shared/reference/twilio.md §1.1): stored, it would make every call's signature check fail. FetchAccount
 * answers the primary as `auth_token`, so Step 1 can tell, and asks for the primary.
 */
const SECONDARY = 'b'.repeat(32);
const { twilioApi, t } = freshAdminEachTest();

function accountWithSecondaryToken() {
  const created = newTwilioAccount(twilioApi, { secondaryAuthToken: SECONDARY });
  const number = newNumber('+81312345678');
  created.data.numbers.set(number.sid, number);
  return created;
}

/** An incoming call as Twilio sends it: signed with the account's primary Auth Token. */
function incomingCall(accountSid: string, primaryAuthToken: string) {
  const params = {
    AccountSid: accountSid, CallSid: `CA${'7'.repeat(32)}`, From: '+819012345678', To: '+81312345678',
    CallStatus: 'ringing', Direction: 'inbound', ApiVersion: '2010-04-01',
  };
  const signature = twilio.getExpectedTwilioSignature(primaryAuthToken, `${PUBLIC_URL}/twilio/voice`, params);
  return t.admin.request('/twilio/voice', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': signature },
    body: new URLSearchParams(params).toString(),
  });
}

describe('Step 1 given the secondary Auth Token', () => {
  it.each([
    ['ja', 'これはセカンダリの Auth Token です。', 'プライマリの Auth Token を入力してください'],
    ['en', 'This is the secondary Auth Token.', 'enter the primary Auth Token'],
  ] as const)('refuses it under the Auth Token field, asking for the primary one (%s), and creates nothing', async (language, first, ask) => {
    const { data, credentials } = accountWithSecondaryToken();
    const response = await t.api('PUT', '/api/twilio/account', { body: { ...credentials, authToken: SECONDARY } });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; issues: { path: string; code: string }[] } };
    expect(body.error).toMatchObject({ code: 'invalid_input', issues: [{ path: 'authToken', code: 'twilio_secondary_auth_token' }] });
    const sentence = wordedAs(language, { error: body.error.issues[0] });
    expect(sentence).toContain(first);
    expect(sentence).toContain(ask);
    expect(await loadStoredTwilio(t.store.db)).toEqual({});
    expect(data.keys.size + data.applications.size).toBe(0);
  });

  it('takes the primary one even while a secondary exists: Twilio’s signed calls are answered', async () => {
    const { data, credentials } = accountWithSecondaryToken();
    expect((await t.api('PUT', '/api/twilio/account', { body: credentials })).status).toBe(200);
    await t.addUser({ id: 'sato', name: '佐藤' });
    await t.addNumber({ number: '+81312345678', label: '代表' });
    expect((await incomingCall(data.account.sid, data.account.authToken)).status).toBe(200);
  });

  it('a secondary token stored before Step 1 checked it is shown as the account’s problem', async () => {
    const { credentials } = accountWithSecondaryToken();
    expect((await t.api('PUT', '/api/twilio/account', { body: credentials })).status).toBe(200);
    const stored = await loadStoredTwilio(t.store.db);
    await saveStoredTwilio(t.store.db, { ...stored, authTokenSealed: t.deps.secretBox.seal(SECONDARY) }, t.clock.now());
    const response = await t.api('GET', '/api/twilio/account');
    expect(response.status).toBe(200);
    const view = (await response.json()) as { problem: { code: string } };
    expect(view).toMatchObject({ configured: true, status: 'active', problem: { code: 'twilio_secondary_auth_token' } });
    expect(wordedAs('ja', { error: view.problem })).toContain('プライマリの Auth Token を入力してください');
  });
});
