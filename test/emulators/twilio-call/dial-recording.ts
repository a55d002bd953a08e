// The recording of a `<Dial record>` while its bridge lasts (reference twilio.md §3.1, §2.5): made on
// the parent call (Twilio's `call_sid` "always refers to the parent leg of a two-leg call"), under way
// from the answer (or from ringing) to the end of the bridge, and until then paused, resumed or stopped
// through the call's `Recordings/Twilio.CURRENT` (UpdateCallRecording), like a room's recording.

import type { Leg } from './leg.ts';
import { PausedTime, recordingUrl } from './recordings.ts';
import type { RecordingControl, StoredRecording } from './recordings.ts';
import type { RecordingRecord } from './types.ts';

export class DialRecording implements RecordingControl {
  readonly stored: StoredRecording;
  private readonly paused = new PausedTime();
  private readonly leg: Leg;
  private stoppedAt: number | null = null;

  constructor(leg: Leg, channels: 1 | 2, startTime: Date) {
    this.leg = leg;
    const now = leg.world.scheduler.now();
    this.stored = {
      sid: leg.world.newSid('RE'),
      accountSid: leg.accountSid,
      callSid: leg.sid,
      conferenceSid: null,
      source: 'DialVerb',
      channels,
      startTime,
      dateCreated: now,
      dateUpdated: now,
      status: 'in-progress',
      duration: null,
      control: this,
    };
    leg.world.recordings.set(this.stored.sid, this.stored);
  }

  /** Whether `Twilio.CURRENT` names it: under way, paused or not. */
  get current(): boolean {
    return this.stored.status === 'in-progress' || this.stored.status === 'paused';
  }

  pause(behavior: 'skip' | 'silence'): void {
    if (this.stored.status !== 'in-progress') return;
    this.paused.pause(behavior, this.leg.world.scheduler.nowMillis);
    this.update('paused');
  }

  resume(): void {
    if (this.stored.status !== 'paused') return;
    this.paused.end(this.leg.world.scheduler.nowMillis);
    this.update('in-progress');
  }

  /** `Status=stopped`: nothing more is recorded; the bridge goes on. */
  stop(): void {
    if (!this.current) return;
    this.paused.end(this.leg.world.scheduler.nowMillis);
    this.stoppedAt = this.leg.world.scheduler.nowMillis;
    this.update('stopped');
  }

  /**
   * The bridge ended: the recording is complete, without what a skipped pause left out. `seconds` is
   * the bridge's recorded length as the `<Dial>` counts it (talk time, plus the ring for `record-from-ringing`).
   */
  finish(seconds: number): RecordingRecord {
    const now = this.leg.world.scheduler.nowMillis;
    this.paused.end(this.leg.world.scheduler.nowMillis);
    const cutShort = this.stoppedAt === null ? 0 : now - this.stoppedAt;
    const duration = Math.max(0, seconds - Math.round((this.paused.skippedMs + cutShort) / 1000));
    this.stored.duration = duration;
    this.update('completed');
    return { source: 'DialVerb', recordingSid: this.stored.sid, recordingUrl: recordingUrl(this.stored.accountSid, this.stored.sid), duration };
  }

  private update(status: StoredRecording['status']): void {
    this.stored.status = status;
    this.stored.dateUpdated = this.leg.world.scheduler.now();
  }
}
