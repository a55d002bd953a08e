import { sql, type Insertable, type Kysely } from 'kysely';
import type { CallStatus, CallsTable, CrmLookupVerdict, Database } from './schema.ts';
import { sqlStateOf } from './sql-state.ts';
import { createWriteBatcher } from './write-batcher.ts';

/**
 * The call log. Twilio retries webhooks and delivers callbacks out of order, so every write is a
 * single upsert or conditional update that the database itself keeps idempotent and monotonic:
 * statuses only climb their rank, legs only take a higher `SequenceNumber`, recordings only move from
 * in-progress to final. Never check-then-insert.
 */

type Db = Kysely<Database>;

/** Higher wins: a late "missed" never overwrites "completed". */
export const STATUS_RANK: Record<CallStatus, number> = {
  'in-progress': 0,
  missed: 1,
  canceled: 2,
  failed: 3,
  busy: 4,
  voicemail: 5,
  completed: 6,
};

const RECORDING_RANK: Record<string, number> = { 'in-progress': 0, completed: 1, absent: 1, failed: 1, deleted: 2 };

export interface InboundCall {
  callSid: string;
  from: string;
  to: string;
  label: string | null;
  now: Date;
  /** Answered with the IVR's top menu: the row starts "in the menu" (see ivr-steps.ts), in the same write. */
  inMenu?: boolean;
}

/**
 * Only what a new call knows; the other columns take their defaults (`ivr_path` too: a JSON column,
 * which in the batch's JSON would have to be the array itself, not its text).
 */
function inboundCallRow(call: InboundCall) {
  return {
    call_sid: call.callSid,
    direction: 'inbound' as const,
    from_number: call.from,
    to_number: call.to,
    number_called: call.to,
    number_label: call.label,
    started_at: call.now,
    ivr_keys: call.inMenu ? '' : null,
    ivr_state: call.inMenu ? ('menu' as const) : null,
  } satisfies Partial<Insertable<CallsTable>>;
}

/**
 * The batch goes in as one JSON parameter that the table's own row type unpacks (columns the JSON
 * lacks take their defaults, since only the row's columns are inserted). A `VALUES` list binds ten
 * parameters per call, and on the embedded database that binding was ~15% of the write: 60 against
 * 51 µs of CPU a call in batches of 30, on a call log of 100,000 calls (bench/voice.ts times the write).
 * A Twilio retry may put the same CallSid twice into one batch: DO NOTHING keeps the first.
 */
async function insertInboundCalls(db: Db, rows: ReturnType<typeof inboundCallRow>[]): Promise<void> {
  const columns = sql.join(Object.keys(rows[0]!).map((column) => sql.ref(column)));
  await sql`
    insert into calls (${columns})
    select ${columns} from json_populate_recordset(null::calls, ${JSON.stringify(rows)}::json)
    on conflict (call_sid) do nothing
  `.execute(db);
}

/**
 * PostgreSQL refused the data of a row (SQLSTATE class 22, data exception: text it cannot store, such
 * as a NUL; class 23, integrity constraint violation): one call of a batch can cause it, so the others
 * are written without it.
 */
function refusesARow(error: unknown): boolean {
  const sqlState = sqlStateOf(error);
  return sqlState !== null && (sqlState.startsWith('22') || sqlState.startsWith('23'));
}

const inboundBatchers = new WeakMap<object, (row: ReturnType<typeof inboundCallRow>) => Promise<void>>();

/**
 * The first webhook of every incoming call writes its row. Calls arriving together share one
 * INSERT (group commit, see write-batcher.ts); each webhook still answers only after its row is stored,
 * and a row the database refuses fails its own webhook only.
 */
export async function startInboundCall(db: Db, call: InboundCall): Promise<void> {
  const row = inboundCallRow(call);
  if (db.isTransaction) return insertInboundCalls(db, [row]);
  let batcher = inboundBatchers.get(db);
  if (!batcher) {
    batcher = createWriteBatcher((rows) => insertInboundCalls(db, rows), { oneItemsFault: refusesARow });
    inboundBatchers.set(db, batcher);
  }
  await batcher(row);
}

export async function startOutboundCall(
  db: Db,
  call: {
    callSid: string;
    repId: string;
    to: string;
    callerId: string | null;
    crmRecord: Record<string, string> | null;
    /** The CRM org the record's ids are in (0022), null when not known. */
    crmOrg?: string | null;
    now: Date;
  },
): Promise<void> {
  await db
    .insertInto('calls')
    .values({
      call_sid: call.callSid,
      direction: 'outbound',
      from_number: `client:${call.repId}`,
      to_number: call.to,
      number_called: call.callerId,
      number_label: null,
      ivr_path: '[]',
      rep_id: call.repId,
      answered_by: call.repId,
      reason: null,
      started_at: call.now,
      answered_at: null,
      ended_at: null,
      duration_seconds: null,
      crm_record: call.crmRecord ? JSON.stringify(call.crmRecord) : null,
      crm_org: call.crmRecord ? (call.crmOrg ?? null) : null,
      note: null,
      disposition: null,
    })
    .onConflict((oc) => oc.column('call_sid').doNothing())
    .execute();
}

export async function setIvrPath(db: Db, callSid: string, labels: string[]): Promise<void> {
  await db.updateTable('calls').set({ ivr_path: JSON.stringify(labels) }).where('call_sid', '=', callSid).execute();
}

/** Appends reps to "who rang", each once, in order. */
export async function addRang(db: Db, callSid: string, repIds: readonly string[]): Promise<void> {
  for (const repId of repIds) {
    await db
      .updateTable('calls')
      .set({ rang: sql<string[]>`array_append(rang, ${repId}::text)` })
      .where('call_sid', '=', callSid)
      .where(sql<boolean>`not (${repId}::text = any(rang))`)
      .execute();
  }
}

/** Raises the call's status; a status of lower or equal rank is ignored. */
export async function settleCall(
  db: Db,
  callSid: string,
  status: CallStatus,
  options: { reason?: string | null; now?: Date } = {},
): Promise<void> {
  const rank = STATUS_RANK[status];
  await db
    .updateTable('calls')
    .set({
      status,
      status_rank: rank,
      ...(options.reason !== undefined ? { reason: options.reason } : {}),
      ...(options.now ? { updated_at: options.now } : {}),
    })
    .where('call_sid', '=', callSid)
    .where('status_rank', '<', rank)
    .execute();
}

/**
 * The first rep to answer becomes the rep on the call, and stays its answerer (`answered_by`) when a
 * transfer hands the call on. Returns true only for the write that set it, so "move the answerer to
 * the back of the ring order" happens once per call, whichever instance and whichever callback gets
 * there first.
 */
export async function claimAnswer(db: Db, callSid: string, repId: string, now: Date): Promise<boolean> {
  const row = await db
    .updateTable('calls')
    .set({ rep_id: repId, answered_by: repId, answered_at: now })
    .where('call_sid', '=', callSid)
    .where('direction', '=', 'inbound')
    .where('answered_at', 'is', null)
    .returning('call_sid')
    .executeTakeFirst();
  return row !== undefined;
}

export async function markOutboundAnswered(db: Db, callSid: string, now: Date): Promise<void> {
  await db.updateTable('calls').set({ answered_at: now }).where('call_sid', '=', callSid).where('answered_at', 'is', null).execute();
}

export interface LegStatus {
  callSid: string;
  parentCallSid: string;
  repId: string | null;
  to: string;
  status: string;
  sequenceNumber: number;
  at: Date;
  durationSeconds: number | null;
}

/**
 * One status callback of a child leg: newer sequence numbers win; timestamps are kept once known.
 * Returns the leg's status after the write: a late `in-progress` for a leg that already ended says so.
 */
export async function recordLegStatus(db: Db, leg: LegStatus): Promise<string> {
  const answeredAt = leg.status === 'in-progress' ? leg.at : null;
  const endedAt = ['completed', 'busy', 'no-answer', 'failed', 'canceled'].includes(leg.status) ? leg.at : null;
  const row = await db
    .insertInto('call_legs')
    .values({
      call_sid: leg.callSid,
      parent_call_sid: leg.parentCallSid,
      rep_id: leg.repId,
      to_number: leg.to,
      status: leg.status,
      sequence_number: leg.sequenceNumber,
      started_at: leg.at,
      answered_at: answeredAt,
      ended_at: endedAt,
      duration_seconds: leg.durationSeconds,
    })
    .onConflict((oc) =>
      oc.column('call_sid').doUpdateSet({
        status: sql<string>`case when excluded.sequence_number > call_legs.sequence_number then excluded.status else call_legs.status end`,
        sequence_number: sql<number>`greatest(call_legs.sequence_number, excluded.sequence_number)`,
        started_at: sql<Date>`least(call_legs.started_at, excluded.started_at)`,
        answered_at: sql<Date | null>`coalesce(call_legs.answered_at, excluded.answered_at)`,
        ended_at: sql<Date | null>`coalesce(call_legs.ended_at, excluded.ended_at)`,
        duration_seconds: sql<number | null>`coalesce(excluded.duration_seconds, call_legs.duration_seconds)`,
      }),
    )
    .returning('status')
    .executeTakeFirstOrThrow();
  return row.status;
}

/** Twilio's final `CallStatus` of the parent call, as the call log's outcome when nothing better is known. */
const PARENT_OUTCOME: Record<string, CallStatus> = {
  completed: 'missed',
  'no-answer': 'missed',
  busy: 'busy',
  failed: 'failed',
  canceled: 'canceled',
};

/**
 * A final status callback of the parent call (number-level or TwiML App `StatusCallback`). Returns
 * false when it wrote nothing because the call log has no such call: an outgoing call refused before
 * it began (not from a rep's browser, a deactivated rep) has no row, yet its TwiML App reports it.
 *
 * `duration_seconds` is how long the customer was on the line. Of an incoming call that is the parent
 * call itself (the caller's: menu, waiting and talk). Of an outgoing call the parent is the rep's
 * browser leg, which also counts the ringing (and ends whenever the rep leaves), so it is not used:
 * the customer's leg gives it (see `setDurationIfUnknown` and `endCall`), whichever side hangs up first.
 */
export async function recordParentStatus(
  db: Db,
  update: { callSid: string; status: string; sequenceNumber: number; at: Date; durationSeconds: number | null },
): Promise<boolean> {
  const outcome = PARENT_OUTCOME[update.status];
  if (!outcome) return false;
  const rank = STATUS_RANK[outcome];
  // A call someone answered is completed, whatever Twilio says about the parent leg.
  const status = sql<CallStatus>`case when calls.answered_at is not null then 'completed' else ${outcome} end`;
  const newRank = sql<number>`case when calls.answered_at is not null then ${STATUS_RANK.completed}::int else ${rank}::int end`;
  const result = await db
    .updateTable('calls')
    .set({
      ended_at: sql<Date>`coalesce(calls.ended_at, ${update.at})`,
      duration_seconds: sql<number | null>`case when calls.direction = 'outbound' then calls.duration_seconds
        else coalesce(${update.durationSeconds}::int, calls.duration_seconds) end`,
      sequence_number: sql<number>`greatest(calls.sequence_number, ${update.sequenceNumber}::int)`,
      status: sql<CallStatus>`case when calls.status_rank < ${newRank} then ${status} else calls.status end`,
      status_rank: sql<number>`greatest(calls.status_rank, ${newRank})`,
    })
    .where('call_sid', '=', update.callSid)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export interface RecordingUpdate {
  recordingSid: string;
  callSid: string;
  url: string;
  status: string;
  durationSeconds: number | null;
  channels: number | null;
  source: string | null;
  at: Date;
}

/** Recording callbacks (and the voicemail action) upsert by RecordingSid; a final status is never undone. */
export async function recordRecording(db: Db, recording: RecordingUpdate): Promise<void> {
  const rank = RECORDING_RANK[recording.status] ?? 1;
  await db
    .insertInto('call_recordings')
    .values({
      recording_sid: recording.recordingSid,
      call_sid: recording.callSid,
      url: recording.url,
      status: recording.status,
      status_rank: rank,
      duration_seconds: recording.durationSeconds,
      channels: recording.channels,
      source: recording.source,
      created_at: recording.at,
    })
    .onConflict((oc) =>
      oc
        .column('recording_sid')
        .doUpdateSet({
          status: sql<string>`excluded.status`,
          status_rank: sql<number>`excluded.status_rank`,
          url: sql<string>`excluded.url`,
          duration_seconds: sql<number | null>`coalesce(excluded.duration_seconds, call_recordings.duration_seconds)`,
          channels: sql<number | null>`coalesce(excluded.channels, call_recordings.channels)`,
          source: sql<string | null>`coalesce(excluded.source, call_recordings.source)`,
        })
        .where('call_recordings.status_rank', '<', rank),
    )
    .execute();
}

export async function updateCallNotes(
  db: Db,
  callSid: string,
  changes: { note?: string | null; disposition?: string | null },
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('calls')
    .set({ ...changes, updated_at: now })
    .where('call_sid', '=', callSid)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * Puts a CRM record on the call (the caller lookup's match, possibly after the call rang) unless it
 * already has one: the record the rep was on for an outgoing call, or an earlier match, wins. `org`:
 * the CRM org its ids are in (0022), null when not known.
 */
export async function setCallCrmRecord(db: Db, callSid: string, record: Record<string, string>, org: string | null = null): Promise<boolean> {
  const result = await db
    .updateTable('calls')
    .set({ crm_record: JSON.stringify(record), crm_org: org })
    .where('call_sid', '=', callSid)
    .where('crm_record', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** What each verdict may replace: the order is pending < unavailable < none. */
const REPLACES: Record<CrmLookupVerdict, CrmLookupVerdict[]> = { pending: [], unavailable: ['pending'], none: ['pending', 'unavailable'] };

/**
 * Keeps how a caller lookup stands while the call has no record: still going after the ring's budget
 * (`pending`), then how it ended. Only ever raised: "nobody has this number" is an answer, and a
 * lookup of the same call that fails afterwards (the next step of a sequential ring) does not make it
 * unknown again, nor does one still going make an ended one pending. A record on the call
 * (`setCallCrmRecord`) wins over any; `pending` is not written beside one.
 */
export async function setCallCrmLookup(db: Db, callSid: string, verdict: CrmLookupVerdict): Promise<void> {
  const replaces = REPLACES[verdict];
  await db
    .updateTable('calls')
    .set({ crm_lookup: verdict })
    .where('call_sid', '=', callSid)
    .where((eb) => (replaces.length > 0 ? eb.or([eb('crm_lookup', 'is', null), eb('crm_lookup', 'in', replaces)]) : eb('crm_lookup', 'is', null)))
    .$if(verdict === 'pending', (qb) => qb.where('crm_record', 'is', null))
    .execute();
}

/**
 * An outgoing call's talk time as Twilio reports it when a plain `<Dial>` ends (`DialCallDuration`:
 * how long the customer's leg was connected), the same figure the customer leg's `CallDuration` gives
 * a call that moved into its room (`endCall`). Kept once known: the rep's leg (the parent call) also
 * counts the ringing and never replaces it (`recordParentStatus`).
 */
export async function setDurationIfUnknown(db: Db, callSid: string, seconds: number): Promise<void> {
  await db.updateTable('calls').set({ duration_seconds: seconds }).where('call_sid', '=', callSid).where('duration_seconds', 'is', null).execute();
}

/** The rep whose leg this is (from its status callbacks), or null when unknown. */
export async function repOfLeg(db: Db, legCallSid: string): Promise<string | null> {
  const row = await db.selectFrom('call_legs').select('rep_id').where('call_sid', '=', legCallSid).executeTakeFirst();
  return row?.rep_id ?? null;
}

/** The rep on the call now: who answered (inbound) or who called (outbound), following transfers. */
export async function repOnCall(db: Db, callSid: string): Promise<string | null> {
  const row = await db.selectFrom('calls').select('rep_id').where('call_sid', '=', callSid).executeTakeFirst();
  return row?.rep_id ?? null;
}

/** The customer's leg of a call that moved into a room (outbound: the `<Number>` child), else null. */
export async function customerLegOf(db: Db, callSid: string): Promise<string | null> {
  const row = await db.selectFrom('calls').select('customer_leg_sid').where('call_sid', '=', callSid).executeTakeFirst();
  return row?.customer_leg_sid ?? null;
}

/** Whether the call's room still has its customer: the call goes on even though this leg ended. */
export async function continuesWithoutCaller(db: Db, callSid: string): Promise<boolean> {
  const row = await db
    .selectFrom('call_parties')
    .select('id')
    .where('call_sid', '=', callSid)
    .where('label', '=', 'customer')
    .where('state', 'in', ['ringing', 'talking', 'held'])
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * When the call ended, unless already known, and how long the customer was on the line: of an outgoing
 * call in its room, its customer leg's `CallDuration` (from their answer to their hang-up).
 */
export async function endCall(db: Db, callSid: string, end: { at: Date; durationSeconds: number | null }): Promise<void> {
  await db
    .updateTable('calls')
    .set({
      ended_at: sql<Date>`coalesce(calls.ended_at, ${end.at})`,
      duration_seconds: sql<number | null>`coalesce(${end.durationSeconds}::int, calls.duration_seconds)`,
    })
    .where('call_sid', '=', callSid)
    .execute();
}
