import type { Kysely } from 'kysely';

/**
 * Which Zoho org (and data centre) a stored CRM id belongs to, as `<api host>/<org id>`
 * (crm/zoho/org.ts `zohoOrgKey`): the caller's match on the call (`calls.crm_org`), the Calls record
 * a call was logged as (`crm_call_records.org`) and a follow-up's Task (`follow_ups.zoho_task_org`).
 * After the admin connects another org, the outbox sends none of the previous org's ids there
 * (crm/org-switch.ts). Null: written before this migration, or the org could not be told; such ids
 * are sent as before (a refused link is dropped then). Forward-only.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('calls').addColumn('crm_org', 'text').execute();
  await db.schema.alterTable('crm_call_records').addColumn('org', 'text').execute();
  await db.schema.alterTable('follow_ups').addColumn('zoho_task_org', 'text').execute();
}
