import { beforeEach, describe, expect, it, vi } from 'vitest';
import { newNumber, type FakeNumber } from '../../emulators/twilio-rest/state.ts';
import { adminWithTwilioAccount, PUBLIC_URL } from './harness.ts';

/** A save refused after Twilio was asked (a colleague's change landing in between): set per test. */
const refuseNextSave = vi.hoisted(() => ({ value: false }));
vi.mock('../../../server/services/phone-config-service.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../../server/services/phone-config-service.ts')>();
  const { apiError } = await import('../../../server/http/errors.ts');
  return {
    ...original,
    editPhoneConfig: (async (...args) => {
      if (refuseNextSave.value) {
        refuseNextSave.value = false;
        throw apiError('config_changed');
      }
      return original.editPhoneConfig(...args);
    }) as typeof original.editPhoneConfig,
  };
});

beforeEach(() => {
  refuseNextSave.value = false;
});
const t = adminWithTwilioAccount();

function own(phoneNumber: string, overrides: Partial<FakeNumber> = {}): FakeNumber {
  const number = newNumber(phoneNumber, overrides);
  t.account.numbers.set(number.sid, number);
  return number;
}
const ring = { type: 'ring', users: ['sato'], strategy: 'sequential' };
const OUR_VOICE = `${PUBLIC_URL}/twilio/voice`;
const THEIR_IVR = 'https://ivr.example.com/answer';
const rows = () => t.store.db.selectFrom('incoming_numbers').select(['number', 'twilio_sid', 'previous_twilio']).orderBy('number').execute();
const path = (number: string) => `/api/incoming/${encodeURIComponent(number)}`;

async function connected(phoneNumber: string, label: string): Promise<FakeNumber> {
  const number = own(phoneNumber, { voice_url: THEIR_IVR });
  await t.addNumber({ number: phoneNumber, label });
  expect((await t.api('POST', `/api/twilio/numbers/${number.sid}/connect`, { body: { confirm: true } })).status).toBe(200);
  expect(number.voice_url).toBe(OUR_VOICE);
  return number;
}

describe('editing an incoming number', () => {
  it('refuses a body naming another number, naming the field: the number and its Twilio connection stay', async () => {
    const main = await connected('+81312345678', '代表');
    const before = await rows();
    const response = await t.api('PUT', path('+81312345678'), { body: { number: '03-9999-0000', label: '代表', route: ring } });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: { code: 'invalid_input', issues: [{ path: 'number', code: 'incoming_number_immutable', params: { number: '03-1234-5678' } }] },
    });
    expect(await rows()).toEqual(before);
    expect(main.voice_url).toBe(OUR_VOICE);
  });

  it('accepts the same number written another way, and keeps the number the path names', async () => {
    const main = await connected('+81312345678', '代表');
    const response = await t.api('PUT', path('03-1234-5678'), { body: { number: '03-1234-5678', label: '本社', route: ring } });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ number: '+81312345678', label: '本社' });
    expect((await rows()).map((row) => [row.number, row.twilio_sid])).toEqual([['+81312345678', main.sid]]);
  });
});

describe('deleting an incoming number', () => {
  const withForwardAbroad = async () => {
    // Allowed countries empty → the countries of the account's own numbers: without the US number,
    // forwarding 代表's closed hours to a US number is refused.
    const us = own('+14155552671', { voice_url: THEIR_IVR });
    await t.addNumber({
      number: '+81312345678',
      label: '代表',
      hours: { weekly: { mon: [{ from: '09:00', to: '18:00' }] }, outside: { type: 'forward', number: '+14155550123' } },
    } as never);
    await t.addNumber({ number: '+14155552671', label: 'US' });
    expect((await t.api('POST', `/api/twilio/numbers/${us.sid}/connect`, { body: { confirm: true } })).status).toBe(200);
    return us;
  };

  it('refused by the rules, asks nothing of Twilio: the number stays configured and connected', async () => {
    const us = await withForwardAbroad();
    const before = await rows();
    const requests = t.twilioApi.fake.requests.length;
    const response = await t.api('DELETE', path('+14155552671'));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { issues: [{ path: 'incoming[0].hours.outside.number', code: 'forward_country_not_allowed' }] } });
    expect(t.twilioApi.fake.requests.length).toBe(requests);
    expect(us.voice_url).toBe(OUR_VOICE);
    expect(await rows()).toEqual(before);
  });

  it('refused when saving, after Twilio got the number back: connected again, its "before" kept', async () => {
    const main = await connected('+81312345678', '代表');
    const before = await rows();
    refuseNextSave.value = true;
    const response = await t.api('DELETE', path('+81312345678'));
    expect(response.status).toBe(412);
    expect(main.voice_url).toBe(OUR_VOICE);
    expect(await rows()).toEqual(before);
    // And a delete that goes through still gives the number back to what it did before us.
    expect((await t.api('DELETE', path('+81312345678'))).status).toBe(204);
    expect(main.voice_url).toBe(THEIR_IVR);
    expect(await rows()).toEqual([]);
  });
});

describe('adding a number with its Twilio SID', () => {
  it('saves it and reports Twilio’s failure beside it (201): nothing to undo, connecting again works', async () => {
    const main = own('+81312345678');
    t.twilioApi.fake.faults.push({ method: 'POST', path: new RegExp(`IncomingPhoneNumbers/${main.sid}\\.json$`), status: 503, code: 20503, message: 'Service Unavailable' });
    const response = await t.api('POST', '/api/incoming', { body: { number: '03-1234-5678', label: '代表', route: ring, twilioSid: main.sid, confirm: false } });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ number: '+81312345678', label: '代表', twilio: { status: 502, error: { code: 'twilio_unavailable' } } });
    expect((await rows()).map((row) => [row.number, row.twilio_sid])).toEqual([['+81312345678', null]]);
    expect(main.voice_url).not.toBe(OUR_VOICE);

    const retry = await t.api('POST', `/api/twilio/numbers/${main.sid}/connect`, { body: { confirm: false } });
    expect(retry.status).toBe(200);
    expect(main.voice_url).toBe(OUR_VOICE);
    expect((await rows()).map((row) => [row.number, row.twilio_sid])).toEqual([['+81312345678', main.sid]]);
  });

  it('still asks before taking over a number that answers elsewhere (409 number_in_use), the number saved', async () => {
    const main = own('+81312345678', { voice_url: THEIR_IVR });
    const response = await t.api('POST', '/api/incoming', { body: { number: '03-1234-5678', label: '代表', route: ring, twilioSid: main.sid } });
    expect(response.status).toBe(409);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('number_in_use');
    expect(main.voice_url).toBe(THEIR_IVR);
    expect((await rows()).map((row) => row.number)).toEqual(['+81312345678']);
  });
});
