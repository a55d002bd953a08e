import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instantAt } from '../../../server/voice/business-hours.ts';
import { createClock } from '../support/app.ts';
import { MAIN } from '../voice/phone-numbers.ts';
import { createVoiceHarness, type VoiceHarness } from '../voice/voice-harness.ts';

/**
 * The call log's filters as an admin uses them: the options page's 開始日 / 終了日 fields send plain
 * dates, meant as days of the org's calendar (Asia/Tokyo here), both included, as analytics reads
 * them. And what comes back to a query nobody's page would send: a 400 naming the field, never a 500.
 */

let h: VoiceHarness;
let token = '';
const calls: Record<string, string> = {};
const clock = createClock();

/** A call nobody answers (the caller presses nothing and hangs up), at `time` Tokyo time on `date`. */
async function missedCallAt(name: string, date: string, time: string) {
  clock.set(instantAt(date, time, 'Asia/Tokyo'));
  calls[name] = (await h.twilio.incomingCall({ from: '+819011112222', to: MAIN.number, script: { digits: [] } })).callSid;
}

beforeAll(async () => {
  h = await createVoiceHarness({ clock, reps: ['sato'] });
  await h.addUser({ id: 'boss', role: 'admin' });
  token = await h.signIn('boss@example.jp');
  await h.addNumber(MAIN);
  await missedCallAt('lateOn23rd', '2026-11-23', '23:50');
  await missedCallAt('earlyOn24th', '2026-11-24', '00:30'); // 2026-11-23 15:30 UTC
  await missedCallAt('lateOn24th', '2026-11-24', '23:30'); // 2026-11-24 14:30 UTC
  await missedCallAt('earlyOn25th', '2026-11-25', '08:00'); // 2026-11-24 23:00 UTC
});
afterAll(() => h.close());

const get = (query: string) => h.voice.request(`/api/calls${query}`, { headers: { Authorization: `Bearer ${token}` } });
const listed = async (query: string) => {
  const response = await get(query);
  expect(response.status).toBe(200);
  const sids = ((await response.json()) as { calls: { callSid: string }[] }).calls.map((call) => call.callSid);
  return Object.entries(calls).filter(([, sid]) => sids.includes(sid)).map(([name]) => name);
};
const issues = async (response: Response) => {
  expect(response.status).toBe(400);
  return ((await response.json()) as { error: { issues: { path: string; code: string }[] } }).error.issues.map(({ path, code }) => ({ path, code }));
};

describe('GET /api/calls by date', () => {
  it('one day chosen as both 開始日 and 終了日 is that whole day of the org’s calendar', async () => {
    expect(await listed('?from=2026-11-24&to=2026-11-24')).toEqual(['earlyOn24th', 'lateOn24th']);
  });

  it('a range of days includes its last day, up to its midnight in the org’s time zone', async () => {
    expect(await listed('?from=2026-11-23&to=2026-11-24')).toEqual(['lateOn23rd', 'earlyOn24th', 'lateOn24th']);
    expect(await listed('?from=2026-11-25')).toEqual(['earlyOn25th']);
    expect(await listed('?to=2026-11-23')).toEqual(['lateOn23rd']);
  });

  it('a date and time with its offset is that instant (from included, to not)', async () => {
    expect(await listed('?from=2026-11-24T00:30:00%2B09:00&to=2026-11-24T23:30:00%2B09:00')).toEqual(['earlyOn24th']);
  });

  it('refuses a last day before the first, naming to, rather than answer “no calls”', async () => {
    expect(await issues(await get('?from=2026-11-25&to=2026-11-24'))).toEqual([{ path: 'to', code: 'hours_dates_order' }]);
  });

  it('takes the latest day a date field can hold', async () => {
    expect(await listed('?from=2026-11-25&to=9999-12-31')).toEqual(['earlyOn25th']);
  });
});

describe('GET /api/calls with a cursor this server never returned', () => {
  const cursor = (text: string) => Buffer.from(text).toString('base64url');
  it.each([
    ['a time before any year PostgreSQL holds', cursor(`-271821-04-20T00:00:00.000Z|CA${'0'.repeat(32)}`)],
    ['a six-digit year', cursor(`+275760-09-13T00:00:00.000Z|CA${'0'.repeat(32)}`)],
    ['a bare number for a time', cursor(`0|CA${'0'.repeat(32)}`)],
    ['a month that does not exist', cursor(`2026-13-01T00:00:00.000Z|CA${'0'.repeat(32)}`)],
    ['a day that does not exist', cursor(`2026-02-30T00:00:00.000Z|CA${'0'.repeat(32)}`)],
  ])('refuses %s with 400 naming the cursor', async (_what, value) => {
    expect(await issues(await get(`?cursor=${value}`))).toEqual([{ path: 'cursor', code: 'invalid_cursor' }]);
  });

  it('still pages with the cursor it returned', async () => {
    const first = (await (await get('?limit=3')).json()) as { calls: unknown[]; nextCursor: string };
    expect(first.calls).toHaveLength(3);
    const second = (await (await get(`?limit=3&cursor=${first.nextCursor}`)).json()) as { calls: { callSid: string }[]; nextCursor: string | null };
    expect(second).toEqual({ calls: [expect.objectContaining({ callSid: calls['lateOn23rd'] })], nextCursor: null });
  });
});
