import { sql, type Kysely, type RawBuilder } from 'kysely';
import { DEFAULT_TIME_ZONE } from '../phone-config/schema.ts';
import type { Database } from './schema.ts';

/**
 * Date ranges in the org's time zone. A range is a pair of local calendar dates (both included);
 * PostgreSQL turns them into instants (`date::timestamp at time zone tz`), so days are cut at local
 * midnight and a 23- or 25-hour day around a DST change is exactly as long as it is.
 */

type Db = Kysely<Database>;

export type RangePreset = 'today' | 'week' | 'month';

export interface LocalRange {
  /** `YYYY-MM-DD`, local to `timeZone`, both included. */
  from: string;
  to: string;
  timeZone: string;
}

/** The longest custom range analytics accept (a year and a day: a leap year's whole year). */
export const MAX_RANGE_DAYS = 366;

export interface CallFilters {
  /** Our number (E.164): calls to it. */
  number?: string;
  /** An IVR branch, as the keys of its path (`'2'`, `'21'`): calls that went through it. */
  branch?: string;
  /** A rep: calls they answered (first, or took over and still own) or that rang them. */
  rep?: string;
}

/** The org's time zone from the settings document (Asia/Tokyo until an admin sets another). */
export async function orgTimeZone(db: Db): Promise<string> {
  const row = await db
    .selectFrom('app_settings')
    .select(sql<string | null>`settings ->> 'timeZone'`.as('time_zone'))
    .where('id', '=', 1)
    .executeTakeFirst();
  return row?.time_zone || DEFAULT_TIME_ZONE;
}

/**
 * Today, this week (from Monday, ISO) and this month up to today, as the org's calendar has them at `now`.
 */
export async function presetRange(db: Db, preset: RangePreset, now: Date, timeZone: string): Promise<LocalRange> {
  const { rows } = await sql<{ today: string; week: string; month: string }>`
    select to_char(l, 'YYYY-MM-DD') as today,
      to_char(date_trunc('week', l), 'YYYY-MM-DD') as week,
      to_char(date_trunc('month', l), 'YYYY-MM-DD') as month
    from (select ${now}::timestamptz at time zone ${timeZone} as l) as local_now`.execute(db);
  const row = rows[0]!;
  const from = preset === 'today' ? row.today : preset === 'week' ? row.week : row.month;
  return { from, to: row.today, timeZone };
}

/** Days in the range, both ends included (plain calendar dates: no time zone involved). */
export function rangeDays(range: Pick<LocalRange, 'from' | 'to'>): number {
  const day = (date: string) => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
  return Math.round((day(range.to) - day(range.from)) / 86_400_000) + 1;
}

/** The first instant of the range (local midnight of `from`). */
export function rangeStart(range: LocalRange): RawBuilder<Date> {
  return sql<Date>`(${range.from}::date::timestamp at time zone ${range.timeZone})`;
}

/** The first instant after the range (local midnight after `to`). */
export function rangeEnd(range: LocalRange): RawBuilder<Date> {
  return sql<Date>`((${range.to}::date + 1)::timestamp at time zone ${range.timeZone})`;
}

/** `and …` conditions on `calls` for the filters (none: an always-true condition). */
export function filterConditions(filters: CallFilters): RawBuilder<boolean> {
  const parts: RawBuilder<boolean>[] = [];
  if (filters.number) parts.push(sql<boolean>`calls.number_called = ${filters.number}`);
  if (filters.branch) parts.push(sql<boolean>`left(calls.ivr_keys, ${filters.branch.length}) = ${filters.branch}`);
  if (filters.rep) parts.push(sql<boolean>`(calls.answered_by = ${filters.rep} or calls.rep_id = ${filters.rep} or ${filters.rep}::text = any(calls.rang))`);
  return parts.length === 0 ? sql<boolean>`true` : sql<boolean>`${sql.join(parts, sql` and `)}`;
}

/**
 * What the figures are made of, per call (generated columns, migration 0008):
 * - `outcome`: answered; a voicemail; missed (nobody answered: no one online, no answer, everyone
 *   busy, the caller hung up while it rang or in the menu); null while the call goes on, or when it
 *   failed on our side (a number not in service) — such calls count in the totals, in no outcome;
 * - `wait_seconds`: from the end of the menu (or the call's start) to the answer: the caller's wait for a rep;
 * - `talk_seconds`: from the answer to the end of the call.
 *
 * Aggregates first group calls by slot of UTC time — an hour, or 15 minutes in the zones whose
 * offset is not a whole number of hours (every zone's is a multiple of 15 minutes) — then turn the few
 * slots, not every call, into local days and hours: converting each row's time costs more than
 * everything else on the embedded database, and fewer slots make the grouping cheaper still.
 */
export function slotSeconds(range: LocalRange): number {
  return wholeHourOffsets(range) ? 3600 : 900;
}

/** Whether the zone's UTC offset is a whole number of hours in winter and summer of the range's years. */
function wholeHourOffsets(range: LocalRange): boolean {
  const format = new Intl.DateTimeFormat('en-US', { timeZone: range.timeZone, timeZoneName: 'longOffset' });
  const years = new Set([Number(range.from.slice(0, 4)), Number(range.to.slice(0, 4))]);
  for (const year of years) {
    for (const month of [0, 6]) {
      const offset = format.formatToParts(new Date(Date.UTC(year, month, 1))).find((part) => part.type === 'timeZoneName')?.value ?? '';
      // "GMT+09:00", "GMT-03:30", or "GMT" for UTC itself.
      if (!/^GMT([+-]\d{2}:00)?$/.test(offset)) return false;
    }
  }
  return true;
}

export function slotOf(seconds: number): RawBuilder<number> {
  return sql<number>`floor(date_part('epoch', calls.started_at) / ${sql.lit(seconds)})::int`;
}

/** A slot's start in local time (a `timestamp` without zone). */
export function localSlot(range: LocalRange, seconds: number, slot = sql.ref('slot')): RawBuilder<Date> {
  return sql<Date>`(to_timestamp(${slot}::float8 * ${sql.lit(seconds)}) at time zone ${range.timeZone})`;
}
