import { apiError } from '../../http/errors.ts';
import type { AppDeps } from '../../http/deps.ts';
import { loadCallRoom, recordHistory, type CallRoom } from '../../store/call-parties.ts';
import { claimRecordingChange, restoreRecordingState } from '../../store/recording-pause.ts';
import type { UserRow } from '../../store/users.ts';
import type { RoomClient } from '../../twilio/room-client.ts';
import { planRecordingPause, type RecordingChange, type RecordingRequest, type RecordingState } from '../../voice/recording-pause.ts';
import { liveCallOf, type LiveCall } from './live-view.ts';
import { roomForUser } from './requests.ts';

/** Tries again when another decision on the same call got in first. */
const ATTEMPTS = 3;

/**
 * Pause and resume of a call's room recording (voice/recording-pause.ts decides; this acts). The
 * request claims the call (compare-and-set, like every call-control decision) and writes the state it
 * asks for in the same step, so requests racing on one call are decided one after the other on what
 * the one before asked Twilio: a pause and a resume cannot leave the state saying the opposite of what
 * Twilio does, and two pauses pause once. A refusal puts the state back as it was.
 */
export class RecordingPause {
  private readonly deps: AppDeps;
  private readonly client: RoomClient;

  constructor(deps: AppDeps, client: RoomClient) {
    this.deps = deps;
    this.client = client;
  }

  async request(callSid: string, user: UserRow, request: RecordingRequest): Promise<LiveCall> {
    const { db } = this.deps.store;
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      const room = await roomForUser(this.deps, callSid, user);
      const now = this.deps.now();
      const decision = planRecordingPause(room, { id: user.id, role: user.role }, request, now);
      if (!decision.ok) throw apiError(decision.refusal);
      if (!decision.change) return liveCallOf(db, room);
      const previous = room.recording;
      // Refused above already: a call without a recording has nothing to change.
      if (!previous) throw apiError('call_not_recorded');
      const next: RecordingState = decision.change.status === 'paused' ? { state: 'paused', since: now, by: user.id } : { state: 'on' };
      if (!(await claimRecordingChange(db, callSid, room.controlVersion, next))) continue;
      try {
        await this.tellTwilio(room, decision.change);
      } catch (error) {
        await restoreRecordingState(db, callSid, next, previous);
        throw error;
      }
      await recordHistory(db, callSid, [decision.history], now);
      return liveCallOf(db, (await loadCallRoom(db, callSid)) ?? room);
    }
    throw apiError('call_changed');
  }

  private async tellTwilio(room: CallRoom, change: RecordingChange): Promise<void> {
    let open: string | null;
    try {
      const conferenceSid = room.conferenceSid ?? (room.room ? await this.client.findRoom(room.room) : null);
      if (conferenceSid && (await this.client.recording(conferenceSid, change)) === 'ok') return;
      // No recording under way: the room ended (its events may still be on their way), or it records
      // nothing now (not started yet, or stopped outside Yobidashi). Twilio's list of rooms tells which.
      open = room.room ? await this.client.findRoom(room.room) : null;
    } catch (error) {
      this.deps.logger.error({ err: error, callSid: room.callSid, status: change.status }, 'recording pause: Twilio request failed');
      throw apiError('twilio_unavailable');
    }
    throw apiError(open ? 'recording_not_active' : 'call_ended');
  }
}
