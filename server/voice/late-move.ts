import type { RoomState } from '../store/schema.ts';
import type { RecordingState } from './recording-pause.ts';

/**
 * A call whose move into its room failed (Twilio unreachable when the rep answered), decided without
 * I/O (docs/call-flow.md, "Answer: into the room"). It goes on as the ring `<Dial>`'s plain bridge,
 * and the server tries the move again while it lasts: Twilio being unreachable is usually brief.
 *
 * Rules this encodes:
 * - Tried again with a back-off (`MOVE_RETRY`: six tries over about the first 75 s, then every 30 s)
 *   for as long as the call goes on, and at once whenever someone asks for a control that needs the
 *   room (hold, transfer, add, monitor) or resumes the recording. A call never stays out of its room
 *   for good because Twilio was away for a while. One loop of tries per call in an instance, one move
 *   in flight per call (the claim on the call row); the loop ends with the call.
 * - Never while the plain call's recording is paused. The room records `record-from-start` from the
 *   moment its first two legs are bridged, and Twilio has no request that starts a room's recording
 *   later, so a room joined while paused would record the card number read out at that moment. The
 *   call moves once someone resumes (the resume tries at once).
 * - A control request on a call outside its room is refused, never held until the room is live: the
 *   move is tried at once and the rep tries again in a moment (`call_moving`), or resumes the
 *   recording first (`resume_recording_first`). A hold or transfer that landed seconds after the click,
 *   once the rep had moved on, would surprise both sides; the card shows the controls when the room is.
 */

/**
 * The back-off between tries (the first one is the move at the answer): 3, 6, 12, 24 and 30 s, so
 * six tries over about 75 s, then one every 30 s (the ceiling) while the call lasts. The waits are the
 * app's clock (`AppDeps.sleep`).
 */
export const MOVE_RETRY = {
  /** The tries before the waits reach their ceiling. */
  retries: 5,
  minTimeoutMs: 3_000,
  factor: 2,
  maxTimeoutMs: 30_000,
  /** No call goes on longer: Twilio ends a `<Dial>` after its `timeLimit` (14400 s by default). A lost end callback cannot keep the tries up. */
  forMs: 14_400_000,
} as const;

/** How long to wait before retry number `retry` (1 for the first retry). */
export function moveRetryDelayMs(retry: number): number {
  return Math.min(MOVE_RETRY.minTimeoutMs * MOVE_RETRY.factor ** (retry - 1), MOVE_RETRY.maxTimeoutMs);
}

export interface OutsideRoomView {
  /** `calls.room_state`: null while the call is a plain bridge (never moved, or its move failed). */
  roomState: RoomState | null;
  /** The plain bridge, for a call without a room: `live` while it goes on (store/recording-pause.ts `bridgeOf`). */
  bridge: { live: boolean } | null;
  recording: RecordingState | null;
}

/**
 * What a move tried now would do: `move` (claim it and redirect), `in-room` (moved, or a move in
 * flight: nothing to do), `paused` (not until the recording is resumed), `over` (the call ended, or it
 * is not a plain bridge we could move: no more tries).
 */
export type MoveChance = 'move' | 'in-room' | 'paused' | 'over';

export function moveChance(view: OutsideRoomView): MoveChance {
  if (view.roomState !== null) return view.roomState === 'ended' ? 'over' : 'in-room';
  if (!view.bridge?.live) return 'over';
  return view.recording?.state === 'paused' ? 'paused' : 'move';
}

export type OutsideRoomRefusal = 'call_moving' | 'resume_recording_first';

/**
 * A call on its way into its room (at the answer, or a late move) refuses every change for a moment,
 * its recording's pause too: the rep tries again once it is in (`call_moving`).
 */
export function movingRefusal(roomState: RoomState | null): 'call_moving' | null {
  return roomState === 'joining' ? 'call_moving' : null;
}

/**
 * Why a control that needs the room (hold, transfer, add, monitor, leave) cannot be done now on a call
 * still outside it, or null when the call is in its room (or over: the usual rules answer then).
 */
export function outsideRoomRefusal(view: OutsideRoomView): OutsideRoomRefusal | null {
  const moving = movingRefusal(view.roomState);
  if (moving) return moving;
  const chance = moveChance(view);
  if (chance === 'paused') return 'resume_recording_first';
  return chance === 'move' ? 'call_moving' : null;
}
