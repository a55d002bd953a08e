import { Hono } from 'hono';
import type { AppDeps } from '../../http/deps.ts';
import { claimAnswer, markOutboundAnswered, recordLegStatus, recordParentStatus, recordRecording, settleCall } from '../../store/calls.ts';
import { enqueueCallDelivery } from '../../store/crm-outbox.ts';
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

export interface CallbackOptions {
  /** Called after a CRM delivery was queued (wakes the outbox worker). */
  onCrmDelivery?: () => void;
}

/**
 * Status and recording callbacks: the call log, who is on a call, and the CRM outbox (the call's
 * log once it ended, its recording once Twilio has the media). Paths relative to `/twilio`.
 */
export function callbackRoutes(deps: AppDeps, options: CallbackOptions = {}) {
  const { db } = deps.store;

  async function childLeg(params: TwilioParams, parentCallSid: string): Promise<void> {
    const status = params.CallStatus ?? '';
    const at = eventTime(params, deps.now());
    const repId = clientIdentity(params.To);
    const legStatus = await recordLegStatus(db, {
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
        // A retried "answered" arriving after the leg ended must not put the rep back on the call.
        if (legStatus === 'in-progress') await markOnCall(db, repId, parentCallSid, at);
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
    const now = deps.now();
    // The call's final status and its delivery to the CRM commit together: never one without the other.
    await db.transaction().execute(async (trx) => {
      await recordParentStatus(trx, {
        callSid,
        status,
        sequenceNumber: numberOrNull(params.SequenceNumber) ?? 0,
        at: eventTime(params, now),
        durationSeconds: numberOrNull(params.CallDuration),
      });
      await enqueueCallDelivery(trx, { callSid, kind: 'log-call', now });
    });
    options.onCrmDelivery?.();
    const repId = clientIdentity(params.From);
    if (repId) await clearOnCall(db, repId, callSid);
  }

  async function recording(params: TwilioParams & { RecordingSid: string; CallSid: string }): Promise<void> {
    const { RecordingSid: recordingSid, CallSid: callSid } = params;
    const status = params.RecordingStatus ?? 'completed';
    const now = deps.now();
    const voicemail = params.RecordingSource === 'RecordVerb' && status === 'completed';
    await db.transaction().execute(async (trx) => {
      await recordRecording(trx, {
        recordingSid,
        callSid,
        url: params.RecordingUrl ?? '',
        status,
        durationSeconds: numberOrNull(params.RecordingDuration),
        channels: numberOrNull(params.RecordingChannels),
        source: params.RecordingSource ?? null,
        at: now,
      });
      if (voicemail) await settleCall(trx, callSid, 'voicemail', { reason: null });
      if (status === 'completed') await enqueueCallDelivery(trx, { callSid, kind: 'attach-recording', payload: { recordingSid }, now });
    });
    if (status === 'completed') options.onCrmDelivery?.();
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
        const { RecordingSid, CallSid } = params;
        if (RecordingSid && CallSid) await recording({ ...params, RecordingSid, CallSid });
      }),
    );
}
