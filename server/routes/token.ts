import type { KeyObject } from 'node:crypto';
import { Hono } from 'hono';
import { requireUser } from '../http/auth.ts';
import type { AppDeps, AppEnv } from '../http/deps.ts';
import { respondWith } from '../http/errors.ts';
import { InstanceRateLimit, type RateLimitRule } from '../security/rate-limit.ts';
import type { TwilioCredentials } from '../store/phone-config-store.ts';
import { signingKey, voiceAccessToken } from '../twilio/voice-token.ts';
import { cachedTwilioCredentials } from './twilio/credentials.ts';

/** One hour; the Voice SDK asks for a new one shortly before it expires (`tokenWillExpire`). */
export const TOKEN_TTL_SECONDS = 3600;
/**
 * A page reload or a few tabs need a handful; a loop must not mint thousands. Counted per instance
 * (InstanceRateLimit): the caller is a signed-in rep, so this stops a runaway client, not an attacker.
 */
export const TOKEN_RATE_LIMIT: RateLimitRule = { limit: 30, windowSeconds: 60 };

/**
 * `POST /api/token`: a Voice SDK Access Token for the signed-in rep. Identity = the rep's id (the
 * `<Client>` the IVR rings), signed with the API key — Twilio refuses tokens signed with the Auth Token.
 */
export function tokenRoutes(deps: AppDeps) {
  const loadCredentials = cachedTwilioCredentials(deps, {
    cacheable: (credentials) => Boolean(credentials.apiKeySid && credentials.apiKeySecret && credentials.twimlAppSid),
  });
  const tokensAsked = new InstanceRateLimit(TOKEN_RATE_LIMIT);
  const keys = new WeakMap<TwilioCredentials, KeyObject>();
  /** Made once per credentials read (they are cached for a few seconds), not once per token. */
  const keyOf = (credentials: TwilioCredentials, apiKeySecret: string) => {
    let key = keys.get(credentials);
    if (!key) keys.set(credentials, (key = signingKey(apiKeySecret)));
    return key;
  };
  return new Hono<AppEnv>().post('/', requireUser(deps), async (c) => {
    const user = c.get('user');
    const limit = tokensAsked.hit(user.id, deps.now());
    if (!limit.allowed) {
      c.header('Retry-After', String(limit.retryAfterSeconds));
      return respondWith(c, 'rate_limited', { retryAfterSeconds: limit.retryAfterSeconds });
    }
    const credentials = await loadCredentials();
    if (!credentials || !credentials.apiKeySid || !credentials.apiKeySecret || !credentials.twimlAppSid) {
      return respondWith(c, 'twilio_not_configured');
    }
    const token = voiceAccessToken({
      accountSid: credentials.accountSid,
      apiKeySid: credentials.apiKeySid,
      key: keyOf(credentials, credentials.apiKeySecret),
      twimlAppSid: credentials.twimlAppSid,
      identity: user.id,
      ttlSeconds: TOKEN_TTL_SECONDS,
    });
    return c.json({ token, identity: user.id, ttl: TOKEN_TTL_SECONDS });
  });
}
