import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyticsSchema } from '../../../contract/analytics.ts';
import { MAIN } from '../voice/phone-numbers.ts';
import { createVoiceHarness, type VoiceHarness } from '../voice/voice-harness.ts';

const CALLER = '+819011112222';
let h: VoiceHarness;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  h = await createVoiceHarness({ reps: ['sato', 'suzuki', 'tanaka'] });
  await h.addUser({ id: 'boss', name: '部長', role: 'admin' });
  for (const id of ['boss', 'sato']) tokens[id] = await h.signIn(`${id}@example.jp`);
  await h.addNumber(MAIN);
  await h.goOnline('sato');
  // A morning on 代表: one caller gives up in the サポート menu, one reaches 営業 and sato answers,
  // one presses a key the menu does not have until it gives up, one asks for 請求について while
  // nobody of that group is online.
  await h.twilio.incomingCall({ from: CALLER, to: MAIN.number, script: { digits: ['2'] } });
  await h.twilio.incomingCall({ from: CALLER, to: MAIN.number, script: { digits: ['1'], dial: { answeredBy: 'sato', talkSeconds: 125 } } });
  await h.twilio.incomingCall({ from: CALLER, to: MAIN.number, script: { digits: ['9', '9', '9', '9'] } });
  await h.twilio.incomingCall({ from: CALLER, to: MAIN.number, script: { digits: ['2', '2'] } });
});
afterAll(() => h.close());

const get = async (query: string, user = 'boss') => h.call('GET', `/api/analytics${query}`, { token: tokens[user]! });

describe('GET /api/analytics', () => {
  it('records every menu step of real calls and counts the funnel, labelled with the menu', async () => {
    const response = await get('?preset=today');
    expect(response.status).toBe(200);
    const report = analyticsSchema.parse(await response.json());
    expect(report.range).toEqual({ from: '2026-11-24', to: '2026-11-24', timeZone: 'Asia/Tokyo', preset: 'today' });
    expect(report.totals).toMatchObject({ calls: 4, answered: 1, missed: 3, voicemail: 0, answerRate: 0.25, avgTalkSeconds: 125 });
    expect(report.funnel).toEqual([
      {
        number: MAIN.number,
        label: '代表',
        menus: [
          {
            keys: '', labels: [], reached: 4, hungUp: 0, invalid: 1, inMenu: 0,
            choices: [{ key: '1', label: '営業', reached: 1, rings: true }, { key: '2', label: 'サポート', reached: 2, rings: false }],
          },
          {
            keys: '2', labels: ['サポート'], reached: 2, hungUp: 1, invalid: 0, inMenu: 0,
            choices: [{ key: '2', label: '請求について', reached: 1, rings: true }],
          },
        ],
      },
    ]);
    expect(report.byRep).toEqual([{ rep: 'sato', name: 'sato', answered: 1, transfersTaken: 0, missed: 0, avgWaitSeconds: expect.any(Number), avgTalkSeconds: 125, outbound: 0, talkSeconds: 125 }]);
    expect(report.choices.numbers[0]?.branches).toEqual([
      { keys: '1', labels: ['営業'] },
      { keys: '2', labels: ['サポート'] },
      { keys: '21', labels: ['サポート', '製品について'] },
      { keys: '22', labels: ['サポート', '請求について'] },
    ]);
    expect(report.choices.reps.map((rep) => rep.id)).toEqual(['sato', 'suzuki', 'tanaka', 'boss']);
  });

  it('takes a custom range and filters, national numbers included', async () => {
    const report = analyticsSchema.parse(await (await get('?from=2026-11-01&to=2026-11-30&number=03-1234-5678&branch=2')).json());
    expect(report.range).toMatchObject({ from: '2026-11-01', to: '2026-11-30', preset: null });
    expect(report.filters).toEqual({ number: MAIN.number, branch: '2', rep: null });
    expect(report.daily).toHaveLength(30);
    expect(report.totals).toMatchObject({ calls: 2, missed: 2 });
  });

  it.each([
    ['?from=2026-11-01', 'invalid_range'],
    ['?from=2026-11-30&to=2026-11-01', 'invalid_range'],
    ['?from=2025-01-01&to=2026-11-30', 'invalid_range'],
    ['?from=2026-02-30&to=2026-03-01', 'invalid_input'],
    // Year 0 is no year to PostgreSQL: refused here, not by the database as a 500.
    ['?from=0000-01-01&to=0000-01-05', 'invalid_input'],
    ['?branch=0', 'invalid_input'],
    ['?preset=year', 'invalid_input'],
  ])('answers %s with a 400 %s', async (query, code) => {
    const response = await get(query);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code } });
  });

  it('is not for reps', async () => {
    expect((await get('?preset=today', 'sato')).status).toBe(403);
  });
});

describe('the org’s time zone', () => {
  it('is Asia/Tokyo until an admin sets another, which the settings document then carries', async () => {
    expect(await (await h.call('GET', '/api/analytics/time-zone', { token: tokens.boss! })).json()).toEqual({ timeZone: 'Asia/Tokyo' });
    const set = await h.call('PUT', '/api/analytics/time-zone', { token: tokens.boss!, body: { timeZone: 'America/New_York' } });
    expect(await set.json()).toEqual({ timeZone: 'America/New_York' });
    const config = (await (await h.call('GET', '/api/config', { token: tokens.boss! })).json()) as { settings: Record<string, unknown> };
    expect(config.settings).toMatchObject({ defaultCountry: 'JP', timeZone: 'America/New_York' });
    // 09:00 on the 24th in Tokyo is still the 23rd in New York.
    expect(analyticsSchema.parse(await (await get('?preset=today')).json()).range).toMatchObject({ from: '2026-11-23', timeZone: 'America/New_York' });
  });

  it('refuses a name that is not a time zone, and refuses reps', async () => {
    const wrong = await h.call('PUT', '/api/analytics/time-zone', { token: tokens.boss!, body: { timeZone: 'Tokyo' } });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ error: { code: 'invalid_time_zone' } });
    expect((await h.call('PUT', '/api/analytics/time-zone', { token: tokens.sato!, body: { timeZone: 'Asia/Tokyo' } })).status).toBe(403);
  });
});
