import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

/**
 * Which CRM org stored ids come from (0022), read where an outbox entry is about to send them
 * (crm/org-switch.ts). The writes go with the ids themselves: `setCallCrmRecord`, `saveCrmCallRecord`,
 * `saveFollowUpTask`.
 */

type Db = Kysely<Database>;

/** The connected org as 0022 keys it: the grant's `api_domain` and the org id read at connect; null without either. */
export async function connectedOrgOf(db: Db): Promise<{ apiDomain: string; orgId: string } | null> {
  const row = await db.selectFrom('crm_connection').select(['api_domain', 'org']).where('id', '=', 1).executeTakeFirst();
  const orgId = row?.org?.id;
  return row && orgId ? { apiDomain: row.api_domain, orgId } : null;
}

/** The call's match and the org it was made in; null when there is no such call. */
export async function callMatchOf(db: Db, callSid: string): Promise<{ record: Record<string, string> | null; org: string | null } | null> {
  const row = await db.selectFrom('calls').select(['crm_record', 'crm_org']).where('call_sid', '=', callSid).executeTakeFirst();
  return row ? { record: (row.crm_record ?? null) as Record<string, string> | null, org: row.crm_org } : null;
}

/**
 * The org of the record a follow-up shows: its last call's match, else its first call's, as
 * `follow-ups.ts` picks the record (`coalesce(last.crm_record, first.crm_record)`).
 */
export async function followUpRecordOrg(db: Db, followUp: { lastCallSid: string; firstCallSid: string }): Promise<string | null> {
  const rows = await db
    .selectFrom('calls')
    .select(['call_sid', 'crm_org'])
    .where('call_sid', 'in', [followUp.lastCallSid, followUp.firstCallSid])
    .where('crm_record', 'is not', null)
    .execute();
  const from = rows.find((row) => row.call_sid === followUp.lastCallSid) ?? rows.find((row) => row.call_sid === followUp.firstCallSid);
  return from?.crm_org ?? null;
}

/** The org a follow-up's Zoho Task was created in; null when not known (created before 0022) or no task. */
export async function followUpTaskOrg(db: Db, followUpId: string): Promise<string | null> {
  const row = await db.selectFrom('follow_ups').select('zoho_task_org').where('id', '=', followUpId).executeTakeFirst();
  return row?.zoho_task_org ?? null;
}
