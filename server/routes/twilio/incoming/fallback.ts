import { findIncomingNumber } from '../../../store/phone-config-store.ts';
import type { TwilioParams } from '../../../twilio/signature.ts';
import { unavailableTwiml } from '../../../voice/incoming-twiml.ts';
import { apologise, twiml, type TwilioContext } from '../respond.ts';
import type { Stage } from './stage.ts';

/** Twilio's fallback after our Voice URL failed: only apologise (in the number's language). */
export async function fallback(stage: Stage, c: TwilioContext, params: TwilioParams): Promise<Response> {
  stage.deps.logger.error({ callSid: params.CallSid, errorCode: params.ErrorCode, errorUrl: params.ErrorUrl }, 'Twilio used the fallback URL');
  const number = params.To ? await findIncomingNumber(stage.deps.store.db, params.To) : null;
  if (!number) return apologise(stage.deps, c, params);
  return twiml(c, unavailableTwiml(stage.contextOf(number), { welcome: false, voicemailPath: null }));
}
