import type { Context, MiddlewareHandler } from 'hono';
import twilio from 'twilio';
import type { Logger } from '../logger.ts';

/** The form parameters of a verified webhook (first value of each key). */
export type TwilioParams = Record<string, string>;

export interface TwilioWebhookEnv {
  Variables: {
    twilioParams: TwilioParams;
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

/**
 * Twilio's webhooks carry a few dozen parameters (a status callback about 40). A body with more is
 * not Twilio's, and is refused before it is parsed. The body's size is bounded before it is read
 * (server/http/body-limit.ts).
 */
export const MAX_FORM_PARAMETERS = 500;

/** How many `key=value` pairs a form body holds, counting no further than `limit + 1`. */
function pairCount(body: string, limit: number): number {
  if (body === '') return 0;
  let count = 1;
  for (let at = body.indexOf('&'); at !== -1 && count <= limit; at = body.indexOf('&', at + 1)) count++;
  return count;
}

/**
 * The WHATWG form parser (URLSearchParams, linear). Repeated keys stay lists for the validator, as
 * twilio-node expects, each value appended in place; handlers get the first value.
 */
function formParams(body: string): { forSignature: Record<string, string | string[]>; first: TwilioParams } {
  const all = new Map<string, string[]>();
  for (const [key, value] of new URLSearchParams(body)) {
    const values = all.get(key);
    if (values) values.push(value);
    else all.set(key, [value]);
  }
  const forSignature: Record<string, string | string[]> = Object.create(null);
  const first: TwilioParams = Object.create(null);
  for (const [key, values] of all) {
    forSignature[key] = values.length === 1 ? values[0]! : values;
    first[key] = values[0]!;
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
    const log = options.logger;
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
    if (pairCount(body, MAX_FORM_PARAMETERS) > MAX_FORM_PARAMETERS) {
      log.warn({ bytes: body.length }, 'Twilio webhook refused: too many form parameters');
      return c.text('Twilio request validation failed.', 403);
    }
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
