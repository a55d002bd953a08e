import { sql, type Kysely } from 'kysely';
import { ON_CALL_STALE_HOURS } from './presence.ts';
import type { CallDirection, Database, IvrState } from './schema.ts';

/** The rows the live board is built from (server/board/board-model.ts decides what they mean). */

type Db = Kysely<Database>;

/**
 * A rep's wrap-up: the server is not told when the extension's after-call form opens or closes, so
 * a rep counts as wrapping up for this long after an answered call of theirs ended, unless they saved
 * a note or a disposition for it sooner. A form closed without either ends the wrap-up only at the
 * timeout.
 */
export const WRAP_UP_SECONDS = 120;

export interface BoardUser {
  id: string;
  name: string;
  role: string;
}

export interface BoardCallRow {
  callSid: string;
  direction: CallDirection;
  from: string;
  to: string;
  numberCalled: string | null;
  numberLabel: string | null;
  ivrPath: string[];
  ivrKeys: string | null;
  ivrState: IvrState | null;
  repId: string | null;
  rang: string[];
  status: string;
  startedAt: Date;
  answeredAt: Date | null;
  ivrRoutedAt: Date | null;
  customerName: string | null;
  /** Since when the call's recording has been paused; null while it records, or when it is not recorded. */
  recordingPausedAt: Date | null;
}

export interface WrapUp {
  callSid: string;
  endedAt: Date;
}

export async function boardUsers(db: Db): Promise<BoardUser[]> {
  return db.selectFrom('users').select(['id', 'name', 'role']).where('active', '=', true).orderBy('name').orderBy('id').execute();
}

/** Calls still going on (started within the presence marker's staleness window), plus the given ones. */
export async function boardCalls(db: Db, now: Date, alsoSids: readonly string[]): Promise<Map<string, BoardCallRow>> {
  const since = new Date(now.getTime() - ON_CALL_STALE_HOURS * 3600 * 1000);
  const rows = await db
    .selectFrom('calls')
    .select([
      'call_sid', 'direction', 'from_number', 'to_number', 'number_called', 'number_label', 'ivr_path', 'ivr_keys',
      'ivr_state', 'rep_id', 'rang', 'status', 'started_at', 'answered_at', 'ivr_routed_at', 'recording', 'recording_paused_at',
      sql<string | null>`crm_record ->> 'name'`.as('customer_name'),
    ])
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'in-progress'), eb('started_at', '>', since)]),
        ...(alsoSids.length > 0 ? [eb('call_sid', 'in', [...alsoSids])] : []),
      ]),
    )
    .orderBy('started_at')
    .execute();
  return new Map(
    rows.map((row) => [
      row.call_sid,
      {
        callSid: row.call_sid,
        direction: row.direction,
        from: row.from_number,
        to: row.to_number,
        numberCalled: row.number_called,
        numberLabel: row.number_label,
        ivrPath: row.ivr_path,
        ivrKeys: row.ivr_keys,
        ivrState: row.ivr_state,
        repId: row.rep_id,
        rang: row.rang,
        status: row.status,
        startedAt: new Date(row.started_at),
        answeredAt: row.answered_at ? new Date(row.answered_at) : null,
        ivrRoutedAt: row.ivr_routed_at ? new Date(row.ivr_routed_at) : null,
        customerName: row.customer_name,
        recordingPausedAt: row.recording === 'paused' && row.recording_paused_at ? new Date(row.recording_paused_at) : null,
      },
    ]),
  );
}

/**
 * Reps whose part in their most recent answered call ended less than WRAP_UP_SECONDS ago and that
 * call has no note or disposition yet. The call ends for the rep who owns it when their leg does
 * (the parent call's own status callback may come a moment later); a rep who handed the call on (a
 * transfer, a completed consult) or took it and handed it on again is done with it when their last
 * party in the room left, while the call goes on with a colleague.
 */
export async function recentWrapUps(db: Db, now: Date): Promise<Map<string, WrapUp>> {
  const cutoff = new Date(now.getTime() - WRAP_UP_SECONDS * 1000);
  const { rows } = await sql<{ rep_id: string; call_sid: string; ended_at: Date; note: string | null; disposition: string | null }>`
    select distinct on (mine.rep) mine.rep as rep_id, calls.call_sid, mine.at as ended_at, calls.note, calls.disposition
    from calls
      cross join lateral (
        select calls.rep_id as rep, least(calls.ended_at, (select max(l.ended_at) from call_legs l
          where l.parent_call_sid = calls.call_sid and l.rep_id = calls.rep_id and l.answered_at is not null)) as at
        where calls.rep_id is not null
        union all
        select p.user_id, max(p.left_at)
        from call_parties p
        where p.call_sid = calls.call_sid and p.kind = 'rep' and p.purpose in ('answer', 'transfer', 'recall')
          and p.joined_at is not null and p.user_id is not null and p.user_id is distinct from calls.rep_id
        group by p.user_id
        having bool_and(p.left_at is not null)
      ) as mine
    where calls.started_at > ${new Date(now.getTime() - ON_CALL_STALE_HOURS * 3600 * 1000)}
      and calls.answered_at is not null and (calls.ended_at is null or calls.ended_at > ${cutoff})
      and mine.at > ${cutoff} and mine.at <= ${now}
    order by mine.rep, mine.at desc`.execute(db);
  return new Map(
    rows.filter((row) => row.note === null && row.disposition === null).map((row) => [row.rep_id, { callSid: row.call_sid, endedAt: new Date(row.ended_at) }]),
  );
}
