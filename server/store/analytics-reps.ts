import { sql, type Kysely } from 'kysely';
import { filterConditions, rangeEnd, rangeStart, type CallFilters, type LocalRange } from './analytics-range.ts';
import type { Database } from './schema.ts';

/**
 * Per rep, for a local date range: incoming calls they answered, incoming calls that rang them and
 * that nobody answered (missed, voicemails included: a call a colleague took is not "missed" by the
 * others who were rung), their average wait and talk on incoming calls, the calls they placed, and
 * their talk time in both directions. The board's "today" counts are this, for today.
 */

type Db = Kysely<Database>;

export interface RepTotals {
  rep: string;
  answered: number;
  missed: number;
  avgWaitSeconds: number | null;
  avgTalkSeconds: number | null;
  outbound: number;
  /** Talk time of answered incoming and connected outgoing calls. */
  talkSeconds: number;
}

interface Row {
  rep: string;
  answered: string;
  missed: string;
  avg_wait: number | null;
  avg_talk: number | null;
  outbound: string;
  talk: number | null;
}

export async function repTotals(db: Db, range: LocalRange, filters: CallFilters = {}): Promise<RepTotals[]> {
  const inRange = sql<boolean>`calls.started_at >= ${rangeStart(range)} and calls.started_at < ${rangeEnd(range)} and ${filterConditions(filters)}`;
  // Grouped first (by rep and direction; by the list of reps rung), spread over reps after: few rows to unnest.
  const { rows } = await sql<Row>`
    with taken as (
      select calls.rep_id as rep, calls.direction, count(*) as calls,
        sum(calls.wait_seconds) as wait_sum, count(calls.wait_seconds) as waits,
        sum(calls.talk_seconds) as talk_sum, count(calls.talk_seconds) as talks
      from calls
      where calls.rep_id is not null and (calls.answered_at is not null or calls.direction = 'outbound') and ${inRange}
      group by 1, 2
    ), unanswered as (
      select calls.rang, count(*) as calls
      from calls
      where calls.direction = 'inbound' and calls.outcome in ('missed', 'voicemail') and cardinality(calls.rang) > 0 and ${inRange}
      group by 1
    ), per_rep as (
      select rep,
        sum(calls) filter (where direction = 'inbound') as answered, 0 as missed,
        sum(wait_sum) filter (where direction = 'inbound') as wait_sum, sum(waits) filter (where direction = 'inbound') as waits,
        sum(talk_sum) filter (where direction = 'inbound') as in_talk_sum, sum(talks) filter (where direction = 'inbound') as in_talks,
        sum(calls) filter (where direction = 'outbound') as outbound, sum(talk_sum) as talk
      from taken group by rep
      union all
      select rung.rep, 0, sum(u.calls), null, null, null, null, 0, 0
      from unanswered as u cross join lateral unnest(u.rang) as rung(rep)
      group by rung.rep
    )
    select rep,
      coalesce(sum(answered), 0) as answered, coalesce(sum(missed), 0) as missed,
      sum(wait_sum) / nullif(sum(waits), 0) as avg_wait, sum(in_talk_sum) / nullif(sum(in_talks), 0) as avg_talk,
      coalesce(sum(outbound), 0) as outbound, sum(talk) as talk
    from per_rep
    ${filters.rep ? sql`where rep = ${filters.rep}` : sql``}
    group by rep
    order by rep`.execute(db);
  return rows.map((row) => ({
    rep: row.rep,
    answered: Number(row.answered),
    missed: Number(row.missed),
    avgWaitSeconds: row.avg_wait === null ? null : Math.round(Number(row.avg_wait) * 10) / 10,
    avgTalkSeconds: row.avg_talk === null ? null : Math.round(Number(row.avg_talk) * 10) / 10,
    outbound: Number(row.outbound),
    talkSeconds: Math.round(Number(row.talk ?? 0)),
  }));
}
