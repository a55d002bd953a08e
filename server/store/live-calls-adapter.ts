import type { Kysely } from 'kysely';
import type { PresenceView } from './presence.ts';
import type { Database } from './schema.ts';

/**
 * THE ONE PLACE the live board learns who is on which call, who is being rung, which customer is on
 * hold and whether a supervisor can listen in (docs/call-flow.md):
 *
 * - on a call: a rep's or supervisor's party in a call's room (`call_parties`, talking or held,
 *   since they joined), the presence marker as a fallback for a call not (yet) in a room;
 * - ringing: the rep's `<Dial>` leg (`call_legs`) still queued / initiated / ringing, or a party
 *   being rung into a room (a transfer, consult, ring-back or added colleague);
 * - on hold: the customer's party with `state = 'held'`, since `held_since`;
 * - listening in: `POST /api/calls/:callSid/monitor {mode:'listen'}`.
 */

type Db = Kysely<Database>;

/** Whether the server offers `POST /api/calls/:callSid/monitor` (conference-based call control). */
export const MONITOR_AVAILABLE = true;

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
  const staleBefore = new Date(now.getTime() - RINGING_STALE_SECONDS * 1000);
  const [parties, legs] = await Promise.all([
    db
      .selectFrom('call_parties')
      .innerJoin('calls', 'calls.call_sid', 'call_parties.call_sid')
      .select(['call_parties.user_id', 'call_parties.call_sid', 'call_parties.state', 'call_parties.joined_at', 'call_parties.invited_at'])
      .where('call_parties.kind', 'in', ['rep', 'supervisor'])
      .where('call_parties.state', 'in', ['ringing', 'talking', 'held'])
      .where('calls.room_state', 'in', ['joining', 'live'])
      .orderBy('call_parties.invited_at')
      .execute(),
    db
      .selectFrom('call_legs')
      .innerJoin('calls', 'calls.call_sid', 'call_legs.parent_call_sid')
      .select(['call_legs.rep_id', 'call_legs.parent_call_sid', 'call_legs.started_at'])
      .where('call_legs.status', 'in', ['queued', 'initiated', 'ringing'])
      .where('call_legs.rep_id', 'is not', null)
      .where('call_legs.started_at', '>', staleBefore)
      .where('calls.status', '=', 'in-progress')
      .where('calls.answered_at', 'is', null)
      .orderBy('call_legs.started_at')
      .execute(),
  ]);
  const ringing = new Map<string, CallPresence>();
  for (const party of parties) {
    if (!party.user_id) continue;
    if (party.state === 'ringing') {
      if (new Date(party.invited_at) > staleBefore && !ringing.has(party.user_id)) ringing.set(party.user_id, { callSid: party.call_sid, since: new Date(party.invited_at) });
    } else {
      // In a room: the call they are on, whatever the presence marker says.
      onCall.set(party.user_id, { callSid: party.call_sid, since: new Date(party.joined_at ?? party.invited_at) });
    }
  }
  for (const leg of legs) {
    if (leg.rep_id && !ringing.has(leg.rep_id)) ringing.set(leg.rep_id, { callSid: leg.parent_call_sid, since: new Date(leg.started_at) });
  }
  return { onCall, ringing };
}

/** Calls whose customer is on hold now, and since when. */
export async function customerHolds(db: Db, callSids: readonly string[]): Promise<Map<string, Date>> {
  if (callSids.length === 0) return new Map();
  const rows = await db
    .selectFrom('call_parties')
    .select(['call_sid', 'held_since'])
    .where('call_sid', 'in', [...callSids])
    .where('label', '=', 'customer')
    .where('state', '=', 'held')
    .execute();
  return new Map(rows.flatMap((row) => (row.held_since ? [[row.call_sid, new Date(row.held_since)] as const] : [])));
}
