import { sql, type Kysely } from 'kysely';
import { filterConditions, localSlot, rangeEnd, rangeStart, slotOf, slotSeconds, type CallFilters, type LocalRange } from './analytics-range.ts';
import type { Database } from './schema.ts';

/**
 * Incoming-call analytics for a local date range, computed in SQL: one pass over the range groups
 * calls by slot and number (outcomes counted alongside); grouping sets over those slots give the totals, calls by
 * weekday × hour, outcomes per day, missed calls by hour and the figures per number. A second pass
 * takes the 90th percentile of the waits. Averages and the percentile are over answered calls only.
 */

type Db = Kysely<Database>;

export interface Outcomes {
  calls: number;
  answered: number;
  missed: number;
  voicemail: number;
}

export interface Figures extends Outcomes {
  /** answered / (answered + missed + voicemail); null when no call has an outcome yet. */
  answerRate: number | null;
  avgWaitSeconds: number | null;
  p90WaitSeconds: number | null;
  avgTalkSeconds: number | null;
}

export interface Overview {
  totals: Figures;
  /** ISO weekday (1 = Monday … 7 = Sunday) × local hour; cells without calls are left out. */
  heatmap: { weekday: number; hour: number; calls: number }[];
  /** Every day of the range, in order, days without calls included. */
  daily: ({ date: string } & Outcomes)[];
  /** Missed calls (voicemails included) per local hour 0–23. */
  missedByHour: number[];
  byNumber: ({ number: string } & Figures)[];
}

interface OverviewRow {
  set_id: number;
  weekday: number | null;
  hour: number | null;
  day: string | null;
  number: string | null;
  calls: string;
  answered: string;
  missed: string;
  voicemail: string;
  avg_wait: number | null;
  avg_talk: number | null;
}

// grouping(weekday, hour, day, number): a bit is set for each column the row is NOT grouped by.
const SET = { weekdayHour: 0b0011, day: 0b1101, hour: 0b1011, number: 0b1110, total: 0b1111 } as const;

export async function overview(db: Db, range: LocalRange, filters: CallFilters = {}): Promise<Overview> {
  const inRange = sql<boolean>`calls.direction = 'inbound' and calls.started_at >= ${rangeStart(range)} and calls.started_at < ${rangeEnd(range)}
    and ${filterConditions(filters)}`;
  const seconds = slotSeconds(range);
  const { rows } = await sql<OverviewRow>`
    with slots as (
      select ${slotOf(seconds)} as slot, calls.number_called as number, count(*) as calls,
        count(*) filter (where calls.outcome = 'answered') as answered,
        count(*) filter (where calls.outcome = 'missed') as missed,
        count(*) filter (where calls.outcome = 'voicemail') as voicemail,
        sum(calls.wait_seconds) as wait_sum, sum(calls.talk_seconds) as talk_sum, count(calls.talk_seconds) as talks
      from calls where ${inRange}
      group by 1, 2
    ), local_times as (
      -- Each distinct slot once to local time: a few hundred conversions, not one per call.
      select d.slot, date_part('isodow', l)::int as weekday, date_part('hour', l)::int as hour, to_char(l, 'YYYY-MM-DD') as day
      from (select distinct slot from slots) as d cross join lateral (select ${localSlot(range, seconds, sql.ref('d.slot'))} as l) as local_time
    ), local_slots as (
      select t.weekday, t.hour, t.day, s.* from slots as s join local_times as t on t.slot = s.slot
    )
    select grouping(c.weekday, c.hour, c.day, c.number) as set_id, c.weekday, c.hour, c.day, c.number,
      sum(c.calls) as calls, sum(c.answered) as answered, sum(c.missed) as missed, sum(c.voicemail) as voicemail,
      sum(c.wait_sum) / nullif(sum(c.answered), 0) as avg_wait,
      sum(c.talk_sum) / nullif(sum(c.talks), 0) as avg_talk
    from local_slots as c
    group by grouping sets ((c.weekday, c.hour), (c.day), (c.hour), (c.number), ())`.execute(db);
  const p90 = await sql<{ number: string | null; p90: number | null; whole: boolean }>`
    select calls.number_called as number, grouping(calls.number_called) = 1 as whole,
      percentile_cont(0.9) within group (order by calls.wait_seconds) as p90
    from calls where ${inRange} and calls.wait_seconds is not null
    group by grouping sets ((calls.number_called), ())`.execute(db);
  const p90Of = new Map(p90.rows.map((row) => [row.whole ? null : row.number, row.p90]));

  const byDay = new Map<string, Outcomes>();
  const missedByHour = Array.from({ length: 24 }, () => 0);
  const result: Overview = { totals: figures(undefined, null), heatmap: [], daily: [], missedByHour, byNumber: [] };
  for (const row of rows) {
    switch (row.set_id) {
      case SET.total:
        result.totals = figures(row, p90Of.get(null));
        break;
      case SET.weekdayHour:
        result.heatmap.push({ weekday: row.weekday!, hour: row.hour!, calls: Number(row.calls) });
        break;
      case SET.day:
        byDay.set(row.day!, outcomes(row));
        break;
      case SET.hour:
        missedByHour[row.hour!] = Number(row.missed) + Number(row.voicemail);
        break;
      case SET.number:
        if (row.number) result.byNumber.push({ number: row.number, ...figures(row, p90Of.get(row.number)) });
        break;
    }
  }
  result.heatmap.sort((a, b) => a.weekday - b.weekday || a.hour - b.hour);
  result.byNumber.sort((a, b) => b.calls - a.calls || a.number.localeCompare(b.number));
  result.daily = calendarDays(range).map((date) => ({ date, ...(byDay.get(date) ?? { calls: 0, answered: 0, missed: 0, voicemail: 0 }) }));
  return result;
}

function outcomes(row: OverviewRow | undefined): Outcomes {
  return {
    calls: Number(row?.calls ?? 0),
    answered: Number(row?.answered ?? 0),
    missed: Number(row?.missed ?? 0),
    voicemail: Number(row?.voicemail ?? 0),
  };
}

const seconds = (value: number | string | null | undefined) => (value === null || value === undefined ? null : Math.round(Number(value) * 10) / 10);

function figures(row: OverviewRow | undefined, p90Wait: number | null | undefined): Figures {
  const counts = outcomes(row);
  const decided = counts.answered + counts.missed + counts.voicemail;
  return {
    ...counts,
    answerRate: decided === 0 ? null : counts.answered / decided,
    avgWaitSeconds: seconds(row?.avg_wait),
    p90WaitSeconds: seconds(p90Wait),
    avgTalkSeconds: seconds(row?.avg_talk),
  };
}

/** `from` … `to` as calendar dates (plain dates: no time zone is involved in counting them). */
export function calendarDays(range: Pick<LocalRange, 'from' | 'to'>): string[] {
  const days: string[] = [];
  const end = Date.parse(`${range.to}T00:00:00Z`);
  for (let day = Date.parse(`${range.from}T00:00:00Z`); day <= end; day += 86_400_000) days.push(new Date(day).toISOString().slice(0, 10));
  return days;
}
