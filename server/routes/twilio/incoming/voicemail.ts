import { recordRecording, settleCall } from '../../../store/calls.ts';
import { enqueueCallDelivery } from '../../../store/crm-outbox.ts';
import { recordFollowUp } from '../../../store/follow-ups.ts';
import { loadSettings } from '../../../store/phone-config-store.ts';
import type { TwilioParams } from '../../../twilio/signature.ts';
import { hangupTwiml } from '../../../voice/incoming-twiml.ts';
import { twiml, type TwilioContext } from '../respond.ts';
import type { Stage } from './stage.ts';

/** `POST /voice/voicemail`: the caller's message was recorded. */
export async function voicemail(stage: Stage, c: TwilioContext, params: TwilioParams): Promise<Response> {
  const { db } = stage.deps.store;
  const callSid = params.CallSid ?? '';
  const { RecordingSid: recordingSid, RecordingUrl: url } = params;
  if (recordingSid && url) {
    const at = stage.deps.now();
    const { followUpDueHours } = await loadSettings(db);
    // The message, the call's outcome, its follow-up and its delivery to the CRM commit together. The
    // media is ready once the recording callback says `completed`; until then the delivery waits.
    await db.transaction().execute(async (trx) => {
      await recordRecording(trx, {
        recordingSid,
        callSid,
        url,
        status: 'in-progress',
        durationSeconds: params.RecordingDuration ? Number(params.RecordingDuration) : null,
        channels: 1,
        source: 'RecordVerb',
        at,
      });
      await settleCall(trx, callSid, 'voicemail', { reason: null });
      await recordFollowUp(trx, callSid, { now: at, dueHours: followUpDueHours });
      await enqueueCallDelivery(trx, { callSid, kind: 'attach-recording', payload: { recordingSid }, now: at });
    });
    stage.options.onCrmDelivery?.();
  }
  return twiml(c, hangupTwiml());
}
