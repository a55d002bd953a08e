import { Hono } from 'hono';
import { requireUser } from '../http/auth.ts';
import type { AppDeps, AppEnv } from '../http/deps.ts';
import { findOutgoingAssignment } from '../store/phone-config-store.ts';
import { getPresence } from '../store/presence.ts';
import { toPublicUser } from '../store/users.ts';

export function meRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get('/', requireUser(deps), async (c) => {
    const user = c.get('user');
    const [assignment, presence] = await Promise.all([
      findOutgoingAssignment(deps.store.db, user.id),
      getPresence(deps.store.db, user.id, deps.now()),
    ]);
    return c.json({
      user: toPublicUser(user),
      outgoingNumber: assignment?.number ?? null,
      presence: { available: presence.available, onCall: presence.status === 'on-call' },
    });
  });
}
