import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';

/**
 * Per call, the recording attached in the CRM and whether it was deleted from Twilio since. Saved the
 * moment the upload succeeds, so a retry of the entry (a failed Twilio deletion, a lost claim) sees
 * the recording is already in the CRM and does not upload it again.
 */

type Db = Kysely<Database> | Transaction<Database>;

export interface AttachedRecording {
  recordingSid: string;
  attachmentId: string;
  deletedFromTwilioAt: Date | null;
}

export async function findAttachedRecording(db: Db, callSid: string): Promise<AttachedRecording | null> {
  const row = await db
    .selectFrom('crm_call_records')
    .select(['recording_sid', 'recording_attachment_id', 'recording_deleted_at'])
    .where('call_sid', '=', callSid)
    .executeTakeFirst();
  if (!row?.recording_sid || !row.recording_attachment_id) return null;
  return {
    recordingSid: row.recording_sid,
    attachmentId: row.recording_attachment_id,
    deletedFromTwilioAt: row.recording_deleted_at ? new Date(row.recording_deleted_at) : null,
  };
}

export async function saveAttachedRecording(db: Db, record: { callSid: string; recordingSid: string; attachmentId: string; now: Date }): Promise<void> {
  await db
    .updateTable('crm_call_records')
    .set({ recording_sid: record.recordingSid, recording_attachment_id: record.attachmentId, recording_deleted_at: null, updated_at: record.now })
    .where('call_sid', '=', record.callSid)
    .execute();
}

export async function saveRecordingDeleted(db: Db, record: { callSid: string; recordingSid: string; now: Date }): Promise<void> {
  await db
    .updateTable('crm_call_records')
    .set({ recording_deleted_at: record.now, updated_at: record.now })
    .where('call_sid', '=', record.callSid)
    .where('recording_sid', '=', record.recordingSid)
    .execute();
}
