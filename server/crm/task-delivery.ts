import type { CountryCode } from 'libphonenumber-js';
import { z } from 'zod';
import { followUpById, saveFollowUpTask, type FollowUpView } from '../store/follow-ups.ts';
import { loadSettings } from '../store/phone-config-store.ts';
import type { OutboxEntry } from '../store/crm-outbox.ts';
import { followUpRecordOrg, followUpTaskOrg } from '../store/crm-orgs.ts';
import type { DeliveryContext, DeliveryResult } from './call-delivery.ts';
import { PermanentError, RetryableError } from './errors.ts';
import { IN_ANOTHER_ORG, isOfAnotherOrg } from './org-switch.ts';
import { recordLinks, sendWithFallbacks } from './record-fallbacks.ts';
import { findBeforeCreating } from './zoho/search-settle.ts';
import { toZohoTask, type FollowUpTask } from './zoho/tasks.ts';

/**
 * The outbox's follow-up kinds: `create-task` (the follow-up's Zoho Task, once) and `close-task`
 * (Completed, once the rep ticked the follow-up off). The task id is saved the moment Zoho gives
 * it, so a lost claim or a crash never creates it twice; after an answer that never came, the next
 * attempts look for the task by its marker, over Zoho's search-settle window, before creating it.
 */

const payloadSchema = z.object({ followUpId: z.string().regex(/^\d{1,18}$/) });

async function loadFollowUp(context: DeliveryContext, entry: OutboxEntry): Promise<FollowUpView> {
  const payload = payloadSchema.safeParse(entry.payload);
  if (!payload.success) throw new PermanentError('invalid_payload', `Outbox payload of ${entry.callSid} is invalid: ${payload.error.message}`);
  const followUp = await followUpById(context.db, payload.data.followUpId);
  if (!followUp) throw new PermanentError('follow_up_not_found', `No follow-up ${payload.data.followUpId}`);
  return followUp;
}

async function taskOf(context: DeliveryContext, followUp: FollowUpView, org: string | null): Promise<FollowUpTask> {
  const owner = followUp.ownerId
    ? await context.db.selectFrom('users').select('crm_user_id').where('id', '=', followUp.ownerId).executeTakeFirst()
    : undefined;
  const record = followUp.crmRecord;
  // A link the call's own delivery already found dead is not tried again: the task says so at once.
  const links = recordLinks(record);
  // Nor is a record of the org connected before, whether or not the call's delivery has met it yet (org-switch.ts).
  const otherOrg = links.related !== null && isOfAnotherOrg(await followUpRecordOrg(context.db, followUp), org);
  const related = otherOrg ? null : links.related;
  const unlinkedRecord = otherOrg && links.related ? { ...links.related, reason: 'other-org' as const } : links.unlinkedRecord;
  return {
    followUpId: followUp.id,
    kind: followUp.kind,
    callerNumber: followUp.callerNumber,
    callerName: record?.['name'] || null,
    related,
    unlinkedRecord: related ? null : unlinkedRecord,
    ownerCrmUserId: owner?.crm_user_id ?? null,
    lastCallAt: followUp.lastCallAt,
    calls: followUp.calls,
    numberCalled: followUp.numberCalled,
    dueAt: followUp.dueAt,
  };
}

/**
 * A connection granted before follow-up tasks existed lacks the Tasks scope: only the task entries
 * park (with a reason the admin can act on), the calls keep flowing — the connection is not broken.
 */
export async function deliverTaskEntry(context: DeliveryContext, entry: OutboxEntry): Promise<DeliveryResult> {
  try {
    return await deliverTask(context, entry);
  } catch (error) {
    if (error instanceof PermanentError && error.code === 'OAUTH_SCOPE_MISMATCH') {
      throw new PermanentError('tasks_scope_missing', 'Zoho refused the Tasks module: connect the CRM again to grant ZohoCRM.modules.tasks.ALL, then retry', error.details);
    }
    throw error;
  }
}

async function deliverTask(context: DeliveryContext, entry: OutboxEntry): Promise<DeliveryResult> {
  const followUp = await loadFollowUp(context, entry);
  if (entry.kind === 'close-task') {
    if (!followUp.zohoTaskId) {
      const created = await context.db.selectFrom('crm_outbox').select('status').where('call_sid', '=', entry.callSid).where('kind', '=', 'create-task').executeTakeFirst();
      if (created?.status === 'done') return { zohoRecordId: null, skipped: 'no-task' };
      throw new RetryableError('task_not_created', `The task of follow-up ${followUp.id} is not in the CRM yet`);
    }
    // A task created in the org connected before stays open there: it is out of reach (org-switch.ts).
    if (isOfAnotherOrg(await followUpTaskOrg(context.db, followUp.id), await context.adapter.orgKey())) {
      return { zohoRecordId: null, skipped: IN_ANOTHER_ORG };
    }
    await context.adapter.tasks.close(followUp.zohoTaskId);
    return { zohoRecordId: followUp.zohoTaskId };
  }
  if (followUp.zohoTaskId) return { zohoRecordId: followUp.zohoTaskId };
  const settings = await loadSettings(context.db);
  const org = await context.adapter.orgKey();
  const task = await taskOf(context, followUp, org);
  const options = { locale: context.locale, timeZone: settings.timeZone, defaultCountry: settings.defaultCountry as CountryCode };
  const record = toZohoTask(task, options);
  // Any earlier attempt (or a parked one retried) may have reached Zoho: then it searches first, and
  // after a send without a clear answer keeps searching until Zoho's index has caught up.
  const sends = { attempts: entry.attempts - 1 + (entry.lastError ? 1 : 0), unconfirmedSince: entry.unconfirmedSince, now: context.now().getTime() };
  let taskId = await findBeforeCreating(sends, () => context.adapter.tasks.find(record, followUp.id), `The task of follow-up ${followUp.id}`);
  if (!taskId) {
    // A rep whose Zoho user was deactivated, a caller's record Zoho no longer has: the task is created
    // anyway, under the connection's user or without the link and saying why (record-fallbacks.ts).
    ({ result: taskId } = await sendWithFallbacks(
      task,
      (sending) => context.adapter.tasks.insert(toZohoTask(sending, options), followUp.id),
      (error) => context.onOwnerFallback?.(entry.callSid, error),
    ));
  }
  await saveFollowUpTask(context.db, followUp.id, taskId, org);
  return { zohoRecordId: taskId };
}
