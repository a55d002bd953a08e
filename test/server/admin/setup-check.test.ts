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
const fix = async (id: string, confirm?: boolean) => t.api('POST', '/api/twilio/setup-check/fix', { body: confirm === undefined ? { id } : { id, confirm } });
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

    // The App attached since answers the number now: the fix asks before taking it over, as adding does.
    const asked = await fix(`number:${number.sid}:no-override`);
    expect(asked.status).toBe(409);
    expect(await asked.json()).toMatchObject({ error: { code: 'number_in_use', usedBy: { kind: 'application', target: 'AP'.padEnd(34, '9') } } });
    expect(number.voice_application_sid).toBe('AP'.padEnd(34, '9'));
    const afterNumber = (await (await fix(`number:${number.sid}:no-override`, true)).json()) as Report;
    expect(afterNumber.ok).toBe(true);
    expect(number.voice_application_sid).toBe('');
  });

  it('flags a TwiML App that Twilio calls with GET (every outgoing call fails) or that reports status elsewhere; the fix repairs both', async () => {
    await fix(`number:${number.sid}:connected`);
    await t.goOnline('sato');
    const { twimlAppSid } = await loadStoredTwilio(t.store.db);
    const app = t.account.applications.get(twimlAppSid!)!;
    app.voice_method = 'GET';
    app.status_callback = 'https://elsewhere.example.com/status';

    const report = await check();
    expect(report.ok).toBe(false);
    expect(failing(report)).toEqual([['twiml-app-voice-url', 'recreate-app'], ['twiml-app-status-callback', 'recreate-app'], ['outgoing:none', null]]);
    expect(report.findings.filter((f) => f.id.startsWith('twiml-app-')).map((f) => f.message)).toEqual([
      {
        en: 'The TwiML App sends outgoing calls to this server with GET, but this server accepts only POST: every outgoing call fails.',
        ja: 'TwiML アプリが発信を GET でこのサーバーに送っていますが、このサーバーは POST しか受け付けないため、発信がすべて失敗します。',
      },
      {
        en: `The TwiML App reports the status of outgoing calls to https://elsewhere.example.com/status instead of ${PUBLIC_URL}/twilio/status: the call log will miss outgoing calls.`,
        ja: `TwiML アプリの通話状況の通知先が ${PUBLIC_URL}/twilio/status ではなく https://elsewhere.example.com/status になっているため、発信が通話履歴に記録されません。`,
      },
    ]);

    const fixed = (await (await fix('twiml-app-status-callback')).json()) as Report;
    expect(app).toMatchObject({ voice_method: 'POST', status_callback: `${PUBLIC_URL}/twilio/status`, status_callback_method: 'POST' });
    expect(failing(fixed)).toEqual([['outgoing:none', null]]);
  });

  it('warns, in both languages, that a trial account calls only verified numbers and that callers hear Twilio’s notice first', async () => {
    await fix(`number:${number.sid}:connected`);
    await t.goOnline('sato');
    expect((await check()).findings.find((f) => f.id === 'twilio-account-type')).toMatchObject({ ok: true, severity: 'warning' });

    t.account.account.type = 'Trial';
    const report = await check();
    // A warning: everything works, within the trial's limits.
    expect(report.ok).toBe(true);
    expect(report.findings.find((f) => f.id === 'twilio-account-type')).toEqual({
      id: 'twilio-account-type',
      ok: false,
      severity: 'warning',
      message: {
        en: 'This is a Twilio trial account: reps can call only numbers verified in the Twilio Console, and every caller first hears Twilio’s trial notice and must press a key before the call reaches Yobidashi. Upgrade the account in the Twilio Console to lift both limits.',
        ja: 'この Twilio アカウントはトライアルアカウントです。担当者は Twilio コンソールで認証済みの番号にしか発信できず、着信した相手には最初に Twilio のトライアル案内が流れ、キーを押すまで呼び出しにつながりません。Twilio コンソールでアカウントをアップグレードすると、どちらの制限もなくなります。',
      },
    });
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
