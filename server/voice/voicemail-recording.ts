import type VoiceResponse from 'twilio/lib/twiml/VoiceResponse.js';
import { effectiveVoicemailSeconds } from '../phone-config/defaults.ts';
import { recordingUrl, voicemailUrl } from './flow-state.ts';
import type { IncomingContext } from './incoming-twiml.ts';

/**
 * The voicemail's `<Record>`, wherever the caller leaves one (nobody answered, closed, the waiting
 * line): after the beep, up to the number's voicemail length; its action files the message under
 * `path` (the menu place the caller reached), and the recording callback reports it, or its absence.
 */
export function recordVoicemail(response: VoiceResponse, ctx: IncomingContext, path: number[]): void {
  response.record({
    action: voicemailUrl(ctx.publicUrl, ctx.speaker.language, path),
    method: 'POST',
    maxLength: effectiveVoicemailSeconds(ctx.number),
    playBeep: true,
    recordingStatusCallback: recordingUrl(ctx.publicUrl),
    recordingStatusCallbackMethod: 'POST',
    recordingStatusCallbackEvent: ['completed', 'absent'],
  });
}
