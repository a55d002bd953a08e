import { describe, expect, it } from 'vitest';
import { newCallerId, newNumber } from '../../emulators/twilio-rest/state.ts';
import { wordedAs } from '../support/worded.ts';
import { adminWithTwilioAccount, createAdminHarness } from './harness.ts';

type ErrorBody = { error: { code: string; message: string; messages?: { en: string; ja: string } } };

const t = adminWithTwilioAccount({
  reps: [{ id: 'sato', name: '佐藤 花子' }],
  beforeConnect(account) {
    const owned = newNumber('+81312345678', { friendly_name: '東京代表' });
    account.numbers.set(owned.sid, owned);
    const verified = newCallerId('+815012345678', { friendly_name: '大阪支店（認証済み）' });
    account.callerIds.set(verified.sid, verified);
  },
});

const assign = (user: string, body: unknown, headers: Record<string, string> = {}) => t.api('PUT', `/api/outgoing/${user}`, { body, headers });
const assignments = async () => ((await (await t.api('GET', '/api/outgoing')).json()) as { outgoing: unknown[] }).outgoing;

describe('Outgoing numbers: only caller IDs Twilio accepts', () => {
  it('offers the account’s own numbers and its verified caller IDs', async () => {
    const response = await t.api('GET', '/api/twilio/caller-ids');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      callerIds: [
        { phoneNumber: '+81312345678', friendlyName: '東京代表', source: 'twilio-number', sid: expect.stringMatching(/^PN/) },
        { phoneNumber: '+815012345678', friendlyName: '大阪支店（認証済み）', source: 'verified', sid: expect.stringMatching(/^PN/) },
      ],
    });
  });

  it.each([
    ['a number of the account', '03-1234-5678', '+81312345678'],
    ['a verified caller ID', '050-1234-5678', '+815012345678'],
  ])('saves %s, typed in national format', async (_what, typed, e164) => {
    const response = await assign('sato', { number: typed, record: true });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ user: 'sato', number: e164, record: true });
    // Checked with Twilio by exact number, on both lists.
    expect(t.twilioApi.fake.requests.filter((r) => r.method === 'GET' && r.path.endsWith('OutgoingCallerIds.json')).length).toBeGreaterThan(0);
  });

  it('refuses a number the account cannot call from, worded in both languages, and saves nothing', async () => {
    const response = await assign('sato', { number: '03-9999-0000', record: false });
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body).toMatchObject({ error: { code: 'caller_id_not_usable', params: { number: '03-9999-0000' }, number: '+81399990000' } });
    expect(wordedAs('ja', body)).toMatch(/^03-9999-0000 は Twilio アカウントの番号でも認証済みの発信者番号でもないため/);
    expect(wordedAs('en', body)).toMatch(/^03-9999-0000 is neither a number of your Twilio account nor a verified caller ID/);
    expect(await assignments()).toEqual([]);
  });

  it('refuses a number that only part of one of the account’s numbers matches (Twilio’s filter matches partial numbers)', async () => {
    const berlin = newNumber('+4930123456', { friendly_name: 'Berlin' });
    t.account.numbers.set(berlin.sid, berlin);
    const response = await assign('sato', { number: '+49 30 12345' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'caller_id_not_usable', number: '+493012345' } });
    expect(await assignments()).toEqual([]);
    // The account's own number itself still passes.
    expect((await assign('sato', { number: '+49 30 123456' })).status).toBe(200);
  });

  it('says so when Twilio cannot be asked, and saves nothing', async () => {
    t.twilioApi.fake.faults.push({ method: 'GET', path: /OutgoingCallerIds\.json$/, status: 503, code: 20503, message: 'Service Unavailable' });
    const response = await assign('sato', { number: '050-1234-5678' });
    expect(response.status).toBe(502);
    const body = await response.json();
    expect(body).toMatchObject({ error: { code: 'caller_id_unchecked', params: { number: '050-1234-5678' }, twilioProblem: 'twilio_unavailable' } });
    expect(wordedAs('ja', body)).toMatch(/^050-1234-5678 が発信者番号として使えるか Twilio に確認できなかったため、保存していません。/);
    expect(wordedAs('en', body)).toContain('so nothing was saved');
    expect(await assignments()).toEqual([]);
  });

  it('asks for Twilio first when it is not set up', async () => {
    const fresh = await createAdminHarness(t.twilioApi);
    await fresh.addUser({ id: 'sato', name: '佐藤 花子' });
    const response = await fresh.api('PUT', '/api/outgoing/sato', { body: { number: '03-1234-5678' } });
    expect(response.status).toBe(409);
    expect(((await response.json()) as ErrorBody).error.code).toBe('twilio_not_configured');
    await fresh.close();
  });

  it('still names the field of a number that is not a phone number, or an unknown user', async () => {
    const typo = await assign('sato', { number: '03-12' });
    expect(typo.status).toBe(400);
    expect(((await typo.json()) as { error: { issues: { path: string }[] } }).error.issues.map((i) => i.path)).toEqual(['number']);
    const nobody = await assign('nobody', { number: '03-1234-5678' });
    expect(nobody.status).toBe(400);
  });

  it('changes and removes an assignment', async () => {
    await assign('sato', { number: '03-1234-5678' });
    expect((await assign('sato', { number: '050-1234-5678', record: true })).status).toBe(200);
    expect(await assignments()).toEqual([{ user: 'sato', number: '+815012345678', record: true }]);
    expect((await t.api('DELETE', '/api/outgoing/sato')).status).toBe(204);
    expect(await assignments()).toEqual([]);
  });
});
