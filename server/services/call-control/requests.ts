import { setTimeout as sleep } from 'node:timers/promises';
import { apiError, apiErrorWith } from '../../http/errors.ts';
import type { AppDeps } from '../../http/deps.ts';
import { claimControl, liveCallSids, loadCallRoom, recordHistory, type CallRoom } from '../../store/call-parties.ts';
import { bridgeOf } from '../../store/recording-pause.ts';
import { getPresence, ringOrder } from '../../store/presence.ts';
import { findUserById, type UserRow } from '../../store/users.ts';
import type { RoomClient } from '../../twilio/room-client.ts';
import { planRequest, type Actor, type ControlRequest, type Plan, type Target } from '../../voice/call-control.ts';
import { outsideRoomRefusal } from '../../voice/late-move.ts';
import { planMoveAway } from '../../voice/monitoring.ts';
import { isPresent } from '../../voice/room-parties.ts';
import { guardDestination } from '../destination-guard.ts';
import { liveCallOf, type LiveCall } from './live-view.ts';
import type { RoomReactions } from './reactions.ts';
import type { RoomMove } from './room-move.ts';
import { runRoomOperations } from './room-operations.ts';

/** What a request names as the other side: a colleague by id, or a number as typed. */
export type TargetInput = { user: string } | { number: string };

export type ControlRequestInput =
  | Exclude<ControlRequest, { kind: 'transfer' } | { kind: 'add' }>
  | { kind: 'transfer'; to: TargetInput; mode: 'blind' | 'warm'; note: string | null }
  | { kind: 'add'; to: TargetInput };

/** Tries again when another decision on the same call got in first (its plan changed the room). */
const CONTROL_ATTEMPTS = 3;

/**
 * How long a request to monitor a call waits for Twilio to report the supervisor's own leg of it gone
 * (they stopped, or moved to another call, a moment ago): a new leg needs the old one's label, and
 * Twilio reports a leg it took out within a second or so. Past this, `still_leaving_call`.
 */
export const OWN_LEAVE_WAIT_MS = 3_000;
const OWN_LEAVE_CHECK_MS = 100;

/** A call the supervisor monitors and leaves for the one they asked to monitor now. */
interface MoveAway {
  room: CallRoom;
  plan: Plan;
}

/** The user's monitoring leg of this call that Twilio was asked to take out, its leave not reported yet. */
const ownLegLeaving = (room: CallRoom, userId: string) =>
  room.parties.some((party) => party.userId === userId && party.purpose === 'monitor' && isPresent(party) && party.leaving);

export class CallRequests {
  private readonly deps: AppDeps;
  private readonly client: RoomClient;
  private readonly reactions: RoomReactions;
  private readonly move: RoomMove;

  constructor(deps: AppDeps, client: RoomClient, reactions: RoomReactions, move: RoomMove) {
    this.deps = deps;
    this.client = client;
    this.reactions = reactions;
    this.move = move;
  }

  async live(callSid: string, user: UserRow): Promise<LiveCall> {
    const room = await this.roomFor(callSid, user);
    return liveCallOf(this.deps.store.db, room);
  }

  /** Supervisors and admins see every live call; reps the ones they are on. */
  async liveCalls(user: UserRow): Promise<LiveCall[]> {
    const { db } = this.deps.store;
    const sids = await liveCallSids(db, user.role === 'rep' ? { userId: user.id } : {});
    const rooms = await Promise.all(sids.map((sid) => loadCallRoom(db, sid)));
    return Promise.all(rooms.flatMap((room) => (room ? [liveCallOf(db, room)] : [])));
  }

  async request(callSid: string, user: UserRow, input: ControlRequestInput): Promise<LiveCall> {
    const { db } = this.deps.store;
    const request = await this.resolve(input);
    for (let attempt = 1; attempt <= CONTROL_ATTEMPTS; attempt++) {
      // Back to a call they left a moment ago: as a new monitoring leg, once Twilio reports the old one gone.
      const room = request.kind === 'monitor' ? await this.afterOwnLeave(callSid, user) : await this.roomFor(callSid, user);
      await this.mustBeInRoom(room);
      const actor: Actor = { id: user.id, role: user.role };
      // A supervisor starts monitoring on their own phone: it must be online and free. Switching mode does not ring it again.
      const monitoring = room.parties.some((party) => party.userId === user.id && party.purpose === 'monitor' && party.state !== 'left' && party.state !== 'failed');
      const starting = request.kind === 'monitor' && !monitoring && (user.role === 'supervisor' || user.role === 'admin');
      // Monitoring another call already: one click moves them (monitoring.ts), so that call does not keep them busy.
      const { moves: away, leaving } = starting ? await this.movesAway(callSid, actor) : { moves: [], leaving: [] };
      if (starting) await this.mustBeFree(user.id, 'go_online_to_monitor', leaving);
      const decision = planRequest(room, actor, request);
      if (!decision.ok) {
        throw apiError(decision.refusal);
      }
      const { plan } = decision;
      if (plan.operations.length === 0) return liveCallOf(db, room);
      if (!(await this.claimAll(away))) continue;
      if (!(await claimControl(db, callSid, room.controlVersion, plan.owner))) continue;
      // Their leg of the other call is taken back before this one rings their phone: one leg at a time.
      for (const move of away) await this.leave(move);
      await recordHistory(db, callSid, plan.history, this.deps.now());
      const results = await this.run(room, plan.operations);
      if (results.some((result) => result.kind === 'gone')) {
        throw apiError('call_ended');
      }
      const failed = results.find((result) => result.kind === 'invite-failed');
      if (failed?.kind === 'invite-failed') {
        await this.reactions.afterInviteFailed(callSid, failed.partyId, failed.outcome, `invite-failed:${failed.partyId}`);
        throw apiError('twilio_unavailable');
      }
      const after = await loadCallRoom(db, callSid);
      return liveCallOf(db, after ?? room);
    }
    throw apiError('call_changed');
  }

  /**
   * Every control needs the call's room. A call still outside it (its move failed, or is on its way) is
   * refused at once rather than acted on later; a plain bridge is tried into its room right away
   * (voice/late-move.ts), so the rep's next click a few seconds on usually finds it there.
   */
  private async mustBeInRoom(room: CallRoom): Promise<void> {
    const bridge = room.room === null ? await bridgeOf(this.deps.store.db, room.callSid) : null;
    const refusal = outsideRoomRefusal({ roomState: room.roomState, bridge, recording: room.recording });
    if (!refusal) return;
    if (room.roomState === null && refusal === 'call_moving') this.move.tryNow(room.callSid);
    throw apiError(refusal);
  }

  /**
   * The other calls `actor` monitors now, each with how they leave it (`leaving`: all of them, with
   * those already on their way out); a refusal when one of them cannot be left.
   */
  private async movesAway(callSid: string, actor: Actor): Promise<{ moves: MoveAway[]; leaving: string[] }> {
    const { db } = this.deps.store;
    const moves: MoveAway[] = [];
    const leaving: string[] = [];
    for (const sid of await liveCallSids(db, { userId: actor.id })) {
      if (sid === callSid) continue;
      const room = await loadCallRoom(db, sid);
      if (!room?.parties.some((party) => party.userId === actor.id && party.purpose === 'monitor' && isPresent(party))) continue;
      leaving.push(sid);
      // Left a moment ago (Stop, or an earlier move): Twilio has it in hand.
      if (ownLegLeaving(room, actor.id)) continue;
      const decision = planMoveAway(room, actor);
      if (!decision.ok) throw apiError(decision.refusal);
      if (decision.plan.operations.length > 0) moves.push({ room, plan: decision.plan });
    }
    return { moves, leaving };
  }

  /**
   * The call's room once the user's own monitoring leg of it, taken out a moment ago, is reported gone
   * (at once when there is none). Nothing is done before: a refusal leaves every call as it was.
   */
  private async afterOwnLeave(callSid: string, user: UserRow): Promise<CallRoom> {
    const started = performance.now();
    for (;;) {
      const room = await this.roomFor(callSid, user);
      if (!ownLegLeaving(room, user.id)) return room;
      if (performance.now() - started >= OWN_LEAVE_WAIT_MS) throw apiError('still_leaving_call');
      await sleep(OWN_LEAVE_CHECK_MS);
    }
  }

  private async claimAll(moves: readonly MoveAway[]): Promise<boolean> {
    for (const move of moves) if (!(await claimControl(this.deps.store.db, move.room.callSid, move.room.controlVersion))) return false;
    return true;
  }

  /** A call that ended meanwhile has nothing left to leave. */
  private async leave(move: MoveAway): Promise<void> {
    await recordHistory(this.deps.store.db, move.room.callSid, move.plan.history, this.deps.now());
    await this.run(move.room, move.plan.operations);
  }

  private async run(room: CallRoom, operations: Parameters<typeof runRoomOperations>[3]) {
    try {
      return await runRoomOperations(this.deps, this.client, room, operations);
    } catch (error) {
      this.deps.logger.error({ err: error, callSid: room.callSid }, 'call control: Twilio request failed');
      throw apiError('twilio_unavailable');
    }
  }

  private roomFor(callSid: string, user: UserRow): Promise<CallRoom> {
    return roomForUser(this.deps, callSid, user);
  }

  private async resolve(input: ControlRequestInput): Promise<ControlRequest> {
    if (input.kind === 'transfer') return { ...input, target: await this.target(input.to) };
    if (input.kind === 'add') return { kind: 'add', target: await this.target(input.to) };
    return input;
  }

  private async target(to: TargetInput): Promise<Target> {
    if ('user' in to) {
      const colleague = await findUserById(this.deps.store.db, to.user);
      if (!colleague?.active) throw apiError('unknown_colleague');
      await this.mustBeFree(colleague.id, 'colleague_unavailable');
      return { kind: 'user', userId: colleague.id };
    }
    const check = await guardDestination(this.deps.store.db, to.number);
    if (!check.ok) throw apiErrorWith('destination_not_allowed', { reason: check.reason });
    return { kind: 'number', e164: check.e164 };
  }

  /** `leaving`: calls the user is about to leave, which do not count as keeping them busy. */
  private async mustBeFree(userId: string, code: 'colleague_unavailable' | 'go_online_to_monitor', leaving: readonly string[] = []): Promise<void> {
    const order = await ringOrder(this.deps.store.db, { userIds: [userId], now: this.deps.now() });
    if (order.ringable.includes(userId)) return;
    if (leaving.length > 0 && order.busy.includes(userId)) {
      const presence = await getPresence(this.deps.store.db, userId, this.deps.now());
      if (presence.onCallSid && leaving.includes(presence.onCallSid)) return;
    }
    throw apiError(code);
  }
}

/**
 * The call's room as `user` may see it: supervisors and admins any call, a rep only the calls they are
 * on (a call that never moved into a room: the one its owner is on, a plain bridge).
 */
export async function roomForUser(deps: AppDeps, callSid: string, user: UserRow): Promise<CallRoom> {
  const room = /^CA[0-9a-fA-F]{32}$/.test(callSid) ? await loadCallRoom(deps.store.db, callSid) : null;
  const onIt = room?.parties.some((party) => party.userId === user.id) || (room?.room === null && room.ownerId === user.id);
  // A rep learns nothing about calls they are not on, not even that they exist.
  if (!room || (user.role === 'rep' && !onIt)) throw apiError('call_not_found');
  return room;
}
