import { Hono } from 'hono';
import type { AppDeps } from '../../http/deps.ts';
import { claimAnswer, markOutboundAnswered, recordLegStatus, recordParentStatus, recordRecording, settleCall } from '../../store/calls.ts';
import { clearOnCall, markOnCall, moveToBack } from '../../store/presence.ts';
import type { TwilioParams, TwilioWebhookEnv } from '../../twilio/signature.ts';
import { clientIdentity } from '../../voice/caller-id.ts';
import { TWILIO_PATHS } from '../../voice/flow-state.ts';
import { callbackHandler } from './respond.ts';

const FINAL_CALL_STATUSES = new Set(['completed', 'busy', 'no-answer', 'failed', 'canceled']);

const numberOrNull = (value: string | undefined) => (value && /^\d+$/.test(value) ? Number(value) : null);

/** Twilio's RFC 2822 `Timestamp`, else the time we received the callback. */
function eventTime(params: TwilioParams, now: Date): Date {
  const parsed = params.Timestamp ? new Date(params.Timestamp) : null;
  return parsed && !Number.isNaN(parsed.getTime()) ? parsed : now;
}

/** Status and recording callbacks: the call log and who is on a call. Paths relative to `/twilio`. */
export function callbackRoutes(deps: AppDeps) {
  const { db } = deps.store;

  async function childLeg(params: TwilioParams, parentCallSid: string): Promise<void> {
    const status = params.CallStatus ?? '';
    const at = eventTime(params, deps.now());
    const repId = clientIdentity(params.To);
    await recordLegStatus(db, {
      callSid: params.CallSid ?? '',
      parentCallSid,
      repId,
      to: params.To ?? '',
      status,
      sequenceNumber: numberOrNull(params.SequenceNumber) ?? 0,
      at,
      durationSeconds: numberOrNull(params.CallDuration),
    });
    if (status === 'in-progress') {
      if (repId) {
        // First answer wins; the answerer goes to the back of the ring order, once per call.
        if (await claimAnswer(db, parentCallSid, repId, at)) await moveToBack(db, repId);
        await markOnCall(db, repId, parentCallSid, at);
      } else {
        await markOutboundAnswered(db, parentCallSid, at);
      }
    }
    if (FINAL_CALL_STATUSES.has(status) && repId) await clearOnCall(db, repId, parentCallSid);
  }

  async function parentCall(params: TwilioParams): Promise<void> {
    const status = params.CallStatus ?? '';
    const callSid = params.CallSid ?? '';
    if (!FINAL_CALL_STATUSES.has(status)) return;
    await recordParentStatus(db, {
      callSid,
      status,
      sequenceNumber: numberOrNull(params.SequenceNumber) ?? 0,
      at: eventTime(params, deps.now()),
      durationSeconds: numberOrNull(params.CallDuration),
    });
    const repId = clientIdentity(params.From);
    if (repId) await clearOnCall(db, repId, callSid);
  }

  return new Hono<TwilioWebhookEnv>()
    .post(
      TWILIO_PATHS.status.replace('/twilio', ''),
      callbackHandler(deps, async (_c, params) => {
        if (params.ParentCallSid) await childLeg(params, params.ParentCallSid);
        else await parentCall(params);
      }),
    )
    .post(
      TWILIO_PATHS.recording.replace('/twilio', ''),
      callbackHandler(deps, async (_c, params) => {
        if (!params.RecordingSid || !params.CallSid) return;
        const status = params.RecordingStatus ?? 'completed';
        await recordRecording(db, {
          recordingSid: params.RecordingSid,
          callSid: params.CallSid,
          url: params.RecordingUrl ?? '',
          status,
          durationSeconds: numberOrNull(params.RecordingDuration),
          channels: numberOrNull(params.RecordingChannels),
          source: params.RecordingSource ?? null,
          at: deps.now(),
        });
        if (params.RecordingSource === 'RecordVerb' && status === 'completed') await settleCall(db, params.CallSid, 'voicemail', { reason: null });
      }),
    );
}
