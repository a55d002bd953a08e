import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validatePhoneConfig } from '../../../server/phone-config/validate.ts';
import { appWithSignedInAdmin, type TestApp } from '../support/app.ts';

/**
 * The org's time zone is read by Node's Intl (business hours, the board, follow-ups) and by the
 * database (analytics: `date::timestamp at time zone tz`). Intl (ICU) also takes offsets and Java's
 * old three-letter ids, which PostgreSQL reads otherwise or not at all. Such a name was saved: with
 * `AET` or `+0900` every analytics request then failed with a 500; with `+09:00` analytics cut its
 * days at 09:00 UTC (PostgreSQL reads it POSIX-style, nine hours west) while the board cut them at
 * 15:00 UTC the day before; with `IST` analytics ran on Israel's clock, the board on India's.
 */

let t: TestApp;
let admin: string;

beforeAll(async () => ({ t, admin } = await appWithSignedInAdmin()));
afterAll(() => t.close());

type ErrorBody = { error: { code: string; issues?: { path: string; code: string }[] } };

const MISREAD = ['+09:00', '+0900', '-03:30', 'AET', 'IST', 'CET', 'PST', 'ist'];

describe('a time zone name the database would read otherwise', () => {
  it.each(MISREAD)('%s is refused in the hours settings, naming timeZone; the zone and analytics stay as they were', async (name) => {
    const response = await t.call('PUT', '/api/settings/hours', { token: admin, body: { timeZone: name } });
    expect(response.status).toBe(400);
    expect(((await response.json()) as ErrorBody).error).toMatchObject({ code: 'invalid_config', issues: [{ path: 'timeZone', code: 'invalid_time_zone' }] });
    expect(await (await t.call('GET', '/api/settings/hours', { token: admin })).json()).toMatchObject({ timeZone: 'Asia/Tokyo' });
    expect((await t.call('GET', '/api/analytics?preset=month', { token: admin })).status).toBe(200);
  });

  it.each(MISREAD)('%s is refused by the analytics page’s time zone field', async (name) => {
    const response = await t.call('PUT', '/api/analytics/time-zone', { token: admin, body: { timeZone: name } });
    expect(response.status).toBe(400);
    expect(((await response.json()) as ErrorBody).error.code).toBe('invalid_time_zone');
  });

  it('still takes IANA names, their old aliases and the short ones both read alike', async () => {
    for (const name of ['America/New_York', 'Japan', 'US/Pacific', 'Etc/GMT-9', 'EST5EDT', 'UTC', 'JST']) {
      const response = await t.call('PUT', '/api/settings/hours', { token: admin, body: { timeZone: name } });
      expect(response.status, name).toBe(200);
    }
    await t.call('PUT', '/api/settings/hours', { token: admin, body: { timeZone: 'Asia/Tokyo' } });
  });

  it('every name the settings accept is the same zone to Intl and to the database, in winter and in summer', async () => {
    const legacy = 'ACT AET AGT ART AST BET BST CAT CNT CST CTT EAT ECT IET IST JST MIT NET NST PLT PNT PRT PST SST VST CET EET MET WET EST MST HST UTC GMT UCT PRC ROK ROC GB NZ';
    const aliases = 'Japan Zulu W-SU US/Pacific Asia/Calcutta Etc/UTC Etc/GMT+9 EST5EDT CST6CDT GMT0 Universal Greenwich Cuba Egypt Eire Turkey';
    const offsets = '+09:00 +0900 -03:30 +14 -12:00';
    const candidates = [...new Set([...legacy.split(' '), ...aliases.split(' '), ...offsets.split(' '), ...Intl.supportedValuesOf('timeZone')])];
    const accepted = candidates.filter((timeZone) => {
      const result = validatePhoneConfig({ settings: { defaultCountry: 'JP', allowedCountries: [], timeZone } });
      return result.ok || !result.issues.some((found) => found.path === 'settings.timeZone');
    });
    expect(accepted.length).toBeGreaterThan(400);

    const instants = ['2026-01-15T03:00:00Z', '2026-07-15T03:00:00Z'];
    const intlMinutes = (timeZone: string, instant: string) => {
      const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(new Date(instant)).find((part) => part.type === 'timeZoneName')!.value;
      const sign = name[3] === '-' ? -1 : 1;
      return name === 'GMT' ? 0 : sign * (Number(name.slice(4, 6)) * 60 + Number(name.slice(7, 9) || 0));
    };
    const { rows } = await sql<{ zone: string; instant: string; minutes: string }>`
      select zone, instant::text as instant,
        (extract(epoch from (instant::timestamptz at time zone zone) - (instant::timestamptz at time zone 'UTC')) / 60)::int::text as minutes
      from unnest(${accepted}::text[]) as zone, unnest(${instants}::text[]) as instant`.execute(t.store.db);
    const differing = rows
      .filter((row) => Number(row.minutes) !== intlMinutes(row.zone, row.instant))
      .map((row) => `${row.zone} at ${row.instant}: database ${row.minutes} min, Intl ${intlMinutes(row.zone, row.instant)} min`);
    expect(differing).toEqual([]);
  });
});
