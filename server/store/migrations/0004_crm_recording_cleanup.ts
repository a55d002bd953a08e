import { sql, type Kysely } from 'kysely';

/**
 * The admin's CRM settings (a table of their own, so they outlive a disconnect and a reconnect of
 * Zoho, and are not part of the phone configuration document), and per call the recording that was
 * attached in the CRM and when it was deleted from Twilio: with the attachment recorded, a failed
 * deletion is retried on its own and never uploads the recording again.
 * Forward-only: a released migration is never edited.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('crm_settings')
    .addColumn('id', 'smallint', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('delete_recordings_after_upload', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .alterTable('crm_call_records')
    .addColumn('recording_sid', 'text')
    .addColumn('recording_attachment_id', 'text')
    .addColumn('recording_deleted_at', 'timestamptz')
    .execute();
}
