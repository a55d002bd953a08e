import { setIvrPath, settleCall } from '../../../store/calls.ts';
import { recordMenuStep } from '../../../store/ivr-steps.ts';
import type { TwilioParams } from '../../../twilio/signature.ts';
import { parseMenuState } from '../../../voice/flow-state.ts';
import { menuTwiml, unavailableTwiml } from '../../../voice/incoming-twiml.ts';
import { decideMenuInput, offeredAt, pathLabels } from '../../../voice/ivr.ts';
import { twiml, type TwilioContext } from '../respond.ts';
import { closed, hoursNow } from './closed.ts';
import { ring } from './ring.ts';
import { ringSpecOf, type Stage } from './stage.ts';

/** `POST /voice/menu`: a key pressed (or none) in the IVR. An item offered in hours only is closed outside them. */
export async function menu(stage: Stage, c: TwilioContext, params: TwilioParams): Promise<Response> {
  const { db } = stage.deps.store;
  const number = await stage.numberFor(c, params);
  if (number instanceof Response) return number;
  const ctx = stage.contextOf(number);
  const route = number.route;
  if (route.type !== 'ivr') {
    const line = route.queue?.enabled ? route.queue : null;
    return ring(stage, c, params, ctx, { path: [], spec: ringSpecOf(route), position: null, welcome: false, line, fromLine: null });
  }
  const open = (await hoursNow(stage, number, params)).open;
  const decision = decideMenuInput(route, parseMenuState(c.req.query()), params.Digits);
  await recordMenuStep(db, params.CallSid ?? '', decision, stage.deps.now());
  if ((decision.kind === 'menu' || decision.kind === 'ring') && !offeredAt(route, decision.path, open)) {
    await setIvrPath(db, params.CallSid ?? '', pathLabels(route, decision.path));
    return closed(stage, c, params, ctx);
  }
  switch (decision.kind) {
    case 'menu':
      return twiml(c, menuTwiml(ctx, { ...decision, welcome: false, closed: !open }));
    case 'ring': {
      await setIvrPath(db, params.CallSid ?? '', pathLabels(route, decision.path));
      const line = decision.action.queue?.enabled ? decision.action.queue : null;
      return ring(stage, c, params, ctx, { path: decision.path, spec: ringSpecOf(decision.action), position: null, welcome: false, line, fromLine: null });
    }
    case 'give-up':
      await settleCall(db, params.CallSid ?? '', 'missed', { reason: 'invalid-input' });
      return twiml(c, unavailableTwiml(ctx, { welcome: false, voicemailPath: null }));
  }
}
