import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';
import type { CrmModule } from './adapter.ts';
import { PermanentError } from './errors.ts';
import { isDeadLinkError, refusedField } from './zoho/record-results.ts';

/**
 * What the outbox does when Zoho refuses a Call or a Task for a field it can do without, the same
 * for both: a rep whose Zoho user was deactivated (written under the connection's user), a matched
 * record Zoho no longer has (written without the link, saying why). And how the call log remembers
 * such a dead link, so what is written later (the rep's note, the follow-up's task) says so too
 * without asking Zoho again.
 */

type Db = Kysely<Database>;

export type RecordLink = { module: CrmModule; id: string };
/** A link a call or task goes without; `other-org`: a record of the org connected before (org-switch.ts), not one Zoho refused. */
export type UnlinkedRecord = RecordLink & { reason?: 'other-org' };

/** The modules a call log or a task may be linked to. */
export const CRM_MODULES = ['Contacts', 'Leads', 'Accounts', 'Deals'] as const satisfies readonly CrmModule[];

/** The parts of a call log or a follow-up task these recoveries change. */
export interface Refusable {
  ownerCrmUserId: string | null;
  related: RecordLink | null;
  /** The matched record Zoho no longer has: written without a link, and its description says so. */
  unlinkedRecord?: UnlinkedRecord | null;
}

/**
 * Zoho rejects a record with its first bad field only, so each recovery is tried once, in the order
 * Zoho reports them. A rejected insert created nothing, so sending again cannot duplicate.
 */
export async function sendWithFallbacks<T extends Refusable, R>(
  item: T,
  send: (item: T) => Promise<R>,
  onOwnerFallback?: (error: PermanentError) => void,
): Promise<{ result: R; sent: T }> {
  let sending = item;
  for (;;) {
    try {
      return { result: await send(sending), sent: sending };
    } catch (error) {
      if (!(error instanceof PermanentError)) throw error;
      if (refusedField(error) === 'Owner' && sending.ownerCrmUserId) {
        onOwnerFallback?.(error);
        sending = { ...sending, ownerCrmUserId: null };
      } else if (isDeadLinkError(error) && sending.related) {
        sending = { ...sending, related: null, unlinkedRecord: sending.related };
      } else {
        throw error;
      }
    }
  }
}

/** A call log's `crm_record`: the record it is linked to, or the one a delivery found gone or of another org (saveUnlinkedRecord). */
export function recordLinks(crm: Record<string, string> | null): { related: RecordLink | null; unlinkedRecord: UnlinkedRecord | null } {
  const live = CRM_MODULES.find((candidate) => candidate === crm?.['module']);
  const dead = CRM_MODULES.find((candidate) => candidate === crm?.['unlinked_module']);
  const reason = crm?.['unlinked_reason'] === 'other-org' ? { reason: 'other-org' as const } : {};
  return {
    related: live && crm?.['id'] ? { module: live, id: crm['id'] } : null,
    unlinkedRecord: dead && crm?.['unlinked_id'] ? { module: dead, id: crm['unlinked_id'], ...reason } : null,
  };
}

/**
 * The call log forgets the dead link (no card, update or task offers it again) but remembers it, so
 * a later update of the Description (the rep's note) and the follow-up's task keep saying why they
 * have no link.
 */
export async function saveUnlinkedRecord(db: Db, callSid: string, record: UnlinkedRecord): Promise<void> {
  const row = await db.selectFrom('calls').select('crm_record').where('call_sid', '=', callSid).executeTakeFirst();
  if (!row) return;
  const { id: _id, url: _url, module: _module, unlinked_reason: _reason, ...kept } = (row.crm_record ?? {}) as Record<string, string>;
  const crmRecord = { ...kept, unlinked_module: record.module, unlinked_id: record.id, ...(record.reason ? { unlinked_reason: record.reason } : {}) };
  await db.updateTable('calls').set({ crm_record: JSON.stringify(crmRecord) }).where('call_sid', '=', callSid).execute();
}

export async function unlinkedRecordOf(db: Db, callSid: string): Promise<UnlinkedRecord | null> {
  const row = await db.selectFrom('calls').select('crm_record').where('call_sid', '=', callSid).executeTakeFirst();
  return recordLinks((row?.crm_record ?? null) as Record<string, string> | null).unlinkedRecord;
}
