import type { Actor, HistoryEvent, Party, RoomView } from './call-control.ts';
import { movingRefusal } from './late-move.ts';
import { customerOf, IN_ROOM } from './room-parties.ts';

/**
 * Pausing and resuming a call's recording while the customer gives card numbers or other personal
 * data (PCI), decided without I/O (docs/call-flow.md, "Pause the recording").
 *
 * Rules this encodes:
 * - Only a recorded call that is live can be paused. In its room, the room's `record-from-start`
 *   recording is the one Twilio pauses (`Conferences(CF).Recordings(Twilio.CURRENT)`,
 *   twilio-conference.md §6). A call whose move into its room failed stays a plain `<Dial>` bridge,
 *   recorded by the ring's `<Dial record>` on the call's parent leg: that recording is the one then
 *   (`Calls(CA).Recordings(Twilio.CURRENT)`), and only its owner is on it. A call on its way into its
 *   room (at the answer, or a late move: voice/late-move.ts) is refused for a moment (`call_moving`).
 *   A paused plain bridge does not move into its room until it is resumed (the room would record).
 * - Anyone of ours in the room may pause or resume: a rep on the call (talking, or with the customer
 *   on hold) and a supervisor monitoring it (they hear the card number too, and may be coaching the
 *   rep through it). Someone only ringing, or not on the call, may not: they cannot hear when it is safe.
 * - Pausing a paused recording, or resuming one that records, changes nothing and asks Twilio
 *   nothing: a second click, or two reps of a 3-way pressing together, is not an error.
 * - The paused stretch is skipped (`PauseBehavior=skip`), not kept as silence: nothing of it is in
 *   the recording, and the history says who paused, who resumed and for how long.
 * - Only a person lifts a pause: no timer, and nothing when everyone of ours leaves the call (a rep
 *   who hands the customer to an outside payment line while paused must not have the payment
 *   recorded). Such a call ends paused unless a supervisor joins it and resumes.
 */

export type RecordingState = { state: 'on' } | { state: 'paused'; since: Date; by: string | null };

export interface RecordingView extends RoomView {
  recording: RecordingState | null;
  /**
   * A call that never moved into its room (the move failed: Twilio unreachable when the rep
   * answered) is a plain bridge between the customer and its owner: `live` while it goes on.
   * Absent or null for a call with a room.
   */
  bridge?: { live: boolean } | null;
}

export type RecordingRequest = 'pause' | 'resume';

export type RecordingRefusal = 'call_not_live' | 'call_moving' | 'not_a_party' | 'call_not_recorded';

/** Twilio's `Status` for the current recording. */
export type RecordingChange = { status: 'paused'; pauseBehavior: 'skip' } | { status: 'in-progress' };

/** Whose recording Twilio changes: the room's, or the call's own `<Dial record>` (a plain bridge). */
export type RecordingResource = 'room' | 'call';

export type RecordingDecision =
  | { ok: false; refusal: RecordingRefusal }
  /** Already as asked: nothing to tell Twilio. */
  | { ok: true; change: null }
  | { ok: true; change: RecordingChange; resource: RecordingResource; history: HistoryEvent };

export function planRecordingPause(view: RecordingView, actor: Actor, request: RecordingRequest, now: Date): RecordingDecision {
  const refusal = view.bridge ? bridgeRefusal(view.bridge, view, actor) : roomRefusal(view, actor);
  if (refusal) return { ok: false, refusal };
  const recording = view.recording;
  if (!recording) return { ok: false, refusal: 'call_not_recorded' };
  const resource: RecordingResource = view.bridge ? 'call' : 'room';
  if (request === 'pause') {
    if (recording.state === 'paused') return { ok: true, change: null };
    return { ok: true, change: { status: 'paused', pauseBehavior: 'skip' }, resource, history: { kind: 'recording-paused', actor: actor.id, subject: null } };
  }
  if (recording.state === 'on') return { ok: true, change: null };
  return { ok: true, change: { status: 'in-progress' }, resource, history: { kind: 'recording-resumed', actor: actor.id, subject: null, details: { seconds: pausedSeconds(recording, now) } } };
}

function roomRefusal(view: RecordingView, actor: Actor): RecordingRefusal | null {
  // On its way in: neither the bridge's recording (ending) nor the room's (not started) is the one to change.
  const moving = movingRefusal(view.roomState);
  if (moving) return moving;
  if (view.roomState !== 'live' || !customerOf(view)) return 'call_not_live';
  const own = view.parties.find((party) => party.userId === actor.id && IN_ROOM.has(party.state) && isOurs(party));
  return own ? null : 'not_a_party';
}

/** A plain bridge has two people on it: the customer and the rep who owns the call. */
function bridgeRefusal(bridge: { live: boolean }, view: RecordingView, actor: Actor): RecordingRefusal | null {
  if (!bridge.live) return 'call_not_live';
  return view.ownerId === actor.id ? null : 'not_a_party';
}

const isOurs = (party: Party) => party.userId !== null && (party.kind === 'rep' || party.kind === 'supervisor');

const pausedSeconds = (recording: { since: Date }, now: Date) => Math.max(0, Math.round((now.getTime() - recording.since.getTime()) / 1000));
