import { sql, type Kysely } from 'kysely';
import { filterConditions, localStart, OUTCOME, rangeEnd, rangeStart, TALK_SECONDS, WAIT_SECONDS, type CallFilters, type LocalRange } from './analytics-range.ts';
import type { Database } from './schema.ts';

/**
 * Incoming-call analytics for a local date range, computed in SQL in one pass over the range
 * (grouping sets): the totals, calls by weekday × hour, outcomes per day, missed calls by hour and
 * the same figures per number. Averages and the 90th percentile are over answered calls only.
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
  p90_wait: number | null;
  avg_talk: number | null;
}

// grouping(weekday, hour, day, number): a bit is set for each column the row is NOT grouped by.
const SET = { weekdayHour: 0b0011, day: 0b1101, hour: 0b1011, number: 0b1110, total: 0b1111 } as const;

export async function overview(db: Db, range: LocalRange, filters: CallFilters = {}): Promise<Overview> {
  const local = localStart(range);
  const { rows } = await sql<OverviewRow>`
    select grouping(c.weekday, c.hour, c.day, c.number) as set_id, c.weekday, c.hour, c.day, c.number,
      count(*) as calls,
      count(*) filter (where c.outcome = 'answered') as answered,
      count(*) filter (where c.outcome = 'missed') as missed,
      count(*) filter (where c.outcome = 'voicemail') as voicemail,
      avg(c.wait) as avg_wait,
      percentile_cont(0.9) within group (order by c.wait) as p90_wait,
      avg(c.talk) as avg_talk
    from (
      select extract(isodow from ${local})::int as weekday, extract(hour from ${local})::int as hour,
        to_char(${local}, 'YYYY-MM-DD') as day, calls.number_called as number,
        ${OUTCOME} as outcome, ${WAIT_SECONDS} as wait, ${TALK_SECONDS} as talk
      from calls
      where calls.direction = 'inbound' and calls.started_at >= ${rangeStart(range)} and calls.started_at < ${rangeEnd(range)}
        and ${filterConditions(filters)}
    ) as c
    group by grouping sets ((c.weekday, c.hour), (c.day), (c.hour), (c.number), ())`.execute(db);

  const byDay = new Map<string, Outcomes>();
  const missedByHour = Array.from({ length: 24 }, () => 0);
  const result: Overview = { totals: figures(undefined), heatmap: [], daily: [], missedByHour, byNumber: [] };
  for (const row of rows) {
    switch (row.set_id) {
      case SET.total:
        result.totals = figures(row);
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
        if (row.number) result.byNumber.push({ number: row.number, ...figures(row) });
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

export function figures(row: OverviewRow | undefined): Figures {
  const counts = outcomes(row);
  const decided = counts.answered + counts.missed + counts.voicemail;
  return {
    ...counts,
    answerRate: decided === 0 ? null : counts.answered / decided,
    avgWaitSeconds: seconds(row?.avg_wait),
    p90WaitSeconds: seconds(row?.p90_wait),
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
