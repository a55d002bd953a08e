import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';

/**
 * Per recording, what the CRM already has: its note, its attachment (the file, or only a link to
 * Twilio's media), and when it was deleted from Twilio. Each is saved the moment it exists, so a
 * retry of the entry (a failed Twilio deletion, a lost claim, a crash) goes on from there and never
 * creates the note or uploads the recording twice.
 */

type Db = Kysely<Database> | Transaction<Database>;

export type StoredAs = 'file' | 'link';

export interface RecordingInCrm {
  recordingSid: string;
  noteId: string | null;
  attachmentId: string | null;
  /** Null: not attached yet, or attached before this was recorded (ask the CRM). */
  storedAs: StoredAs | null;
  deletedFromTwilioAt: Date | null;
}

export async function findRecordingInCrm(db: Db, recordingSid: string): Promise<RecordingInCrm | null> {
  const row = await db.selectFrom('crm_recordings').selectAll().where('recording_sid', '=', recordingSid).executeTakeFirst();
  if (!row) return null;
  return {
    recordingSid: row.recording_sid,
    noteId: row.note_id,
    attachmentId: row.attachment_id,
    storedAs: row.stored_as,
    deletedFromTwilioAt: row.deleted_from_twilio_at ? new Date(row.deleted_from_twilio_at) : null,
  };
}

export async function saveRecordingNote(db: Db, record: { callSid: string; recordingSid: string; noteId: string; now: Date }): Promise<void> {
  await db
    .insertInto('crm_recordings')
    .values({ recording_sid: record.recordingSid, call_sid: record.callSid, note_id: record.noteId, created_at: record.now, updated_at: record.now })
    .onConflict((oc) => oc.column('recording_sid').doUpdateSet({ note_id: record.noteId, updated_at: record.now }))
    .execute();
}

export async function saveAttachedRecording(
  db: Db,
  record: { callSid: string; recordingSid: string; noteId: string; attachmentId: string; storedAs: StoredAs; now: Date },
): Promise<void> {
  const values = { note_id: record.noteId, attachment_id: record.attachmentId, stored_as: record.storedAs, updated_at: record.now };
  await db
    .insertInto('crm_recordings')
    .values({ recording_sid: record.recordingSid, call_sid: record.callSid, created_at: record.now, ...values })
    .onConflict((oc) => oc.column('recording_sid').doUpdateSet(values))
    .execute();
}

export async function saveRecordingDeleted(db: Db, record: { recordingSid: string; now: Date }): Promise<void> {
  await db
    .updateTable('crm_recordings')
    .set({ deleted_from_twilio_at: record.now, updated_at: record.now })
    .where('recording_sid', '=', record.recordingSid)
    .execute();
}
