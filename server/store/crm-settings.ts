import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';

/**
 * The admin's CRM settings. They belong to the org, not to one Zoho connection: disconnecting and
 * connecting again keeps them. No row yet = the defaults.
 */

type Db = Kysely<Database> | Transaction<Database>;

export interface CrmSettings {
  /** Delete a call's recording from Twilio once it is attached to its note in the CRM. */
  deleteRecordingsAfterUpload: boolean;
}

export const DEFAULT_CRM_SETTINGS: CrmSettings = { deleteRecordingsAfterUpload: false };

export async function loadCrmSettings(db: Db): Promise<CrmSettings> {
  const row = await db.selectFrom('crm_settings').select('delete_recordings_after_upload').where('id', '=', 1).executeTakeFirst();
  return row ? { deleteRecordingsAfterUpload: row.delete_recordings_after_upload } : { ...DEFAULT_CRM_SETTINGS };
}

export async function saveCrmSettings(db: Db, settings: CrmSettings, now: Date): Promise<CrmSettings> {
  const values = { delete_recordings_after_upload: settings.deleteRecordingsAfterUpload, updated_at: now };
  await db
    .insertInto('crm_settings')
    .values({ id: 1, ...values })
    .onConflict((oc) => oc.column('id').doUpdateSet(values))
    .execute();
  return loadCrmSettings(db);
}
