import { startInboundCall } from '../../../store/calls.ts';
import { recordMenuStep } from '../../../store/ivr-steps.ts';
import type { TwilioParams } from '../../../twilio/signature.ts';
import { menuTwiml } from '../../../voice/incoming-twiml.ts';
import { twiml, type TwilioContext } from '../respond.ts';
import { closed, closedAsAWhole, hoursNow } from './closed.ts';
import { ring } from './ring.ts';
import { ringSpecOf, type Stage } from './stage.ts';

/** `POST /voice`: a call to one of our numbers. Logged, then closed, the IVR's menu, or straight to ringing. */
export async function answer(stage: Stage, c: TwilioContext, params: TwilioParams): Promise<Response> {
  const number = await stage.numberFor(c, params);
  if (number instanceof Response) return number;
  await startInboundCall(stage.deps.store.db, { callSid: params.CallSid ?? '', from: params.From ?? '', to: number.number, label: number.label || null, now: stage.deps.now() });
  const ctx = stage.contextOf(number);
  const verdict = await hoursNow(stage, number, params);
  if (closedAsAWhole(number, verdict)) return closed(stage, c, params, ctx);
  if (number.route.type === 'ivr') {
    await recordMenuStep(stage.deps.store.db, params.CallSid ?? '', { kind: 'menu', path: [] }, stage.deps.now());
    return twiml(c, menuTwiml(ctx, { path: [], tries: 0, notice: null, welcome: true, closed: !verdict.open }));
  }
  const line = number.route.queue?.enabled ? number.route.queue : null;
  return ring(stage, c, params, ctx, { path: [], spec: ringSpecOf(number.route), position: null, welcome: true, line, fromLine: null });
}
