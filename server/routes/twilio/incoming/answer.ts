import { startInboundCall } from '../../../store/calls.ts';
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
  const verdict = await hoursNow(stage, number, params);
  const isClosed = closedAsAWhole(number, verdict);
  // The caller's first menu step goes into the call's first row: one write per call instead of two
  // (a retried webhook finds the row and leaves it: a caller already deeper in the menu keeps their place).
  const inMenu = !isClosed && number.route.type === 'ivr';
  await startInboundCall(stage.deps.store.db, { callSid: params.CallSid ?? '', from: params.From ?? '', to: number.number, label: number.label || null, now: stage.deps.now(), inMenu });
  const ctx = stage.contextOf(number);
  if (isClosed) return closed(stage, c, params, ctx);
  if (number.route.type === 'ivr') {
    return twiml(c, menuTwiml(ctx, { path: [], tries: 0, notice: null, welcome: true, closed: !verdict.open }));
  }
  const line = number.route.queue?.enabled ? number.route.queue : null;
  return ring(stage, c, params, ctx, { path: [], spec: ringSpecOf(number.route), position: null, welcome: true, line, fromLine: null });
}
