// Recordings made by `<Dial record>`, `<Record>` and rooms, kept so the REST API can serve them, and
// their status callbacks (reference twilio.md §2.5, twilio-conference.md §6).

import { rfc2822 } from './call-parameters.ts';
import type { Params } from './call-parameters.ts';
import type { Leg } from './leg.ts';
import type { HttpMethod } from './twiml.ts';
import type { RecordingRecord } from './types.ts';

export interface StoredRecording {
  readonly sid: string;
  readonly accountSid: string;
  readonly callSid: string | null;
  readonly conferenceSid: string | null;
  readonly source: RecordingRecord['source'] | 'OutboundAPI';
  readonly channels: 1 | 2;
  readonly startTime: Date;
  readonly dateCreated: Date;
  dateUpdated: Date;
  status: 'in-progress' | 'paused' | 'stopped' | 'processing' | 'completed' | 'absent';
  /** Seconds of audio; `null` while recording. */
  duration: number | null;
  /** A call's recording still being made (`<Dial record>`): what UpdateCallRecording acts on. */
  readonly control?: RecordingControl;
}

/** UpdateCallRecording's `Status` on a recording under way: pause (skipping or silencing the pause), resume, stop. */
export interface RecordingControl {
  pause(behavior: 'skip' | 'silence'): void;
  resume(): void;
  stop(): void;
}

/**
 * The time a recording's pauses leave out: `PauseBehavior=skip` drops the paused stretch from the
 * recording, `silence` keeps it as silence. Shared by `<Dial record>` and room recordings.
 */
export class PausedTime {
  private pausedAt: number | null = null;
  private skipWhilePaused = false;
  /** Milliseconds left out so far. */
  skippedMs = 0;

  pause(behavior: 'skip' | 'silence', nowMillis: number): void {
    this.pausedAt = nowMillis;
    this.skipWhilePaused = behavior === 'skip';
  }

  end(nowMillis: number): void {
    if (this.pausedAt !== null && this.skipWhilePaused) this.skippedMs += nowMillis - this.pausedAt;
    this.pausedAt = null;
  }
}

export function recordingUrl(accountSid: string, recordingSid: string): string {
  return `https://api.twilio.com/2010-04-01/Accounts/${accountSid}/Recordings/${recordingSid}`;
}

/** A finished leg recording (Dial or Record verb), stored for the REST API. */
export function newRecording(leg: Leg, source: 'DialVerb' | 'RecordVerb', duration: number, channels: 1 | 2, startTime: Date): RecordingRecord {
  const recordingSid = leg.world.newSid('RE');
  const now = leg.world.scheduler.now();
  leg.world.recordings.set(recordingSid, {
    sid: recordingSid,
    accountSid: leg.accountSid,
    callSid: leg.sid,
    conferenceSid: null,
    source,
    channels,
    startTime,
    dateCreated: now,
    dateUpdated: now,
    status: 'completed',
    duration,
  });
  return { source, recordingSid, recordingUrl: recordingUrl(leg.accountSid, recordingSid), duration };
}

/** The `Recording*` parameters an action request carries. */
export function recordingActionParams(recording: RecordingRecord): Params {
  return {
    RecordingDuration: String(recording.duration),
    RecordingSid: recording.recordingSid,
    RecordingUrl: recording.recordingUrl,
  };
}

export interface RecordingCallbackTarget {
  readonly url: string | null;
  readonly method: HttpMethod;
  readonly events: readonly string[];
  readonly channels: 1 | 2;
  readonly startedAt: Date;
}

/**
 * Queues the recording status callbacks the verb asked for. `in-progress` goes out at once;
 * `completed` and `absent` come once Twilio has processed the media, i.e. after the call.
 */
export function recordingCallbacks(leg: Leg, target: RecordingCallbackTarget, recording: RecordingRecord | null, source: 'DialVerb' | 'RecordVerb'): void {
  if (target.url === null) return;
  const url = target.url;
  const base: Params = {
    AccountSid: leg.params().AccountSid ?? '',
    CallSid: leg.sid,
    RecordingChannels: String(target.channels),
    RecordingSource: source,
    RecordingStartTime: rfc2822(target.startedAt),
    RecordingTrack: 'both',
  };
  if (recording === null) {
    if (!target.events.includes('absent')) return;
    leg.afterCall.push({ kind: 'recording-status', url, method: target.method, params: { ...base, ErrorCode: '0', RecordingDuration: '0', RecordingStatus: 'absent' } });
    return;
  }
  const withRecording: Params = { ...base, RecordingSid: recording.recordingSid, RecordingUrl: recording.recordingUrl };
  if (target.events.includes('in-progress')) {
    leg.group.emit({ kind: 'recording-status', url, method: target.method, params: { ...withRecording, ErrorCode: '0', RecordingDuration: '-1', RecordingStatus: 'in-progress' } });
  }
  if (target.events.includes('completed')) {
    leg.afterCall.push({ kind: 'recording-status', url, method: target.method, params: { ...withRecording, ErrorCode: '0', RecordingDuration: String(recording.duration), RecordingStatus: 'completed' } });
  }
}

/** `Record=true` on a call or participant placed by REST: where its recording is reported. */
export interface LegRecordingTarget {
  readonly url: string | null;
  readonly method: HttpMethod;
  readonly events: readonly string[];
  readonly channels: 1 | 2;
}

/**
 * The whole-leg recording of a call placed by REST with `Record=true` (twilio-conference.md §6
 * "Per-leg recording": from the answer to the hang-up, rooms and the time between them included).
 */
export function recordWholeLeg(leg: Leg, target: LegRecordingTarget): void {
  if (leg.answeredAt === null || leg.endedAt === null) return;
  const startedAt = new Date(leg.answeredAt);
  const duration = Math.round((leg.endedAt - leg.answeredAt) / 1000);
  const recordingSid = leg.world.newSid('RE');
  leg.world.recordings.set(recordingSid, {
    sid: recordingSid, accountSid: leg.accountSid, callSid: leg.sid, conferenceSid: null, source: 'OutboundAPI', channels: target.channels,
    startTime: startedAt, dateCreated: startedAt, dateUpdated: leg.world.scheduler.now(), status: 'completed', duration,
  });
  if (target.url === null || !target.events.includes('completed')) return;
  leg.group.emit({
    kind: 'recording-status',
    url: target.url,
    method: target.method,
    params: {
      AccountSid: leg.accountSid, CallSid: leg.sid, ErrorCode: '0', RecordingChannels: String(target.channels), RecordingDuration: String(duration),
      RecordingSid: recordingSid, RecordingSource: 'OutboundAPI', RecordingStartTime: rfc2822(startedAt), RecordingStatus: 'completed',
      RecordingTrack: 'both', RecordingUrl: recordingUrl(leg.accountSid, recordingSid),
    },
  });
}

/** A tiny but valid WAV file (8 kHz mono, 0.1 s of silence): what `…/Recordings/RE….wav` serves. */
export function wavBytes(): Uint8Array {
  const samples = 800;
  const buffer = Buffer.alloc(44 + samples * 2);
  buffer.write('RIFF', 0, 'ascii');
  buffer.writeUInt32LE(36 + samples * 2, 4);
  buffer.write('WAVEfmt ', 8, 'ascii');
  buffer.writeUInt32LE(16, 16);
  buffer.writeUInt16LE(1, 20);
  buffer.writeUInt16LE(1, 22);
  buffer.writeUInt32LE(8000, 24);
  buffer.writeUInt32LE(16000, 28);
  buffer.writeUInt16LE(2, 32);
  buffer.writeUInt16LE(16, 34);
  buffer.write('data', 36, 'ascii');
  buffer.writeUInt32LE(samples * 2, 40);
  return new Uint8Array(buffer);
}

/** A tiny but valid MP3: one silent MPEG-1 Layer III frame (128 kbit/s, 44.1 kHz, 417 bytes). */
export function mp3Bytes(): Uint8Array {
  const frame = new Uint8Array(417);
  frame.set([0xff, 0xfb, 0x90, 0x64]);
  return frame;
}
