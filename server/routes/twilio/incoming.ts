import { Hono } from 'hono';
import type { AppDeps } from '../../http/deps.ts';
import type { IncomingNumber, RingAction, Route } from '../../phone-config/schema.ts';
import { addRang, claimAnswer, recordRecording, repOfLeg, setIvrPath, settleCall, startInboundCall } from '../../store/calls.ts';
import { enqueueCallDelivery } from '../../store/crm-outbox.ts';
import { recordMenuStep } from '../../store/ivr-steps.ts';
import { cachedIncomingNumber } from '../../store/incoming-number-cache.ts';
import { findIncomingNumber, loadSettings } from '../../store/phone-config-store.ts';
import { clearOnCall, moveToBack, ringOrder } from '../../store/presence.ts';
import type { TwilioParams, TwilioWebhookEnv } from '../../twilio/signature.ts';
import type { CallCard } from '../../voice/client-card.ts';
import { parseMenuState, parseRingState, ringUrl, TWILIO_PATHS } from '../../voice/flow-state.ts';
import {
  busyTwiml,
  emptyTwiml,
  hangupTwiml,
  menuTwiml,
  notInServiceTwiml,
  ringTwiml,
  unavailableTwiml,
  type IncomingContext,
} from '../../voice/incoming-twiml.ts';
import { decideMenuInput, pathLabels, ringActionAt } from '../../voice/ivr.ts';
import { nextRingStep, type RingPosition, type RingSpec } from '../../voice/ring-plan.ts';
import { speakerFor, speakerForLanguage } from '../../voice/speech.ts';
import { apologise, logger, twiml, voiceHandler, type TwilioContext } from './respond.ts';
import type { CallControl } from '../../services/call-control/index.ts';
import { CUSTOMER_LABEL } from '../../voice/room.ts';

/**
 * "Who is calling": the CRM's answer for the incoming-call card's `crmMatch` parameter (JSON), or
 * null when no CRM is connected. Keeps to a tight budget; given the parent CallSid, it puts the match
 * on the call, also when the answer comes after the call started ringing.
 */
export type LookupCaller = (from: string, callSid: string) => Promise<Record<string, unknown> | null>;

export interface IncomingVoiceOptions {
  control: CallControl;
  lookupCaller?: LookupCaller;
  /** Called after a CRM delivery was queued (wakes the outbox worker). */
  onCrmDelivery?: () => void;
}

const DIAL_FINAL = new Set(['busy', 'no-answer', 'failed', 'canceled']);

function ringSpecOf(action: RingAction | Extract<Route, { type: 'ring' }>): RingSpec {
  return {
    strategy: action.strategy,
    users: action.users,
    ringSeconds: action.ringSeconds,
    cycles: 'repeat' in action ? (action.repeat ? 2 : 1) : action.cycles,
  };
}

/** Calls to our numbers: welcome, IVR, ring plans, voicemail. Paths relative to `/twilio`. */
export function incomingVoiceRoutes(deps: AppDeps, options: IncomingVoiceOptions) {
  const { db } = deps.store;
  const publicUrl = deps.publicUrl ?? '';

  async function numberFor(c: TwilioContext, params: TwilioParams): Promise<IncomingNumber | Response> {
    const number = params.To ? await cachedIncomingNumber(db, params.To) : null;
    if (number && number.enabled !== false) return number;
    const settings = await loadSettings(db).catch(() => ({ defaultCountry: 'JP' }));
    const speaker = speakerForLanguage(settings.defaultCountry === 'JP' ? 'ja-JP' : 'en-US', publicUrl);
    logger(c, deps).warn({ to: params.To, callSid: params.CallSid }, 'call to a number that is not in service');
    if (params.CallSid) {
      await startInboundCall(db, { callSid: params.CallSid, from: params.From ?? '', to: params.To ?? '', label: null, now: deps.now() });
      await settleCall(db, params.CallSid, 'failed', { reason: 'not-in-service' });
    }
    return twiml(c, notInServiceTwiml(speaker));
  }

  /** A CRM that fails must never keep the call from ringing: the card just goes without the match. */
  async function lookUp(c: TwilioContext, from: string, callSid: string): Promise<Record<string, unknown> | null> {
    if (!options.lookupCaller || !from) return null;
    try {
      return await options.lookupCaller(from, callSid);
    } catch (error) {
      logger(c, deps).warn({ err: error, callSid }, 'caller lookup failed; ringing without the CRM match');
      return null;
    }
  }

  const contextOf = (number: IncomingNumber): IncomingContext => ({ publicUrl, number, speaker: speakerFor(number, publicUrl) });

  async function ring(
    c: TwilioContext,
    params: TwilioParams,
    ctx: IncomingContext,
    at: { path: number[]; spec: RingSpec; position: RingPosition | null; welcome: boolean },
  ): Promise<Response> {
    const callSid = params.CallSid ?? '';
    const presence = await ringOrder(db, { userIds: at.spec.users, now: deps.now() });
    const step = nextRingStep(at.spec, presence, at.position);
    switch (step.kind) {
      case 'dial': {
        await addRang(db, callSid, step.clients);
        const card: CallCard = {
          parentCallSid: callSid,
          from: params.From ?? '',
          calledNumber: ctx.number.number,
          calledLabel: ctx.number.label,
          ivrPath: pathLabels(ctx.number.route, at.path),
          crmMatch: await lookUp(c, params.From ?? '', callSid),
        };
        const next = { language: ctx.speaker.language, path: at.path, ...step.next, dialed: step.clients };
        return twiml(c, ringTwiml(ctx, { welcome: at.welcome, clients: step.clients, timeout: step.timeout, next, card, actionUrl: ringUrl(publicUrl, next) }));
      }
      case 'unavailable':
        await settleCall(db, callSid, 'missed', { reason: 'nobody-online' });
        return twiml(c, unavailableTwiml(ctx, { welcome: at.welcome, voicemailPath: null }));
      case 'busy':
        await settleCall(db, callSid, 'busy', { reason: 'everyone-busy' });
        return twiml(c, busyTwiml(ctx, { welcome: at.welcome }));
      case 'no-answer':
        await settleCall(db, callSid, 'missed', { reason: 'no-answer' });
        return twiml(c, unavailableTwiml(ctx, { welcome: at.welcome, voicemailPath: at.path }));
    }
  }

  /** The ring action a ring URL belongs to: the IVR item at its path, or the number's direct route. */
  function specAt(number: IncomingNumber, path: number[]): RingSpec | null {
    if (number.route.type === 'ring') return path.length === 0 ? ringSpecOf(number.route) : null;
    const action = ringActionAt(number.route, path);
    return action ? ringSpecOf(action) : null;
  }

  /** `talkSeconds`: the bridge lasted that long and ended now (a late or lost answer callback must not make it 0). */
  async function answered(callSid: string, repId: string | null, talkSeconds: number): Promise<void> {
    if (!repId) return;
    const answeredAt = new Date(deps.now().getTime() - talkSeconds * 1000);
    if (await claimAnswer(db, callSid, repId, answeredAt)) await moveToBack(db, repId);
  }

  return new Hono<TwilioWebhookEnv>()
    .post(
      TWILIO_PATHS.voice.replace('/twilio', ''),
      voiceHandler(deps, async (c, params) => {
        const number = await numberFor(c, params);
        if (number instanceof Response) return number;
        await startInboundCall(db, { callSid: params.CallSid ?? '', from: params.From ?? '', to: number.number, label: number.label || null, now: deps.now() });
        const ctx = contextOf(number);
        if (number.route.type === 'ivr') {
          await recordMenuStep(db, params.CallSid ?? '', { kind: 'menu', path: [] }, deps.now());
          return twiml(c, menuTwiml(ctx, { path: [], tries: 0, notice: null, welcome: true }));
        }
        return ring(c, params, ctx, { path: [], spec: ringSpecOf(number.route), position: null, welcome: true });
      }),
    )
    .post(
      TWILIO_PATHS.menu.replace('/twilio', ''),
      voiceHandler(deps, async (c, params) => {
        const number = await numberFor(c, params);
        if (number instanceof Response) return number;
        const ctx = contextOf(number);
        if (number.route.type !== 'ivr') {
          return ring(c, params, ctx, { path: [], spec: ringSpecOf(number.route), position: null, welcome: false });
        }
        const decision = decideMenuInput(number.route, parseMenuState(c.req.query()), params.Digits);
        await recordMenuStep(db, params.CallSid ?? '', decision, deps.now());
        switch (decision.kind) {
          case 'menu':
            return twiml(c, menuTwiml(ctx, { ...decision, welcome: false }));
          case 'ring':
            await setIvrPath(db, params.CallSid ?? '', pathLabels(number.route, decision.path));
            return ring(c, params, ctx, { path: decision.path, spec: ringSpecOf(decision.action), position: null, welcome: false });
          case 'give-up':
            await settleCall(db, params.CallSid ?? '', 'missed', { reason: 'invalid-input' });
            return twiml(c, unavailableTwiml(ctx, { welcome: false, voicemailPath: null }));
        }
      }),
    )
    .post(
      TWILIO_PATHS.ring.replace('/twilio', ''),
      voiceHandler(deps, async (c, params) => {
        const state = parseRingState(c.req.query());
        const callSid = params.CallSid ?? '';
        const dialStatus = params.DialCallStatus ?? '';
        if (dialStatus === 'completed' || dialStatus === 'answered') {
          // The answering rep's leg moved into the call's room, which ended this <Dial>: the caller follows.
          const join = await options.control.move.joinTwiml(callSid, CUSTOMER_LABEL);
          if (join) return twiml(c, join);
          // Bridged, then ended. Sequential rings one rep, so they answered; simultaneous: the callbacks tell.
          const answerer =
            state.dialed.length === 1 ? state.dialed[0]! : params.DialCallSid ? await repOfLeg(db, params.DialCallSid) : null;
          await answered(callSid, answerer, /^\d+$/.test(params.DialCallDuration ?? '') ? Number(params.DialCallDuration) : 0);
          await settleCall(db, callSid, 'completed');
          for (const repId of state.dialed) await clearOnCall(db, repId, callSid);
          return twiml(c, hangupTwiml());
        }
        if (params.CallStatus === 'completed' || !DIAL_FINAL.has(dialStatus)) {
          // The caller hung up while it rang: nothing left to say.
          await settleCall(db, callSid, 'missed', { reason: 'caller-hung-up' });
          return twiml(c, emptyTwiml());
        }
        const number = await numberFor(c, params);
        if (number instanceof Response) return number;
        const ctx = contextOf(number);
        const spec = specAt(number, state.path);
        if (!spec) {
          // The configuration changed under the call: the ring action is gone.
          await settleCall(db, callSid, 'missed', { reason: 'no-answer' });
          return twiml(c, unavailableTwiml(ctx, { welcome: false, voicemailPath: state.path }));
        }
        return ring(c, params, ctx, { path: state.path, spec, position: state, welcome: false });
      }),
    )
    .post(
      TWILIO_PATHS.voicemail.replace('/twilio', ''),
      voiceHandler(deps, async (c, params) => {
        const callSid = params.CallSid ?? '';
        const { RecordingSid: recordingSid, RecordingUrl: url } = params;
        if (recordingSid && url) {
          const at = deps.now();
          // The message, the call's outcome and its delivery to the CRM commit together. The media is
          // ready once the recording callback says `completed`; until then the delivery waits.
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
            await enqueueCallDelivery(trx, { callSid, kind: 'attach-recording', payload: { recordingSid }, now: at });
          });
          options.onCrmDelivery?.();
        }
        return twiml(c, hangupTwiml());
      }),
    )
    .post(
      TWILIO_PATHS.fallback.replace('/twilio', ''),
      voiceHandler(deps, async (c, params) => {
        // Twilio's fallback after our Voice URL failed: only apologise (in the number's language).
        logger(c, deps).error({ callSid: params.CallSid, errorCode: params.ErrorCode, errorUrl: params.ErrorUrl }, 'Twilio used the fallback URL');
        const number = params.To ? await findIncomingNumber(db, params.To) : null;
        if (!number) return apologise(deps, c, params);
        return twiml(c, unavailableTwiml(contextOf(number), { welcome: false, voicemailPath: null }));
      }),
    );
}
