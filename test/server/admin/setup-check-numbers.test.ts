import { describe, expect, it } from 'vitest';
import { newNumber, sid, type FakeNumber } from '../../emulators/twilio-rest/state.ts';
import { wordedAs } from '../support/worded.ts';
import { adminWithTwilioAccount, PUBLIC_URL } from './harness.ts';

type Finding = { id: string; ok: boolean; severity: string; fix?: string; numberSid?: string; message: { en: string; ja: string } };
type Report = { ok: boolean; findings: Finding[] };

const OUR_VOICE = `${PUBLIC_URL}/twilio/voice`;
const THEIR_IVR = 'https://ivr.example.com/answer';
const OFFICE_TRUNK = `TK${'a'.repeat(32)}`;
const ring = { type: 'ring', users: ['sato'], strategy: 'sequential' };

const t = adminWithTwilioAccount();

function own(phoneNumber: string, overrides: Partial<FakeNumber> = {}): FakeNumber {
  const number = newNumber(phoneNumber, overrides);
  t.account.numbers.set(number.sid, number);
  return number;
}
const check = async () => (await (await t.api('GET', '/api/twilio/setup-check')).json()) as Report;
const fix = (id: string, confirm?: boolean) => t.api('POST', '/api/twilio/setup-check/fix', { body: confirm === undefined ? { id } : { id, confirm } });
const finding = (report: Report, id: string) => report.findings.find((f) => f.id === id);
const failing = (report: Report) => report.findings.filter((f) => !f.ok).map((f) => [f.id, f.fix ?? null]);
const connect = async (number: FakeNumber) =>
  expect((await t.api('POST', `/api/twilio/numbers/${number.sid}/connect`, { body: { confirm: true } })).status).toBe(200);

describe('setup check: a number left unconnected that answers elsewhere', () => {
  it('names what answers it now, and “Fix it” asks before taking it over, as adding the number does', async () => {
    const main = own('+81312345678', { voice_url: THEIR_IVR });
    // Adding it asked (409); the admin chose “Leave it as it is for now”.
    const added = await t.api('POST', '/api/incoming', { body: { number: '03-1234-5678', label: '代表', route: ring, twilioSid: main.sid, confirm: false } });
    expect(added.status).toBe(409);

    const report = await check();
    expect(finding(report, `number:${main.sid}:connected`)).toEqual({
      id: `number:${main.sid}:connected`,
      numberSid: main.sid,
      ok: false,
      severity: 'error',
      fix: 'point-number',
      message: {
        en: `03-1234-5678 is not connected to this server yet: Twilio does not send its calls here. It answers calls through Voice URL ${THEIR_IVR} now; connecting it replaces that (you are asked first).`,
        ja: `03-1234-5678 はまだこのサーバーに接続されていないため、着信がこのサーバーに届きません。現在は 音声 URL ${THEIR_IVR} で着信を処理しています。接続するとこの設定は置き換えられます（実行前に確認します）。`,
      },
    });

    const asked = await fix(`number:${main.sid}:connected`);
    expect(asked.status).toBe(409);
    const body = await asked.json();
    expect(body).toMatchObject({ error: { code: 'number_in_use', params: { number: '03-1234-5678', target: THEIR_IVR }, usedBy: { kind: 'voice-url', target: THEIR_IVR } } });
    expect(wordedAs('ja', body)).toContain(`03-1234-5678 は現在、別の設定（${THEIR_IVR}）で着信を処理しています。`);
    expect(main.voice_url).toBe(THEIR_IVR);

    // “Connect it to Yobidashi anyway”: taken over, and what it did before kept to give back.
    expect((await fix(`number:${main.sid}:connected`, true)).status).toBe(200);
    expect(main.voice_url).toBe(OUR_VOICE);
    const row = await t.store.db.selectFrom('incoming_numbers').select(['twilio_sid', 'previous_twilio']).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ twilio_sid: main.sid, previous_twilio: { voiceUrl: THEIR_IVR } });
  });

  it('names the office PBX’s SIP trunk, and does not take the number off the trunk without asking', async () => {
    const pbx = own('+81312340000', { trunk_sid: OFFICE_TRUNK });
    await t.addNumber({ number: '+81312340000', label: 'PBX' });

    const report = await check();
    expect(finding(report, `number:${pbx.sid}:connected`)?.message).toEqual({
      en: `03-1234-0000 is not connected to this server yet: Twilio does not send its calls here. It answers calls through Elastic SIP trunk ${OFFICE_TRUNK} now; connecting it replaces that (you are asked first).`,
      ja: `03-1234-0000 はまだこのサーバーに接続されていないため、着信がこのサーバーに届きません。現在は Elastic SIP トランク ${OFFICE_TRUNK} で着信を処理しています。接続するとこの設定は置き換えられます（実行前に確認します）。`,
    });
    const asked = await fix(`number:${pbx.sid}:connected`);
    expect(asked.status).toBe(409);
    expect(await asked.json()).toMatchObject({ error: { code: 'number_in_use', usedBy: { kind: 'trunk', target: OFFICE_TRUNK } } });
    expect(pbx.trunk_sid).toBe(OFFICE_TRUNK);
  });

  it('connects a number nobody uses (Twilio’s demo answer) without asking', async () => {
    const fresh = own('+81312345678');
    await t.addNumber({ number: '+81312345678', label: '代表' });
    expect((await fix(`number:${fresh.sid}:connected`)).status).toBe(200);
    expect(fresh.voice_url).toBe(OUR_VOICE);
  });
});

describe('setup check: the webhook method', () => {
  it('flags a number Twilio calls with GET (every call fails: the webhooks take POST only), and the fix sets POST again', async () => {
    const main = own('+81312345678');
    await t.addNumber({ number: '+81312345678', label: '代表' });
    await connect(main);
    await t.goOnline('sato');
    expect((await check()).ok).toBe(true);

    main.voice_method = 'GET';
    main.status_callback_method = 'GET';
    const report = await check();
    expect(report.ok).toBe(false);
    expect(failing(report)).toEqual([[`number:${main.sid}:voice-url`, 'point-number'], [`number:${main.sid}:status-callback`, 'point-number'], ['outgoing:none', null]]);
    expect(finding(report, `number:${main.sid}:voice-url`)?.message).toEqual({
      en: '03-1234-5678 sends calls to this server with GET, but this server accepts only POST: every call to it fails.',
      ja: '03-1234-5678 は着信を GET でこのサーバーに送っていますが、このサーバーは POST しか受け付けないため、着信がすべて失敗します。',
    });
    expect(finding(report, `number:${main.sid}:status-callback`)?.message.en).toBe(
      '03-1234-5678 does not report call status to this server (it uses GET; this server accepts only POST): the call log will miss calls.',
    );

    // Still our URL: nothing to take over, no question.
    expect((await fix(`number:${main.sid}:voice-url`)).status).toBe(200);
    expect(main).toMatchObject({ voice_url: OUR_VOICE, voice_method: 'POST', status_callback_method: 'POST' });
  });
});

describe('setup check: a number released and bought back', () => {
  it('finds it by its phone number under its new SID, offers to connect it, and the fix holds the new SID', async () => {
    const original = own('+81312345678');
    await t.addNumber({ number: '+81312345678', label: '代表' });
    await connect(original);
    await t.goOnline('sato');
    t.account.numbers.delete(original.sid);
    const again = own('+81312345678'); // bought back: a new SID, Twilio's demo answer
    own('+813123456789'); // a longer number the partial PhoneNumber filter also finds

    const report = await check();
    expect(failing(report)).toEqual([[`number:${again.sid}:connected`, 'point-number'], ['outgoing:none', null]]);
    expect(finding(report, `number:${again.sid}:connected`)?.message).toEqual({
      en: `03-1234-5678 is in this Twilio account again under a new SID (${again.sid}; released and bought back?), and Twilio does not send its calls here yet.`,
      ja: `03-1234-5678 は新しい SID（${again.sid}）でこの Twilio アカウントに再登録されています（解約後に再取得した可能性があります）。まだ着信がこのサーバーに届きません。`,
    });

    expect((await fix(`number:${again.sid}:connected`)).status).toBe(200);
    expect(again.voice_url).toBe(OUR_VOICE);
    expect(await t.store.db.selectFrom('incoming_numbers').select('twilio_sid').executeTakeFirstOrThrow()).toEqual({ twilio_sid: again.sid });
    expect((await check()).ok).toBe(true);
  });

  it('still says “delete it here or buy it back” while the number is not in the account', async () => {
    const original = own('+81312345678');
    await t.addNumber({ number: '+81312345678', label: '代表' });
    await connect(original);
    t.account.numbers.delete(original.sid);
    expect(failing(await check())).toContainEqual([`number:${original.sid}:exists`, null]);
  });
});

describe('setup check: a number that sends its calls here but is not configured here', () => {
  it('is named (every caller hears “not in service”), the number list does not call it unused, and adding it needs no take-over', async () => {
    const stray = own('+81663456789', { voice_url: OUR_VOICE, status_callback: `${PUBLIC_URL}/twilio/status` });
    own('+815012345678', { voice_url: 'https://other-yobidashi.example.com/twilio/voice' }); // another server's: not ours

    const report = await check();
    expect(report.ok).toBe(false);
    expect(report.findings.filter((f) => f.id.endsWith(':not-configured'))).toEqual([{
      id: `number:${stray.sid}:not-configured`,
      numberSid: stray.sid,
      ok: false,
      severity: 'error',
      message: {
        en: '06-6345-6789 sends its calls to this server, but it is not one of the incoming numbers here: every caller hears that the number is not in service. Add it in “Incoming numbers”, or point it elsewhere in the Twilio Console.',
        ja: '06-6345-6789 の着信はこのサーバーに届きますが、ここでは着信番号として設定されていないため、発信者には「現在使われておりません」という案内が流れます。「着信番号」で追加するか、Twilio コンソールで別の着信先に変更してください。',
      },
    }]);

    const { numbers } = (await (await t.api('GET', '/api/twilio/numbers')).json()) as { numbers: { sid: string; inUseElsewhere: boolean; usedBy: { kind: string } | null }[] };
    expect(numbers.find((n) => n.sid === stray.sid)).toMatchObject({ inUseElsewhere: false, usedBy: { kind: 'this-server' } });

    const added = await t.api('POST', '/api/incoming', { body: { number: '06-6345-6789', label: '大阪', route: ring, twilioSid: stray.sid, confirm: false } });
    expect(added.status).toBe(201);
    expect((await check()).findings.some((f) => f.id.endsWith(':not-configured'))).toBe(false);
  });

  it('leaves alone a number whose TwiML App overrides our URL (its calls never reach us)', async () => {
    own('+81663456789', { voice_url: OUR_VOICE, voice_application_sid: sid('AP') });
    expect((await check()).findings.some((f) => f.id.endsWith(':not-configured'))).toBe(false);
  });
});
