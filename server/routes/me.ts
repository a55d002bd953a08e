import { Hono } from 'hono';
import { z } from 'zod';
import { requireUser } from '../http/auth.ts';
import { readJson } from '../http/body.ts';
import type { AppDeps, AppEnv } from '../http/deps.ts';
import { MIN_PASSWORD_LENGTH } from '../phone-config/user-rules.ts';
import { hashPassword, verifyPassword } from '../security/passwords.ts';
import { clearRateLimit, hitRateLimit } from '../security/rate-limit.ts';
import { sessionCacheOf } from '../store/session-cache.ts';
import { revokeUserSessions } from '../store/sessions.ts';
import { apiError } from '../http/errors.ts';
import { findOutgoingAssignment } from '../store/phone-config-store.ts';
import { getPresence } from '../store/presence.ts';
import { toPublicUser } from '../store/users.ts';
import { LOGIN_LIMITS } from './auth.ts';

const passwordChange = z.object({ currentPassword: z.string().min(1).max(1024), newPassword: z.string().max(1024) });

export function meRoutes(deps: AppDeps) {
  const { db } = deps.store;
  return new Hono<AppEnv>()
    .get('/', requireUser(deps), async (c) => {
      const user = c.get('user');
      const [assignment, presence] = await Promise.all([
        findOutgoingAssignment(db, user.id),
        getPresence(db, user.id, deps.now()),
      ]);
      return c.json({
        user: toPublicUser(user),
        outgoingNumber: assignment?.number ?? null,
        presence: { available: presence.available, onCall: presence.status === 'on-call' },
      });
    })
    /**
     * Anyone signed in changes their own password with the current one (a first admin replaces the
     * generated password here). Wrong current passwords count like failed sign-ins: a stolen session
     * cannot be used to guess it.
     */
    .put('/password', requireUser(deps), async (c) => {
      const user = c.get('user');
      const { currentPassword, newPassword } = await readJson(c, passwordChange);
      const now = deps.now();
      const attempts = `login:account:${user.email.toLowerCase()}`;
      // Counted before the check, in one atomic step, as sign-ins are (routes/auth.ts).
      const limited = await hitRateLimit(db, attempts, LOGIN_LIMITS.perAccount, now);
      if (!limited.allowed) {
        c.header('Retry-After', String(limited.retryAfterSeconds));
        throw apiError('too_many_attempts', { retryAfterMinutes: Math.ceil(limited.retryAfterSeconds / 60) });
      }
      if (!(await verifyPassword(currentPassword, user.password_hash))) {
        throw apiError('wrong_password');
      }
      await clearRateLimit(db, attempts);
      if ([...newPassword].length < MIN_PASSWORD_LENGTH) {
        throw apiError('password_too_short', { min: MIN_PASSWORD_LENGTH });
      }
      const hash = await hashPassword(newPassword, deps.passwordCost);
      // A new password signs the user out everywhere else; the session that changed it stays.
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('users').set({ password_hash: hash, updated_at: now }).where('id', '=', user.id).execute();
        await revokeUserSessions(trx, user.id, { except: c.get('sessionToken') });
      });
      sessionCacheOf(deps.store).forgetUser(user.id);
      deps.logger.info({ event: 'password_changed', userId: user.id }, 'password changed');
      return c.body(null, 204);
    });
}
