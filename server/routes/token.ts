import { Hono } from 'hono';
import twilio from 'twilio';
import { requireUser } from '../http/auth.ts';
import type { AppDeps, AppEnv } from '../http/deps.ts';
import { respondWith } from '../http/errors.ts';
import { hitRateLimit, type RateLimitRule } from '../security/rate-limit.ts';
import { cachedTwilioCredentials } from './twilio/credentials.ts';

/** One hour; the Voice SDK asks for a new one shortly before it expires (`tokenWillExpire`). */
export const TOKEN_TTL_SECONDS = 3600;
/** A page reload or a few tabs need a handful; a loop must not mint thousands. */
export const TOKEN_RATE_LIMIT: RateLimitRule = { limit: 30, windowSeconds: 60 };

/**
 * `POST /api/token`: a Voice SDK Access Token for the signed-in rep. Identity = the rep's id (the
 * `<Client>` the IVR rings), signed with the API key — Twilio refuses tokens signed with the Auth Token.
 */
export function tokenRoutes(deps: AppDeps) {
  const loadCredentials = cachedTwilioCredentials(deps, {
    cacheable: (credentials) => Boolean(credentials.apiKeySid && credentials.apiKeySecret && credentials.twimlAppSid),
  });
  return new Hono<AppEnv>().post('/', requireUser(deps), async (c) => {
    const user = c.get('user');
    const limit = await hitRateLimit(deps.store.db, `token:${user.id}`, TOKEN_RATE_LIMIT, deps.now());
    if (!limit.allowed) {
      c.header('Retry-After', String(limit.retryAfterSeconds));
      return respondWith(c, 'rate_limited', { retryAfterSeconds: limit.retryAfterSeconds });
    }
    const credentials = await loadCredentials();
    if (!credentials || !credentials.apiKeySid || !credentials.apiKeySecret || !credentials.twimlAppSid) {
      return respondWith(c, 'twilio_not_configured');
    }
    const token = new twilio.jwt.AccessToken(credentials.accountSid, credentials.apiKeySid, credentials.apiKeySecret, {
      identity: user.id,
      ttl: TOKEN_TTL_SECONDS,
    });
    token.addGrant(new twilio.jwt.AccessToken.VoiceGrant({ outgoingApplicationSid: credentials.twimlAppSid, incomingAllow: true }));
    return c.json({ token: token.toJwt(), identity: user.id, ttl: TOKEN_TTL_SECONDS });
  });
}
