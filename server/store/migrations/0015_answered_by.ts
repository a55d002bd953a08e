import { sql, type Kysely } from 'kysely';

/**
 * Who answered a call stays who answered it (README "Analytics"): `calls.rep_id` follows the call to
 * whoever owns it now (a transfer, a completed consult), so analytics counted a transferred call,
 * its wait and all its talk for the last owner only. `calls.answered_by` (0007) names the first rep
 * to answer (inbound) or the caller (outbound); the voice engine writes it from now on, and this
 * migration fills it in for the calls made before, as far as the database can tell:
 *
 * - incoming: the room's `answer` party (0007: the rep who answered, whatever happened after), else
 *   the first answered ring leg (0002: the `<Dial>` child that won the answer), else `rep_id` when
 *   the call never had a transfer, consult or recall (no one else can have taken it over);
 * - outgoing: the caller, from `client:<rep>` in `From`, else `rep_id`.
 *
 * A call it cannot tell keeps null; analytics then fall back to `rep_id`, as before.
 * `calls_analytics` is rebuilt with `answered_by` so the per-rep figures stay an index-only scan.
 * Forward-only: a released migration is never edited.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    update calls set answered_by = coalesce(
      (select p.user_id from call_parties p
        where p.call_sid = calls.call_sid and p.kind = 'rep' and p.purpose = 'answer' and p.user_id is not null
        order by p.id limit 1),
      (select l.rep_id from call_legs l
        where l.parent_call_sid = calls.call_sid and l.answered_at is not null and l.rep_id is not null
        order by l.answered_at, l.call_sid limit 1),
      case when not exists (select 1 from call_parties p
        where p.call_sid = calls.call_sid and p.purpose in ('transfer', 'consult', 'recall')) then calls.rep_id end)
    where answered_by is null and direction = 'inbound' and answered_at is not null`.execute(db);
  await sql`
    update calls set answered_by = coalesce(case when from_number like 'client:_%' then substr(from_number, 8) end, rep_id)
    where answered_by is null and direction = 'outbound'`.execute(db);

  await sql`drop index calls_analytics`.execute(db);
  await sql`create index calls_analytics on calls (started_at)
    include (direction, status, answered_at, outcome, wait_seconds, talk_seconds, number_called, rep_id, answered_by, rang, ivr_keys, ivr_state)`.execute(db);
}
