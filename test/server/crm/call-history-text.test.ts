import { describe, expect, it } from 'vitest';
import { historyLines, type HistoryEntry } from '../../../server/crm/call-history-text.ts';

const at = (time: string) => new Date(`2026-11-24T${time}+09:00`);
const entry = (time: string, kind: string, actor: string | null, subject: string | null, details: Record<string, unknown> = {}): HistoryEntry => ({ at: at(time), kind, actor, subject, details });

const names = new Map([
  ['sato', '佐藤 花子'],
  ['suzuki', '鈴木 一郎'],
  ['kanri', '管理 美香'],
]);

const history = [
  entry('10:00:05', 'answered', 'sato', null),
  entry('10:01:00', 'hold', null, null),
  entry('10:02:20', 'resume', null, null, { seconds: 80 }),
  entry('10:03:00', 'monitor', 'kanri', null, { mode: 'listen' }),
  entry('10:04:00', 'consult', 'sato', 'suzuki', { note: '見積もりの件' }),
  entry('10:04:00', 'hold', null, null),
  entry('10:04:30', 'consult-failed', null, 'suzuki', { outcome: 'busy' }),
  entry('10:04:30', 'resume', null, null, { seconds: 30 }),
  entry('10:05:00', 'transfer', 'sato', '+81355551234', {}),
  entry('10:05:10', 'transfer-answered', null, '+81355551234'),
  entry('10:05:10', 'left', null, 'sato'),
  entry('10:09:00', 'customer-left', null, null),
  entry('10:09:00', 'room-ended', null, null, { reason: 'participant-with-end-conference-on-exit-left' }),
];

describe('a call’s history in the CRM record', () => {
  it('reads as a short story in Japanese, in the org’s time, with numbers in national format', () => {
    expect(historyLines(history, { locale: 'ja', timeZone: 'Asia/Tokyo', names })).toEqual([
      '通話の経過:',
      '10:00 佐藤 花子 が応答',
      '10:01 保留 (1分20秒)',
      '10:03 管理 美香 がモニタリング (聞く)',
      '10:04 佐藤 花子 が 鈴木 一郎 に取り次ぎ (相談) / メモ: 見積もりの件',
      '10:04 保留 (30秒)',
      '10:04 鈴木 一郎 は応答せず (拒否)',
      '10:05 佐藤 花子 が 03-5555-1234 に転送',
      '10:05 03-5555-1234 が応答',
      '10:05 佐藤 花子 が退出',
    ]);
  });

  it('and in English, in another time zone', () => {
    expect(historyLines(history.slice(0, 3), { locale: 'en', timeZone: 'Europe/London', names })).toEqual([
      'Call history:',
      '01:00 佐藤 花子 answered',
      '01:01 On hold (1 min 20 s)',
    ]);
  });

  it.each([
    ['ja', ['通話の経過:', '10:00 佐藤 花子 が応答', '10:02 管理 美香 がモニタリング (参加)', '10:04 佐藤 花子 が退出', '10:04 管理 美香 が 佐藤 花子 から通話を引き継ぎ']],
    ['en', ['Call history:', '10:00 佐藤 花子 answered', '10:02 管理 美香 monitored (barged in)', '10:04 佐藤 花子 left', '10:04 管理 美香 took over the call from 佐藤 花子']],
  ] as const)('in %s, says who talked first when a barging supervisor took the call over', (locale, lines) => {
    const tookOver = [
      entry('10:00:05', 'answered', 'sato', null),
      entry('10:02:00', 'monitor', 'kanri', null, { mode: 'barge' }),
      entry('10:04:10', 'left', null, 'sato'),
      entry('10:04:10', 'take-over', 'kanri', 'sato'),
    ];
    expect(historyLines(tookOver, { locale, timeZone: 'Asia/Tokyo', names })).toEqual(lines);
  });

  it.each([
    ['ja', '10:06 佐藤 花子 のメモ: 見積もりを送付'],
    ['en', '10:06 Note from 佐藤 花子: 見積もりを送付'],
  ] as const)('in %s, keeps the words of a rep whose call a supervisor took over as theirs', (locale, line) => {
    const lines = historyLines([entry('10:04:10', 'take-over', 'kanri', 'sato'), entry('10:06:00', 'note', 'sato', null, { note: '見積もりを送付' })], { locale, timeZone: 'Asia/Tokyo', names });
    expect(lines.at(-1)).toBe(line);
  });

  it('says who paused the recording and for how long, so a gap in it is explained; a call that ended paused says so', () => {
    const paused = [
      entry('10:00:05', 'answered', 'sato', null),
      entry('10:01:00', 'recording-paused', 'sato', null),
      entry('10:02:30', 'recording-resumed', 'suzuki', null, { seconds: 90 }),
      entry('10:03:00', 'recording-paused', 'kanri', null),
    ];
    expect(historyLines(paused, { locale: 'ja', timeZone: 'Asia/Tokyo', names })).toEqual([
      '通話の経過:',
      '10:00 佐藤 花子 が応答',
      '10:01 佐藤 花子 が録音を一時停止 (1分30秒)',
      '10:03 管理 美香 が録音を一時停止 (終了まで)',
    ]);
    expect(historyLines(paused, { locale: 'en', timeZone: 'Asia/Tokyo', names }).slice(2)).toEqual([
      '10:01 佐藤 花子 paused the recording (1 min 30 s)',
      '10:03 管理 美香 paused the recording (to the end)',
    ]);
  });

  it('says why the call has no link to a record matched in the Zoho org connected before, in either language', () => {
    const switched = [entry('10:00:05', 'answered', 'sato', null), entry('10:12:00', 'crm-other-org', null, null, { module: 'Leads', id: '5725767000001000101' })];
    expect(historyLines(switched, { locale: 'ja', timeZone: 'Asia/Tokyo', names }).slice(2)).toEqual([
      '10:12 紐付けなし: 照合した見込み客（ID 5725767000001000101）は以前に接続していた Zoho の組織のレコードのため、紐付けずに記録',
    ]);
    expect(historyLines(switched, { locale: 'en', timeZone: 'Asia/Tokyo', names }).slice(2)).toEqual([
      '10:12 Not linked: the matched lead (ID 5725767000001000101) is a record of the Zoho org connected before, so the call was logged without it',
    ]);
  });

  it('is empty for a call with nothing to tell', () => {
    expect(historyLines([], { locale: 'ja', timeZone: 'Asia/Tokyo', names })).toEqual([]);
  });
});
