import { Hono } from 'hono';
import { z } from 'zod';
import { requireUser } from '../http/auth.ts';
import { readJson } from '../http/body.ts';
import type { AppDeps, AppEnv } from '../http/deps.ts';
import { respondWith } from '../http/errors.ts';
import { clientAddress, compileTrustProxy } from '../security/client-address.ts';
import { verifyPassword } from '../security/passwords.ts';
import { clearRateLimit, giveBackRateLimitHit, hitRateLimit, type RateLimitRule } from '../security/rate-limit.ts';
import { SlowdownQueues, type SlowdownQueueLimits } from '../security/slowdown-queues.ts';
import { setAvailability } from '../store/presence.ts';
import { sessionCacheOf } from '../store/session-cache.ts';
import { createSession, revokeSession } from '../store/sessions.ts';
import { findUserByEmail, toPublicUser } from '../store/users.ts';

// Five failures lock an account for the rest of a 15-minute window. An address that fails often
// (one trying many accounts) is slowed down rather than refused: behind a proxy that TRUST_PROXY
// does not describe, every client shares the proxy's address, and a refusal would lock everyone out.
// Every attempt is counted before its password is checked, so parallel attempts cannot slip past the
// limit; a success takes its count back. Counters live in the database, shared by every instance.
export const LOGIN_LIMITS = {
  perAccount: { limit: 5, windowSeconds: 15 * 60 },
  perAddress: { limit: 20, windowSeconds: 15 * 60 },
} satisfies Record<string, RateLimitRule>;

/** Past the per-address limit each attempt waits 1 s, doubling with every further one, at most 10 s. */
export const ADDRESS_SLOWDOWN = { firstMs: 1_000, maxMs: 10_000 } as const;

/**
 * Slowed attempts from one address wait in line, each after the one before (parallel guesses gain
 * nothing). At most 5 wait per address (under a minute at 10 s each), from at most 1,000 addresses
 * at once: each is a request held open. Beyond, the attempt is refused with Retry-After. The lines
 * are per instance: behind N instances an address gets at most N guesses per delay.
 */
export const ADDRESS_SLOWDOWN_QUEUES = { maxAddresses: 1_000, maxQueuedPerAddress: 5 } as const satisfies SlowdownQueueLimits;

export function addressSlowdownMs(hits: number): number {
  const over = hits - LOGIN_LIMITS.perAddress.limit;
  if (over <= 0) return 0;
  return Math.min(ADDRESS_SLOWDOWN.maxMs, ADDRESS_SLOWDOWN.firstMs * 2 ** Math.min(over - 1, 16));
}

const loginBody = z.object({ email: z.string().trim().min(1).max(320), password: z.string().min(1).max(1024) });

export function authRoutes(deps: AppDeps) {
  const { db } = deps.store;
  const trust = compileTrustProxy(deps.trustProxy ?? null);
  const slowdowns = new SlowdownQueues(ADDRESS_SLOWDOWN_QUEUES, deps.sleep);
  return new Hono<AppEnv>()
    .post('/login', async (c) => {
      const { email, password } = await readJson(c, loginBody);
      const now = deps.now();
      const accountKey = `login:account:${email.toLowerCase()}`;
      const addressKey = `login:address:${clientAddress(c, trust)}`;
      const account = await hitRateLimit(db, accountKey, LOGIN_LIMITS.perAccount, now);
      if (!account.allowed) {
        c.header('Retry-After', String(account.retryAfterSeconds));
        return respondWith(c, 'too_many_attempts', { retryAfterMinutes: Math.ceil(account.retryAfterSeconds / 60) });
      }
      const address = await hitRateLimit(db, addressKey, LOGIN_LIMITS.perAddress, now);
      const delayMs = addressSlowdownMs(address.hits);
      if (delayMs > 0) {
        deps.logger.warn({ event: 'login_slowed', hits: address.hits, delayMs }, 'many failed sign-ins from one address');
        const turn = await slowdowns.wait(addressKey, delayMs);
        if (!turn.waited) {
          // No password was checked: the attempt counts for nothing.
          await giveBackRateLimitHit(db, accountKey, LOGIN_LIMITS.perAccount, now);
          await giveBackRateLimitHit(db, addressKey, LOGIN_LIMITS.perAddress, now);
          const retryAfterSeconds = Math.max(1, Math.ceil(turn.retryAfterMs / 1000));
          c.header('Retry-After', String(retryAfterSeconds));
          return respondWith(c, 'rate_limited', { retryAfterSeconds });
        }
      }
      const user = await findUserByEmail(db, email);
      const valid = await verifyPassword(password, user?.active ? user.password_hash : null);
      if (!user || !valid) {
        deps.logger.info({ event: 'login_failed' }, 'sign-in failed');
        return respondWith(c, 'invalid_credentials');
      }
      await clearRateLimit(db, accountKey);
      await giveBackRateLimitHit(db, addressKey, LOGIN_LIMITS.perAddress, now);
      const token = await createSession(db, user.id, now);
      deps.logger.info({ event: 'login', userId: user.id }, 'signed in');
      return c.json({ token, user: toPublicUser(user) });
    })
    .post('/logout', requireUser(deps), async (c) => {
      await revokeSession(db, c.get('sessionToken'));
      sessionCacheOf(deps.store).forgetUser(c.get('user').id);
      // Signing out must stop this rep from being rung.
      await setAvailability(db, c.get('user').id, false, deps.now());
      return c.body(null, 204);
    });
}
