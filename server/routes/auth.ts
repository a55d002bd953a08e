import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { requireUser } from '../http/auth.ts';
import { readJson } from '../http/body.ts';
import type { AppDeps, AppEnv } from '../http/deps.ts';
import { respondWith } from '../http/errors.ts';
import { verifyPassword } from '../security/passwords.ts';
import { clearRateLimit, hitRateLimit, isRateLimited, type RateLimitRule } from '../security/rate-limit.ts';
import { setAvailability } from '../store/presence.ts';
import { createSession, revokeSession } from '../store/sessions.ts';
import { findUserByEmail, toPublicUser } from '../store/users.ts';

// Repeated failures lock an account for the rest of a 15-minute window, and an address that tries
// many accounts is limited too. Counters live in the database so every instance shares them.
export const LOGIN_LIMITS = {
  perAccount: { limit: 5, windowSeconds: 15 * 60 },
  perAddress: { limit: 20, windowSeconds: 15 * 60 },
} satisfies Record<string, RateLimitRule>;

const loginBody = z.object({ email: z.string().trim().min(1).max(320), password: z.string().min(1).max(1024) });

function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export function authRoutes(deps: AppDeps) {
  const { db } = deps.store;
  return new Hono<AppEnv>()
    .post('/login', async (c) => {
      const { email, password } = await readJson(c, loginBody);
      const now = deps.now();
      const accountKey = `login:account:${email.toLowerCase()}`;
      const addressKey = `login:address:${clientAddress(c)}`;
      for (const [key, rule] of [
        [accountKey, LOGIN_LIMITS.perAccount],
        [addressKey, LOGIN_LIMITS.perAddress],
      ] as const) {
        const state = await isRateLimited(db, key, rule, now);
        if (!state.allowed) {
          c.header('Retry-After', String(state.retryAfterSeconds));
          return respondWith(c, 'too_many_attempts', { retryAfterMinutes: Math.ceil(state.retryAfterSeconds / 60) });
        }
      }
      const user = await findUserByEmail(db, email);
      const valid = await verifyPassword(password, user?.active ? user.password_hash : null);
      if (!user || !valid) {
        await hitRateLimit(db, accountKey, LOGIN_LIMITS.perAccount, now);
        await hitRateLimit(db, addressKey, LOGIN_LIMITS.perAddress, now);
        c.get('logger').info({ event: 'login_failed' }, 'sign-in failed');
        return respondWith(c, 'invalid_credentials');
      }
      await clearRateLimit(db, accountKey);
      const token = await createSession(db, user.id, now);
      c.get('logger').info({ event: 'login', userId: user.id }, 'signed in');
      return c.json({ token, user: toPublicUser(user) });
    })
    .post('/logout', requireUser(deps), async (c) => {
      await revokeSession(db, c.get('sessionToken'));
      // Signing out must stop this rep from being rung.
      await setAvailability(db, c.get('user').id, false, deps.now());
      return c.body(null, 204);
    });
}
