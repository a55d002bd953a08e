import { Hono } from 'hono';
import type { AppDeps } from '../../http/deps.ts';
import { unstorableUrlText } from '../../http/url-guard.ts';
import { verifyTwilioSignature, type TwilioWebhookEnv } from '../../twilio/signature.ts';
import { mayFreeRep } from '../../voice/line-pacing.ts';
import { callbackRoutes } from './callbacks.ts';
import { cachedTwilioCredentials } from './credentials.ts';
import { incomingVoiceRoutes, type LookupCaller } from './incoming.ts';
import { outgoingVoiceRoutes } from './outgoing.ts';
import { apologise, type TwilioContext } from './respond.ts';
import { conferenceMediaFallback, roomRoutes } from './room.ts';
import type { CallControl } from '../../services/call-control/index.ts';
import type { TwilioRecordings } from '../../crm/twilio-recordings.ts';

export interface TwilioRouteOptions {
  /** Conference-based call control: moves answered calls into rooms and follows them there. */
  control: CallControl;
  /** "Who is calling" for the incoming-call card (the CRM's caller lookup). */
  lookupCaller?: LookupCaller;
  /** Called after a CRM delivery was queued (wakes the outbox worker). */
  onCrmDelivery?: () => void;
  /** Called after a request that may have freed a rep (wakes the waiting line's pacer). */
  onRepMayBeFree?: () => void;
  /** The Twilio account's recordings (CrmRuntime.twilioRecordings): a ring recording not the call's is deleted at once. */
  twilioRecordings: () => Promise<TwilioRecordings | null>;
}

/**
 * Everything Twilio calls, mounted at `/twilio`. Every request is signature-checked before any
 * handler runs; every voice answer is TwiML, never a 5xx.
 */
export function twilioRoutes(deps: AppDeps, options: TwilioRouteOptions) {
  const credentials = cachedTwilioCredentials(deps);
  // Hold music must stay hold music (a HoldUrl may not hang up); every other voice webhook apologises.
  const unavailable = (c: TwilioContext) => conferenceMediaFallback(c) ?? apologise(deps, c);
  const app = new Hono<TwilioWebhookEnv>();
  app.use(
    '*',
    verifyTwilioSignature({
      publicUrl: deps.publicUrl,
      getTwilioAuth: async () => {
        const account = await credentials();
        return account ? { accountSid: account.accountSid, authToken: account.authToken } : null;
      },
      logger: deps.logger,
      onUnavailable: (c) => unavailable(c as TwilioContext),
    }),
  );
  // A URL Twilio never builds (text the database cannot store): nothing is handled, answered as a failed webhook is.
  app.use('*', async (c, next) => {
    const problems = unstorableUrlText(c);
    if (problems.length === 0) return next();
    deps.logger.warn({ problems: problems.map((problem) => problem.path) }, 'Twilio webhook refused: its URL holds text the database cannot store');
    return conferenceMediaFallback(c) ?? apologise(deps, c, c.get('twilioParams'));
  });
  // A rep who may have become free is offered to the next caller in line at once, not at the pacer's next pass.
  app.use('*', async (c, next) => {
    await next();
    if (options.onRepMayBeFree && mayFreeRep(c.req.path, c.get('twilioParams'))) options.onRepMayBeFree();
  });
  app.route('/', incomingVoiceRoutes(deps, options));
  app.route('/', outgoingVoiceRoutes(deps, options));
  app.route('/', callbackRoutes(deps, options));
  app.route('/', roomRoutes(deps, options.control));
  app.onError((error, c) => {
    deps.logger.error({ err: error, path: c.req.path }, 'Twilio webhook failed');
    return unavailable(c);
  });
  return app;
}
