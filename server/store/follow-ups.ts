import { sql, type Kysely, type Transaction } from 'kysely';
import type { IncomingNumber, MenuItem } from '../phone-config/schema.ts';
import { callerNumber } from '../voice/caller-id.ts';
import { enqueueCallDelivery, rearmRecordingDeliveries } from './crm-outbox.ts';
import { DROPPED_BY_TRANSFER } from './dropped-by-transfer.ts';
import type { Database, FollowUpKind } from './schema.ts';

/**
 * "No missed caller forgotten": each missed call, voicemail and callback request of an inbound call
 * becomes a follow-up, one open follow-up per caller number (a second missed call of the same caller
 * joins it). Each call is linked once, whichever webhook gets there first, and the follow-up's CRM
 * task is queued in the same transaction as the follow-up itself: exactly once.
 */

type Db = Kysely<Database> | Transaction<Database>;

const KIND_RANK: Record<FollowUpKind, number> = { missed: 0, voicemail: 1, callback: 2 };
/**
 * Calls that leave nobody to call back: refused before they reached us. A call forwarded outside
 * hours (reason `closed-forwarded`) needs none once answered there, which makes it `completed`; one
 * the night number did not answer stays missed (or becomes a voicemail) and is followed up as any.
 */
const NOT_FOLLOWED_UP = new Set(['not-in-service']);

export type FollowUpOutcome = { id: string; created: boolean } | null;

function kindOf(status: string, reason: string | null): FollowUpKind | null {
  if (status === 'voicemail') return 'voicemail';
  if (status === 'completed' && reason === DROPPED_BY_TRANSFER) return 'missed';
  if (status !== 'missed' && status !== 'busy') return null;
  return reason === 'callback-requested' ? 'callback' : 'missed';
}

function routeUsers(number: Pick<IncomingNumber, 'route'> | null): string[] {
  if (!number) return [];
  if (number.route.type === 'ring') return number.route.users;
  const walk = (items: MenuItem[]): string[] => items.flatMap((item) => (item.action.type === 'ring' ? item.action.users : walk(item.action.menu)));
  return [...new Set(walk(number.route.menu))];
}

/**
 * Makes (or joins) the follow-up of an inbound call that ended without a rep: call it when the call
 * settles as missed, voicemail or callback request, or ends after a transfer dropped its caller
 * (dropped-by-transfer.ts). Calls that need none return null.
 */
export async function recordFollowUp(db: Db, callSid: string, options: { now: Date; dueHours: number }): Promise<FollowUpOutcome> {
  const call = await db
    .selectFrom('calls')
    .leftJoin('incoming_numbers', 'incoming_numbers.number', 'calls.number_called')
    .select(['calls.direction', 'calls.from_number', 'calls.number_called', 'calls.status', 'calls.reason', 'calls.rang', 'calls.started_at', 'incoming_numbers.definition'])
    .where('calls.call_sid', '=', callSid)
    .executeTakeFirst();
  if (!call || call.direction !== 'inbound' || (call.reason && NOT_FOLLOWED_UP.has(call.reason))) return null;
  const kind = kindOf(call.status, call.reason);
  const caller = callerNumber(call.from_number);
  if (!kind || !caller) return null;

  const linked = await db.selectFrom('follow_up_calls').select('follow_up_id').where('call_sid', '=', callSid).executeTakeFirst();
  if (linked) {
    // A voicemail after the missed call was recorded, a callback request after a missed ring: the stronger kind stays.
    await db.updateTable('follow_up_calls').set({ kind }).where('call_sid', '=', callSid).where(rankBelow('kind', kind)).execute();
    await db.updateTable('follow_ups').set({ kind }).where('id', '=', linked.follow_up_id).where(rankBelow('kind', kind)).execute();
    return { id: String(linked.follow_up_id), created: false };
  }

  const number = (call.definition as unknown as IncomingNumber | null) ?? null;
  const owner = number?.owner ?? call.rang[0] ?? null;
  const responsible = number?.owner ? [number.owner] : [...new Set([...routeUsers(number), ...call.rang])];
  const due = new Date(options.now.getTime() + options.dueHours * 3600_000);
  const row = await sql<{ id: string; first_call_sid: string }>`
    insert into follow_ups (caller_number, number_called, kind, first_call_sid, last_call_sid, last_call_at, owner_id, responsible, notify, due_at, created_at)
    values (${caller}, ${call.number_called}, ${kind}, ${callSid}, ${callSid}, ${call.started_at}, ${owner}, ${responsible}::text[], ${number?.notifyVoicemail === true}, ${due}, ${options.now})
    on conflict (caller_number) where done_at is null do update set
      last_call_sid = excluded.last_call_sid,
      last_call_at = greatest(follow_ups.last_call_at, excluded.last_call_at),
      kind = case when ${rankSql('excluded.kind')} > ${rankSql('follow_ups.kind')} then excluded.kind else follow_ups.kind end,
      responsible = array(select distinct unnest(follow_ups.responsible || excluded.responsible)),
      notify = follow_ups.notify or excluded.notify
    returning id, first_call_sid`.execute(db);
  const followUp = row.rows[0]!;
  const inserted = await db
    .insertInto('follow_up_calls')
    .values({ call_sid: callSid, follow_up_id: followUp.id, kind, at: options.now })
    .onConflict((oc) => oc.column('call_sid').doNothing())
    .returning('call_sid')
    .executeTakeFirst();
  const created = followUp.first_call_sid === callSid && inserted !== undefined;
  if (created) await enqueueCallDelivery(db, { callSid, kind: 'create-task', payload: { followUpId: String(followUp.id) }, now: options.now });
  return { id: String(followUp.id), created };
}

function rankSql(column: string) {
  return sql.raw(`(case ${column} when 'callback' then 2 when 'voicemail' then 1 else 0 end)`);
}

function rankBelow(column: 'kind', kind: FollowUpKind) {
  return sql<boolean>`${rankSql(column)} < ${KIND_RANK[kind]}`;
}

export interface FollowUpView {
  id: string;
  kind: FollowUpKind;
  callerNumber: string;
  numberCalled: string | null;
  numberLabel: string | null;
  /** Calls of this caller the follow-up gathers. */
  calls: number;
  firstCallSid: string;
  lastCallSid: string;
  lastCallAt: Date;
  dueAt: Date;
  ownerId: string | null;
  crmRecord: Record<string, string> | null;
  /** The newest voicemail's recording, ready to play: complete, and still on Twilio. */
  recordingSid: string | null;
  notify: boolean;
  /** The viewer is this follow-up's owner or among its responsible reps (admins see others' too). */
  mine: boolean;
  zohoTaskId: string | null;
  doneAt: Date | null;
}

export interface Viewer {
  id: string;
  /** Admins and supervisors see every follow-up; reps those of their numbers. */
  seesAll: boolean;
}

function followUpQuery(db: Db, viewer: Viewer) {
  return db
    .selectFrom('follow_ups as f')
    .leftJoin('calls as last', 'last.call_sid', 'f.last_call_sid')
    .leftJoin('calls as first', 'first.call_sid', 'f.first_call_sid')
    .select([
      'f.id',
      'f.kind',
      'f.caller_number',
      'f.number_called',
      'f.first_call_sid',
      'f.last_call_sid',
      'f.last_call_at',
      'f.due_at',
      'f.owner_id',
      'f.notify',
      'f.zoho_task_id',
      'f.done_at',
      'last.number_label',
      sql<Record<string, string> | null>`coalesce(last.crm_record, first.crm_record)`.as('crm_record'),
      sql<string>`(select count(*) from follow_up_calls l where l.follow_up_id = f.id)`.as('calls'),
      sql<string | null>`(
        select r.recording_sid from follow_up_calls l join call_recordings r on r.call_sid = l.call_sid
        where l.follow_up_id = f.id and r.source = 'RecordVerb' and r.status = 'completed'
          and not exists (select 1 from crm_recordings c where c.recording_sid = r.recording_sid and c.deleted_from_twilio_at is not null)
        order by r.created_at desc limit 1)`.as('recording_sid'),
      sql<boolean>`(f.owner_id is not distinct from ${viewer.id} or ${viewer.id} = any(f.responsible))`.as('mine'),
    ])
    .$if(!viewer.seesAll, (qb) => qb.where(sql<boolean>`(f.owner_id = ${viewer.id} or ${viewer.id} = any(f.responsible))`));
}

type FollowUpRow = Awaited<ReturnType<ReturnType<typeof followUpQuery>['executeTakeFirstOrThrow']>>;

function toView(row: FollowUpRow): FollowUpView {
  return {
    id: String(row.id),
    kind: row.kind,
    callerNumber: row.caller_number,
    numberCalled: row.number_called,
    numberLabel: row.number_label ?? null,
    calls: Number(row.calls),
    firstCallSid: row.first_call_sid,
    lastCallSid: row.last_call_sid,
    lastCallAt: new Date(row.last_call_at),
    dueAt: new Date(row.due_at),
    ownerId: row.owner_id,
    crmRecord: row.crm_record,
    recordingSid: row.recording_sid,
    notify: row.notify,
    mine: row.mine,
    zohoTaskId: row.zoho_task_id,
    doneAt: row.done_at ? new Date(row.done_at) : null,
  };
}

/** The open follow-ups this viewer takes care of, soonest due first. */
export async function listFollowUps(db: Db, viewer: Viewer, limit = 50): Promise<FollowUpView[]> {
  const rows = await followUpQuery(db, viewer).where('f.done_at', 'is', null).orderBy('f.due_at').orderBy('f.id').limit(limit).execute();
  return rows.map(toView);
}

export async function findFollowUp(db: Db, viewer: Viewer, id: string): Promise<FollowUpView | null> {
  if (!/^\d{1,18}$/.test(id)) return null;
  const row = await followUpQuery(db, viewer).where('f.id', '=', id).executeTakeFirst();
  return row ? toView(row) : null;
}

/**
 * Ticked off: closed once, and its CRM task is queued to close in the same transaction. Its
 * voicemails, kept on Twilio while it was open, are sent again: their delivery deletes them there
 * now if the admin chose so (crm/call-delivery.ts).
 */
export async function completeFollowUp(db: Kysely<Database>, viewer: Viewer, id: string, now: Date): Promise<FollowUpView | null> {
  const followUp = await findFollowUp(db, viewer, id);
  if (!followUp) return null;
  if (followUp.doneAt) return followUp;
  await db.transaction().execute(async (trx) => {
    const done = await trx
      .updateTable('follow_ups')
      .set({ done_at: now, done_by: viewer.id })
      .where('id', '=', id)
      .where('done_at', 'is', null)
      .returning('first_call_sid')
      .executeTakeFirst();
    if (!done) return;
    await enqueueCallDelivery(trx, { callSid: done.first_call_sid, kind: 'close-task', payload: { followUpId: id }, now });
    // Those in the CRM as a file and still on Twilio; one not attached yet decides when it is.
    const voicemails = await trx
      .selectFrom('follow_up_calls as l')
      .innerJoin('call_recordings as r', 'r.call_sid', 'l.call_sid')
      .innerJoin('crm_recordings as c', 'c.recording_sid', 'r.recording_sid')
      .select('r.recording_sid')
      .where('l.follow_up_id', '=', id)
      .where('r.source', '=', 'RecordVerb')
      .where('c.stored_as', '=', 'file')
      .where('c.deleted_from_twilio_at', 'is', null)
      .execute();
    await rearmRecordingDeliveries(trx, voicemails.map((row) => row.recording_sid), now);
  });
  return findFollowUp(db, viewer, id);
}

/**
 * A voicemail whose follow-up is still open: the rep plays it from the "to call back" list before
 * calling back, so it stays on Twilio until the follow-up is ticked off.
 */
export async function isVoicemailOfOpenFollowUp(db: Db, recordingSid: string): Promise<boolean> {
  const row = await db
    .selectFrom('call_recordings as r')
    .innerJoin('follow_up_calls as l', 'l.call_sid', 'r.call_sid')
    .innerJoin('follow_ups as f', 'f.id', 'l.follow_up_id')
    .select('r.recording_sid')
    .where('r.recording_sid', '=', recordingSid)
    .where('r.source', '=', 'RecordVerb')
    .where('f.done_at', 'is', null)
    .executeTakeFirst();
  return row !== undefined;
}

export async function followUpById(db: Db, id: string): Promise<FollowUpView | null> {
  return findFollowUp(db, { id: '', seesAll: true }, id);
}

/** `org`: the CRM org the task was created in (0022), so that it is not closed in another one. */
export async function saveFollowUpTask(db: Db, id: string, taskId: string, org: string | null = null): Promise<void> {
  await db.updateTable('follow_ups').set({ zoho_task_id: taskId, zoho_task_org: org }).where('id', '=', id).execute();
}
