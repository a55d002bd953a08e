import type { Actor, HistoryEvent, RoomView } from './call-control.ts';
import { customerOf, IN_ROOM } from './room-parties.ts';

/**
 * Pausing and resuming a call's room recording while the customer gives card numbers or other
 * personal data (PCI), decided without I/O (docs/call-flow.md, "Pause the recording").
 *
 * Rules this encodes:
 * - Only a recorded call that is live in its room can be paused: the room's `record-from-start`
 *   recording is the one Twilio pauses (`Recordings/Twilio.CURRENT`, twilio-conference.md §6).
 * - Anyone of ours in the room may pause or resume: a rep on the call (talking, or with the customer
 *   on hold) and a supervisor monitoring it (they hear the card number too, and may be coaching the
 *   rep through it). Someone only ringing, or not on the call, may not: they cannot hear when it is safe.
 * - Pausing a paused recording, or resuming one that records, changes nothing and asks Twilio
 *   nothing: a second click, or two reps of a 3-way pressing together, is not an error.
 * - The paused stretch is skipped (`PauseBehavior=skip`), not kept as silence: nothing of it is in
 *   the recording, and the history says who paused, who resumed and for how long.
 */

export type RecordingState = { state: 'on' } | { state: 'paused'; since: Date; by: string | null };

export interface RecordingView extends RoomView {
  recording: RecordingState | null;
}

export type RecordingRequest = 'pause' | 'resume';

export type RecordingRefusal = 'call_not_live' | 'not_a_party' | 'call_not_recorded';

/** Twilio's `Status` for the room's current recording. */
export type RecordingChange = { status: 'paused'; pauseBehavior: 'skip' } | { status: 'in-progress' };

export type RecordingDecision =
  | { ok: false; refusal: RecordingRefusal }
  /** Already as asked: nothing to tell Twilio. */
  | { ok: true; change: null }
  | { ok: true; change: RecordingChange; history: HistoryEvent };

export function planRecordingPause(view: RecordingView, actor: Actor, request: RecordingRequest, now: Date): RecordingDecision {
  if (view.roomState !== 'live' || !customerOf(view)) return { ok: false, refusal: 'call_not_live' };
  const own = view.parties.find((party) => party.userId === actor.id && IN_ROOM.has(party.state) && (party.kind === 'rep' || party.kind === 'supervisor'));
  if (!own) return { ok: false, refusal: 'not_a_party' };
  const recording = view.recording;
  if (!recording) return { ok: false, refusal: 'call_not_recorded' };
  if (request === 'pause') {
    if (recording.state === 'paused') return { ok: true, change: null };
    return { ok: true, change: { status: 'paused', pauseBehavior: 'skip' }, history: { kind: 'recording-paused', actor: actor.id, subject: null } };
  }
  if (recording.state === 'on') return { ok: true, change: null };
  const seconds = Math.max(0, Math.round((now.getTime() - recording.since.getTime()) / 1000));
  return { ok: true, change: { status: 'in-progress' }, history: { kind: 'recording-resumed', actor: actor.id, subject: null, details: { seconds } } };
}
