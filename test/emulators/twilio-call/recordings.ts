// Recordings made by `<Dial record>` and `<Record>`, and their status callbacks (reference §2.5).

import { rfc2822 } from './call-parameters.ts';
import type { Params } from './call-parameters.ts';
import type { CallRun } from './call-run.ts';
import type { HttpMethod } from './twiml.ts';
import type { RecordingRecord } from './types.ts';

export function newRecording(run: CallRun, source: RecordingRecord['source'], duration: number): RecordingRecord {
  const recordingSid = run.setup.newSid('RE');
  const accountSid = run.setup.params.AccountSid ?? '';
  return {
    source,
    recordingSid,
    recordingUrl: `https://api.twilio.com/2010-04-01/Accounts/${accountSid}/Recordings/${recordingSid}`,
    duration,
  };
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
export async function recordingCallbacks(
  run: CallRun,
  target: RecordingCallbackTarget,
  recording: RecordingRecord | null,
  source: RecordingRecord['source'],
): Promise<void> {
  if (target.url === null) return;
  const url = target.url;
  const base: Params = {
    AccountSid: run.params().AccountSid ?? '',
    CallSid: run.callSid,
    RecordingChannels: String(target.channels),
    RecordingSource: source,
    RecordingStartTime: rfc2822(target.startedAt),
    RecordingTrack: 'both',
  };
  if (recording === null) {
    if (!target.events.includes('absent')) return;
    run.afterCall.push({
      kind: 'recording-status',
      url,
      method: target.method,
      params: { ...base, ErrorCode: '0', RecordingDuration: '0', RecordingStatus: 'absent' },
    });
    return;
  }
  const withRecording: Params = { ...base, RecordingSid: recording.recordingSid, RecordingUrl: recording.recordingUrl };
  if (target.events.includes('in-progress')) {
    await run.callbacks.emit({
      kind: 'recording-status',
      url,
      method: target.method,
      params: { ...withRecording, ErrorCode: '0', RecordingDuration: '-1', RecordingStatus: 'in-progress' },
    });
  }
  if (target.events.includes('completed')) {
    run.afterCall.push({
      kind: 'recording-status',
      url,
      method: target.method,
      params: { ...withRecording, ErrorCode: '0', RecordingDuration: String(recording.duration), RecordingStatus: 'completed' },
    });
  }
}
