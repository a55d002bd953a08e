import { Hono } from 'hono';
import type { TwilioRecordings } from '../../crm/twilio-recordings.ts';
import type { AppDeps } from '../../http/deps.ts';
import { claimAnswer, continuesWithoutCaller, customerLegOf, endCall, markOutboundAnswered, recordLegStatus, recordParentStatus, repOnCall, settleCall } from '../../store/calls.ts';
import { ringRecordingIsConversation } from '../../store/call-parties.ts';
import type { CallControl } from '../../services/call-control/index.ts';
import { parseCallQuery } from '../../voice/room.ts';
import { enqueueCallDelivery } from '../../store/crm-outbox.ts';
import { markDroppedByTransfer } from '../../store/dropped-by-transfer.ts';
import { recordFollowUp } from '../../store/follow-ups.ts';
import { loadSettings } from '../../store/phone-config-store.ts';
import { saveRecordingReport, saveSupersededRecording, type RecordingReport } from '../../store/recordings.ts';
import { leaveLine } from '../../store/waiting-line.ts';
import { clearOnCall, markOnCall, moveToBack } from '../../store/presence.ts';
import type { TwilioParams, TwilioWebhookEnv } from '../../twilio/signature.ts';
import { twilioEventTime } from '../../twilio/timestamp.ts';
import { clientIdentity } from '../../voice/caller-id.ts';
import { TWILIO_PATHS } from '../../voice/flow-state.ts';
import { callbackHandler } from './respond.ts';

const FINAL_CALL_STATUSES = new Set(['completed', 'busy', 'no-answer', 'failed', 'canceled']);

const numberOrNull = (value: string | undefined) => (value && /^\d+$/.test(value) ? Number(value) : null);

export interface CallbackOptions {
  control: CallControl;
  /** Called after a CRM delivery was queued (wakes the outbox worker). */
  onCrmDelivery?: () => void;
  /** The Twilio account's recordings (CrmRuntime.twilioRecordings); null without Twilio credentials. */
  twilioRecordings: () => Promise<TwilioRecordings | null>;
}

/**
 * Status and recording callbacks: the call log, who is on a call, and the CRM outbox (the call's
 * log once it ended, its recording once Twilio has the media). Paths relative to `/twilio`.
 */
export function callbackRoutes(deps: AppDeps, options: CallbackOptions) {
  const { db } = deps.store;

  async function childLeg(params: TwilioParams, parentCallSid: string): Promise<void> {
    const status = params.CallStatus ?? '';
    const at = twilioEventTime(params, deps.now());
    const repId = clientIdentity(params.To);
    const callSid = params.CallSid ?? '';
    const legStatus = await recordLegStatus(db, {
      callSid,
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
        if (legStatus === 'in-progress') {
          await markOnCall(db, repId, parentCallSid, at);
          // Only the rep who won the answer moves into the room with the caller.
          if ((await repOnCall(db, parentCallSid)) === repId) {
            await options.control.move.answered({ callSid: parentCallSid, direction: 'inbound', childSid: callSid, repId, at });
          }
        }
      } else {
        await markOutboundAnswered(db, parentCallSid, at);
        const caller = await repOnCall(db, parentCallSid);
        if (legStatus === 'in-progress' && caller) {
          await options.control.move.answered({ callSid: parentCallSid, direction: 'outbound', childSid: callSid, repId: caller, at });
        }
      }
    }
    if (FINAL_CALL_STATUSES.has(status)) {
      if (repId) await clearOnCall(db, repId, parentCallSid);
      await options.control.events.legEnded(parentCallSid, callSid, at);
      // The customer of an outgoing call hung up (or was hung up on) in the room: the call is over.
      if (!repId && (await customerLegOf(db, parentCallSid)) === callSid) await finishCall(parentCallSid, params, at);
    }
  }

  /** An outgoing call whose customer leg ended after it had moved into a room: its outcome and CRM delivery. */
  async function finishCall(callSid: string, params: TwilioParams, at: Date): Promise<void> {
    const now = deps.now();
    await db.transaction().execute(async (trx) => {
      await settleCall(trx, callSid, 'completed', { now });
      await endCall(trx, callSid, { at, durationSeconds: numberOrNull(params.CallDuration) });
      await enqueueCallDelivery(trx, { callSid, kind: 'log-call', now });
    });
    options.onCrmDelivery?.();
  }

  async function parentCall(params: TwilioParams): Promise<void> {
    const status = params.CallStatus ?? '';
    const callSid = params.CallSid ?? '';
    if (!FINAL_CALL_STATUSES.has(status)) return;
    const now = deps.now();
    const at = twilioEventTime(params, now);
    await options.control.events.legEnded(callSid, callSid, at);
    const repId = clientIdentity(params.From);
    if (repId) await clearOnCall(db, repId, callSid);
    // The rep who placed an outgoing call left its room (a transfer, or leaving a 3-way): the call
    // goes on without them and ends when its customer does.
    if (await continuesWithoutCaller(db, callSid)) return;
    const { followUpDueHours } = await loadSettings(db);
    // The call's final status, its follow-up and its delivery to the CRM commit together: never one without the others.
    const logged = await db.transaction().execute(async (trx) => {
      const known = await recordParentStatus(trx, {
        callSid,
        status,
        sequenceNumber: numberOrNull(params.SequenceNumber) ?? 0,
        at,
        durationSeconds: numberOrNull(params.CallDuration),
      });
      // A call refused before it began (outgoing.ts: not a rep's browser, a deactivated rep) is not in
      // the call log: nothing to follow up, and a CRM delivery could only fail (call_not_found).
      if (!known) return false;
      // A caller who hung up while waiting leaves the line.
      await leaveLine(trx, callSid, 'hung-up', now);
      // A caller a failed transfer left with nobody of ours (on hold while it rang, or at the
      // voicemail greeting after it) is followed up as a missed call, though a rep answered first.
      await markDroppedByTransfer(trx, callSid);
      await recordFollowUp(trx, callSid, { now, dueHours: followUpDueHours });
      await enqueueCallDelivery(trx, { callSid, kind: 'log-call', now });
      return true;
    });
    if (logged) options.onCrmDelivery?.();
  }

  async function recording(params: TwilioParams & { RecordingSid: string; CallSid: string }): Promise<void> {
    const report = {
      recordingSid: params.RecordingSid,
      callSid: params.CallSid,
      url: params.RecordingUrl ?? '',
      durationSeconds: numberOrNull(params.RecordingDuration),
      channels: numberOrNull(params.RecordingChannels),
      source: params.RecordingSource ?? null,
      now: deps.now(),
    };
    // A call that moved into its room is recorded by the room, as one recording across transfers;
    // the ring <Dial>'s own recording (the moment before the move) is not the call's. The <Dial>
    // still records: it is the only recording of a call whose move into its room failed, and the
    // first part of one that went on as a plain call until a later try moved it (both go to the CRM).
    if (params.RecordingSource === 'DialVerb' && !(await ringRecordingIsConversation(db, report.callSid))) {
      if (params.RecordingStatus === 'completed') await discardRingRecording(report);
      return;
    }
    const queued = await saveRecordingReport(db, { ...report, status: params.RecordingStatus ?? 'completed' });
    if (queued) options.onCrmDelivery?.();
  }

  /**
   * The ring recording of a call recorded in its room goes nowhere (not to the CRM, not in the call
   * log): deleted from Twilio at once. If Twilio cannot do it now, the recording sweep does it later
   * (store/recordings.ts, crm/recording-sweep.ts): nothing Twilio made is left there unknown.
   */
  async function discardRingRecording(report: Omit<RecordingReport, 'status'>): Promise<void> {
    try {
      const api = await options.twilioRecordings();
      if (api) {
        await api.deleteRecording(report.recordingSid);
        return;
      }
    } catch (error) {
      deps.logger.warn({ err: error, recordingSid: report.recordingSid, callSid: report.callSid }, 'could not delete the ring recording of a call recorded in its room; the sweep will');
    }
    await saveSupersededRecording(db, report);
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
      callbackHandler(deps, async (c, params) => {
        // Room recordings carry no CallSid: the call travels in the (signed) callback URL.
        const { RecordingSid } = params;
        const CallSid = parseCallQuery(c.req.query())?.callSid ?? params.CallSid;
        if (RecordingSid && CallSid) await recording({ ...params, RecordingSid, CallSid });
      }),
    );
}
