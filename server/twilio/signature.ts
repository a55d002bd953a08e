import type { Context, MiddlewareHandler } from 'hono';
import twilio from 'twilio';
import type { Logger } from '../logger.ts';

/** The form parameters of a verified webhook (first value of each key). */
export type TwilioParams = Record<string, string>;

export interface TwilioWebhookEnv {
  Variables: {
    twilioParams: TwilioParams;
    logger: Logger;
  };
}

export interface TwilioAuth {
  accountSid: string;
  authToken: string;
}

export interface SignatureOptions {
  /** Base URL Twilio calls (no trailing slash); null when PUBLIC_URL is not configured. */
  publicUrl: string | null;
  /** The account's Auth Token (the signing key) and SID; null when Twilio is not configured. */
  getTwilioAuth: () => Promise<TwilioAuth | null>;
  logger: Logger;
  /** What to answer when the signing key cannot be read (database down): spoken TwiML, never a 5xx. */
  onUnavailable: (c: Context) => Response | Promise<Response>;
}

/** Path and query exactly as requested, byte for byte (no URL normalisation: the signature covers them). */
export function requestedPathAndQuery(rawUrl: string): string {
  const afterScheme = rawUrl.indexOf('//');
  const pathStart = rawUrl.indexOf('/', afterScheme === -1 ? 0 : afterScheme + 2);
  return pathStart === -1 ? '/' : rawUrl.slice(pathStart);
}

/** Repeated keys stay arrays for the validator, as twilio-node expects; handlers get the first value. */
function formParams(body: string): { forSignature: Record<string, string | string[]>; first: TwilioParams } {
  const forSignature: Record<string, string | string[]> = {};
  const first: TwilioParams = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const existing = forSignature[key];
    if (existing === undefined) {
      forSignature[key] = value;
      first[key] = value;
    } else {
      forSignature[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
    }
  }
  return { forSignature, first };
}

/**
 * Verifies `X-Twilio-Signature` (HMAC-SHA1 with the Auth Token over PUBLIC_URL + path + query + the
 * sorted form parameters) with twilio-node's validator, which also accepts the `:443` and re-encoded
 * URL variants Twilio produces. A request for another account, or one that fails, gets 403 and
 * reaches no handler, so nothing is recorded. The raw body is read once, as text.
 */
export function verifyTwilioSignature(options: SignatureOptions): MiddlewareHandler<TwilioWebhookEnv> {
  return async (c, next) => {
    const log = c.get('logger') ?? options.logger;
    if (!options.publicUrl) {
      log.error('Twilio webhook refused: PUBLIC_URL is not configured, so its signature cannot be checked');
      return c.text('Twilio request validation failed.', 403);
    }
    let auth: TwilioAuth | null;
    try {
      auth = await options.getTwilioAuth();
    } catch (error) {
      log.error({ err: error }, 'Twilio webhook: could not read the Auth Token');
      return options.onUnavailable(c);
    }
    if (!auth) {
      log.error('Twilio webhook refused: the Twilio Auth Token is not configured, so its signature cannot be checked');
      return c.text('Twilio request validation failed.', 403);
    }
    const body = c.req.method === 'POST' ? await c.req.text() : '';
    const { forSignature, first } = formParams(body);
    const url = options.publicUrl + requestedPathAndQuery(c.req.url);
    const signature = c.req.header('X-Twilio-Signature') ?? '';
    if (!signature || !twilio.validateRequest(auth.authToken, signature, url, forSignature)) {
      log.warn({ url }, 'Twilio webhook refused: invalid signature');
      return c.text('Twilio request validation failed.', 403);
    }
    if (first.AccountSid !== auth.accountSid) {
      log.warn({ accountSid: first.AccountSid }, 'Twilio webhook refused: another account');
      return c.text('Twilio request validation failed.', 403);
    }
    c.set('twilioParams', first);
    await next();
  };
}
