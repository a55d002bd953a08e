import { sql, type Kysely, type RawBuilder, type Selectable } from 'kysely';
import { callerNumber } from '../voice/caller-id.ts';
import { SUPERSEDED } from './recordings.ts';
import { EARLIEST_DAY } from '../validation/dates.ts';
import type { CallDirection, CallsTable, CallStatus, CrmLookupVerdict, Database } from './schema.ts';

/** The call log as the API serves it (`GET /api/calls`, `PATCH /api/calls/:sid`). */
export interface CallLogEntry {
  callSid: string;
  direction: CallDirection;
  /** The caller's number; null when withheld (or for outgoing calls, see `rep`). */
  from: string | null;
  fromAnonymous: boolean;
  to: string;
  numberCalled: string | null;
  numberLabel: string | null;
  ivrPath: string[];
  status: CallStatus;
  reason: string | null;
  /** Who answered (inbound) or who called (outbound). */
  rep: string | null;
  rang: string[];
  startedAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  durationSeconds: number | null;
  legs: { callSid: string; rep: string | null; to: string; status: string; answeredAt: string | null; durationSeconds: number | null }[];
  recordings: { recordingSid: string; url: string; status: string; durationSeconds: number | null; source: string | null }[];
  crmRecord: Record<string, string> | null;
  note: string | null;
  disposition: string | null;
  /**
   * The viewer's part in the call: `party` (answered, placed or talked on it), `rung` (their phone
   * rang, someone else took it: a missed call for them), null (not on it: an admin looking on).
   */
  involvement: Involvement | null;
}

export type Involvement = 'party' | 'rung';

export interface CallFilters {
  /**
   * A rep's own call log: the calls they were a party to or were rung for. A call they were only
   * rung for shows that it happened and who took it, but not the colleague's note, disposition,
   * recordings or legs.
   */
  visibleTo?: string;
  /** Whose `involvement` to report when nothing is hidden (an admin's view). */
  viewer?: string;
  rep?: string;
  direction?: CallDirection;
  status?: CallStatus;
  /** Matches the caller, the destination or our number (E.164). */
  number?: string;
  from?: Date;
  to?: Date;
}

interface Cursor {
  startedAt: string;
  callSid: string;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(`${cursor.startedAt}|${cursor.callSid}`).toString('base64url');
}

/**
 * What `encodeCursor` writes: `toISOString()` of a call's start (a four-digit year, as PostgreSQL
 * reads it back; anything `Date.parse` takes would not do: `-271821-…` is a 500 there), and a SID.
 */
const CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)\|([A-Za-z0-9_-]{1,64})$/;

export function decodeCursor(value: string): Cursor | null {
  const [, startedAt, callSid] = CURSOR.exec(Buffer.from(value, 'base64url').toString()) ?? [];
  const time = startedAt ? Date.parse(startedAt) : Number.NaN;
  // Not a day that does not exist (2026-02-30 would be read as 2 March), nor one before any call was
  // logged: JavaScript has a year 0000, PostgreSQL does not (a 500 there).
  if (!callSid || Number.isNaN(time) || new Date(time).toISOString() !== startedAt || startedAt < EARLIEST_DAY) return null;
  return { startedAt, callSid };
}

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

/**
 * Whether `rep` talked on the call: the rep who answered or placed it, or any answered leg of theirs
 * (several reps on one call once calls are conferences: each who picked up is a party).
 */
function partyTo(rep: string): RawBuilder<boolean> {
  return sql<boolean>`(calls.rep_id = ${rep} or exists (
    select 1 from call_legs l where l.parent_call_sid = calls.call_sid and l.rep_id = ${rep} and l.answered_at is not null) or exists (
    select 1 from call_parties p where p.call_sid = calls.call_sid and p.user_id = ${rep} and p.kind = 'rep' and p.joined_at is not null))`;
}

/** Whether `rep`'s phone rang for the call (whether or not they took it), a transfer or consult included. */
function rungFor(rep: string): RawBuilder<boolean> {
  return sql<boolean>`(${rep}::text = any(calls.rang) or exists (
    select 1 from call_legs l where l.parent_call_sid = calls.call_sid and l.rep_id = ${rep}) or exists (
    select 1 from call_parties p where p.call_sid = calls.call_sid and p.user_id = ${rep} and p.kind = 'rep'))`;
}

/** Every column but the rep's own words, which `selectCalls` reads only for those who may see them. */
const CALL_COLUMNS = [
  'call_sid',
  'direction',
  'from_number',
  'to_number',
  'number_called',
  'number_label',
  'ivr_path',
  'rep_id',
  'rang',
  'status',
  'status_rank',
  'reason',
  'started_at',
  'answered_at',
  'ended_at',
  'duration_seconds',
  'sequence_number',
  'crm_record',
  'updated_at',
] as const satisfies readonly Exclude<keyof CallsTable, 'note' | 'disposition'>[];

/**
 * The call log with what `visibleTo` may see decided in the query itself: a rep who was only rung
 * gets no note or disposition from the database at all.
 */
function selectCalls(db: Kysely<Database>, filters: Pick<CallFilters, 'visibleTo' | 'viewer'>) {
  const viewer = filters.visibleTo ?? filters.viewer;
  const sees = filters.visibleTo ? partyTo(filters.visibleTo) : sql<boolean>`true`;
  return db
    .selectFrom('calls')
    .select(CALL_COLUMNS)
    .select([
      sql<string | null>`case when ${sees} then calls.note end`.as('note'),
      sql<string | null>`case when ${sees} then calls.disposition end`.as('disposition'),
      sql<Involvement | null>`${viewer ? sql`case when ${partyTo(viewer)} then 'party' when ${rungFor(viewer)} then 'rung' end` : sql`null`}`.as(
        'involvement',
      ),
    ])
    .$if(filters.visibleTo !== undefined, (qb) => qb.where(sql<boolean>`(${partyTo(filters.visibleTo!)} or ${rungFor(filters.visibleTo!)})`));
}

export async function listCalls(
  db: Kysely<Database>,
  filters: CallFilters,
  page: { cursor: Cursor | null; limit: number },
): Promise<{ calls: CallLogEntry[]; nextCursor: string | null }> {
  let query = selectCalls(db, filters);
  if (filters.rep) {
    const rep = filters.rep;
    query = query.where(sql<boolean>`(${partyTo(rep)} or ${rungFor(rep)})`);
  }
  if (filters.direction) query = query.where('direction', '=', filters.direction);
  if (filters.status) query = query.where('status', '=', filters.status);
  if (filters.number) {
    const number = filters.number;
    query = query.where((eb) => eb.or([eb('from_number', '=', number), eb('to_number', '=', number), eb('number_called', '=', number)]));
  }
  if (filters.from) query = query.where('started_at', '>=', filters.from);
  if (filters.to) query = query.where('started_at', '<', filters.to);
  if (page.cursor) {
    const { startedAt, callSid } = page.cursor;
    query = query.where((eb) =>
      eb.or([eb('started_at', '<', new Date(startedAt)), eb.and([eb('started_at', '=', new Date(startedAt)), eb('call_sid', '<', callSid)])]),
    );
  }
  const rows = await query.orderBy('started_at', 'desc').orderBy('call_sid', 'desc').limit(page.limit + 1).execute();
  const pageRows = rows.slice(0, page.limit);
  const calls = await withDetails(db, pageRows, filters.visibleTo);
  const last = pageRows.at(-1);
  const nextCursor = rows.length > page.limit && last ? encodeCursor({ startedAt: iso(last.started_at)!, callSid: last.call_sid }) : null;
  return { calls, nextCursor };
}

/** One call, as `filters` may see it (null: no such call, or not one of `visibleTo`'s). */
export async function getCall(db: Kysely<Database>, callSid: string, filters: Pick<CallFilters, 'visibleTo' | 'viewer'> = {}): Promise<CallLogEntry | null> {
  const row = await selectCalls(db, filters).where('call_sid', '=', callSid).executeTakeFirst();
  if (!row) return null;
  const [entry] = await withDetails(db, [row], filters.visibleTo);
  return entry ?? null;
}

/**
 * The CRM record kept on a call still under way (ringing or talked on), and how a late caller lookup
 * ended without one, for a viewer who may see it: with `visibleTo`, only a call that rang them or that
 * they are on. Null: no such call for them, or it is over.
 */
export async function getLiveCallRecord(
  db: Kysely<Database>,
  callSid: string,
  filters: Pick<CallFilters, 'visibleTo'> = {},
): Promise<{ crmRecord: Record<string, string> | null; crmLookup: CrmLookupVerdict | null } | null> {
  const rep = filters.visibleTo;
  const row = await db
    .selectFrom('calls')
    .select(['crm_record', 'crm_lookup'])
    .where('call_sid', '=', callSid)
    .where('status', '=', 'in-progress')
    .$if(rep !== undefined, (qb) => qb.where(sql<boolean>`(${partyTo(rep!)} or ${rungFor(rep!)})`))
    .executeTakeFirst();
  return row ? { crmRecord: row.crm_record, crmLookup: row.crm_lookup } : null;
}

type CallRow = Pick<Selectable<CallsTable>, (typeof CALL_COLUMNS)[number] | 'note' | 'disposition'> & { involvement: Involvement | null };

/** Legs and recordings; for a call `visibleTo` was only rung for, their own legs and no recording. */
async function withDetails(db: Kysely<Database>, rows: CallRow[], visibleTo: string | undefined): Promise<CallLogEntry[]> {
  if (rows.length === 0) return [];
  const sids = rows.map((row) => row.call_sid);
  const full = rows.filter((row) => !visibleTo || row.involvement === 'party').map((row) => row.call_sid);
  const [legs, recordings] = await Promise.all([
    db
      .selectFrom('call_legs')
      .selectAll()
      .where('parent_call_sid', 'in', sids)
      .$if(visibleTo !== undefined, (qb) =>
        qb.where((eb) => eb.or([eb('rep_id', '=', visibleTo!), ...(full.length > 0 ? [eb('parent_call_sid', 'in', full)] : [])])),
      )
      .orderBy('started_at')
      .execute(),
    full.length === 0
      ? []
      : db
          .selectFrom('call_recordings')
          .selectAll()
          .where('call_sid', 'in', full)
          // Not the call's: the ring <Dial>'s recording of a call recorded in its room (store/recordings.ts).
          .where('status', '<>', SUPERSEDED)
          .orderBy('created_at')
          .execute(),
  ]);
  return rows.map((row) => ({
    callSid: row.call_sid,
    direction: row.direction,
    from: row.direction === 'inbound' ? callerNumber(row.from_number) : null,
    fromAnonymous: row.direction === 'inbound' && callerNumber(row.from_number) === null,
    to: row.to_number,
    numberCalled: row.number_called,
    numberLabel: row.number_label,
    ivrPath: row.ivr_path,
    status: row.status,
    reason: row.reason,
    rep: row.rep_id,
    rang: row.rang,
    startedAt: iso(row.started_at)!,
    answeredAt: iso(row.answered_at),
    endedAt: iso(row.ended_at),
    durationSeconds: row.duration_seconds,
    legs: legs
      .filter((leg) => leg.parent_call_sid === row.call_sid)
      .map((leg) => ({
        callSid: leg.call_sid,
        rep: leg.rep_id,
        to: leg.to_number,
        status: leg.status,
        answeredAt: iso(leg.answered_at),
        durationSeconds: leg.duration_seconds,
      })),
    recordings: recordings
      .filter((recording) => recording.call_sid === row.call_sid)
      .map((recording) => ({
        recordingSid: recording.recording_sid,
        url: recording.url,
        status: recording.status,
        durationSeconds: recording.duration_seconds,
        source: recording.source,
      })),
    crmRecord: row.crm_record,
    note: row.note,
    disposition: row.disposition,
    involvement: row.involvement,
  }));
}
