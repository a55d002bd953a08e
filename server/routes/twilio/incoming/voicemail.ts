import { saveRecordingReport } from '../../../store/recordings.ts';
import type { TwilioParams } from '../../../twilio/signature.ts';
import { hangupTwiml } from '../../../voice/incoming-twiml.ts';
import { twiml, type TwilioContext } from '../respond.ts';
import type { Stage } from './stage.ts';

/** `POST /voice/voicemail`: the caller's message was recorded. */
export async function voicemail(stage: Stage, c: TwilioContext, params: TwilioParams): Promise<Response> {
  const { RecordingSid: recordingSid, RecordingUrl: url, RecordingDuration: duration } = params;
  if (recordingSid && url) {
    // The recording's first report, through the same path as Twilio's recording callbacks: the call's
    // outcome and follow-up now; its delivery to the CRM once the media is `completed`.
    const queued = await saveRecordingReport(stage.deps.store.db, {
      recordingSid,
      callSid: params.CallSid ?? '',
      url,
      status: 'in-progress',
      durationSeconds: duration && /^\d+$/.test(duration) ? Number(duration) : null,
      channels: 1,
      source: 'RecordVerb',
      now: stage.deps.now(),
    });
    if (queued) stage.options.onCrmDelivery?.();
  }
  return twiml(c, hangupTwiml());
}
