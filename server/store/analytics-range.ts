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
  /** A rep: calls they answered or that rang them. */
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

/** The call's start in local time (a `timestamp` without zone): its date, hour and weekday as the org sees them. */
export function localStart(range: LocalRange, column = sql.ref('calls.started_at')): RawBuilder<Date> {
  return sql<Date>`(${column} at time zone ${range.timeZone})`;
}

/** `and …` conditions on `calls` for the filters (none: an always-true condition). */
export function filterConditions(filters: CallFilters): RawBuilder<boolean> {
  const parts: RawBuilder<boolean>[] = [];
  if (filters.number) parts.push(sql<boolean>`calls.number_called = ${filters.number}`);
  if (filters.branch) parts.push(sql<boolean>`left(calls.ivr_keys, ${filters.branch.length}) = ${filters.branch}`);
  if (filters.rep) parts.push(sql<boolean>`(calls.rep_id = ${filters.rep} or ${filters.rep}::text = any(calls.rang))`);
  return parts.length === 0 ? sql<boolean>`true` : sql<boolean>`${sql.join(parts, sql` and `)}`;
}

/**
 * What became of an incoming call: answered; a voicemail; missed (nobody answered: no one online,
 * no answer, everyone busy, the caller hung up while it rang or in the menu); null while it is still
 * going on, or when it failed on our side (a number not in service) — such calls count in the call
 * totals but in none of the outcomes.
 */
export const OUTCOME = sql<'answered' | 'voicemail' | 'missed' | null>`(case
  when calls.answered_at is not null then 'answered'
  when calls.status = 'voicemail' then 'voicemail'
  when calls.status in ('missed', 'busy', 'canceled') then 'missed'
end)`;

/** Seconds from the end of the menu (or the call's start) to the answer: the caller's wait for a rep. */
export const WAIT_SECONDS = sql<number | null>`(case when calls.answered_at is not null then
  greatest(0, extract(epoch from calls.answered_at - coalesce(calls.ivr_routed_at, calls.started_at)))::float8 end)`;

/** Seconds from the answer to the end of the call. */
export const TALK_SECONDS = sql<number | null>`(case when calls.answered_at is not null and calls.ended_at >= calls.answered_at then
  extract(epoch from calls.ended_at - calls.answered_at)::float8 end)`;
