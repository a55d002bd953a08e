// `record-from-start` room recordings (reference twilio-conference.md §6): one mono mix from the
// moment the room starts to its end; pause/resume through `Recordings/Twilio.CURRENT`; status
// callbacks to the first participant's recordingStatusCallback.

import { rfc2822 } from './call-parameters.ts';
import type { Room } from './conference.ts';
import { PausedTime, recordingUrl } from './recordings.ts';
import type { StoredRecording } from './recordings.ts';

export class RoomRecording {
  readonly stored: StoredRecording;
  private readonly paused = new PausedTime();
  private readonly room: Room;

  constructor(room: Room) {
    this.room = room;
    const now = room.world.scheduler.now();
    this.stored = {
      sid: room.world.newSid('RE'),
      accountSid: room.accountSid,
      callSid: null,
      conferenceSid: room.sid,
      source: 'Conference',
      channels: 1,
      startTime: now,
      dateCreated: now,
      dateUpdated: now,
      status: 'in-progress',
      duration: null,
    };
    room.world.recordings.set(this.stored.sid, this.stored);
    this.callback('in-progress', -1);
  }

  /** `PauseBehavior=skip` leaves the paused time out of the recording; `silence` records silence. */
  pause(behavior: 'skip' | 'silence'): void {
    if (this.stored.status !== 'in-progress') return;
    this.paused.pause(behavior, this.room.world.scheduler.nowMillis);
    this.update('paused');
  }

  resume(): void {
    if (this.stored.status !== 'paused') return;
    this.paused.end(this.room.world.scheduler.nowMillis);
    this.update('in-progress');
  }

  /** The room ended, or `Status=stopped`: the recording is complete. */
  finish(): void {
    if (this.stored.status !== 'in-progress' && this.stored.status !== 'paused') return;
    this.paused.end(this.room.world.scheduler.nowMillis);
    const elapsed = this.room.world.scheduler.nowMillis - this.stored.startTime.getTime() - this.paused.skippedMs;
    this.stored.duration = Math.round(elapsed / 1000);
    this.update('completed');
    this.callback('completed', this.stored.duration);
  }

  /** The room asked for a recording but never started: nothing was recorded. */
  static absent(room: Room): void {
    const target = room.settings?.recordingStatusCallback;
    if (!target || !target.events.includes('absent')) return;
    room.group.emit({
      kind: 'recording-status',
      url: target.url,
      method: target.method,
      params: { AccountSid: room.accountSid, ConferenceSid: room.sid, ErrorCode: '0', RecordingChannels: '1', RecordingDuration: '0', RecordingSource: 'Conference', RecordingStatus: 'absent' },
    });
  }

  private update(status: StoredRecording['status']): void {
    this.stored.status = status;
    this.stored.dateUpdated = this.room.world.scheduler.now();
  }

  private callback(status: 'in-progress' | 'completed', duration: number): void {
    const target = this.room.settings?.recordingStatusCallback;
    if (!target || !target.events.includes(status)) return;
    this.room.group.emit({
      kind: 'recording-status',
      url: target.url,
      method: target.method,
      params: {
        AccountSid: this.room.accountSid,
        ConferenceSid: this.room.sid,
        ErrorCode: '0',
        RecordingChannels: '1',
        RecordingDuration: String(duration),
        RecordingSid: this.stored.sid,
        RecordingSource: 'Conference',
        RecordingStartTime: rfc2822(this.stored.startTime),
        RecordingStatus: status,
        RecordingUrl: recordingUrl(this.room.accountSid, this.stored.sid),
      },
    });
  }
}
