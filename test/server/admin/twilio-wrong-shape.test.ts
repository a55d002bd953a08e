import { describe, expect, it } from 'vitest';
import { newNumber } from '../../emulators/twilio-rest/state.ts';
import { wordedAs } from '../support/worded.ts';
import { adminWithTwilioAccount } from './harness.ts';

/**
 * Twilio's address answers 200 with valid JSON that is not what its API documents: a proxy's `{}`,
 * `null`, a list, or a web page wrapped in a JSON string, or an API that changed. The admin reads
 * “Twilio is having a problem right now” (502), never a 500, and nothing is stored from such a reply.
 */
const t = adminWithTwilioAccount({
  beforeConnect: (account) => {
    const number = newNumber('+81312345678');
    account.numbers.set(number.sid, number);
  },
});

const WRONG_SHAPES = [
  ['{}', {}],
  ['null', null],
  ['a list', []],
  ['a web page in a JSON string', '<html><body>Sign in to the guest Wi-Fi</body></html>'],
] as const;

/** The next matching request to the fake Twilio gets 200 with `body`. */
function answerWith(method: string, path: RegExp, body: unknown) {
  t.twilioApi.fake.wrongShapes.push({ method, path, body });
}

async function unavailable(response: Response) {
  const body = await response.json();
  expect({ status: response.status, code: (body as { error?: { code?: string } }).error?.code }).toEqual({ status: 502, code: 'twilio_unavailable' });
  expect(wordedAs('ja', body)).toContain('Twilio 側で障害が発生しています');
}

const ACCOUNT = /\/Accounts\/AC\w+\.json$/;

describe.each(WRONG_SHAPES)('Twilio answering %s', (_label, body) => {
  it('Step 1: entering the credentials says Twilio has a problem, and stores nothing new', async () => {
    const before = await t.store.db.selectFrom('app_settings').select('twilio').executeTakeFirstOrThrow();
    answerWith('GET', ACCOUNT, body);
    const credentials = { accountSid: t.account.account.sid, authToken: t.account.account.authToken };
    await unavailable(await t.api('PUT', '/api/twilio/account', { body: credentials }));
    expect(await t.store.db.selectFrom('app_settings').select('twilio').executeTakeFirstOrThrow()).toEqual(before);
  });

  it('Step 1: entering the credentials again, when the TwiML App’s reply is wrong, says Twilio has a problem', async () => {
    answerWith('GET', /\/Applications\/AP\w+\.json$/, body);
    const credentials = { accountSid: t.account.account.sid, authToken: t.account.account.authToken };
    await unavailable(await t.api('PUT', '/api/twilio/account', { body: credentials }));
    expect(t.account.applications.size).toBe(1);
  });

  it('Step 1: the account is shown with the problem (200), not a 500', async () => {
    answerWith('GET', ACCOUNT, body);
    const response = await t.api('GET', '/api/twilio/account');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ configured: true, accountSid: t.account.account.sid, problem: { code: 'twilio_unavailable' } });
  });

  it('Step 2: listing the numbers says Twilio has a problem', async () => {
    answerWith('GET', /\/IncomingPhoneNumbers\.json$/, body);
    await unavailable(await t.api('GET', '/api/twilio/numbers'));
  });

  it('Step 2: connecting a number says Twilio has a problem, and changes nothing', async () => {
    const [number] = [...t.account.numbers.values()];
    await t.addNumber({ number: '+81312345678' });
    answerWith('GET', /\/IncomingPhoneNumbers\/PN\w+\.json$/, body);
    await unavailable(await t.api('POST', `/api/twilio/numbers/${number!.sid}/connect`, { body: {} }));
    expect(number!.voice_url).not.toContain('/twilio/voice');
  });

  it('the caller IDs say Twilio has a problem', async () => {
    answerWith('GET', /\/OutgoingCallerIds\.json$/, body);
    await unavailable(await t.api('GET', '/api/twilio/caller-ids'));
  });
});
