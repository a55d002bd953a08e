import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';

/**
 * Callers a transfer dropped: answered by a rep who then handed them on, and left with nobody of
 * ours when they hung up. Their call is logged as answered (it was) and followed up as a missed call
 * (store/follow-ups.ts): nobody took their request.
 */

type Db = Kysely<Database> | Transaction<Database>;

/** `calls.reason` of an answered call whose caller a failed transfer left with nobody of ours. */
export const DROPPED_BY_TRANSFER = 'transfer-failed';

/**
 * The call history's handover steps (voice/call-control.ts): after a blind transfer or a ring-back
 * is on its way, or failed (the caller is then taken to voicemail), nobody of ours is with the
 * caller until one is answered. A consult keeps its rep with the caller; once complete it is answered.
 */
const HANDOVER_STEPS = ['transfer', 'recall', 'transfer-failed', 'recall-failed', 'transfer-answered', 'recall-answered', 'consult-complete'];
const LEFT_WITHOUT_US: ReadonlySet<string> = new Set(['transfer', 'recall', 'transfer-failed', 'recall-failed']);

/**
 * Call it when an inbound call ended, before `recordFollowUp`: an answered call whose caller hung
 * up while a blind transfer (or the ring-back after it) still rang, or at the voicemail greeting it
 * led to, gets the reason `transfer-failed`, which makes it a missed call to follow up. The last
 * handover step decides (in the order recorded), so a transfer answered later is not one.
 */
export async function markDroppedByTransfer(db: Db, callSid: string): Promise<void> {
  const last = await db
    .selectFrom('call_events')
    .select('kind')
    .where('call_sid', '=', callSid)
    .where('kind', 'in', HANDOVER_STEPS)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!last || !LEFT_WITHOUT_US.has(last.kind)) return;
  await db
    .updateTable('calls')
    .set({ reason: DROPPED_BY_TRANSFER })
    .where('call_sid', '=', callSid)
    .where('direction', '=', 'inbound')
    .where('status', '=', 'completed')
    .where('reason', 'is', null)
    .execute();
}
