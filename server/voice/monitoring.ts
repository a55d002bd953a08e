import type { Actor, Coach, Decision, HistoryEvent, MonitorMode, MonitorSetting, Party, Refusal, RoomOperation, RoomView } from './call-control.ts';
import { supervisorLabel } from './room.ts';
import { IN_ROOM, isPresent, othersThan, talks } from './room-parties.ts';

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
 * - Stop takes the monitoring leg back, even while it still rings the supervisor's phone.
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
  if (own && own.kind !== 'supervisor') return refuse('already_on_the_call');
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
    return done([{ kind: 'set-monitor', label: own.label, ...setting }], own.monitor === mode ? [] : history);
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
  const mine = view.parties.find((party) => party.userId === actor.id && party.kind === 'supervisor' && isPresent(party));
  if (!mine) return refuse('not_a_party');
  const history: HistoryEvent[] = [{ kind: 'monitor-stop', actor: actor.id, subject: null }];
  // Still ringing their phone: not in the room to be taken out, so the ringing leg itself is cancelled.
  if (mine.state === 'ringing' && mine.legSid) return done([{ kind: 'cancel', label: mine.label, legSid: mine.legSid }], history);
  return done([{ kind: 'kick', label: mine.label }], history);
}

/** Whispering supervisors once the call changed hands: coaching `coach` now, or listening when there is nobody to coach. */
export function whisperFollows(view: RoomView, coach: Coach | null): RoomOperation[] {
  return view.parties
    .filter((party) => party.kind === 'supervisor' && party.monitor === 'whisper' && IN_ROOM.has(party.state))
    .map((party): RoomOperation =>
      coach ? { kind: 'set-monitor', label: party.label, mode: 'whisper', coach } : { kind: 'set-monitor', label: party.label, mode: 'listen', coach: null },
    );
}
