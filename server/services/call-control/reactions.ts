import type { AppDeps } from '../../http/deps.ts';
import { loadCallRoom, recordHistory, setOwner, type CallRoom, type StoredParty } from '../../store/call-parties.ts';
import { ringOrder } from '../../store/presence.ts';
import type { RoomClient } from '../../twilio/room-client.ts';
import { planAfterInviteFailed, planAfterJoin, planAfterLeave, type Plan, type RoomOperation } from '../../voice/call-control.ts';
import { CUSTOMER_LABEL } from '../../voice/room.ts';
import { customerOf, roomAt } from '../../voice/room-parties.ts';
import { runRoomOperations } from './room-operations.ts';

/** Operations on our own records only: still worth doing once the room is over. */
const isBookkeeping = (operation: RoomOperation) => operation.kind === 'take-over' || operation.kind === 'repurpose';

/**
 * What the server does on its own when Twilio reports a change in a room: take the customer off hold
 * when a transfer is answered, ring the transferring rep back, end a room nobody talks in any more.
 * Each reaction is keyed by the event that caused it, so a duplicated callback reacts once.
 */
export class RoomReactions {
  private readonly deps: AppDeps;
  private readonly client: RoomClient;

  constructor(deps: AppDeps, client: RoomClient) {
    this.deps = deps;
    this.client = client;
  }

  async afterJoin(callSid: string, party: StoredParty, cause: string): Promise<void> {
    const room = await loadCallRoom(this.deps.store.db, callSid);
    if (!room) return;
    // As stored now: the join gave it its leg, even when Twilio's join overtook our REST create.
    const joined = room.parties.find((candidate) => candidate.id === party.id) ?? party;
    await this.carryOut(room, planAfterJoin(room, { ...joined, state: 'talking' }), cause);
  }

  /**
   * `before`: the party as it was before it left (the view still counts them in); `at`: when they left.
   * A leave heard after the customer's (or the room's end) is decided on the room as it stood then, so
   * who had the call at the end does not depend on the order of Twilio's callbacks; nothing is left
   * to do in the room, only the owner and the history to settle.
   */
  async afterLeave(callSid: string, before: StoredParty, at: Date, cause: string): Promise<void> {
    const room = await loadCallRoom(this.deps.store.db, callSid);
    if (!room) return;
    const over = room.roomState === 'ended' || !customerOf(room);
    const parties = room.parties.map((party) => (party.id === before.id ? before : party));
    const view = { ...room, parties: over ? roomAt(parties, at) : parties };
    // A customer who never made it into the room does not end it by leaving: we do.
    const plan: Plan =
      before.label === CUSTOMER_LABEL && !before.joinedAt
        ? { operations: [{ kind: 'end-room' }], history: [{ kind: 'customer-left', actor: null, subject: null }] }
        : planAfterLeave(view, before);
    if (over) await this.carryOut(room, { ...plan, operations: plan.operations.filter(isBookkeeping) }, cause, at);
    else await this.carryOut(room, plan, cause);
  }

  async afterInviteFailed(callSid: string, partyId: string, outcome: string, cause: string): Promise<void> {
    const room = await loadCallRoom(this.deps.store.db, callSid);
    const party = room?.parties.find((candidate) => candidate.id === partyId);
    if (!room || !party) return;
    const inviterAvailable = party.invitedBy ? await this.isFree(party.invitedBy) : false;
    await this.carryOut(room, planAfterInviteFailed(room, { ...party, state: 'ringing' }, outcome, inviterAvailable), cause);
  }

  private async isFree(userId: string): Promise<boolean> {
    const order = await ringOrder(this.deps.store.db, { userIds: [userId], now: this.deps.now() });
    return order.ringable.includes(userId);
  }

  /** `at`: when it happened, for a reaction to an event heard late (else now). */
  private async carryOut(room: CallRoom, plan: Plan, cause: string, at: Date = this.deps.now()): Promise<void> {
    const { db } = this.deps.store;
    if (plan.owner !== undefined) await setOwner(db, room.callSid, plan.owner);
    await recordHistory(db, room.callSid, plan.history, at, cause);
    if (plan.operations.length === 0) return;
    const results = await runRoomOperations(this.deps, this.client, room, plan.operations);
    for (const result of results) {
      // A ring-back that Twilio could not even place fails like an unanswered one.
      if (result.kind === 'invite-failed') await this.afterInviteFailed(room.callSid, result.partyId, result.outcome, `${cause}/invite-${result.partyId}`);
    }
  }
}
