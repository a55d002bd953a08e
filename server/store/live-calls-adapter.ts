import type { Kysely } from 'kysely';
import type { PresenceView } from './presence.ts';
import type { Database } from './schema.ts';

/**
 * THE ONE PLACE the live board learns who is on which call, who is being rung, which customer is on
 * hold and whether a supervisor can listen in. It reads the tables as they are before conference
 * rooms (migration 0007_call_rooms, branch `conf`):
 *
 * - on a call: the presence marker (`presence.on_call_sid`), set when a rep's leg is answered;
 * - ringing: the rep's `<Dial>` leg (`call_legs`) still queued / initiated / ringing;
 * - on hold: nothing can hold a call yet, so never;
 * - listening in: no call control yet, so not offered.
 *
 * When 0007 is merged, point these at `call_parties` (the board, its stream and its tests need no
 * other change; migration 0008 already adds the feed trigger on `call_parties` when the table exists):
 *
 * - on a call: parties with `kind in ('rep', 'supervisor')` and `state in ('talking', 'held')`
 *   (since = `joined_at`), the presence marker as a fallback for calls not in a room;
 * - ringing: also parties with `kind = 'rep'` and `state = 'ringing'` (transfers, consults, recalls);
 * - on hold: the customer's party (`label = 'customer'`) with `state = 'held'`, since = `held_since`;
 * - listening in: `MONITOR_AVAILABLE = true` (`POST /api/calls/:callSid/monitor {mode:'listen'}`).
 */

type Db = Kysely<Database>;

/** Whether the server offers `POST /api/calls/:callSid/monitor` (conference-based call control). */
export const MONITOR_AVAILABLE = false;

/** A leg that has rung for longer than this lost its final callback: it no longer counts as ringing. */
const RINGING_STALE_SECONDS = 300;

export interface CallPresence {
  callSid: string;
  since: Date;
}

export interface RepActivity {
  onCall: Map<string, CallPresence>;
  ringing: Map<string, CallPresence>;
}

export async function repActivity(db: Db, presence: readonly PresenceView[], now: Date): Promise<RepActivity> {
  const onCall = new Map<string, CallPresence>();
  for (const view of presence) {
    if (view.status === 'on-call' && view.onCallSid && view.since) onCall.set(view.userId, { callSid: view.onCallSid, since: view.since });
  }
  const legs = await db
    .selectFrom('call_legs')
    .innerJoin('calls', 'calls.call_sid', 'call_legs.parent_call_sid')
    .select(['call_legs.rep_id', 'call_legs.parent_call_sid', 'call_legs.started_at'])
    .where('call_legs.status', 'in', ['queued', 'initiated', 'ringing'])
    .where('call_legs.rep_id', 'is not', null)
    .where('call_legs.started_at', '>', new Date(now.getTime() - RINGING_STALE_SECONDS * 1000))
    .where('calls.status', '=', 'in-progress')
    .where('calls.answered_at', 'is', null)
    .orderBy('call_legs.started_at')
    .execute();
  const ringing = new Map<string, CallPresence>();
  for (const leg of legs) {
    if (leg.rep_id && !ringing.has(leg.rep_id)) ringing.set(leg.rep_id, { callSid: leg.parent_call_sid, since: new Date(leg.started_at) });
  }
  return { onCall, ringing };
}

/** Calls whose customer is on hold now, and since when. */
export async function customerHolds(_db: Db, _callSids: readonly string[]): Promise<Map<string, Date>> {
  return new Map();
}
