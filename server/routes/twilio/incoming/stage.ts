import type { AppDeps } from '../../../http/deps.ts';
import type { WaitingLineSettings } from '../../../phone-config/hours-schema.ts';
import { orgCallLanguage } from '../../../phone-config/defaults.ts';
import type { IncomingNumber, RingAction, Route } from '../../../phone-config/schema.ts';
import type { CallControl } from '../../../services/call-control/index.ts';
import { settleCall, startInboundCall } from '../../../store/calls.ts';
import { cachedIncomingNumber } from '../../../store/incoming-number-cache.ts';
import { loadSettings } from '../../../store/phone-config-store.ts';
import type { TwilioParams } from '../../../twilio/signature.ts';
import { notInServiceTwiml, type IncomingContext } from '../../../voice/incoming-twiml.ts';
import { PREVIEW_AT_PARAM } from '../../../voice/flow-state.ts';
import { ringActionAt } from '../../../voice/ivr.ts';
import type { RingSpec } from '../../../voice/ring-plan.ts';
import { speakerFor, speakerForLanguage } from '../../../voice/speech.ts';
import { twiml, type TwilioContext } from '../respond.ts';

/**
 * What every stage of an incoming call shares: the number called, the number's voice, the caller
 * lookup, and the moment the call happens (the preview may ask "as if it were" another time).
 */

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

export interface Stage {
  deps: AppDeps;
  options: IncomingVoiceOptions;
  publicUrl: string;
  /** The number, or the "not in service" answer (the call is logged as failed). */
  numberFor(c: TwilioContext, params: TwilioParams): Promise<IncomingNumber | Response>;
  contextOf(number: IncomingNumber): IncomingContext;
  /** When this request happens, for business hours and the waiting line. */
  momentOf(params: TwilioParams): Date;
  timeZone(): Promise<string>;
  /** A CRM that fails must never keep the call from ringing: the card just goes without the match. */
  lookUp(c: TwilioContext, from: string, callSid: string): Promise<Record<string, unknown> | null>;
}

export function ringSpecOf(action: RingAction | Extract<Route, { type: 'ring' }>): RingSpec {
  return {
    strategy: action.strategy,
    users: action.users,
    ringSeconds: action.ringSeconds,
    cycles: 'repeat' in action ? (action.repeat ? 2 : 1) : action.cycles,
  };
}

/** The ring action a ring URL belongs to: the IVR item at its path, or the number's direct route. */
export function ringActionOf(number: IncomingNumber, path: number[]): { spec: RingSpec; line: WaitingLineSettings | null } | null {
  const action = number.route.type === 'ring' ? (path.length === 0 ? number.route : null) : ringActionAt(number.route, path);
  if (!action) return null;
  return { spec: ringSpecOf(action), line: action.queue?.enabled ? action.queue : null };
}

export function createStage(deps: AppDeps, options: IncomingVoiceOptions): Stage {
  const { db } = deps.store;
  const publicUrl = deps.publicUrl ?? '';
  return {
    deps,
    options,
    publicUrl,
    async numberFor(c, params) {
      const number = params.To ? await cachedIncomingNumber(db, params.To) : null;
      if (number && number.enabled !== false) return number;
      const settings = await loadSettings(db).catch(() => ({ defaultCountry: 'JP' }));
      const speaker = speakerForLanguage(orgCallLanguage(settings), publicUrl);
      deps.logger.warn({ to: params.To, callSid: params.CallSid }, 'call to a number that is not in service');
      if (params.CallSid) {
        await startInboundCall(db, { callSid: params.CallSid, from: params.From ?? '', to: params.To ?? '', label: null, now: deps.now() });
        await settleCall(db, params.CallSid, 'failed', { reason: 'not-in-service' });
      }
      return twiml(c, notInServiceTwiml(speaker));
    },
    contextOf: (number) => ({ publicUrl, number, speaker: speakerFor(number, publicUrl) }),
    momentOf(params) {
      const asked = params[PREVIEW_AT_PARAM] ? new Date(params[PREVIEW_AT_PARAM]) : null;
      return asked && !Number.isNaN(asked.getTime()) ? asked : deps.now();
    },
    async timeZone() {
      return (await loadSettings(db)).timeZone;
    },
    async lookUp(c, from, callSid) {
      if (!options.lookupCaller || !from) return null;
      try {
        return await options.lookupCaller(from, callSid);
      } catch (error) {
        deps.logger.warn({ err: error, callSid }, 'caller lookup failed; ringing without the CRM match');
        return null;
      }
    },
  };
}
