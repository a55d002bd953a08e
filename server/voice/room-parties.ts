import type { Party, PartyState, RoomView } from './call-control.ts';
import { CUSTOMER_LABEL } from './room.ts';

/**
 * Who is where in a room, as every call-control rule reads it (call-control.ts, monitoring.ts). Pure.
 * A party is present while it rings or is in the room; in the room once it talks or is held.
 */

const PRESENT: ReadonlySet<PartyState> = new Set(['ringing', 'talking', 'held']);
export const IN_ROOM: ReadonlySet<PartyState> = new Set(['talking', 'held']);

export const isPresent = (party: Party) => PRESENT.has(party.state);

/** Who keeps the conversation going: a supervisor who only listens or whispers does not. */
export const talks = (party: Party) => party.kind === 'rep' || party.kind === 'guest' || (party.kind === 'supervisor' && party.monitor === 'barge');

/** A transfer, consult or ring-back on its way (a consult until it is complete, the others while they ring). */
export const isHandover = (party: Party) =>
  isPresent(party) && (party.purpose === 'consult' || ((party.purpose === 'transfer' || party.purpose === 'recall') && party.state === 'ringing'));

export function customerOf(view: RoomView): Party | undefined {
  return view.parties.find((party) => party.label === CUSTOMER_LABEL && isPresent(party));
}

/** Everyone else on the call or on the way, the customer aside. */
export function othersThan(view: RoomView, party: Party): Party[] {
  return view.parties.filter((other) => other.id !== party.id && isPresent(other) && other.label !== CUSTOMER_LABEL);
}

/**
 * The room as it stood at `at`, for a leave Twilio reported late (after the customer's, or the room's
 * end): whoever left after `at` was still there then. Their state before leaving is not kept, so
 * they count as talking; same-second times (Twilio's `Timestamp` has seconds) are not "after".
 */
export function roomAt<P extends Party & { leftAt: Date | null; joinedAt: Date | null }>(parties: readonly P[], at: Date): P[] {
  return parties.map((party) =>
    party.state === 'left' && party.joinedAt && party.leftAt && party.leftAt.getTime() > at.getTime() ? { ...party, state: 'talking' as const } : party,
  );
}
