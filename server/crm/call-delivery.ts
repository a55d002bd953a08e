import type { Kysely } from 'kysely';
import { z } from 'zod';
import { leaveStillAwaited } from '../store/call-parties.ts';
import { findCrmCallRecord, saveCrmCallRecord, type OutboxEntry } from '../store/crm-outbox.ts';
import { findRecordingInCrm, saveAttachedRecording, saveRecordingDeleted, saveRecordingNote, type RecordingInCrm } from '../store/crm-recordings.ts';
import { loadCrmSettings } from '../store/crm-settings.ts';
import { isVoicemailOfOpenFollowUp } from '../store/follow-ups.ts';
import type { Database } from '../store/schema.ts';
import type { CallLog } from './adapter.ts';
import { resolveCallLog } from './call-log.ts';
import { matchCaller, recordCallerMatch } from './caller-match.ts';
import { PermanentError, RecheckLaterError, RetryableError } from './errors.ts';
import { dropMatchOfAnotherOrg, IN_ANOTHER_ORG, isOfAnotherOrg } from './org-switch.ts';
import { saveUnlinkedRecord, sendWithFallbacks, unlinkedRecordOf } from './record-fallbacks.ts';
import { deliverTaskEntry } from './task-delivery.ts';
import type { TwilioRecordings } from './twilio-recordings.ts';
import type { Locale } from './zoho/call-record.ts';
import type { ZohoAdapter } from './zoho/zoho-adapter.ts';

/**
 * One outbox entry → one CRM write: the call's log (call-log.ts says what it holds), the rep's later
 * note, the recording.
 */

type Db = Kysely<Database>;

// Older entries may also carry a `recordingUrl`: ignored, the media URL is built from the SID.
const recordingPayloadSchema = z.object({
  recordingSid: z.string().min(1).optional(),
  durationSeconds: z.number().int().nullable().optional(),
});

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

/** The worker is not racing a ringing phone: it may wait for Zoho's searches as long as a late lookup would. */
const DIALLED_LOOKUP_BUDGET_MS = 10_000;

/**
 * An outgoing call dialled with no record (from the popup, a typed number): the dialled number is
 * looked up as an incoming caller's would be, and the call is linked to the record found (and the
 * call log shows it). A lookup Zoho cannot answer now is retried with the delivery.
 */
async function withDialledRecord(context: DeliveryContext, callSid: string, call: CallLog): Promise<CallLog> {
  if (call.direction !== 'outbound' || call.related) return call;
  const result = await matchCaller({ adapter: async () => context.adapter }, call.to, { budgetMs: DIALLED_LOOKUP_BUDGET_MS });
  if (result.status === 'unavailable' || result.status === 'pending') {
    throw new RetryableError('lookup_unavailable', `Zoho could not search for the record of ${call.to} dialled on ${callSid}`);
  }
  if (result.status !== 'matched') return call;
  await recordCallerMatch(context.db, callSid, result);
  return { ...call, related: { module: result.record.module, id: result.record.id }, counterpartName: call.counterpartName ?? result.record.name };
}

/**
 * How long a call's log waits for Twilio's last reports of its room. Zoho does not let a completed
 * call's Owner change (zoho/call-record.ts), and a leave heard late can still hand the call to the
 * supervisor who barged in (voice/monitoring.ts): the first write must name the right owner.
 */
export const ROOM_SETTLE_MS = 60_000;
/** The report may come any moment: looked for again this often, not on the failures' growing back-off. */
const ROOM_RECHECK_MS = 5_000;

async function awaitRoomSettled(context: DeliveryContext, entry: OutboxEntry): Promise<void> {
  const awaited = await leaveStillAwaited(context.db, entry.callSid);
  if (!awaited) return;
  // A report Twilio never sends must not hold the log back for good.
  const since = awaited.endedAt ?? entry.createdAt;
  const waitedMs = context.now().getTime() - since.getTime();
  if (waitedMs > ROOM_SETTLE_MS) return;
  // Not a failure: no attempt is spent, so a Zoho outage afterwards still gets all its retries.
  throw new RecheckLaterError(
    'room_not_settled',
    `Twilio has not yet reported everyone leaving the room of ${entry.callSid}`,
    Math.min(ROOM_RECHECK_MS, ROOM_SETTLE_MS - waitedMs + 1),
  );
}

async function logCall(context: DeliveryContext, entry: OutboxEntry): Promise<DeliveryResult> {
  const known = await findCrmCallRecord(context.db, entry.callSid);
  if (known) return { zohoRecordId: known.zohoCallId };
  await awaitRoomSettled(context, entry);
  // A match made in the org connected before never reaches this one (org-switch.ts).
  const org = await context.adapter.orgKey();
  await dropMatchOfAnotherOrg(context.db, entry.callSid, org, context.now());
  const resolved = await resolveCallLog(context.db, entry, context.locale);
  if ('skip' in resolved) return { zohoRecordId: null, skipped: resolved.skip };
  const call = await withDialledRecord(context, entry.callSid, resolved);
  // Any earlier attempt (or a parked one retried) may have reached Zoho: then it searches first.
  const attempts = entry.attempts - 1 + (entry.lastError ? 1 : 0);
  const unconfirmed = { unconfirmedSince: entry.unconfirmedSince, now: context.now().getTime() };
  // A rep whose Zoho user was deactivated, a matched record Zoho no longer has: logged anyway (record-fallbacks.ts).
  const { result, sent } = await sendWithFallbacks(
    call,
    (sending) => context.adapter.deliverCall({ call: sending, attempts, ...unconfirmed }),
    (error) => context.onOwnerFallback?.(entry.callSid, error),
  );
  const { zohoCallId } = result;
  if (sent.unlinkedRecord) await saveUnlinkedRecord(context.db, entry.callSid, sent.unlinkedRecord);
  // Saved at once, so even a lost claim or a crash before completing never creates it twice.
  await saveCrmCallRecord(context.db, { callSid: entry.callSid, zohoCallId, org, now: context.now() });
  return { zohoRecordId: zohoCallId };
}

/** A call logged in the org connected before: its record there is out of reach (org-switch.ts). */
async function loggedInAnotherOrg(context: DeliveryContext, record: { org: string | null }): Promise<boolean> {
  return record.org !== null && isOfAnotherOrg(record.org, await context.adapter.orgKey());
}

async function updateCall(context: DeliveryContext, entry: OutboxEntry): Promise<DeliveryResult> {
  const record = await findCrmCallRecord(context.db, entry.callSid);
  if (!record) throw new RetryableError('call_not_logged', `Call ${entry.callSid} is not in the CRM yet`);
  if (await loggedInAnotherOrg(context, record)) return { zohoRecordId: null, skipped: IN_ANOTHER_ORG };
  const call = await resolveCallLog(context.db, entry, context.locale);
  if ('skip' in call) return { zohoRecordId: null, skipped: call.skip };
  const unlinkedRecord = await unlinkedRecordOf(context.db, entry.callSid);
  // One of another org has said why in the call's history already, not again at the end.
  const unlinked = unlinkedRecord?.reason === 'other-org' ? null : unlinkedRecord;
  await context.adapter.updateCall(record.zohoCallId, unlinked ? { ...call, related: null, unlinkedRecord: unlinked } : call);
  return { zohoRecordId: record.zohoCallId };
}

/**
 * Two steps, each done once per recording (a call may have the room's and a voicemail): the upload
 * (note + attachment), recorded as soon as it succeeded, then, if the admin chose so, the deletion
 * from Twilio. A failed deletion fails the entry like any delivery (backoff, then parked with its
 * reason); its retry finds the upload recorded and only deletes. Turning the setting off meanwhile
 * lets the retry finish without deleting. A recording Zoho holds only as a link to Twilio is never
 * deleted there: the link would lead nowhere. A voicemail stays on Twilio while its follow-up is
 * open (the rep plays it from the "to call back" list); ticking it off sends this entry again.
 */
async function attachRecording(context: DeliveryContext, entry: OutboxEntry): Promise<DeliveryResult> {
  const record = await findCrmCallRecord(context.db, entry.callSid);
  if (!record) throw new RetryableError('call_not_logged', `Call ${entry.callSid} is not in the CRM yet`);
  const recording = await resolveRecording(context.db, entry);
  const known = await findRecordingInCrm(context.db, recording.recordingSid);
  const uploaded = known?.attachmentId && known.storedAs ? { attachmentId: known.attachmentId, storedAs: known.storedAs } : null;
  // Not uploaded, and so never deleted from Twilio, when the call's record is in another org.
  if (!uploaded && (await loggedInAnotherOrg(context, record))) return { zohoRecordId: null, skipped: IN_ANOTHER_ORG };
  const { attachmentId, storedAs } = uploaded ?? (await uploadRecording(context, entry, record.zohoCallId, recording, known));
  if (storedAs === 'file' && !known?.deletedFromTwilioAt) await deleteFromTwilioIfChosen(context, recording.recordingSid);
  return { zohoRecordId: attachmentId };
}

async function deleteFromTwilioIfChosen(context: DeliveryContext, recordingSid: string): Promise<void> {
  const { deleteRecordingsAfterUpload } = await loadCrmSettings(context.db);
  if (!deleteRecordingsAfterUpload) return;
  if (await isVoicemailOfOpenFollowUp(context.db, recordingSid)) return;
  if (!context.twilioRecordings) {
    throw new PermanentError('twilio_not_configured', `Recording ${recordingSid} is in the CRM, but no Twilio credentials are stored to delete it`);
  }
  const outcome = await context.twilioRecordings.deleteRecording(recordingSid);
  await saveRecordingDeleted(context.db, { recordingSid, now: context.now() });
  context.onRecordingDeleted?.(recordingSid, outcome);
}

async function uploadRecording(
  context: DeliveryContext,
  entry: OutboxEntry,
  zohoCallId: string,
  recording: { recordingSid: string; durationSeconds: number | null; voicemail: boolean },
  known: RecordingInCrm | null,
) {
  const { callSid } = entry;
  const { recordingSid } = recording;
  const { noteId, attachmentId, storedAs } = await context.adapter.attachRecording({
    callSid,
    parent: { module: 'Calls', id: zohoCallId },
    recordingSid,
    durationSeconds: recording.durationSeconds,
    kind: recording.voicemail ? 'voicemail' : 'conversation',
    existingNoteId: known?.noteId ?? null,
    onNoteKnown: (id) => saveRecordingNote(context.db, { callSid, recordingSid, noteId: id, now: context.now() }),
    // Any earlier attempt (or a parked one retried) may have created the note or the attachment.
    attempts: entry.attempts - 1 + (entry.lastError ? 1 : 0),
    unconfirmedSince: entry.unconfirmedSince,
    now: context.now().getTime(),
  });
  await saveAttachedRecording(context.db, { callSid, recordingSid, noteId, attachmentId, storedAs, now: context.now() });
  return { attachmentId, storedAs };
}

async function resolveRecording(db: Db, entry: OutboxEntry) {
  const payload = recordingPayloadSchema.safeParse(entry.payload);
  if (!payload.success) throw new PermanentError('invalid_payload', `Outbox payload of ${entry.callSid} is invalid: ${payload.error.message}`);
  const { recordingSid, durationSeconds } = payload.data;
  const row = await db
    .selectFrom('call_recordings')
    .select(['recording_sid', 'status', 'duration_seconds', 'source'])
    .where('call_sid', '=', entry.callSid)
    .$if(recordingSid !== undefined, (qb) => qb.where('recording_sid', '=', recordingSid!))
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  // A voicemail's note says so; its recording is the caller's message (`<Record>`), not a conversation.
  const voicemail = row?.source === 'RecordVerb';
  if (recordingSid && durationSeconds !== undefined) return { recordingSid, durationSeconds, voicemail };
  if (!row) throw new PermanentError('recording_not_found', `The call log has no recording for ${entry.callSid}`);
  if (row.status === 'in-progress') throw new RetryableError('recording_not_ready', `Recording ${row.recording_sid} is still in progress`);
  if (row.status !== 'completed') throw new PermanentError('recording_unavailable', `Recording ${row.recording_sid} is ${row.status}`);
  return { recordingSid: row.recording_sid, durationSeconds: row.duration_seconds, voicemail };
}
