import type { Kysely, Selectable } from 'kysely';
import { z } from 'zod';
import {
  findCrmCallRecord,
  saveCrmCallRecord,
  saveRecordingNoteId,
  type OutboxEntry,
} from '../store/crm-outbox.ts';
import { findAttachedRecording, saveAttachedRecording, saveRecordingDeleted } from '../store/crm-recording-cleanup.ts';
import { loadCrmSettings } from '../store/crm-settings.ts';
import type { CallsTable, CallStatus, Database } from '../store/schema.ts';
import { callerNumber } from '../voice/caller-id.ts';
import type { CallLog, CrmModule } from './adapter.ts';
import { PermanentError, RetryableError } from './errors.ts';
import { deliverTaskEntry } from './task-delivery.ts';
import type { TwilioRecordings } from './twilio-recordings.ts';
import type { Locale } from './zoho/call-record.ts';
import type { ZohoAdapter } from './zoho/zoho-adapter.ts';

/**
 * One outbox entry → one CRM write. The call is read from the call log when the entry is sent (so
 * the rep's note, a late caller match and the rep's CRM user are the newest), unless the entry
 * carries a snapshot in `payload.call`.
 */

type Db = Kysely<Database>;

const CRM_MODULES = ['Contacts', 'Leads', 'Accounts', 'Deals'] as const satisfies readonly CrmModule[];

const callSnapshotSchema = z.object({
  callSid: z.string().min(1),
  direction: z.enum(['inbound', 'outbound']),
  outcome: z.enum(['answered', 'missed', 'voicemail', 'unanswered']),
  startedAt: z.coerce.date(),
  durationSeconds: z.number().int().min(0),
  from: z.string(),
  to: z.string(),
  counterpartName: z.string().nullable(),
  related: z.object({ module: z.enum(CRM_MODULES), id: z.string().min(1) }).nullable(),
  ownerCrmUserId: z.string().nullable(),
  ivrPath: z.array(z.string()),
  note: z.string().nullable(),
  disposition: z.string().nullable(),
  callResult: z.string().nullable(),
});

const callPayloadSchema = z.object({ call: callSnapshotSchema.optional() });
const recordingPayloadSchema = z.object({
  recordingSid: z.string().min(1).optional(),
  recordingUrl: z.url().optional(),
  durationSeconds: z.number().int().nullable().optional(),
});

/** The shape `payload.call` takes: a CallLog with its start time as an ISO string. */
export type CallSnapshot = Omit<CallLog, 'startedAt'> & { startedAt: string };

export function callSnapshot(call: CallLog): CallSnapshot {
  return { ...call, startedAt: call.startedAt.toISOString() };
}

const WITHHELD = { ja: '非通知', en: 'Withheld number' } as const;

type CallRow = Pick<Selectable<CallsTable>, 'call_sid' | 'direction' | 'from_number' | 'to_number' | 'number_called' | 'reason' | 'note' | 'disposition'> & {
  status: CallStatus;
  ivr_path: string[];
  started_at: Date;
  answered_at: Date | null;
  ended_at: Date | null;
  duration_seconds: number | null;
  crm_record: Record<string, string> | null;
  owner_crm_user_id: string | null;
};

/** Calls that never reached anyone worth a CRM entry: refused before dialling, or to a number not in service. */
export function skipReason(row: Pick<CallRow, 'direction' | 'status' | 'reason'>): string | null {
  if (row.status === 'in-progress') return null;
  if (row.direction === 'inbound' && row.reason === 'not-in-service') return 'not-in-service';
  if (row.direction === 'outbound' && row.status === 'failed' && row.reason && !['failed', 'busy', 'no-answer', 'canceled'].includes(row.reason)) {
    return row.reason;
  }
  return null;
}

/** Maps a call-log row to the CRM's call log. */
export function toCallLog(row: CallRow, locale: Locale): CallLog {
  const answered = row.status === 'completed';
  const outcome: CallLog['outcome'] = answered
    ? 'answered'
    : row.status === 'voicemail'
      ? 'voicemail'
      : row.direction === 'inbound'
        ? 'missed'
        : 'unanswered';
  const talkSeconds =
    row.answered_at && row.ended_at
      ? Math.max(0, Math.round((new Date(row.ended_at).getTime() - new Date(row.answered_at).getTime()) / 1000))
      : (row.duration_seconds ?? 0);
  const crm = row.crm_record;
  const module = CRM_MODULES.find((candidate) => candidate === crm?.['module']);
  const caller = row.direction === 'inbound' ? callerNumber(row.from_number) : null;
  return {
    callSid: row.call_sid,
    direction: row.direction,
    outcome,
    startedAt: new Date(row.started_at),
    durationSeconds: answered ? talkSeconds : 0,
    from: row.direction === 'inbound' ? (caller ?? row.from_number) : (row.number_called ?? ''),
    to: row.direction === 'inbound' ? (row.number_called ?? row.to_number) : row.to_number,
    counterpartName: crm?.['name'] || (row.direction === 'inbound' && caller === null ? WITHHELD[locale] : null),
    related: module && crm?.['id'] ? { module, id: crm['id'] } : null,
    ownerCrmUserId: row.owner_crm_user_id,
    ivrPath: row.ivr_path,
    note: row.note,
    disposition: row.disposition,
    callResult: row.disposition ? (CALL_RESULT_FOR_DISPOSITION[row.disposition] ?? null) : null,
  };
}

/**
 * The rep's disposition (the extension's choices) as Zoho's standard Call_Result picklist value.
 * [inferred] Orgs can edit that picklist; these are Zoho's default values (reference/zoho-crm.md §2).
 * Dispositions without a counterpart are only written into the Description.
 */
export const CALL_RESULT_FOR_DISPOSITION: Readonly<Record<string, string>> = {
  won: 'Interested',
  'call-back': 'Requested call back',
  'no-answer': 'No response/Busy',
};

async function loadCallRow(db: Db, callSid: string): Promise<CallRow | null> {
  const row = await db
    .selectFrom('calls')
    .leftJoin('users', 'users.id', 'calls.rep_id')
    .select([
      'calls.call_sid',
      'calls.direction',
      'calls.from_number',
      'calls.to_number',
      'calls.number_called',
      'calls.ivr_path',
      'calls.status',
      'calls.reason',
      'calls.note',
      'calls.disposition',
      'calls.started_at',
      'calls.answered_at',
      'calls.ended_at',
      'calls.duration_seconds',
      'calls.crm_record',
      'users.crm_user_id as owner_crm_user_id',
    ])
    .where('calls.call_sid', '=', callSid)
    .executeTakeFirst();
  return row ?? null;
}

/** The call as the CRM should see it now, or why it is not logged. */
export async function resolveCallLog(db: Db, entry: Pick<OutboxEntry, 'callSid' | 'payload'>, locale: Locale): Promise<CallLog | { skip: string }> {
  const payload = callPayloadSchema.safeParse(entry.payload);
  if (!payload.success) throw new PermanentError('invalid_payload', `Outbox payload of ${entry.callSid} is invalid: ${payload.error.message}`);
  if (payload.data.call) return payload.data.call;
  const row = await loadCallRow(db, entry.callSid);
  if (!row) throw new PermanentError('call_not_found', `The call log has no call ${entry.callSid}`);
  if (row.status === 'in-progress') throw new RetryableError('call_not_final', `Call ${entry.callSid} has not ended yet`);
  const skip = skipReason(row);
  return skip ? { skip } : toCallLog(row, locale);
}

export type DeliveryResult = { zohoRecordId: string | null; skipped?: string };

export interface DeliveryContext {
  db: Db;
  adapter: ZohoAdapter;
  locale: Locale;
  now: () => Date;
  onOwnerFallback?: (callSid: string, error: PermanentError) => void;
  /** Where recordings are deleted once attached, when the admin chose so; null without Twilio credentials. */
  twilioRecordings?: TwilioRecordings | null;
  onRecordingDeleted?: (recordingSid: string, outcome: 'deleted' | 'already-gone') => void;
}

/** Sends one claimed entry. Throws the adapter's RetryableError / AmbiguousError / PermanentError. */
export async function deliverEntry(context: DeliveryContext, entry: OutboxEntry): Promise<DeliveryResult> {
  switch (entry.kind) {
    case 'log-call':
      return logCall(context, entry);
    case 'update-call':
      return updateCall(context, entry);
    case 'attach-recording':
      return attachRecording(context, entry);
    case 'create-task':
    case 'close-task':
      return deliverTaskEntry(context, entry);
  }
}

async function logCall(context: DeliveryContext, entry: OutboxEntry): Promise<DeliveryResult> {
  const known = await findCrmCallRecord(context.db, entry.callSid);
  if (known) return { zohoRecordId: known.zohoCallId };
  const call = await resolveCallLog(context.db, entry, context.locale);
  if ('skip' in call) return { zohoRecordId: null, skipped: call.skip };
  // Any earlier attempt (or a parked one retried) may have reached Zoho: then it searches first.
  const attempts = entry.attempts - 1 + (entry.lastError ? 1 : 0);
  let zohoCallId: string;
  try {
    ({ zohoCallId } = await context.adapter.deliverCall({ call, attempts }));
  } catch (error) {
    // A rep whose Zoho user was deactivated: log the call under the connection's user rather than lose it.
    if (!(error instanceof PermanentError) || !call.ownerCrmUserId || apiName(error) !== 'Owner') throw error;
    context.onOwnerFallback?.(entry.callSid, error);
    ({ zohoCallId } = await context.adapter.deliverCall({ call: { ...call, ownerCrmUserId: null }, attempts }));
  }
  // Saved at once, so even a lost claim or a crash before completing never creates it twice.
  await saveCrmCallRecord(context.db, { callSid: entry.callSid, zohoCallId, now: context.now() });
  return { zohoRecordId: zohoCallId };
}

async function updateCall(context: DeliveryContext, entry: OutboxEntry): Promise<DeliveryResult> {
  const record = await findCrmCallRecord(context.db, entry.callSid);
  if (!record) throw new RetryableError('call_not_logged', `Call ${entry.callSid} is not in the CRM yet`);
  const call = await resolveCallLog(context.db, entry, context.locale);
  if ('skip' in call) return { zohoRecordId: null, skipped: call.skip };
  await context.adapter.updateCall(record.zohoCallId, call);
  return { zohoRecordId: record.zohoCallId };
}

/**
 * Two steps, each done once: the upload (note + attachment), recorded as soon as it succeeded, then,
 * if the admin chose so, the deletion from Twilio. A failed deletion fails the entry like any
 * delivery (backoff, then parked with its reason); its retry finds the upload recorded and only
 * deletes. Turning the setting off meanwhile lets the retry finish without deleting.
 */
async function attachRecording(context: DeliveryContext, entry: OutboxEntry): Promise<DeliveryResult> {
  const record = await findCrmCallRecord(context.db, entry.callSid);
  if (!record) throw new RetryableError('call_not_logged', `Call ${entry.callSid} is not in the CRM yet`);
  const recording = await resolveRecording(context.db, entry);
  const attached = await findAttachedRecording(context.db, entry.callSid);
  const uploaded = attached?.recordingSid === recording.recordingSid ? attached : null;
  const attachmentId = uploaded?.attachmentId ?? (await uploadRecording(context, entry, record, recording));
  if (!uploaded?.deletedFromTwilioAt) await deleteFromTwilioIfChosen(context, entry.callSid, recording.recordingSid);
  return { zohoRecordId: attachmentId };
}

async function deleteFromTwilioIfChosen(context: DeliveryContext, callSid: string, recordingSid: string): Promise<void> {
  const { deleteRecordingsAfterUpload } = await loadCrmSettings(context.db);
  if (!deleteRecordingsAfterUpload) return;
  if (!context.twilioRecordings) {
    throw new PermanentError('twilio_not_configured', `Recording ${recordingSid} is in the CRM, but no Twilio credentials are stored to delete it`);
  }
  const outcome = await context.twilioRecordings.deleteRecording(recordingSid);
  await saveRecordingDeleted(context.db, { callSid, recordingSid, now: context.now() });
  context.onRecordingDeleted?.(recordingSid, outcome);
}

async function uploadRecording(
  context: DeliveryContext,
  entry: OutboxEntry,
  record: { zohoCallId: string; noteId: string | null },
  recording: { recordingSid: string; recordingUrl: string; durationSeconds: number | null },
): Promise<string> {
  const { attachmentId } = await context.adapter.attachRecording({
    callSid: entry.callSid,
    parent: { module: 'Calls', id: record.zohoCallId },
    recordingUrl: recording.recordingUrl,
    recordingSid: recording.recordingSid,
    durationSeconds: recording.durationSeconds,
    existingNoteId: record.noteId,
    onNoteCreated: (noteId) => saveRecordingNoteId(context.db, { callSid: entry.callSid, noteId, now: context.now() }),
  });
  await saveAttachedRecording(context.db, { callSid: entry.callSid, recordingSid: recording.recordingSid, attachmentId, now: context.now() });
  return attachmentId;
}

async function resolveRecording(db: Db, entry: OutboxEntry) {
  const payload = recordingPayloadSchema.safeParse(entry.payload);
  if (!payload.success) throw new PermanentError('invalid_payload', `Outbox payload of ${entry.callSid} is invalid: ${payload.error.message}`);
  const { recordingSid, recordingUrl, durationSeconds } = payload.data;
  if (recordingSid && recordingUrl) return { recordingSid, recordingUrl, durationSeconds: durationSeconds ?? null };
  const row = await db
    .selectFrom('call_recordings')
    .select(['recording_sid', 'url', 'status', 'duration_seconds'])
    .where('call_sid', '=', entry.callSid)
    .$if(recordingSid !== undefined, (qb) => qb.where('recording_sid', '=', recordingSid!))
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  if (!row) throw new PermanentError('recording_not_found', `The call log has no recording for ${entry.callSid}`);
  if (row.status === 'in-progress') throw new RetryableError('recording_not_ready', `Recording ${row.recording_sid} is still in progress`);
  if (row.status !== 'completed') throw new PermanentError('recording_unavailable', `Recording ${row.recording_sid} is ${row.status}`);
  return { recordingSid: row.recording_sid, recordingUrl: row.url.replace(/\.(mp3|wav)$/, ''), durationSeconds: row.duration_seconds };
}

function apiName(error: PermanentError): unknown {
  return (error.details as { api_name?: unknown } | null)?.api_name;
}
