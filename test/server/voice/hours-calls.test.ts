import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { forgetIncomingNumbers } from '../../../server/store/incoming-number-cache.ts';
import { instantAt } from '../../../server/voice/business-hours.ts';
import { createClock } from '../support/app.ts';
import { incomingNumberSchema, type IncomingNumberInput } from './phone-numbers.ts';
import { createVoiceHarness, type VoiceHarness } from './voice-harness.ts';

/**
 * Business hours on real calls: the Twilio emulator calls the real app at chosen Tokyo wall-clock
 * times (the server's clock is the test's, never today's date).
 */

const LUNCH_BREAK = [{ from: '09:00', to: '12:00' }, { from: '13:00', to: '18:00' }];
const WEEKDAYS = { mon: LUNCH_BREAK, tue: LUNCH_BREAK, wed: LUNCH_BREAK, thu: LUNCH_BREAK, fri: LUNCH_BREAK, sat: [], sun: [] };

const OFFICE: IncomingNumberInput = {
  number: '+81311112222',
  label: '代表',
  voice: { language: 'ja-JP' },
  route: { type: 'ring', users: ['sato'], strategy: 'sequential', ringSeconds: 10, cycles: 1 },
  hours: { weekly: WEEKDAYS, closedDays: [{ from: '2026-12-29', to: '2027-01-04', label: '年末年始' }] },
};

/** An IVR that is there at night: お問い合わせ only in hours, 営業時間のご案内 always. */
const INFO_LINE: IncomingNumberInput = {
  number: '+81311113333',
  label: 'ご案内',
  voice: { language: 'ja-JP' },
  messages: { closed: { type: 'text', text: '本日の受付は終了いたしました。' } },
  route: {
    type: 'ivr',
    availability: 'always',
    menu: [
      { key: 1, label: 'お問い合わせ', availability: 'in-hours', action: { type: 'ring', users: ['sato'], strategy: 'simultaneous', ringSeconds: 10 } },
      { key: 2, label: '営業時間のご案内', action: { type: 'ring', users: ['sato'], strategy: 'simultaneous', ringSeconds: 10 } },
    ],
  },
  hours: { weekly: WEEKDAYS, outside: { type: 'hangup' } },
};

const NIGHT_MESSAGE = '本日の受付は終了いたしました。発信音の後にメッセージをどうぞ。';
const ringSato = { type: 'ring', users: ['sato'], strategy: 'simultaneous', ringSeconds: 10 } as const;

/** There at all times, but every key of its menu only in hours: at night, nothing to offer. */
const ALL_IN_HOURS: IncomingNumberInput = {
  number: '+81311116666',
  label: '代表',
  voice: { language: 'ja-JP' },
  messages: { closed: { type: 'text', text: NIGHT_MESSAGE } },
  route: {
    type: 'ivr',
    availability: 'always',
    menu: [
      { key: 1, label: '営業', availability: 'in-hours', action: ringSato },
      { key: 2, label: 'サポート', availability: 'in-hours', action: ringSato },
    ],
  },
  hours: { weekly: WEEKDAYS, outside: { type: 'voicemail' } },
};

/** There at all times; サポート too, but each of its keys only in hours. */
const SUPPORT_LINE: IncomingNumberInput = {
  number: '+81311117777',
  label: 'サポート',
  voice: { language: 'ja-JP' },
  messages: { closed: { type: 'text', text: NIGHT_MESSAGE } },
  route: {
    type: 'ivr',
    availability: 'always',
    menu: [
      { key: 1, label: '営業時間のご案内', action: ringSato },
      {
        key: 2,
        label: 'サポート',
        action: {
          type: 'menu',
          menu: [
            { key: 1, label: '製品について', availability: 'in-hours', action: ringSato },
            { key: 2, label: '請求について', availability: 'in-hours', action: ringSato },
          ],
        },
      },
    ],
  },
  hours: { weekly: WEEKDAYS, outside: { type: 'voicemail' } },
};

const FORWARDED: IncomingNumberInput = {
  number: '+81311114444',
  label: '夜間転送',
  voice: { language: 'ja-JP' },
  route: { type: 'ring', users: ['sato'], strategy: 'sequential', ringSeconds: 10, cycles: 1 },
  hours: { weekly: WEEKDAYS, outside: { type: 'forward', number: '090-5555-6666' } },
};

const CALLER = '+819011112222';
let h: VoiceHarness;
const clock = createClock();

beforeAll(async () => {
  h = await createVoiceHarness({ reps: ['sato'], clock });
  await h.addNumber(OFFICE);
  await h.addNumber(INFO_LINE);
  await h.addNumber(FORWARDED);
  await h.addNumber(ALL_IN_HOURS);
  await h.addNumber(SUPPORT_LINE);
});
afterAll(() => h.close());
beforeEach(async () => {
  await sql`truncate calls, call_legs, call_recordings, presence, follow_ups, follow_up_calls, crm_outbox`.execute(h.store.db);
});

/** Places a call at a Tokyo wall-clock time. */
async function callAt(date: string, time: string, to: string, script: Parameters<VoiceHarness['twilio']['incomingCall']>[0]['script'] = {}) {
  clock.set(instantAt(date, time, 'Asia/Tokyo'));
  await h.goOnline('sato');
  return h.twilio.incomingCall({ from: CALLER, to, script });
}

describe('a number with business hours', () => {
  it('rings on a Tuesday morning', async () => {
    const call = await callAt('2026-11-24', '10:00', OFFICE.number, { dial: { answeredBy: 'sato' } });
    expect(call.rang).toEqual([['sato']]);
  });

  it.each([
    ['the lunch break', '2026-11-24', '12:30'],
    ['a national holiday (勤労感謝の日)', '2026-11-23', '10:00'],
    ['a substitute holiday (振替休日)', '2026-05-06', '10:00'],
    ['年末年始, across New Year', '2027-01-02', '11:00'],
    ['a Saturday', '2026-11-28', '10:00'],
  ])('is closed during %s: the closed message naming the hours, then voicemail', async (_case, date, time) => {
    const call = await callAt(date, time, OFFICE.number, { record: { seconds: 9 } });
    expect(call.rang).toEqual([]);
    expect(call.said).toEqual([
      'お電話ありがとうございます。ただいま営業時間外です。営業時間は、平日の午前9時から正午まで、および午後1時から午後6時までです。' +
        '土曜日、日曜日、祝日はお休みをいただいております。恐れ入りますが、営業時間内におかけ直しいただくか、発信音の後にメッセージをお残しください。',
    ]);
    expect(call.recordings).toMatchObject([{ source: 'RecordVerb', duration: 9 }]);
    const [logged] = await h.calls();
    expect(logged).toMatchObject({ status: 'voicemail' });
    const followUps = await h.store.db.selectFrom('follow_ups').select(['kind', 'caller_number']).execute();
    expect(followUps).toEqual([{ kind: 'voicemail', caller_number: CALLER }]);
  });

  it('changes day at midnight Tokyo time: open until 24:00 on Friday, closed at 00:00 on Saturday', async () => {
    await h.store.db
      .updateTable('incoming_numbers')
      .set({ definition: JSON.stringify(incomingNumberSchema.parse({ ...OFFICE, hours: { weekly: { ...WEEKDAYS, fri: [{ from: '20:00', to: '24:00' }] } } })) })
      .where('number', '=', OFFICE.number)
      .execute();
    forgetIncomingNumbers(h.store.db);
    try {
      expect((await callAt('2026-12-04', '23:59', OFFICE.number, { dial: { answeredBy: 'sato' } })).rang).toEqual([['sato']]);
      expect((await callAt('2026-12-05', '00:00', OFFICE.number)).rang).toEqual([]);
    } finally {
      await h.store.db.updateTable('incoming_numbers').set({ definition: JSON.stringify(incomingNumberSchema.parse(OFFICE)) }).where('number', '=', OFFICE.number).execute();
      forgetIncomingNumbers(h.store.db);
    }
  });
});

describe('an IVR that is there outside hours', () => {
  it('at night, reads only the items that are always there; pressing an in-hours item gets the closed message', async () => {
    const call = await callAt('2026-11-24', '20:00', INFO_LINE.number, { digits: ['1'] });
    expect(call.said).toEqual(['営業時間のご案内の場合、2を押してください。', '本日の受付は終了いたしました。']);
    expect(call.rang).toEqual([]);
    expect(call.outcome).toBe('completed');
  });

  it('at night, an item that is always there still rings', async () => {
    const call = await callAt('2026-11-24', '20:00', INFO_LINE.number, { digits: ['2'], dial: { answeredBy: 'sato' } });
    expect(call.rang).toEqual([['sato']]);
  });

  it('in hours, reads every item', async () => {
    const call = await callAt('2026-11-24', '10:00', INFO_LINE.number, { digits: ['1'], dial: { answeredBy: 'sato' } });
    expect(call.said).toEqual(['お問い合わせの場合、1を押してください。', '営業時間のご案内の場合、2を押してください。']);
    expect(call.rang).toEqual([['sato']]);
  });

  // Not a menu with nothing in it: silence, "we did not receive your choice" three times, and a hang-up.
  it('at night, a menu whose every key is in hours only is closed: the closed message and the voicemail', async () => {
    const call = await callAt('2026-11-24', '20:00', ALL_IN_HOURS.number, { record: { seconds: 6 } });
    expect(call.gathers).toEqual([]);
    expect(call.said).toEqual([NIGHT_MESSAGE]);
    expect(call.recordings).toMatchObject([{ duration: 6 }]);
    expect((await h.calls())[0]).toMatchObject({ status: 'voicemail' });
  });

  it('at night, a submenu whose every key is in hours only is not read out, and choosing it gets the closed message and the voicemail', async () => {
    const call = await callAt('2026-11-24', '20:00', SUPPORT_LINE.number, { digits: ['2'], record: { seconds: 6 } });
    expect(call.said).toEqual(['営業時間のご案内の場合、1を押してください。', NIGHT_MESSAGE]);
    expect(call.gathers).toHaveLength(1);
    expect(call.recordings).toMatchObject([{ duration: 6 }]);
  });

  it('in hours, that submenu offers its keys', async () => {
    const call = await callAt('2026-11-24', '10:00', SUPPORT_LINE.number, { digits: ['2', '1'], dial: { answeredBy: 'sato' } });
    expect(call.said).toEqual(['営業時間のご案内の場合、1を押してください。', 'サポートの場合、2を押してください。', '製品についての場合、1を押してください。', '請求についての場合、2を押してください。']);
    expect(call.rang).toEqual([['sato']]);
  });
});

describe('forwarding outside hours', () => {
  const NIGHT = '+819055556666';
  const followUps = () => h.store.db.selectFrom('follow_ups').select(['kind', 'caller_number']).execute();
  const logged = async () => (await h.calls()).map((row) => ({ status: row['status'], reason: row['reason'], answered_at: row['answered_at'] }));
  /** Twilio's retry of the forward's action (`#rc=1`): the same signed request again. */
  async function retryForwardAction(call: { requests: readonly { path: string; params: Readonly<Record<string, string>> }[] }) {
    const action = call.requests.find((request) => request.path.startsWith('/twilio/voice/forwarded'));
    expect(action).toBeDefined();
    const { response } = await h.twilio.post(action!.path, action!.params);
    return response!.text();
  }

  it('forwards to the night number after the closed message; answered there, the call is completed and leaves no follow-up', async () => {
    const call = await callAt('2026-11-24', '21:00', FORWARDED.number, { dial: { answeredBy: NIGHT } });
    expect(call.dials).toMatchObject([
      { numbers: [NIGHT], callerId: FORWARDED.number, action: expect.stringContaining('/twilio/voice/forwarded?l=ja-JP'), dialCallStatus: 'completed' },
    ]);
    expect(call.said).toEqual([
      'お電話ありがとうございます。ただいま営業時間外です。営業時間は、平日の午前9時から正午まで、および午後1時から午後6時までです。' +
        '土曜日、日曜日、祝日はお休みをいただいております。このまま担当窓口におつなぎします。',
    ]);
    expect(call.outcome).toBe('completed');
    // Answered by the night number, not by a rep: completed, without a rep's answer time (analytics: not ours, not missed).
    expect(await logged()).toEqual([{ status: 'completed', reason: 'closed-forwarded', answered_at: null }]);
    expect(await followUps()).toEqual([]);
    expect(await retryForwardAction(call)).toContain('<Hangup/>');
    expect(await logged()).toEqual([{ status: 'completed', reason: 'closed-forwarded', answered_at: null }]);
    expect(await followUps()).toEqual([]);
  });

  it.each(['no-answer', 'busy', 'failed'] as const)('when the night number gives %s: the voicemail, and a follow-up with its CRM task', async (outcome) => {
    const call = await callAt('2026-11-24', '21:00', FORWARDED.number, { dial: { outcome }, record: { seconds: 7 } });
    expect(call.dials).toMatchObject([{ numbers: [NIGHT], dialCallStatus: outcome }]);
    // Asked for a message before the beep, not told to call again later.
    expect(call.said.slice(-2)).toEqual(['申し訳ございません。現在、担当者が電話に出ることができません。', '発信音の後に、お名前とご用件をお話しください。']);
    expect(call.recordings).toMatchObject([{ source: 'RecordVerb', duration: 7 }]);
    expect(await logged()).toEqual([{ status: 'voicemail', reason: null, answered_at: null }]);
    expect(await followUps()).toEqual([{ kind: 'voicemail', caller_number: CALLER }]);
    const tasks = await h.store.db.selectFrom('crm_outbox').select('kind').where('kind', '=', 'create-task').execute();
    expect(tasks).toHaveLength(1);
  });

  it('a caller who leaves no message is still followed up, as a missed call; a retried action adds nothing', async () => {
    const call = await callAt('2026-11-24', '21:00', FORWARDED.number, { dial: { outcome: 'no-answer' } });
    expect(call.recordings).toEqual([]);
    expect(await logged()).toEqual([{ status: 'missed', reason: 'closed-forwarded', answered_at: null }]);
    expect(await followUps()).toEqual([{ kind: 'missed', caller_number: CALLER }]);
    expect(await retryForwardAction(call)).toContain('<Record');
    expect(await followUps()).toEqual([{ kind: 'missed', caller_number: CALLER }]);
    expect(await h.store.db.selectFrom('crm_outbox').select('kind').where('kind', '=', 'create-task').execute()).toHaveLength(1);
  });

  it('a caller who hangs up while the night number rings is followed up', async () => {
    await callAt('2026-11-24', '21:00', FORWARDED.number, { dial: { callerHangsUpAfter: 5 } });
    expect(await logged()).toEqual([{ status: 'missed', reason: 'closed-forwarded', answered_at: null }]);
    expect(await followUps()).toEqual([{ kind: 'missed', caller_number: CALLER }]);
  });

  it('refused by the toll-fraud guard at the moment of the call: voicemail, and the default message does not promise a transfer', async () => {
    // Abroad: the org allows Japan only (the default), so the guard refuses it when the call comes.
    await h.addNumber({ ...FORWARDED, number: '+81311115555', hours: { weekly: WEEKDAYS, outside: { type: 'forward', number: '+1 212 555 0100' } } });
    const call = await callAt('2026-11-24', '21:00', '+81311115555', { record: { seconds: 5 } });
    expect(call.dials).toEqual([]);
    expect(call.said).toEqual([
      'お電話ありがとうございます。ただいま営業時間外です。営業時間は、平日の午前9時から正午まで、および午後1時から午後6時までです。' +
        '土曜日、日曜日、祝日はお休みをいただいております。恐れ入りますが、営業時間内におかけ直しいただくか、発信音の後にメッセージをお残しください。',
    ]);
    expect(call.recordings).toMatchObject([{ source: 'RecordVerb' }]);
    expect(await followUps()).toEqual([{ kind: 'voicemail', caller_number: CALLER }]);
  });
});
