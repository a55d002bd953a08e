import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { CrmOutboxKind, CrmOutboxStatus, CrmOutboxTable, Database } from './schema.ts';

/**
 * The CRM outbox: one row per (call, kind of delivery), and per recording for `attach-recording`
 * (a call may have the room's recording and a voicemail). Rows are written in the same transaction as
 * the call's final status, so a call that ended is never without its delivery; the worker claims
 * them with `FOR UPDATE SKIP LOCKED` plus a lease, so several server instances on one PostgreSQL
 * never send the same entry at the same time, and a crashed instance's claims expire.
 */

type Db = Kysely<Database> | Transaction<Database>;

export type OutboxRow = Selectable<CrmOutboxTable>;

export interface OutboxEntry {
  id: string;
  callSid: string;
  kind: CrmOutboxKind;
  payload: Record<string, unknown>;
  status: CrmOutboxStatus;
  /** Attempts started, this one included once claimed. */
  attempts: number;
  revision: number;
  nextAttemptAt: Date;
  lastError: string | null;
  zohoRecordId: string | null;
  /** When it was last sent without an answer: it may have landed, so it searches before creating again. */
  unconfirmedSince: Date | null;
  /** `attach-recording`: the recording it delivers ('' for other kinds, and old entries that named none). */
  recordingSid: string;
  createdAt: Date;
  updatedAt: Date;
}

export function toOutboxEntry(row: OutboxRow): OutboxEntry {
  return {
    id: String(row.id),
    callSid: row.call_sid,
    kind: row.kind,
    payload: row.payload,
    status: row.status,
    attempts: row.attempts,
    revision: row.revision,
    nextAttemptAt: new Date(row.next_attempt_at),
    lastError: row.last_error,
    zohoRecordId: row.zoho_record_id,
    unconfirmedSince: row.unconfirmed_since ? new Date(row.unconfirmed_since) : null,
    recordingSid: row.recording_sid,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

export interface EnqueueDelivery {
  callSid: string;
  kind: CrmOutboxKind;
  /**
   * Optional snapshot (see crm/call-delivery.ts); empty = read the call log when sending. For
   * `attach-recording`, its `recordingSid` keys the entry: one per recording of the call.
   */
  payload?: Record<string, unknown>;
  now: Date;
}

function recordingKey(delivery: EnqueueDelivery): string {
  const sid = delivery.payload?.['recordingSid'];
  return delivery.kind === 'attach-recording' && typeof sid === 'string' ? sid : '';
}

/**
 * Queues a delivery. Call it inside the transaction that writes the call's final status (or the
 * rep's note), so both commit or neither does. Idempotent: a duplicate webhook adds nothing (Twilio
 * retrying a recording callback finds its recording's entry); a new `update-call` re-arms the entry
 * (and a send already under way will not mark it done).
 */
export async function enqueueCallDelivery(trx: Db, delivery: EnqueueDelivery): Promise<void> {
  const values = {
    call_sid: delivery.callSid,
    kind: delivery.kind,
    recording_sid: recordingKey(delivery),
    payload: JSON.stringify(delivery.payload ?? {}),
    next_attempt_at: delivery.now,
    last_error: null,
    zoho_record_id: null,
    claimed_by: null,
    claimed_until: null,
    created_at: delivery.now,
    updated_at: delivery.now,
  };
  await trx
    .insertInto('crm_outbox')
    .values(values)
    .onConflict((oc) => {
      const target = oc.columns(['call_sid', 'kind', 'recording_sid']);
      if (delivery.kind === 'update-call') {
        return target.doUpdateSet({
          payload: sql`excluded.payload`,
          revision: sql`crm_outbox.revision + 1`,
          // A send in flight keeps its claim; it sees the new revision and leaves the entry pending.
          status: sql`case when crm_outbox.status = 'sending' then 'sending' else 'pending' end`,
          attempts: sql`case when crm_outbox.status = 'sending' then crm_outbox.attempts else 0 end`,
          next_attempt_at: sql`excluded.next_attempt_at`,
          last_error: null,
          updated_at: sql`excluded.updated_at`,
        });
      }
      // Not sent yet: keep the newest snapshot. Once sent, the CRM record exists and stays.
      return target.doUpdateSet({ payload: sql`excluded.payload`, updated_at: sql`excluded.updated_at` }).where('crm_outbox.status', '=', 'pending');
    })
    .execute();
}

/**
 * Sends these recordings' delivered entries again (voicemails kept on Twilio while their follow-up
 * was open): the delivery finds the upload recorded and only deletes the recording from Twilio, if
 * the admin chose so. A send under way finishes as pending and goes again, as an updated call does;
 * entries not sent yet, or parked, decide when they are sent.
 */
export async function rearmRecordingDeliveries(trx: Db, recordingSids: readonly string[], now: Date): Promise<void> {
  if (recordingSids.length === 0) return;
  await trx
    .updateTable('crm_outbox')
    .set({
      revision: sql`revision + 1`,
      status: sql`case when status = 'sending' then 'sending' else 'pending' end`,
      attempts: sql`case when status = 'sending' then attempts else 0 end`,
      next_attempt_at: now,
      updated_at: now,
    })
    .where('kind', '=', 'attach-recording')
    .where('recording_sid', 'in', recordingSids)
    .where('status', 'in', ['done', 'sending'])
    .execute();
}

export interface ClaimOptions {
  workerId: string;
  now: Date;
  leaseMs: number;
  limit: number;
}

/**
 * Claims up to `limit` due entries for this worker and counts the attempt. Due = pending and past
 * its time, or claimed by a worker whose lease ran out. Updates and recordings wait until the call
 * itself is in the CRM (they need its record id). Atomic on PostgreSQL thanks to SKIP LOCKED.
 * A lease that ran out means the last send has no known outcome: the entry counts as unconfirmed
 * from (about) when that claim was made.
 */
export async function claimDueEntries(db: Kysely<Database>, options: ClaimOptions): Promise<OutboxEntry[]> {
  const { workerId, now, leaseMs, limit } = options;
  const claimedUntil = new Date(now.getTime() + leaseMs);
  const lease = `${Math.round(leaseMs)} milliseconds`;
  const result = await sql<OutboxRow>`
    update crm_outbox set
      status = 'sending', attempts = attempts + 1, claimed_by = ${workerId},
      claimed_until = ${claimedUntil}, updated_at = ${now},
      unconfirmed_since = case when status = 'sending'
        then claimed_until - ${lease}::interval else unconfirmed_since end
    where id in (
      select o.id from crm_outbox o
      where ((o.status = 'pending' and o.next_attempt_at <= ${now})
          or (o.status = 'sending' and o.claimed_until < ${now}))
        and (o.kind = 'log-call' or exists (select 1 from crm_call_records r where r.call_sid = o.call_sid))
      order by o.next_attempt_at, o.id
      limit ${limit}
      for update skip locked
    )
    returning *`.execute(db);
  return result.rows.map(toOutboxEntry);
}

type Claimed = Pick<OutboxEntry, 'id' | 'revision'>;

/**
 * A call the CRM does not log (its `log-call` skipped: refused before dialling, a number not in
 * service, call-log.ts `skipReason`) takes no update either: a rep's note queued while the call was
 * still under way would otherwise wait for a record that never comes. Its pending `update-call` is
 * done with the log, in the same transaction (the notes API queues none once the call is known).
 */
export async function finishUpdatesOfUnloggedCall(trx: Db, callSid: string, now: Date): Promise<void> {
  await trx
    .updateTable('crm_outbox')
    .set({ status: 'done', last_error: null, next_attempt_at: now, updated_at: now })
    .where('call_sid', '=', callSid)
    .where('kind', '=', 'update-call')
    .where('status', '=', 'pending')
    .execute();
}

/**
 * The delivery succeeded. Only the claim holder may finish an entry; an entry re-armed while it was
 * being sent goes back to pending. `after` runs in the same transaction (the Zoho id per CallSid).
 */
export async function completeEntry(
  db: Kysely<Database>,
  entry: Claimed,
  result: { workerId: string; zohoRecordId: string | null; now: Date; after?: (trx: Transaction<Database>) => Promise<void> },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('crm_outbox')
      .set({
        status: sql`case when revision = ${entry.revision}::int then 'done' else 'pending' end`,
        attempts: sql`case when revision = ${entry.revision}::int then attempts else 0 end`,
        zoho_record_id: result.zohoRecordId,
        last_error: null,
        claimed_by: null,
        claimed_until: null,
        next_attempt_at: result.now,
        unconfirmed_since: null,
        updated_at: result.now,
      })
      .where('id', '=', entry.id)
      .where('claimed_by', '=', result.workerId)
      .returning('id')
      .executeTakeFirst();
    if (!row) return false;
    await result.after?.(trx);
    return true;
  });
}

/**
 * Try again at `nextAttemptAt`. `countAttempt: false` gives the attempt back (429, CRM disconnected).
 * `unconfirmed`: the send may have reached the CRM (a timeout after sending). The search window
 * runs from the latest such send: that is the one Zoho's search may not show yet.
 */
export async function rescheduleEntry(
  db: Db,
  entry: Claimed,
  options: { workerId: string; nextAttemptAt: Date; error: string; countAttempt: boolean; now: Date; unconfirmed?: boolean },
): Promise<void> {
  await db
    .updateTable('crm_outbox')
    .set({
      status: 'pending',
      attempts: options.countAttempt ? sql`attempts` : sql`greatest(attempts - 1, 0)`,
      next_attempt_at: options.nextAttemptAt,
      last_error: options.error,
      claimed_by: null,
      claimed_until: null,
      updated_at: options.now,
      ...(options.unconfirmed ? { unconfirmed_since: options.now } : {}),
    })
    .where('id', '=', entry.id)
    .where('claimed_by', '=', options.workerId)
    .execute();
}

/**
 * Shutdown: gives this worker's claims back at once (due now, the attempt not counted) instead of
 * leaving them locked for the rest of their lease. A send still in flight may land after this, so
 * each is marked unconfirmed: whoever takes it next searches before creating anything.
 */
export async function releaseClaims(db: Db, options: { workerId: string; now: Date }): Promise<string[]> {
  const rows = await db
    .updateTable('crm_outbox')
    .set({
      status: 'pending',
      attempts: sql`greatest(attempts - 1, 0)`,
      next_attempt_at: options.now,
      claimed_by: null,
      claimed_until: null,
      unconfirmed_since: options.now,
      updated_at: options.now,
    })
    .where('claimed_by', '=', options.workerId)
    .where('status', '=', 'sending')
    .returning('id')
    .execute();
  return rows.map((row) => String(row.id));
}

/** Retrying cannot help (or it failed too often): the admin sees it with the reason and may retry. */
export async function parkEntry(db: Db, entry: Claimed, options: { workerId: string; error: string; now: Date }): Promise<void> {
  await db
    .updateTable('crm_outbox')
    .set({ status: 'parked', last_error: options.error, claimed_by: null, claimed_until: null, updated_at: options.now })
    .where('id', '=', entry.id)
    .where('claimed_by', '=', options.workerId)
    .execute();
}

export async function listOutbox(db: Db, filter: { status?: CrmOutboxStatus; limit?: number } = {}): Promise<OutboxEntry[]> {
  const rows = await db
    .selectFrom('crm_outbox')
    .selectAll()
    .$if(filter.status !== undefined, (qb) => qb.where('status', '=', filter.status!))
    .orderBy('updated_at', 'desc')
    .orderBy('id', 'desc')
    .limit(filter.limit ?? 200)
    .execute();
  return rows.map(toOutboxEntry);
}

export async function outboxCounts(db: Db): Promise<Record<CrmOutboxStatus, number>> {
  const rows = await db
    .selectFrom('crm_outbox')
    .select(['status', (eb) => eb.fn.countAll<string>().as('count')])
    .groupBy('status')
    .execute();
  const counts: Record<CrmOutboxStatus, number> = { pending: 0, sending: 0, done: 0, parked: 0 };
  for (const row of rows) counts[row.status] = Number(row.count);
  return counts;
}

/** Re-queues parked entries (one, or all when `id` is omitted) with a fresh attempt count. */
export async function retryParked(db: Db, options: { id?: string; now: Date }): Promise<OutboxEntry[]> {
  const rows = await db
    .updateTable('crm_outbox')
    .set({ status: 'pending', attempts: 0, next_attempt_at: options.now, updated_at: options.now })
    .where('status', '=', 'parked')
    .$if(options.id !== undefined, (qb) => qb.where('id', '=', options.id!))
    .returningAll()
    .execute();
  return rows.map(toOutboxEntry);
}

export async function findOutboxEntry(db: Db, id: string): Promise<OutboxEntry | null> {
  const row = await db.selectFrom('crm_outbox').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toOutboxEntry(row) : null;
}

// ── The Zoho record per CallSid ──────────────────────────────────────────────────────────────────

export interface CrmCallRecord {
  callSid: string;
  zohoCallId: string;
  /** The CRM org the call was logged in (0022); null: logged before that was kept. */
  org: string | null;
}

export async function findCrmCallRecord(db: Db, callSid: string): Promise<CrmCallRecord | null> {
  const row = await db.selectFrom('crm_call_records').selectAll().where('call_sid', '=', callSid).executeTakeFirst();
  return row ? { callSid: row.call_sid, zohoCallId: row.zoho_call_id, org: row.org ?? null } : null;
}

export async function saveCrmCallRecord(db: Db, record: { callSid: string; zohoCallId: string; org?: string | null; now: Date }): Promise<void> {
  const org = record.org ?? null;
  await db
    .insertInto('crm_call_records')
    .values({ call_sid: record.callSid, zoho_call_id: record.zohoCallId, org, created_at: record.now, updated_at: record.now })
    .onConflict((oc) => oc.column('call_sid').doUpdateSet({ zoho_call_id: record.zohoCallId, org, updated_at: record.now }))
    .execute();
}
