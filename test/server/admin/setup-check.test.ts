import { beforeEach, describe, expect, it } from 'vitest';
import { loadStoredTwilio } from '../../../server/store/phone-config-store.ts';
import { markOnCall } from '../../../server/store/presence.ts';
import { newCallerId, newNumber, type FakeNumber } from '../../emulators/twilio-rest/state.ts';
import { adminWithTwilioAccount, createAdminHarness, newTwilioAccount, PUBLIC_URL } from './harness.ts';

type Finding = { id: string; ok: boolean; severity: string; fix?: string; numberSid?: string; message: { en: string; ja: string } };
type Report = { ok: boolean; findings: Finding[]; reps: { number: string; ringable: { id: string; name: string }[]; busy: unknown[]; offline: unknown[] }[] };

let number: FakeNumber;
const t = adminWithTwilioAccount({
  reps: [{ id: 'sato', name: '佐藤' }, { id: 'suzuki', name: '鈴木' }],
  beforeConnect(account) {
    number = newNumber('+81312345678');
    account.numbers.set(number.sid, number);
  },
});
beforeEach(async () => {
  await t.addNumber({ number: '+81312345678', label: '代表', route: { type: 'ring', users: ['sato', 'suzuki'], strategy: 'sequential', ringSeconds: 20, cycles: 1 } });
});

const check = async () => (await (await t.api('GET', '/api/twilio/setup-check')).json()) as Report;
const fix = async (id: string) => t.api('POST', '/api/twilio/setup-check/fix', { body: { id } });
const failing = (report: Report) => report.findings.filter((f) => !f.ok).map((f) => [f.id, f.fix ?? null]);

describe('Setup check', () => {
  it('offers to connect a configured number Twilio does not send here yet, and the fix connects it', async () => {
    expect(failing(await check())).toEqual([
      [`number:${number.sid}:connected`, 'point-number'],
      ['outgoing:none', null],
      ['number:+81312345678:reps', null],
    ]);
    const response = await fix(`number:${number.sid}:connected`);
    expect(response.status).toBe(200);
    const report = (await response.json()) as Report;
    expect(report.ok).toBe(true);
    expect(number.voice_url).toBe(`${PUBLIC_URL}/twilio/voice`);
  });

  it('shows who can be rung on each number right now, in ring order', async () => {
    await t.goOnline('suzuki', 'sato');
    await markOnCall(t.store.db, 'sato', 'CA'.padEnd(34, '0'), t.clock.now());
    const report = await check();
    expect(report.reps).toEqual([
      { number: '+81312345678', label: '代表', ringable: [{ id: 'suzuki', name: '鈴木' }], busy: [{ id: 'sato', name: '佐藤' }], offline: [] },
    ]);
    // People read numbers in national format in sentences.
    expect(report.findings.find((f) => f.id === 'number:+81312345678:reps')).toMatchObject({
      ok: true,
      message: { ja: '03-1234-5678（代表）：今は 鈴木 を呼び出せます。', en: '03-1234-5678 (代表): 鈴木 can be rung now.' },
    });
  });

  it('says plainly that nobody can be rung when every rep is offline or busy', async () => {
    const report = await check();
    expect(report.findings.find((f) => f.id === 'number:+81312345678:reps')?.message.ja).toBe(
      '03-1234-5678（代表）：担当者が全員オフラインか通話中のため、今は誰も呼び出せません。発信者には不在メッセージが流れます。',
    );
  });

  it('finds a TwiML App deleted in the console and a number re-pointed elsewhere; each fix repairs one', async () => {
    await fix(`number:${number.sid}:connected`);
    await t.goOnline('sato');
    const { twimlAppSid } = await loadStoredTwilio(t.store.db);
    t.account.applications.delete(twimlAppSid!);
    number.voice_application_sid = 'AP'.padEnd(34, '9');

    const report = await check();
    expect(report.ok).toBe(false);
    expect(failing(report)).toEqual([
      ['twiml-app', 'recreate-app'],
      [`number:${number.sid}:no-override`, 'point-number'],
      ['outgoing:none', null],
    ]);

    const afterApp = (await (await fix('twiml-app')).json()) as Report;
    const recreated = (await loadStoredTwilio(t.store.db)).twimlAppSid;
    expect(recreated).not.toBe(twimlAppSid);
    expect(t.account.applications.get(recreated!)?.voice_url).toBe(`${PUBLIC_URL}/twilio/voice/outgoing`);
    expect(t.account.keys.size).toBe(1);
    expect(failing(afterApp)).toEqual([[`number:${number.sid}:no-override`, 'point-number'], ['outgoing:none', null]]);

    const afterNumber = (await (await fix(`number:${number.sid}:no-override`)).json()) as Report;
    expect(afterNumber.ok).toBe(true);
    expect(number.voice_application_sid).toBe('');
  });

  it('flags an outgoing number the account cannot use as caller ID, and confirms the ones it can', async () => {
    await fix(`number:${number.sid}:connected`);
    await t.goOnline('sato');
    const verified = newCallerId('+815012345678');
    t.account.callerIds.set(verified.sid, verified);
    // An import is not checked with Twilio: the setup check is where such a number shows up.
    const document = (await (await t.api('GET', '/api/config')).json()) as { outgoing: unknown[] };
    document.outgoing = [
      { user: 'sato', number: '03-9999-0000', record: false },
      { user: 'suzuki', number: '050-1234-5678', record: false },
      { user: 'yamada', number: '+81312345678', record: false },
    ];
    expect((await t.api('PUT', '/api/config', { body: document })).status).toBe(200);

    const report = await check();
    expect(report.ok).toBe(false);
    const outgoing = report.findings.filter((f) => f.id.startsWith('outgoing:'));
    expect(outgoing.map((f) => [f.id, f.ok, f.severity])).toEqual([
      ['outgoing:sato:caller-id', false, 'error'],
      ['outgoing:suzuki:caller-id', true, 'error'],
      ['outgoing:yamada:caller-id', true, 'error'],
    ]);
    expect(outgoing[0]?.message.ja).toMatch(/^佐藤さんは発信できません。03-9999-0000 は、この Twilio アカウントの番号でも認証済みの発信者番号でもない/);
    expect(outgoing[1]?.message.ja).toBe('鈴木さんは 050-1234-5678（認証済みの発信者番号）から発信します。');
    expect(outgoing[2]?.message.en).toBe('山田 calls from 03-1234-5678 (a number of this Twilio account).');
  });

  it('names Twilio, and PUBLIC_URL, when neither is set up', async () => {
    const bare = await createAdminHarness(t.twilioApi, { publicUrl: null });
    const report = (await (await bare.api('GET', '/api/twilio/setup-check')).json()) as Report;
    expect(report.ok).toBe(false);
    expect(report.findings.map((f) => [f.id, f.ok])).toEqual([['public-url-https', false], ['twilio-account', false]]);
    expect(report.findings[1]?.message.ja).toBe('Twilio がまだ設定されていないため、着信も発信もできません。ステップ 1（Twilio）で Account SID と Auth Token を入力してください。');
    await bare.close();
  });

  it('flags a PUBLIC_URL that is not HTTPS', async () => {
    const plain = await createAdminHarness(t.twilioApi, { publicUrl: 'http://192.0.2.10:8787' });
    const created = newTwilioAccount(t.twilioApi);
    await plain.api('PUT', '/api/twilio/account', { body: created.credentials });
    const report = (await (await plain.api('GET', '/api/twilio/setup-check')).json()) as Report;
    expect(report.ok).toBe(false);
    expect(report.findings[0]).toMatchObject({ id: 'public-url-https', ok: false, message: { en: expect.stringContaining('is not HTTPS') } });
  });

  it('refuses a fix it does not know', async () => {
    const response = await fix('public-url-https');
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'no_fix' } });
  });
});
