import { beforeEach, describe, expect, it } from 'vitest';
import { loadStoredTwilio } from '../../../server/store/phone-config-store.ts';
import { newNumber, type FakeNumber } from '../../emulators/twilio-rest/state.ts';
import { wordedAs } from '../support/worded.ts';
import { adminWithTwilioAccount } from './harness.ts';

/**
 * The setup check reads the account, the TwiML App, the API key, the numbers and the caller IDs. When
 * Twilio's address answers one of them 200 with JSON of another shape (a proxy's `{}`, `null`, a list
 * where a resource is expected, a list page whose entries are empty objects), the admin reads “Twilio
 * is having a problem right now” (502), as every other admin route says it: never a 500, and never a
 * report whose findings describe what Twilio did not say (“the TwiML App sends calls to (nothing)”,
 * “the API key exists”).
 */

let number: FakeNumber;
const t = adminWithTwilioAccount({
  beforeConnect(account) {
    number = newNumber('+81312345678');
    account.numbers.set(number.sid, number);
  },
});
beforeEach(async () => {
  await t.addNumber({ number: '+81312345678', label: '代表', route: { type: 'ring', users: ['sato'], strategy: 'sequential', ringSeconds: 20, cycles: 1 } });
  expect((await t.api('POST', `/api/twilio/numbers/${number.sid}/connect`, { body: { confirm: true } })).status).toBe(200);
});

/** The next matching request to the fake Twilio gets 200 with `body`. */
function answerWith(method: string, path: RegExp, body: unknown) {
  t.twilioApi.fake.wrongShapes.push({ method, path, body });
}

async function unavailable(response: Response) {
  const body = await response.json();
  expect({ status: response.status, code: (body as { error?: { code?: string } }).error?.code }).toEqual({ status: 502, code: 'twilio_unavailable' });
  expect(wordedAs('ja', body)).toContain('Twilio 側で障害が発生しています');
  expect(wordedAs('en', body)).toContain('Twilio');
}

const check = () => t.api('GET', '/api/twilio/setup-check');

const WRONG_SHAPES = [
  ['{}', {}],
  ['null', null],
  ['a list', []],
] as const;

/** What the check reads of Twilio, and where. */
const READS = [
  ['the account', /\/Accounts\/AC\w+\.json$/],
  ['the TwiML App', /\/Applications\/AP\w+\.json$/],
  ['the API key', /\/Keys\/SK\w+\.json$/],
  ['the numbers', /\/IncomingPhoneNumbers\.json$/],
  ['the caller IDs', /\/OutgoingCallerIds\.json$/],
] as const;

describe.each(WRONG_SHAPES)('the setup check, Twilio answering %s', (_label, body) => {
  it.each(READS)('for %s says Twilio has a problem (502)', async (_what, path) => {
    expect((await check()).status).toBe(200); // everything else answers as Twilio does
    answerWith('GET', path, body);
    await unavailable(await check());
  });
});

describe('the setup check, Twilio listing entries that are empty objects', () => {
  it.each([
    ['the numbers', /\/IncomingPhoneNumbers\.json$/, 'incoming_phone_numbers'],
    ['the caller IDs', /\/OutgoingCallerIds\.json$/, 'outgoing_caller_ids'],
  ] as const)('for %s says Twilio has a problem (502)', async (_what, path, key) => {
    answerWith('GET', path, { [key]: [{}], page: 0, page_size: 1000, next_page_uri: null, uri: '/list.json' });
    await unavailable(await check());
  });
});

describe('a one-click repair, Twilio answering {}', () => {
  it('re-creating the TwiML App says Twilio has a problem, and stores nothing new', async () => {
    const before = await loadStoredTwilio(t.store.db);
    answerWith('GET', /\/Applications\/AP\w+\.json$/, {});
    await unavailable(await t.api('POST', '/api/twilio/setup-check/fix', { body: { id: 'twiml-app' } }));
    expect(await loadStoredTwilio(t.store.db)).toEqual(before);
  });
});
