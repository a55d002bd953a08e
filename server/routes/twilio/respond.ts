import type { Context, Handler } from 'hono';
import type { AppDeps } from '../../http/deps.ts';
import type { Language } from '../../phone-config/schema.ts';
import { findIncomingNumber } from '../../store/phone-config-store.ts';
import type { TwilioParams, TwilioWebhookEnv } from '../../twilio/signature.ts';
import { parseLanguage } from '../../voice/flow-state.ts';
import { apologyTwiml } from '../../voice/incoming-twiml.ts';

export type TwilioContext = Context<TwilioWebhookEnv>;

export function twiml(c: Context, xml: string): Response {
  return c.body(xml, 200, { 'Content-Type': 'text/xml; charset=utf-8' });
}

/**
 * The language to apologise in: the action URL's `l` when present, else the called number's (which
 * needs the database, so it may fail too), else null (Japanese, then English).
 */
async function apologyLanguage(deps: AppDeps, c: TwilioContext, params: TwilioParams | undefined): Promise<Language | null> {
  const fromQuery = parseLanguage(c.req.query());
  if (fromQuery) return fromQuery;
  try {
    const number = params?.To ? await findIncomingNumber(deps.store.db, params.To) : null;
    return number?.voice.language ?? null;
  } catch {
    return null;
  }
}

export async function apologise(deps: AppDeps, c: TwilioContext, params?: TwilioParams): Promise<Response> {
  return twiml(c, apologyTwiml(await apologyLanguage(deps, c, params), deps.publicUrl ?? ''));
}

/**
 * Never a 5xx to Twilio (it would play "an application error has occurred"): whatever throws, the
 * caller hears the unavailable message and the error is logged.
 */
export function voiceHandler(deps: AppDeps, handle: (c: TwilioContext, params: TwilioParams) => Promise<Response>): Handler<TwilioWebhookEnv> {
  return async (c) => {
    const params = c.get('twilioParams');
    try {
      return await handle(c, params);
    } catch (error) {
      deps.logger.error({ err: error, path: c.req.path, callSid: params.CallSid }, 'voice webhook failed; apologising to the caller');
      return apologise(deps, c, params);
    }
  };
}

/** Status and recording callbacks: Twilio ignores the body; a failure is logged and answered 200 (a retry would not help). */
export function callbackHandler(deps: AppDeps, handle: (c: TwilioContext, params: TwilioParams) => Promise<void>): Handler<TwilioWebhookEnv> {
  return async (c) => {
    const params = c.get('twilioParams');
    try {
      await handle(c, params);
    } catch (error) {
      deps.logger.error({ err: error, path: c.req.path, callSid: params.CallSid }, 'Twilio callback could not be recorded');
    }
    return twiml(c, '<?xml version="1.0" encoding="UTF-8"?><Response/>');
  };
}
