import { sql, type Kysely, type Selectable } from 'kysely';
import { callerNumber } from '../voice/caller-id.ts';
import type { CallDirection, CallsTable, CallStatus, Database } from './schema.ts';

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
}

export interface CallFilters {
  /** Limit to calls this rep took, placed or was rung for. */
  visibleTo?: string;
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

export function decodeCursor(value: string): Cursor | null {
  const [startedAt, callSid] = Buffer.from(value, 'base64url').toString().split('|');
  if (!startedAt || !callSid || Number.isNaN(Date.parse(startedAt))) return null;
  return { startedAt, callSid };
}

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

export async function listCalls(
  db: Kysely<Database>,
  filters: CallFilters,
  page: { cursor: Cursor | null; limit: number },
): Promise<{ calls: CallLogEntry[]; nextCursor: string | null }> {
  let query = db.selectFrom('calls').selectAll();
  const involving = (rep: string) =>
    query.where((eb) => eb.or([eb('rep_id', '=', rep), eb(sql<boolean>`${rep}::text = any(rang)`, '=', true)]));
  if (filters.visibleTo) query = involving(filters.visibleTo);
  if (filters.rep) query = involving(filters.rep);
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
  const calls = await withDetails(db, pageRows);
  const last = pageRows.at(-1);
  const nextCursor = rows.length > page.limit && last ? encodeCursor({ startedAt: iso(last.started_at)!, callSid: last.call_sid }) : null;
  return { calls, nextCursor };
}

export async function getCall(db: Kysely<Database>, callSid: string): Promise<CallLogEntry | null> {
  const row = await db.selectFrom('calls').selectAll().where('call_sid', '=', callSid).executeTakeFirst();
  if (!row) return null;
  const [entry] = await withDetails(db, [row]);
  return entry ?? null;
}

type CallRow = Selectable<CallsTable>;

async function withDetails(db: Kysely<Database>, rows: CallRow[]): Promise<CallLogEntry[]> {
  if (rows.length === 0) return [];
  const sids = rows.map((row) => row.call_sid);
  const [legs, recordings] = await Promise.all([
    db.selectFrom('call_legs').selectAll().where('parent_call_sid', 'in', sids).orderBy('started_at').execute(),
    db.selectFrom('call_recordings').selectAll().where('call_sid', 'in', sids).orderBy('created_at').execute(),
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
  }));
}
