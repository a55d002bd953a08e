import type { Actor, Coach, Decision, HistoryEvent, MonitorMode, MonitorSetting, Party, Refusal, RoomOperation, RoomView } from './call-control.ts';
import { CUSTOMER_LABEL, supervisorLabel } from './room.ts';
import { customerOf, IN_ROOM, isHandover, isPresent, othersThan, talks } from './room-parties.ts';

/**
 * A supervisor on a call (twilio-conference.md §4.5), decided without I/O: listen (muted), whisper
 * (coaching: only the coached rep hears them), barge (unmuted, one more voice of the call).
 *
 * - A whisper coaches a leg, not a person: `CallSidToCoach` must be a participant in the room now
 *   (pitfall 14). A rep who came back (a ring-back answered, a transfer returned) is on a new leg and
 *   their old one is gone, so the coached leg is the one the owner has in the room now. Without such
 *   a leg whisper is refused; never joined unmuted without coaching (the caller would hear it).
 * - The whisper follows the call: when it changes hands, every whispering supervisor is re-pointed at
 *   the new owner's leg; with nobody to coach and nobody on the way, they go back to listening.
 * - Whom a supervisor coaches is not stored, so asking for whisper again re-points the coaching at the
 *   owner's leg (an absolute update, safe to repeat: §5 pitfall 10) rather than trust the stored mode.
 * - A barging supervisor who is the last voice with the caller may not go back to listening: the caller
 *   would wait in a room where nobody talks. They stay, or stop monitoring, which ends the room as any
 *   last voice leaving does.
 * - A barging supervisor who is the only one of ours still talking with the customer takes the call
 *   over: the owner left (hung up, or Leave) or had already left it to an outside party, no other rep
 *   of ours talks with the customer, and no transfer, consult or ring-back is on its way (whoever
 *   answers that gets the call). Decided when someone leaves, when the barging leg joins, when a
 *   supervisor switches to barge, and when a transfer or ring-back fails (then no ring-back, no
 *   voicemail). They are then its owner and a rep of it, with every control a rep has (hold,
 *   transfer, add, leave), its wrap-up and its CRM log; the history says who had it first.
 *   A supervisor who only listens or whispers never does: with nobody talking the room ends, so the
 *   customer is hung up on rather than left in silence.
 * - Stop takes the monitoring leg back, even while it still rings the supervisor's phone; for a
 *   supervisor who took the call over it is leaving it.
 * - One supervisor, one monitored call (as in Flex or Aircall): starting on another call moves them,
 *   their leg of this one taken back as Stop does, before the new call rings their phone (never two
 *   legs at once). Not when leaving would end this call (they barge and nobody else talks with the
 *   customer) nor when it is theirs now (they took it over): they finish it first. A leg already on
 *   its way out (taken back a moment ago, Twilio's report of it not in yet) is not taken back again;
 *   asking for that very call again gets a new leg once the report is in (services/call-control/requests.ts).
 */

const refuse = (refusal: Refusal): Decision => ({ ok: false, refusal });
/** An accepted request: its plan. */
export const done = (operations: RoomOperation[], history: HistoryEvent[]): Decision => ({ ok: true, plan: { operations, history } });

/** A party's leg as a whisper's target, when Twilio has given it one. */
export function coachOf(party: Party | undefined): Coach | null {
  return party?.legSid ? { label: party.label, legSid: party.legSid } : null;
}

/** The leg a whisper coaches: the owner's, talking in the room now. */
function ownersLeg(view: RoomView): Coach | null {
  return coachOf(view.parties.find((party) => party.kind === 'rep' && party.userId === view.ownerId && party.state === 'talking'));
}

/** `own`: the actor's party in the room (talking or held), if any. */
export function planMonitor(view: RoomView, actor: Actor, own: Party | undefined, mode: MonitorMode): Decision {
  if (actor.role !== 'supervisor' && actor.role !== 'admin') return refuse('not_a_supervisor');
  if (own && own.kind !== 'supervisor') {
    // One who took the call over talks on it as its rep: going silent would leave the caller alone.
    const alone = own.purpose === 'monitor' && mode === 'listen' && !othersThan(view, own).some(talks);
    return refuse(alone ? 'caller_would_be_alone' : 'already_on_the_call');
  }
  let setting: MonitorSetting;
  if (mode === 'whisper') {
    const coach = ownersLeg(view);
    if (!coach) return refuse('nobody_to_coach');
    setting = { mode, coach };
  } else {
    setting = { mode, coach: null };
  }
  if (own?.monitor === 'barge' && mode === 'listen' && !othersThan(view, own).some(talks)) return refuse('caller_would_be_alone');
  const history: HistoryEvent[] = [{ kind: 'monitor', actor: actor.id, subject: mode === 'whisper' ? view.ownerId : null, details: { mode } }];
  if (own) {
    if (own.monitor === mode && mode !== 'whisper') return done([], []);
    const switched: RoomOperation = { kind: 'set-monitor', label: own.label, ...setting };
    // Barging into a call nobody of ours keeps any more (the rep left it to an outside party): it is theirs.
    const after = { ...view, parties: view.parties.map((party) => (party.id === own.id ? { ...party, monitor: mode } : party)) };
    const barger = mode === 'barge' ? bargerTakingOver(after, after.parties.filter((party) => isPresent(party) && party.label !== CUSTOMER_LABEL)) : undefined;
    if (barger?.id === own.id) {
      const handed = takeOver(after, barger);
      return { ok: true, plan: { operations: [switched, ...handed.operations], history: [...history, handed.history], owner: barger.userId } };
    }
    return done([switched], own.monitor === mode ? [] : history);
  }
  return done(
    [
      {
        kind: 'invite',
        invitation: {
          label: supervisorLabel(actor.id),
          kind: 'supervisor',
          purpose: 'monitor',
          target: { kind: 'user', userId: actor.id },
          invitedBy: actor.id,
          note: null,
          earlyMedia: false,
          monitor: mode,
          coach: setting.coach,
        },
      },
    ],
    history,
  );
}

export function planStopMonitor(view: RoomView, actor: Actor): Decision {
  const mine = view.parties.find((party) => party.userId === actor.id && party.purpose === 'monitor' && isPresent(party));
  if (!mine) return refuse('not_a_party');
  const history: HistoryEvent[] = [{ kind: 'monitor-stop', actor: actor.id, subject: null }];
  // Still ringing their phone: not in the room to be taken out, so the ringing leg itself is cancelled.
  if (mine.state === 'ringing' && mine.legSid) return done([{ kind: 'cancel', label: mine.label, legSid: mine.legSid }], history);
  return done([{ kind: 'kick', label: mine.label }], history);
}

/**
 * The supervisor asked to monitor another call while on this one: how they leave it. Nothing to do
 * when they are not monitoring it (a call of their own as its rep is not left for a monitoring).
 */
export function planMoveAway(view: RoomView, actor: Actor): Decision {
  const mine = view.parties.find((party) => party.userId === actor.id && party.purpose === 'monitor' && isPresent(party));
  if (!mine) return done([], []);
  if (mine.kind !== 'supervisor') return refuse('monitored_call_is_yours');
  // Leaving would end the call, as the last voice leaving always does (call-control.ts planAfterLeave).
  if (mine.monitor === 'barge' && IN_ROOM.has(mine.state) && customerOf(view) && !othersThan(view, mine).some(talks)) return refuse('finish_monitored_call_first');
  return planStopMonitor(view, actor);
}

/** Whispering supervisors once the call changed hands: coaching `coach` now, or listening when there is nobody to coach. */
export function whisperFollows(view: RoomView, coach: Coach | null): RoomOperation[] {
  return view.parties
    .filter((party) => party.kind === 'supervisor' && party.monitor === 'whisper' && IN_ROOM.has(party.state))
    .map((party): RoomOperation =>
      coach ? { kind: 'set-monitor', label: party.label, mode: 'whisper', coach } : { kind: 'set-monitor', label: party.label, mode: 'listen', coach: null },
    );
}

/**
 * The barging supervisor who has the call now, if any: nobody of ours keeps it (its owner is not in the
 * room, no other rep of ours talks with the customer) and nobody is on the way to take it (a transfer,
 * consult or ring-back). `present`: everyone on the call or on the way now, the customer aside.
 */
export function bargerTakingOver(view: RoomView, present: readonly Party[]): Party | undefined {
  if (present.some(isHandover)) return undefined;
  const kept = present.some((party) => party.kind === 'rep' && (party.userId === view.ownerId ? IN_ROOM.has(party.state) : party.state === 'talking'));
  if (kept) return undefined;
  return present.find((party) => party.kind === 'supervisor' && party.monitor === 'barge' && party.state === 'talking');
}

/**
 * `barger` has the call now: a rep of it from here on; the history keeps who had it before. A customer
 * the rep left on hold is taken off it, as when a transfer is answered: someone is there for them now.
 */
export function takeOver(view: RoomView, barger: Party): { operations: RoomOperation[]; history: HistoryEvent } {
  const held = customerOf(view)?.state === 'held';
  return {
    // Whoever whispers coaches the leg that has the call now.
    operations: [{ kind: 'take-over', label: barger.label }, ...(held ? [{ kind: 'hold', on: false } as const] : []), ...whisperFollows(view, coachOf(barger))],
    history: { kind: 'take-over', actor: barger.userId, subject: view.ownerId },
  };
}
