import { apiError } from '../../http/errors.ts';
import type { AppDeps } from '../../http/deps.ts';
import { loadCallRoom, recordHistory, type CallRoom } from '../../store/call-parties.ts';
import { bridgeOf, claimRecordingChange, restoreRecordingState } from '../../store/recording-pause.ts';
import type { UserRow } from '../../store/users.ts';
import type { RoomClient } from '../../twilio/room-client.ts';
import { planRecordingPause, type RecordingChange, type RecordingRequest, type RecordingResource, type RecordingState } from '../../voice/recording-pause.ts';
import { liveCallOf, type LiveCall } from './live-view.ts';
import { roomForUser } from './requests.ts';
import type { RoomMove } from './room-move.ts';

/** Tries again when another decision on the same call got in first. */
const ATTEMPTS = 3;

/** What Twilio made of a change: done, no recording under way on a call that goes on, or the call is over. */
type TwilioAnswer = 'ok' | 'not-active' | 'ended';

/**
 * Pause and resume of a call's recording (voice/recording-pause.ts decides; this acts): the room's,
 * or the ring `<Dial record>`'s of a call that stayed a plain bridge. The request claims the call
 * (compare-and-set, like every call-control decision) and writes the state it asks for in the same
 * step, so requests racing on one call are decided one after the other on what the one before asked
 * Twilio: a pause and a resume cannot leave the state saying the opposite of what Twilio does, and
 * two pauses pause once. A refusal puts the state back as it was.
 */
export class RecordingPause {
  private readonly deps: AppDeps;
  private readonly client: RoomClient;
  private readonly move: RoomMove;

  constructor(deps: AppDeps, client: RoomClient, move: RoomMove) {
    this.deps = deps;
    this.client = client;
    this.move = move;
  }

  async request(callSid: string, user: UserRow, request: RecordingRequest): Promise<LiveCall> {
    const { db } = this.deps.store;
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      const room = await roomForUser(this.deps, callSid, user);
      const now = this.deps.now();
      const bridge = room.room === null ? await bridgeOf(db, callSid) : null;
      const decision = planRecordingPause({ ...room, bridge }, { id: user.id, role: user.role }, request, now);
      if (!decision.ok) throw apiError(decision.refusal);
      if (!decision.change) return liveCallOf(db, room);
      const previous = room.recording;
      // Refused above already: a call without a recording has nothing to change.
      if (!previous) throw apiError('call_not_recorded');
      const next: RecordingState = decision.change.status === 'paused' ? { state: 'paused', since: now, by: user.id } : { state: 'on' };
      if (!(await claimRecordingChange(db, callSid, room.controlVersion, next))) continue;
      const bridgeResumed = decision.resource === 'call' && decision.change.status === 'in-progress';
      let answer: TwilioAnswer | 'unreachable';
      try {
        answer = await this.tellTwilio(room, decision.resource, decision.change);
      } catch (error) {
        this.deps.logger.error({ err: error, callSid, status: decision.change.status }, 'recording pause: Twilio request failed');
        answer = 'unreachable';
      }
      // A resumed plain bridge may have moved into its room meanwhile (the move only waited for the
      // resume's claim), ending its `<Dial>` recording: the room records from its start, as asked.
      if (answer !== 'ok' && !(bridgeResumed && (await this.movedIntoRoom(callSid)))) {
        await restoreRecordingState(db, callSid, next, previous);
        // A try at the move that read the claimed pause stopped the plain bridge's tries: they go on.
        if (decision.resource === 'call' && decision.change.status === 'paused') this.move.keepTrying(callSid);
        throw apiError(answer === 'unreachable' ? 'twilio_unavailable' : answer === 'not-active' ? 'recording_not_active' : 'call_ended');
      }
      await recordHistory(db, callSid, [decision.history], now);
      // A paused plain bridge waits for its resume to move into its room (voice/late-move.ts): it may now.
      if (bridgeResumed) this.move.tryNow(callSid);
      return liveCallOf(db, (await loadCallRoom(db, callSid)) ?? room);
    }
    throw apiError('call_changed');
  }

  private async movedIntoRoom(callSid: string): Promise<boolean> {
    const room = await loadCallRoom(this.deps.store.db, callSid);
    return room?.roomState === 'joining' || room?.roomState === 'live';
  }

  /** Throws when Twilio cannot be reached (after the client's retries). */
  private async tellTwilio(room: CallRoom, resource: RecordingResource, change: RecordingChange): Promise<TwilioAnswer> {
    if (resource === 'call') {
      if ((await this.client.callRecording(room.callSid, change)) === 'ok') return 'ok';
      // No recording under way: stopped outside Yobidashi, or the call ended (its callbacks may still be on their way).
      return (await this.client.callLive(room.callSid)) ? 'not-active' : 'ended';
    }
    const conferenceSid = room.conferenceSid ?? (room.room ? await this.client.findRoom(room.room) : null);
    if (conferenceSid && (await this.client.recording(conferenceSid, change)) === 'ok') return 'ok';
    // No recording under way: the room ended (its events may still be on their way), or it records
    // nothing now (not started yet, or stopped outside Yobidashi). Twilio's list of rooms tells which.
    const open = room.room ? await this.client.findRoom(room.room) : null;
    return open ? 'not-active' : 'ended';
  }
}
