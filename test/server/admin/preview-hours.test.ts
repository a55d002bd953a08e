import { beforeEach, describe, expect, it } from 'vitest';
import { saveStoredTwilio } from '../../../server/store/phone-config-store.ts';
import { markOnCall } from '../../../server/store/presence.ts';
import { hoursFindings } from '../../../server/services/hours-check.ts';
import { businessHoursSchema } from '../../../server/phone-config/hours-schema.ts';
import { incomingNumberSchema } from '../../../server/phone-config/schema.ts';
import { freshAdminEachTest, newTwilioAccount } from './harness.ts';

/**
 * The preview and the setup check understand business hours: the admin "calls" a number as if it
 * were a chosen Tokyo date and time, and the check warns of a number closed all week, one without
 * its own closed message, and holiday data that does not reach next year.
 */

const LUNCH_BREAK = [{ from: '09:00', to: '12:00' }, { from: '13:00', to: '18:00' }];
const OFFICE = {
  number: '+81312345678',
  label: '代表',
  voice: { language: 'ja-JP' as const },
  messages: { closed: { type: 'text' as const, text: '本日の営業は終了しました。' } },
  route: {
    type: 'ring' as const,
    users: ['sato'],
    strategy: 'sequential' as const,
    ringSeconds: 20,
    cycles: 1 as const,
    queue: { enabled: true, announceSeconds: 30, maxWaitSeconds: 300, priority: 0, voicemailKey: '1' as const, callbackKey: '2' as const },
  },
  hours: businessHoursSchema.parse({ weekly: { mon: LUNCH_BREAK, tue: LUNCH_BREAK, wed: LUNCH_BREAK, thu: LUNCH_BREAK, fri: LUNCH_BREAK } }),
};

const { twilioApi, t } = freshAdminEachTest(async (t) => {
  await saveStoredTwilio(t.store.db, { accountSid: `AC${'3'.repeat(32)}`, authTokenSealed: t.deps.secretBox.seal('9f'.repeat(16)) }, t.clock.now());
  await t.addUser({ id: 'sato', name: '佐藤' });
  await t.addNumber(OFFICE);
});

type Preview = { steps: Record<string, unknown>[]; outcome: string; summary: { en: string; ja: string } };
async function previewAt(date: string, time: string): Promise<Preview> {
  const response = await t.api('POST', `/api/preview/${encodeURIComponent(OFFICE.number)}`, { body: { digits: [], at: { date, time } } });
  expect(response.status).toBe(200);
  return (await response.json()) as Preview;
}

describe('the preview, as if it were another moment', () => {
  it('on a holiday: the closed message, then voicemail', async () => {
    await t.goOnline('sato');
    const result = await previewAt('2026-11-23', '10:00');
    expect(result.steps).toEqual([
      { say: { text: '本日の営業は終了しました。', language: 'ja-JP', voice: 'Polly.Mizuki' } },
      { record: { maxLength: 120, playBeep: true } },
    ]);
    expect(result.summary).toEqual({ en: 'outside business hours: the closed message, then voicemail', ja: '営業時間外です：時間外メッセージの後、留守番電話を録音します' });
  });

  it('on a Tuesday morning: rings as usual', async () => {
    await t.goOnline('sato');
    const result = await previewAt('2026-11-24', '10:00');
    expect(result.summary.en).toBe('rings 佐藤 for 20 s; if nobody answers: unavailable message, then voicemail');
  });

  it('when everyone is busy: the caller waits in line, and nothing of the preview stays in the line', async () => {
    await t.goOnline('sato');
    await markOnCall(t.store.db, 'sato', `CA${'9'.repeat(32)}`, t.clock.now());
    const result = await previewAt('2026-11-24', '10:00');
    expect(result.outcome).toBe('waiting-in-line');
    expect(result.steps).toContainEqual({ say: { text: '只今、1番目にお待ちいただいております。', language: 'ja-JP', voice: 'Polly.Mizuki' } });
    expect(result.summary.ja).toBe('担当者が全員通話中です：発信者は保留音を聞きながら順番を待ち、待ち順のご案内を聞きます');
    expect(await t.store.db.selectFrom('waiting_callers').selectAll().execute()).toEqual([]);
    expect(await t.store.db.selectFrom('calls').selectAll().execute()).toEqual([]);
  });

  it('forwarding at night: the closed message, the forward, then what happens if nobody answers there; nothing stays behind', async () => {
    await t.store.db.deleteFrom('incoming_numbers').execute();
    await t.addNumber({ ...OFFICE, hours: businessHoursSchema.parse({ ...OFFICE.hours, outside: { type: 'forward', number: '090-5555-6666' } }) });
    const result = await previewAt('2026-11-24', '21:00');
    expect(result.steps.at(-1)).toEqual({ record: { maxLength: 120, playBeep: true } });
    expect(result.summary).toEqual({
      en: 'outside business hours: the closed message, then the call is forwarded (voicemail if nobody answers there)',
      ja: '営業時間外です：時間外メッセージの後、転送します（転送先が応答しない場合は留守番電話を録音します）',
    });
    expect(await t.store.db.selectFrom('follow_ups').selectAll().execute()).toEqual([]);
    expect(await t.store.db.selectFrom('calls').selectAll().execute()).toEqual([]);
  });

  it('refuses a time that is not HH:MM', async () => {
    const response = await t.api('POST', `/api/preview/${encodeURIComponent(OFFICE.number)}`, { body: { digits: [], at: { date: '2026-11-24', time: '25:00' } } });
    expect(response.status).toBe(400);
  });
});

describe('the setup check understands hours', () => {
  type Finding = { id: string; ok: boolean; message: { en: string; ja: string } };
  const check = async () => ((await (await t.api('GET', '/api/twilio/setup-check')).json()) as { findings: Finding[] }).findings;
  beforeEach(async () => {
    await t.api('PUT', '/api/twilio/account', { body: newTwilioAccount(twilioApi).credentials });
  });

  it('warns of a number closed all week and of one without its own closed message', async () => {
    await t.store.db.deleteFrom('incoming_numbers').execute();
    await t.addNumber({ ...OFFICE, messages: {}, hours: businessHoursSchema.parse({ weekly: {} }) });
    const findings = (await check()).filter((finding) => finding.id.includes('closed'));
    expect(findings.map((finding) => [finding.id, finding.ok])).toEqual([
      ['number:+81312345678:closed-all-week', false],
      ['number:+81312345678:closed-message', false],
    ]);
    // Named as the check's other findings name a number: national format, then its label.
    expect(findings[0]?.message.en).toMatch(/^03-1234-5678 \(代表\): its business hours have no opening time/);
    expect(findings[1]?.message.ja).toMatch(/^03-1234-5678（代表）：時間外メッセージが未設定です。営業時間外には「お電話ありがとうございます。ただいま営業時間外です。/);
  });

  it('quotes the default closed message in the language callers hear it in, whatever the admin reads', async () => {
    await t.store.db.deleteFrom('incoming_numbers').execute();
    await t.addNumber({ ...OFFICE, label: 'Support', voice: { language: 'en-US' }, messages: {} });
    const [finding] = (await check()).filter((candidate) => candidate.id.endsWith(':closed-message'));
    expect(finding?.message.ja).toMatch(/^03-1234-5678（Support）：時間外メッセージが未設定です。営業時間外には「Thank you for calling\. We are closed now\. Our hours are /);
    expect(finding?.message.en).toMatch(/^03-1234-5678 \(Support\): no closed message of its own; outside hours callers hear “Thank you for calling\./);
  });

  it('says how far the holiday data reaches', async () => {
    const [finding] = (await check()).filter((candidate) => candidate.id === 'hours:holiday-data');
    expect(finding).toMatchObject({ ok: true, message: { ja: expect.stringMatching(/^日本の祝日データは \d{4} 年まであります。$/) } });
  });

  it('warns when the holiday data does not cover next year', () => {
    const number = incomingNumberSchema.parse(OFFICE);
    const findings = hoursFindings([number], { timeZone: 'Asia/Tokyo', now: new Date('2029-12-31T15:30:00Z'), defaultCountry: 'JP', holidayData: { firstYear: 1970, lastYear: 2030 } });
    // 2029-12-31 15:30 UTC is already 1 January 2030 in Tokyo: next year is 2031.
    expect(findings).toContainEqual(
      expect.objectContaining({
        id: 'hours:holiday-data',
        ok: false,
        message: expect.objectContaining({ en: expect.stringContaining('known only through 2030: update the server (the @holiday-jp/holiday_jp package) before 2031') }),
      }),
    );
  });
});
