/**
 * Whose wrap-up (note and disposition) a call takes: its owner's only. A barging supervisor the rep left
 * with the customer owns the call (monitoring.ts), and Twilio may report the rep's leaving only after the
 * customer's, so the call can change hands after the rep's form opened: their save must not land on the
 * supervisor's call, nor compete with the supervisor's own wrap-up. Pure; the route reads the facts.
 */

export type WrapUpRefusal = 'call_owner_pending' | 'call_taken_over';

export interface WrapUpFacts {
  userId: string;
  /** `calls.rep_id`: who has the call now. */
  ownerId: string | null;
  /** The user talked on the call (`involvement = 'party'`); an admin looking on is not, and may correct the log. */
  party: boolean;
  /** A leave that could still hand the call to someone else is not heard yet (store `leaveStillAwaited`). */
  awaited: { endedAt: Date | null } | null;
  now: Date;
  /** How long after the call's end a missing report is waited for (the CRM log waits as long). */
  settleMs: number;
}

export function wrapUpRefusal(facts: WrapUpFacts): WrapUpRefusal | null {
  if (!facts.party) return null;
  const { awaited } = facts;
  // A report Twilio never sends must not keep the note out for good: then the call stands as it is.
  if (awaited && (awaited.endedAt === null || facts.now.getTime() - awaited.endedAt.getTime() <= facts.settleMs)) return 'call_owner_pending';
  return facts.ownerId !== null && facts.ownerId !== facts.userId ? 'call_taken_over' : null;
}

/** A party of the call, as far as whose it could become goes (store/call-parties.ts `StoredParty`). */
export interface OwnerCandidate {
  userId: string | null;
  kind: string;
  monitor: string | null;
  state: string;
  joinedAt: Date | null;
  /** Taken out by the room's end: their own leave is not heard yet. */
  sweptOut: boolean;
}

const PRESENT = new Set(['ringing', 'talking', 'held']);

/**
 * The room is over, but a leave Twilio has not reported yet could still hand the call to someone else:
 * two or more of us who could have it talked on it (reps, and supervisors who barged) and one of them is
 * still listed, or only the room's end took them out. Store `leaveStillAwaited` asks it for the CRM log
 * and the wrap-up route; the live view asks it of a room already loaded, for the extension to wait
 * before it says whose wrap-up it is.
 */
export function ownerUnsettled(roomOver: boolean, parties: readonly OwnerCandidate[]): boolean {
  if (!roomOver) return false;
  const ours = parties.filter((party) => party.userId !== null && party.joinedAt !== null && (party.kind === 'rep' || party.monitor === 'barge'));
  return new Set(ours.map((party) => party.userId)).size >= 2 && ours.some((party) => PRESENT.has(party.state) || party.sweptOut);
}
