import { sql, type Kysely } from 'kysely';

/**
 * A call can have several recordings (the conference room's and, after a failed transfer, the
 * voicemail's), and each must reach the CRM once. Until now the outbox held one `attach-recording`
 * per call (unique on call + kind) and the Zoho note / attachment were kept per call, so a second
 * recording overwrote the first's pending entry or was dropped once it was sent.
 *
 * - `crm_outbox.recording_sid`: the entry's recording ('' for every other kind, and for old
 *   recording entries that named none); the entry is unique per (call, kind, recording).
 * - `crm_recordings`: per recording, its Zoho note, its attachment, whether Zoho holds the file or
 *   only a link to Twilio, and when it was deleted from Twilio. It takes over the per-call columns
 *   of `crm_call_records`, which are copied into it and dropped.
 *
 * Forward-only: a released migration is never edited.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('crm_outbox').addColumn('recording_sid', 'text', (c) => c.notNull().defaultTo('')).execute();
  await sql`update crm_outbox set recording_sid = coalesce(payload ->> 'recordingSid', '') where kind = 'attach-recording'`.execute(db);
  await sql`alter table crm_outbox drop constraint crm_outbox_call_kind`.execute(db);
  await sql`alter table crm_outbox add constraint crm_outbox_call_kind_recording unique (call_sid, kind, recording_sid)`.execute(db);

  await db.schema
    .createTable('crm_recordings')
    .addColumn('recording_sid', 'text', (c) => c.primaryKey())
    .addColumn('call_sid', 'text', (c) => c.notNull())
    .addColumn('note_id', 'text')
    .addColumn('attachment_id', 'text')
    // null while nothing is attached, or for an attachment made before this column existed.
    .addColumn('stored_as', 'text', (c) => c.check(sql`stored_as in ('file', 'link')`))
    .addColumn('deleted_from_twilio_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();

  // A note made before its recording was attached has no recording_sid yet: the call's only
  // attach-recording entry (there was at most one) names it.
  await sql`
    insert into crm_recordings (recording_sid, call_sid, note_id, attachment_id, deleted_from_twilio_at, created_at, updated_at)
    select coalesce(r.recording_sid, nullif(o.recording_sid, '')), r.call_sid, r.note_id, r.recording_attachment_id,
      r.recording_deleted_at, r.created_at, r.updated_at
    from crm_call_records r
    left join crm_outbox o on o.call_sid = r.call_sid and o.kind = 'attach-recording'
    where (r.note_id is not null or r.recording_attachment_id is not null)
      and coalesce(r.recording_sid, nullif(o.recording_sid, '')) is not null
    on conflict (recording_sid) do nothing`.execute(db);

  await sql`alter table crm_call_records drop column note_id, drop column recording_sid, drop column recording_attachment_id, drop column recording_deleted_at`.execute(
    db,
  );
}
