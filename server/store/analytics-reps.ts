import { sql, type Kysely } from 'kysely';
import { filterConditions, rangeEnd, rangeStart, TALK_SECONDS, WAIT_SECONDS, type CallFilters, type LocalRange } from './analytics-range.ts';
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
  const { rows } = await sql<Row>`
    select x.rep,
      count(*) filter (where x.kind = 'answered') as answered,
      count(*) filter (where x.kind = 'missed') as missed,
      avg(x.wait) filter (where x.kind = 'answered') as avg_wait,
      avg(x.talk) filter (where x.kind = 'answered') as avg_talk,
      count(*) filter (where x.kind = 'outbound') as outbound,
      sum(x.talk) as talk
    from (
      select calls.rep_id as rep, case when calls.direction = 'inbound' then 'answered' else 'outbound' end as kind,
        ${WAIT_SECONDS} as wait, ${TALK_SECONDS} as talk
      from calls
      where calls.rep_id is not null and (calls.answered_at is not null or calls.direction = 'outbound') and ${inRange}
      union all
      select rung.rep, 'missed', null, null
      from calls cross join lateral unnest(calls.rang) as rung(rep)
      where calls.direction = 'inbound' and calls.answered_at is null
        and calls.status in ('missed', 'busy', 'canceled', 'voicemail') and ${inRange}
    ) as x
    ${filters.rep ? sql`where x.rep = ${filters.rep}` : sql``}
    group by x.rep
    order by x.rep`.execute(db);
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
