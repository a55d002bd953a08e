import type { Kysely } from 'kysely';
import { recordHistory } from '../store/call-parties.ts';
import { callMatchOf, connectedOrgOf } from '../store/crm-orgs.ts';
import type { Database } from '../store/schema.ts';
import { recordLinks, saveUnlinkedRecord } from './record-fallbacks.ts';
import { zohoOrgKey } from './zoho/org.ts';

/**
 * After the admin connects another Zoho org, or the same org in another data centre, the ids kept
 * from the previous one mean nothing there: sent anyway, each cost a refused request before the
 * call or task went out without its link. Every id the outbox keeps knows its org
 * (`CrmAdapter.orgKey`, 0022), and none is sent to another:
 * - a call matched in another org is logged without the link at once; the call log keeps the name
 *   and which record it was, and the call's history says why (`crm-other-org`, call-history-text.ts);
 * - a follow-up's task for such a caller is created without the link, its description saying why;
 * - what belongs on a Calls record or a Task created in another org (the rep's later note, a
 *   recording, the task's close) is not sent: the record is out of reach, and a retry in this org
 *   could never succeed. The recording stays on Twilio (never deleted there), the note in the call log.
 * The record a rep calls from on a CRM page is kept with the org connected when the call is placed
 * (`connectedOrgKey`): the page's link names no org id, and only a record of that org can be linked.
 * Ids whose org is not known (kept before 0022) and any id while the org connected now cannot be told
 * are sent as before: a refused link is dropped then (record-fallbacks.ts).
 */

type Db = Kysely<Database>;

export const OTHER_ORG_HISTORY = 'crm-other-org';

/** Outbox entries not sent because their record is in another org (DeliveryResult.skipped). */
export const IN_ANOTHER_ORG = 'in-another-org';

/**
 * The org connected now, as `CrmAdapter.orgKey` gives it, from the stored connection alone: no request
 * to Zoho on a voice webhook. Null when the org was not read at connect (the adapter asks Zoho then).
 */
export async function connectedOrgKey(db: Db): Promise<string | null> {
  const org = await connectedOrgOf(db);
  return org ? zohoOrgKey(org.apiDomain, org.orgId) : null;
}

export function isOfAnotherOrg(from: string | null | undefined, current: string | null): boolean {
  return Boolean(from) && current !== null && from !== current;
}

/**
 * Before a call is logged: its match, when it is from another org, leaves the call, and the history
 * says so; once, so a retry finds nothing left to drop and writes no second line.
 */
export async function dropMatchOfAnotherOrg(db: Db, callSid: string, currentOrg: string | null, now: Date): Promise<void> {
  const match = await callMatchOf(db, callSid);
  const related = recordLinks(match?.record ?? null).related;
  if (!match || !related || !isOfAnotherOrg(match.org, currentOrg)) return;
  await db.transaction().execute(async (trx) => {
    await saveUnlinkedRecord(trx, callSid, { ...related, reason: 'other-org' });
    await recordHistory(trx, callSid, [{ kind: OTHER_ORG_HISTORY, actor: null, subject: null, details: { module: related.module, id: related.id } }], now, OTHER_ORG_HISTORY);
  });
}
