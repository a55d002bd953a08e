import { sql, type Kysely } from 'kysely';
import { filterConditions, rangeEnd, rangeStart, type CallFilters, type LocalRange } from './analytics-range.ts';
import type { Database } from './schema.ts';

/**
 * Per rep, for a local date range, as contact-centre reports count agents (README "Analytics"):
 *
 * - answered: incoming calls the rep answered first (`answered_by`; a call whose answerer is not
 *   known, made before 0015, falls back to `rep_id`). A transferred call stays answered by whoever
 *   answered it, and their average wait is the caller's wait for them;
 * - transfers taken: calls a colleague handed them (a transfer, or a consult that was completed);
 *   these are not "answered" too, so the reps' answered calls add up to the calls answered;
 * - missed: incoming calls that rang them and that nobody answered (voicemails included: a call a
 *   colleague took is not "missed" by the others who were rung);
 * - talk time: each rep's own time on the call with the customer, from their party in the room
 *   (`call_parties`: from the answer or their joining to their leaving), less the time the customer
 *   was on hold meanwhile (the room's `hold` / `resume` history). A call without a room (it stayed a
 *   plain bridge) counts whole, answer to end, for its answerer. A rep still on a call counts once
 *   they leave it; the average is over the calls they talked on;
 * - outbound: the calls they placed.
 *
 * The board's "today" counts are this, for today.
 */

type Db = Kysely<Database>;

export interface RepTotals {
  rep: string;
  answered: number;
  /** Calls a colleague handed them (transfer, or completed consult), not counted in `answered`. */
  transfersTaken: number;
  missed: number;
  avgWaitSeconds: number | null;
  avgTalkSeconds: number | null;
  outbound: number;
  /** Their talk time on incoming and outgoing calls. */
  talkSeconds: number;
}

interface Row {
  rep: string;
  answered: string;
  transfers: string;
  missed: string;
  avg_wait: number | null;
  avg_talk: number | null;
  outbound: string;
  talk: number | null;
}

export async function repTotals(db: Db, range: LocalRange, filters: CallFilters = {}): Promise<RepTotals[]> {
  const inRange = sql<boolean>`calls.started_at >= ${rangeStart(range)} and calls.started_at < ${rangeEnd(range)} and ${filterConditions(filters)}`;
  const firstRep = sql<string | null>`coalesce(calls.answered_by, calls.rep_id)`;
  // Counts are grouped first (by rep and direction; by the list of reps rung) and spread over reps
  // after: few rows to unnest. Talk is worked out per rep and call, only for answered calls.
  const { rows } = await sql<Row>`
    with firsts as (
      select ${firstRep} as rep, calls.direction, count(*) as calls,
        sum(calls.wait_seconds) as wait_sum, count(calls.wait_seconds) as waits
      from calls
      where ${firstRep} is not null and (calls.answered_at is not null or calls.direction = 'outbound') and ${inRange}
      group by 1, 2
    ), unanswered as (
      select calls.rang, count(*) as calls
      from calls
      where calls.direction = 'inbound' and calls.outcome in ('missed', 'voicemail') and cardinality(calls.rang) > 0 and ${inRange}
      group by 1
    ), talked as (
      select calls.call_sid, calls.direction, calls.answered_at, calls.ended_at, calls.talk_seconds, ${firstRep} as first_rep
      from calls
      where calls.answered_at is not null and ${inRange}
    ), legs as (
      -- Each rep's stretch in the room: the answerer's from the answer, the others' from their joining.
      select p.id, t.call_sid, t.direction, t.first_rep, p.user_id as rep, p.purpose,
        case when p.purpose = 'answer' then t.answered_at else greatest(p.joined_at, t.answered_at) end as from_at,
        least(p.left_at, t.ended_at) as to_at
      from talked as t
        join call_parties as p on p.call_sid = t.call_sid
      where p.kind = 'rep' and p.user_id is not null and p.joined_at is not null
    ), holds as (
      -- The customer's holds: from each 'hold' to the next 'resume' (or hold); open (null) while still held.
      -- least() and greatest() skip nulls: an open hold runs to the leg's end, and a leg with no hold
      -- (the left join's null row) must be filtered out of the sum, not overlap itself.
      select h.call_sid, h.at as from_at, h.until as to_at
      from (
        select e.call_sid, e.kind, e.at, lead(e.at) over (partition by e.call_sid order by e.at, e.id) as until
        from call_events as e
        where e.kind in ('hold', 'resume') and e.call_sid in (select legs.call_sid from legs)
      ) as h
      where h.kind = 'hold'
    ), leg_spans as (
      select legs.call_sid, legs.direction, legs.first_rep, legs.rep, legs.purpose,
        case when legs.to_at is not null then greatest(0, date_part('epoch', legs.to_at - legs.from_at)
          - coalesce(sum(greatest(0, date_part('epoch', least(holds.to_at, legs.to_at) - greatest(holds.from_at, legs.from_at))))
            filter (where holds.call_sid is not null), 0)) end as talk
      from legs
        left join holds on holds.call_sid = legs.call_sid
      group by legs.id, legs.call_sid, legs.direction, legs.first_rep, legs.rep, legs.purpose, legs.from_at, legs.to_at
    ), leg_talk as (
      select call_sid, direction, first_rep, rep, bool_or(purpose = 'transfer') as took_over, sum(talk) as talk
      from leg_spans
      group by 1, 2, 3, 4
    ), rep_talk as (
      select rep, direction, talk, took_over and rep is distinct from first_rep as transfer from leg_talk
      union all
      -- No rep in a room (a plain bridge): the whole call, for its answerer.
      select first_rep, direction, talk_seconds, false
      from talked
      where first_rep is not null and not exists (select 1 from legs where legs.call_sid = talked.call_sid)
    ), per_rep as (
      select rep,
        sum(calls) filter (where direction = 'inbound') as answered, 0 as transfers, 0 as missed,
        sum(wait_sum) filter (where direction = 'inbound') as wait_sum, sum(waits) filter (where direction = 'inbound') as waits,
        null::float8 as in_talk_sum, 0 as in_talks,
        sum(calls) filter (where direction = 'outbound') as outbound, null::float8 as talk
      from firsts group by rep
      union all
      select rep, 0, count(*) filter (where transfer), 0, null, null,
        sum(talk) filter (where direction = 'inbound'), count(talk) filter (where direction = 'inbound'), 0, sum(talk)
      from rep_talk group by rep
      union all
      select rung.rep, 0, 0, sum(u.calls), null, null, null, 0, 0, null
      from unanswered as u cross join lateral unnest(u.rang) as rung(rep)
      group by rung.rep
    )
    select rep,
      coalesce(sum(answered), 0) as answered, coalesce(sum(transfers), 0) as transfers, coalesce(sum(missed), 0) as missed,
      sum(wait_sum) / nullif(sum(waits), 0) as avg_wait, sum(in_talk_sum) / nullif(sum(in_talks), 0) as avg_talk,
      coalesce(sum(outbound), 0) as outbound, sum(talk) as talk
    from per_rep
    ${filters.rep ? sql`where rep = ${filters.rep}` : sql``}
    group by rep
    order by rep`.execute(db);
  return rows.map((row) => ({
    rep: row.rep,
    answered: Number(row.answered),
    transfersTaken: Number(row.transfers),
    missed: Number(row.missed),
    avgWaitSeconds: row.avg_wait === null ? null : Math.round(Number(row.avg_wait) * 10) / 10,
    avgTalkSeconds: row.avg_talk === null ? null : Math.round(Number(row.avg_talk) * 10) / 10,
    outbound: Number(row.outbound),
    talkSeconds: Math.round(Number(row.talk ?? 0)),
  }));
}
