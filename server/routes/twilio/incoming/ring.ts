import type { WaitingLineSettings } from '../../../phone-config/hours-schema.ts';
import type { Prompt } from '../../../phone-config/schema.ts';
import { addRang, claimAnswer, repOfLeg, settleCall } from '../../../store/calls.ts';
import { loadSettings } from '../../../store/phone-config-store.ts';
import { clearOnCall, moveToBack, ringOrder } from '../../../store/presence.ts';
import { joinLine, leaveLine, repsRingingFromLine, someoneWaitsFor } from '../../../store/waiting-line.ts';
import type { TwilioParams } from '../../../twilio/signature.ts';
import type { CallCard } from '../../../voice/client-card.ts';
import { parseRingState, ringUrl } from '../../../voice/flow-state.ts';
import { busyTwiml, emptyTwiml, hangupTwiml, ringTwiml, unavailableTwiml, type IncomingContext } from '../../../voice/incoming-twiml.ts';
import { pathLabels } from '../../../voice/ivr.ts';
import { nextRingStep, type RingPosition, type RingSpec, type RingStep } from '../../../voice/ring-plan.ts';
import { recordingNoticeFor } from '../../../voice/recording-notice.ts';
import { CUSTOMER_LABEL } from '../../../voice/room.ts';
import { heldAsBusy, type LineRing } from '../../../voice/waiting-line.ts';
import { twiml, type TwilioContext } from '../respond.ts';
import { ringOnFromLine, waitTurn } from './queue.ts';
import { ringActionOf, type Stage } from './stage.ts';

/**
 * The ring stage: the next `<Dial>` of the ring plan (docs/call-flow.md, "Ring phase"), and what
 * follows a `<Dial>` (answered: into the room; nobody: the next step of the plan). A ring action with
 * a waiting line sends callers into the line when everyone is busy (or others already wait; a rep
 * being rung for a caller from the line counts as busy); the line itself decides whom a caller from
 * it rings next, or sends them back to their place (queue.ts).
 */

export interface RingAt {
  path: number[];
  spec: RingSpec;
  position: RingPosition | null;
  welcome: boolean;
  /** The ring action's waiting line, when switched on. */
  line: WaitingLineSettings | null;
  /** Rung from the waiting line: this `<Dial>`, its reps claimed for this caller (queue.ts). */
  fromLine: LineRing | null;
  /** The recording notice, when this TwiML is the caller's first of the ring stage (ring() decides it). */
  notice?: Prompt | null;
}

const DIAL_FINAL = new Set(['busy', 'no-answer', 'failed', 'canceled']);

export async function ring(stage: Stage, c: TwilioContext, params: TwilioParams, ctx: IncomingContext, at: RingAt): Promise<Response> {
  if (at.fromLine) return dial(stage, c, params, ctx, at, at.fromLine);
  const { db } = stage.deps.store;
  const callSid = params.CallSid ?? '';
  const now = stage.momentOf(params);
  const presence = await ringOrder(db, { userIds: at.spec.users, now: stage.deps.now() });
  const free = heldAsBusy(presence, await repsRingingFromLine(db, callSid));
  // Once, on the way in from the welcome or the menu: later steps of the plan come after it.
  const notice = at.position === null && ctx.number.record ? await recordingNotice(stage, ctx, callSid) : null;

  if (at.line && at.position === null) {
    const first = nextRingStep(at.spec, free, null);
    const busy = first.kind === 'busy' || (first.kind === 'dial' && (await someoneWaitsFor(db, at.spec.users)));
    if (busy) {
      await joinLine(db, {
        callSid,
        number: ctx.number.number,
        path: at.path,
        language: ctx.speaker.language,
        users: at.spec.users,
        priority: at.line.priority,
        announceSeconds: at.line.announceSeconds,
        maxWaitSeconds: at.line.maxWaitSeconds,
        now,
      });
      return waitTurn(stage, c, params, ctx, (entry) => ring(stage, c, params, ctx, entry), at.welcome, notice);
    }
  }

  const step = nextRingStep(at.spec, free, at.position);
  switch (step.kind) {
    case 'dial':
      return dial(stage, c, params, ctx, { ...at, notice }, step);
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

/** The recording notice of a recorded number; whatever fails here, the call rings on without it (logged). */
async function recordingNotice(stage: Stage, ctx: IncomingContext, callSid: string): Promise<Prompt | null> {
  try {
    return recordingNoticeFor(await loadSettings(stage.deps.store.db), true, ctx.speaker.language);
  } catch (error) {
    stage.deps.logger.error({ err: error, callSid }, 'could not read the recording notice; ringing without it');
    return null;
  }
}

/** One `<Dial>` of the ring plan, with the incoming-call card. */
async function dial(stage: Stage, c: TwilioContext, params: TwilioParams, ctx: IncomingContext, at: RingAt, step: Extract<RingStep, { kind: 'dial' }>): Promise<Response> {
  const callSid = params.CallSid ?? '';
  await addRang(stage.deps.store.db, callSid, step.clients);
  const card: CallCard = {
    parentCallSid: callSid,
    from: params.From ?? '',
    calledNumber: ctx.number.number,
    calledLabel: ctx.number.label,
    ivrPath: pathLabels(ctx.number.route, at.path),
    crmMatch: await stage.lookUp(c, params.From ?? '', callSid),
  };
  const next = { language: ctx.speaker.language, path: at.path, ...step.next, dialed: step.clients, fromLine: at.fromLine !== null };
  return twiml(c, ringTwiml(ctx, { welcome: at.welcome, clients: step.clients, timeout: step.timeout, next, card, actionUrl: ringUrl(stage.publicUrl, next), notice: at.notice ?? null }));
}

/** `talkSeconds`: the bridge lasted that long and ended now (a late or lost answer callback must not make it 0). */
async function answered(stage: Stage, callSid: string, repId: string | null, talkSeconds: number): Promise<void> {
  if (!repId) return;
  const { db } = stage.deps.store;
  const answeredAt = new Date(stage.deps.now().getTime() - talkSeconds * 1000);
  if (await claimAnswer(db, callSid, repId, answeredAt)) await moveToBack(db, repId);
}

/** `POST /voice/ring`: a `<Dial>` of the ring plan ended. */
export async function afterDial(stage: Stage, c: TwilioContext, params: TwilioParams): Promise<Response> {
  const { db } = stage.deps.store;
  const state = parseRingState(c.req.query());
  const callSid = params.CallSid ?? '';
  const dialStatus = params.DialCallStatus ?? '';
  if (dialStatus === 'completed' || dialStatus === 'answered') {
    if (state.fromLine) await leaveLine(db, callSid, 'answered', stage.deps.now());
    // The answering rep's leg moved into the call's room, which ended this <Dial>: the caller follows.
    const join = await stage.options.control.move.joinTwiml(callSid, CUSTOMER_LABEL);
    if (join) return twiml(c, join);
    // Bridged, then ended. Sequential rings one rep, so they answered; simultaneous: the callbacks tell.
    const answerer = state.dialed.length === 1 ? state.dialed[0]! : params.DialCallSid ? await repOfLeg(db, params.DialCallSid) : null;
    await answered(stage, callSid, answerer, /^\d+$/.test(params.DialCallDuration ?? '') ? Number(params.DialCallDuration) : 0);
    await settleCall(db, callSid, 'completed');
    for (const repId of state.dialed) await clearOnCall(db, repId, callSid);
    return twiml(c, hangupTwiml());
  }
  if (params.CallStatus === 'completed' || !DIAL_FINAL.has(dialStatus)) {
    // The caller hung up while it rang: nothing left to say.
    await leaveLine(db, callSid, 'hung-up', stage.deps.now());
    await settleCall(db, callSid, 'missed', { reason: 'caller-hung-up' });
    return twiml(c, emptyTwiml());
  }
  const number = await stage.numberFor(c, params);
  if (number instanceof Response) return number;
  const ctx = stage.contextOf(number);
  const action = ringActionOf(number, state.path);
  if (!action) {
    // The configuration changed under the call: the ring action is gone.
    await leaveLine(db, callSid, 'unavailable', stage.deps.now());
    await settleCall(db, callSid, 'missed', { reason: 'no-answer' });
    return twiml(c, unavailableTwiml(ctx, { welcome: false, voicemailPath: state.path }));
  }
  const at = { path: state.path, spec: action.spec, position: state, line: action.line };
  if (state.fromLine) return ringOnFromLine(stage, c, params, ctx, at, (next) => ring(stage, c, params, ctx, next));
  return ring(stage, c, params, ctx, { ...at, welcome: false, fromLine: null });
}
