import { z } from 'zod';
import type { CallLog } from '../adapter.ts';
import type { ZohoClient } from './client.ts';
import { callMarker, toZohoCall, toZohoCallUpdate, type CallRecordOptions } from './call-record.ts';
import { singleRecordId } from './record-results.ts';
import { findBeforeCreating, type EarlierSends } from './search-settle.ts';

export type CallsContext = { client: ZohoClient; record: CallRecordOptions };

// Re-exported: the window is shared by every create (calls, tasks); it lives in search-settle.ts.
export { SEARCH_RECHECK_MS, ZOHO_SEARCH_SETTLE_MS } from './search-settle.ts';

/** What the outbox keeps for one call's delivery. */
export type CallDeliveryEntry = EarlierSends & {
  call: CallLog;
  /** Set once Zoho gave an id: the call is delivered. */
  zohoCallId?: string | null;
};

/**
 * Delivers one call log, at most once in Zoho. Zoho has no idempotency key and upsert does not
 * cover Calls, so on every retry we first look for the record an earlier attempt may have created;
 * after a send whose answer never came, we keep looking (RecheckLaterError) until the search index
 * has had `ZOHO_SEARCH_SETTLE_MS` to catch up, and only then create it.
 * Throws RetryableError (incl. AmbiguousError, e.g. a timeout after sending) or PermanentError.
 */
export async function deliverCall(context: CallsContext, entry: CallDeliveryEntry): Promise<{ zohoCallId: string }> {
  if (entry.zohoCallId) return { zohoCallId: entry.zohoCallId };
  const existing = await findBeforeCreating(entry, () => findLoggedCall(context, entry.call), `Call ${entry.call.callSid}`);
  if (existing) return { zohoCallId: existing };
  return { zohoCallId: await insertCall(context, entry.call) };
}

export async function insertCall(context: CallsContext, call: CallLog): Promise<string> {
  const response = await context.client.request({
    method: 'POST',
    path: '/crm/v8/Calls',
    json: { data: [toZohoCall(call, context.record)] },
  });
  return singleRecordId(response, `Calls insert for ${call.callSid}`);
}

export async function updateLoggedCall(context: CallsContext, recordId: string, call: CallLog): Promise<void> {
  const response = await context.client.request({
    method: 'PUT',
    path: `/crm/v8/Calls/${encodeURIComponent(recordId)}`,
    json: { data: [toZohoCallUpdate(call, context.record)] },
  });
  singleRecordId(response, `Calls update for ${call.callSid}`);
}

const callSearchSchema = z.object({
  data: z.array(z.object({ id: z.string(), Description: z.string().nullish() }).loose()),
});

/**
 * The Zoho id of this call if an earlier attempt created it. Searches by start time (a datetime
 * `equals` is exact, unlike text `equals` which behaves like contains in v8), then keeps the
 * record whose Description carries our CallSid marker.
 */
export async function findLoggedCall(context: CallsContext, call: CallLog): Promise<string | null> {
  const { Call_Start_Time } = toZohoCall(call, context.record);
  const response = await context.client.request({
    method: 'GET',
    path: '/crm/v8/Calls/search',
    query: { criteria: `(Call_Start_Time:equals:${escapeCriteriaValue(Call_Start_Time)})`, fields: 'id,Description,Subject' },
  });
  if (response.status === 204) return null;
  const parsed = callSearchSchema.safeParse(response.body);
  if (!parsed.success) return null;
  const marker = callMarker(call.callSid);
  return parsed.data.data.find((record) => record.Description?.includes(marker))?.id ?? null;
}

/** In search criteria, `(`, `)` and `,` inside a value must be backslash-escaped. */
export function escapeCriteriaValue(value: string): string {
  return value.replace(/[(),\\]/g, (char) => `\\${char}`);
}
