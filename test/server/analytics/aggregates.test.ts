import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { funnel } from '../../../server/store/analytics-funnel.ts';
import { presetRange, type LocalRange } from '../../../server/store/analytics-range.ts';
import { repTotals } from '../../../server/store/analytics-reps.ts';
import { overview } from '../../../server/store/analytics.ts';
import type { Store } from '../../../server/store/database.ts';
import { engines, sharedTestStore } from '../support/store.ts';
import { callSid, insertCalls, type CallRow } from './call-rows.ts';

const MAIN = '+81312345678';
const DIRECT = '+815012345678';

/**
 * Two days of a Tokyo office (Monday 23 and Tuesday 24 November 2026, JST), every figure below
 * worked out by hand from these rows.
 */
const TOKYO_DAYS: CallRow[] = [
  // Monday: 営業 (key 1), answered by sato after 10 s, 300 s of talk.
  { sid: callSid('c1'), number: MAIN, status: 'completed', rep: 'sato', rang: ['sato'], ivrKeys: '1', ivrState: 'routed', ivrPath: ['営業'],
    started: '2026-11-23T09:10:00+09:00', routed: '2026-11-23T09:10:20+09:00', answered: '2026-11-23T09:10:30+09:00', ended: '2026-11-23T09:15:30+09:00' },
  // サポート > 製品について, answered by suzuki after 30 s, 120 s of talk.
  { sid: callSid('c2'), number: MAIN, status: 'completed', rep: 'suzuki', rang: ['suzuki'], ivrKeys: '21', ivrState: 'routed',
    started: '2026-11-23T09:40:00+09:00', routed: '2026-11-23T09:40:30+09:00', answered: '2026-11-23T09:41:00+09:00', ended: '2026-11-23T09:43:00+09:00' },
  // Hung up in the サポート menu.
  { sid: callSid('c3'), number: MAIN, status: 'missed', reason: 'caller-hung-up', ivrKeys: '2', ivrState: 'menu',
    started: '2026-11-23T10:05:00+09:00', ended: '2026-11-23T10:05:40+09:00' },
  // Wrong keys until the top menu gave up.
  { sid: callSid('c4'), number: MAIN, status: 'missed', reason: 'invalid-input', ivrKeys: '', ivrState: 'gave-up',
    started: '2026-11-23T10:20:00+09:00', ended: '2026-11-23T10:21:10+09:00' },
  // Late Monday on the direct line: rang sato and suzuki, suzuki answered after 50 s; the talk runs past midnight (300 s).
  { sid: callSid('c5'), number: DIRECT, status: 'completed', rep: 'suzuki', rang: ['sato', 'suzuki'],
    started: '2026-11-23T23:58:00+09:00', answered: '2026-11-23T23:58:50+09:00', ended: '2026-11-24T00:03:50+09:00' },
  // Tuesday: a voicemail after ringing sato.
  { sid: callSid('c6'), number: DIRECT, status: 'voicemail', rang: ['sato'], started: '2026-11-24T08:00:00+09:00', ended: '2026-11-24T08:01:30+09:00' },
  // 請求について rang tanaka, nobody answered.
  { sid: callSid('c7'), number: MAIN, status: 'missed', reason: 'no-answer', rang: ['tanaka'], ivrKeys: '22', ivrState: 'routed',
    started: '2026-11-24T08:30:00+09:00', routed: '2026-11-24T08:30:15+09:00', ended: '2026-11-24T08:31:00+09:00' },
  // Failed on our side: counts as a call, in no outcome.
  { sid: callSid('c8'), number: DIRECT, status: 'failed', reason: 'not-in-service', started: '2026-11-24T12:00:00+09:00', ended: '2026-11-24T12:00:05+09:00' },
  // Listening to the サポート menu right now.
  { sid: callSid('c9'), number: MAIN, status: 'in-progress', ivrKeys: '2', ivrState: 'menu', started: '2026-11-24T12:30:00+09:00' },
  // sato called a customer: 120 s of talk (outgoing: in talk time only).
  { sid: callSid('o1'), direction: 'outbound', number: MAIN, status: 'completed', rep: 'sato',
    started: '2026-11-24T14:00:00+09:00', answered: '2026-11-24T14:00:10+09:00', ended: '2026-11-24T14:02:10+09:00' },
  // Outside the range by a second on either side.
  { sid: callSid('before'), number: MAIN, status: 'completed', rep: 'sato', rang: ['sato'],
    started: '2026-11-22T23:59:59+09:00', answered: '2026-11-23T00:00:05+09:00', ended: '2026-11-23T00:01:00+09:00' },
  { sid: callSid('after'), number: MAIN, status: 'missed', rang: ['sato'], started: '2026-11-25T00:00:00+09:00', ended: '2026-11-25T00:00:30+09:00' },
];

const TOKYO: LocalRange = { from: '2026-11-23', to: '2026-11-24', timeZone: 'Asia/Tokyo' };

describe.each(engines)('call analytics on %s', (engine) => {
  let store: Store;
  beforeAll(async () => {
    store = await sharedTestStore(engine);
    await insertCalls(store.db, TOKYO_DAYS);
  });
  afterAll(() => store.close());

  it('totals two Tokyo days: outcomes, answer rate, waits (average, 90th percentile) and talk', async () => {
    const { totals } = await overview(store.db, TOKYO);
    expect(totals).toEqual({
      calls: 9,
      answered: 3,
      missed: 3,
      voicemail: 1,
      answerRate: 3 / 7,
      avgWaitSeconds: 30, // (10 + 30 + 50) / 3
      p90WaitSeconds: 46, // 30 + 0.8 × (50 − 30), interpolated like PostgreSQL's percentile_cont
      avgTalkSeconds: 240, // (300 + 120 + 300) / 3
    });
  });

  it('puts a call that ends after midnight on the day and hour it started', async () => {
    const { daily, heatmap } = await overview(store.db, TOKYO);
    expect(daily).toEqual([
      { date: '2026-11-23', calls: 5, answered: 3, missed: 2, voicemail: 0 },
      { date: '2026-11-24', calls: 4, answered: 0, missed: 1, voicemail: 1 },
    ]);
    expect(heatmap).toEqual([
      { weekday: 1, hour: 9, calls: 2 },
      { weekday: 1, hour: 10, calls: 2 },
      { weekday: 1, hour: 23, calls: 1 },
      { weekday: 2, hour: 8, calls: 2 },
      { weekday: 2, hour: 12, calls: 2 },
    ]);
  });

  it('counts missed calls and voicemails by local hour, and figures per number', async () => {
    const { missedByHour, byNumber } = await overview(store.db, TOKYO);
    expect(missedByHour.flatMap((count, hour) => (count ? [[hour, count]] : []))).toEqual([[8, 2], [10, 2]]);
    expect(byNumber).toEqual([
      { number: MAIN, calls: 6, answered: 2, missed: 3, voicemail: 0, answerRate: 0.4, avgWaitSeconds: 20, p90WaitSeconds: 28, avgTalkSeconds: 210 },
      { number: DIRECT, calls: 3, answered: 1, missed: 0, voicemail: 1, answerRate: 0.5, avgWaitSeconds: 50, p90WaitSeconds: 50, avgTalkSeconds: 300 },
    ]);
  });

  it('per rep: a call a colleague answered is not missed by the others it rang', async () => {
    expect(await repTotals(store.db, TOKYO)).toEqual([
      { rep: 'sato', answered: 1, transfersTaken: 0, missed: 1, avgWaitSeconds: 10, avgTalkSeconds: 300, outbound: 1, talkSeconds: 420 },
      { rep: 'suzuki', answered: 2, transfersTaken: 0, missed: 0, avgWaitSeconds: 40, avgTalkSeconds: 210, outbound: 0, talkSeconds: 420 },
      { rep: 'tanaka', answered: 0, transfersTaken: 0, missed: 1, avgWaitSeconds: null, avgTalkSeconds: null, outbound: 0, talkSeconds: 0 },
    ]);
  });

  it('narrows every figure to a number, an IVR branch or a rep', async () => {
    expect((await overview(store.db, TOKYO, { number: DIRECT })).totals).toMatchObject({ calls: 3, answered: 1, voicemail: 1 });
    expect((await overview(store.db, TOKYO, { branch: '2' })).totals).toMatchObject({ calls: 4, answered: 1, missed: 2, voicemail: 0 });
    expect((await overview(store.db, TOKYO, { rep: 'suzuki' })).totals).toMatchObject({ calls: 2, answered: 2, avgWaitSeconds: 40 });
    expect(await repTotals(store.db, TOKYO, { rep: 'tanaka' })).toEqual([
      { rep: 'tanaka', answered: 0, transfersTaken: 0, missed: 1, avgWaitSeconds: null, avgTalkSeconds: null, outbound: 0, talkSeconds: 0 },
    ]);
  });

  it('counts the IVR funnel: who reached each menu, went on to each key, hung up, ran out of tries or is still listening', async () => {
    expect(await funnel(store.db, TOKYO)).toEqual([
      { number: MAIN, keys: '', reached: 6, routed: 0, hungUp: 0, invalid: 1, inMenu: 0 },
      { number: MAIN, keys: '1', reached: 1, routed: 1, hungUp: 0, invalid: 0, inMenu: 0 },
      { number: MAIN, keys: '2', reached: 4, routed: 0, hungUp: 1, invalid: 0, inMenu: 1 },
      { number: MAIN, keys: '21', reached: 1, routed: 1, hungUp: 0, invalid: 0, inMenu: 0 },
      { number: MAIN, keys: '22', reached: 1, routed: 1, hungUp: 0, invalid: 0, inMenu: 0 },
    ]);
  });

  it('resolves today, this week (from Monday) and this month in the org’s calendar', async () => {
    // 2026-11-24 00:30 in Tokyo is still the 23rd in UTC.
    const now = new Date('2026-11-23T15:30:00Z');
    expect(await presetRange(store.db, 'today', now, 'Asia/Tokyo')).toEqual({ from: '2026-11-24', to: '2026-11-24', timeZone: 'Asia/Tokyo' });
    expect(await presetRange(store.db, 'week', now, 'Asia/Tokyo')).toEqual({ from: '2026-11-23', to: '2026-11-24', timeZone: 'Asia/Tokyo' });
    expect(await presetRange(store.db, 'month', now, 'Asia/Tokyo')).toEqual({ from: '2026-11-01', to: '2026-11-24', timeZone: 'Asia/Tokyo' });
    expect(await presetRange(store.db, 'today', now, 'America/New_York')).toEqual({ from: '2026-11-23', to: '2026-11-23', timeZone: 'America/New_York' });
  });

  it('cuts days at local midnight in a DST zone: the 23-hour day New York springs forward', async () => {
    await sql`truncate calls`.execute(store.db);
    await insertCalls(store.db, [
      // 23:30 EST on Saturday 7 March: the day before.
      { sid: callSid('d1'), number: MAIN, status: 'missed', started: '2026-03-08T04:30:00Z', ended: '2026-03-08T04:31:00Z' },
      // 01:30 EST, then 03:30 EDT (02:00 never happened), then 23:30 EDT: all Sunday 8 March.
      { sid: callSid('d2'), number: MAIN, status: 'missed', started: '2026-03-08T06:30:00Z', ended: '2026-03-08T06:31:00Z' },
      { sid: callSid('d3'), number: MAIN, status: 'completed', rep: 'sato', started: '2026-03-08T07:30:00Z', answered: '2026-03-08T07:30:20Z', ended: '2026-03-08T07:35:20Z' },
      { sid: callSid('d4'), number: MAIN, status: 'missed', started: '2026-03-09T03:30:00Z', ended: '2026-03-09T03:31:00Z' },
      // 00:30 EDT on Monday 9 March: the day after.
      { sid: callSid('d5'), number: MAIN, status: 'missed', started: '2026-03-09T04:30:00Z', ended: '2026-03-09T04:31:00Z' },
    ]);
    const sunday = await overview(store.db, { from: '2026-03-08', to: '2026-03-08', timeZone: 'America/New_York' });
    expect(sunday.daily).toEqual([{ date: '2026-03-08', calls: 3, answered: 1, missed: 2, voicemail: 0 }]);
    expect(sunday.heatmap).toEqual([
      { weekday: 7, hour: 1, calls: 1 },
      { weekday: 7, hour: 3, calls: 1 },
      { weekday: 7, hour: 23, calls: 1 },
    ]);
    const weekend = await overview(store.db, { from: '2026-03-07', to: '2026-03-09', timeZone: 'America/New_York' });
    expect(weekend.daily.map((day) => [day.date, day.calls])).toEqual([['2026-03-07', 1], ['2026-03-08', 3], ['2026-03-09', 1]]);
    // India is 5 h 30 min ahead of UTC: half-hour offsets are counted to the quarter hour.
    await insertCalls(store.db, [
      { sid: callSid('k1'), number: MAIN, status: 'missed', started: '2026-03-08T18:15:00Z', ended: '2026-03-08T18:16:00Z' },
      { sid: callSid('k2'), number: MAIN, status: 'missed', started: '2026-03-08T18:45:00Z', ended: '2026-03-08T18:46:00Z' },
    ]);
    const india = await overview(store.db, { from: '2026-03-08', to: '2026-03-09', timeZone: 'Asia/Kolkata' });
    expect(india.heatmap.filter((cell) => cell.hour === 23 || cell.hour === 0)).toEqual([
      { weekday: 1, hour: 0, calls: 1 },
      { weekday: 7, hour: 23, calls: 1 },
    ]);
    await sql`delete from calls where call_sid like 'CA6b%'`.execute(store.db);
    // The same calls in Tokyo fall on other days and hours.
    const tokyo = await overview(store.db, { from: '2026-03-08', to: '2026-03-09', timeZone: 'Asia/Tokyo' });
    expect(tokyo.daily.map((day) => [day.date, day.calls])).toEqual([['2026-03-08', 3], ['2026-03-09', 2]]);
  });
});
