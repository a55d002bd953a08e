import { Hono } from 'hono';
import { z } from 'zod';
import { requireAdmin, requireUser } from '../http/auth.ts';
import { readJson } from '../http/body.ts';
import type { AppDeps, AppEnv } from '../http/deps.ts';
import { listPresence, ringOrderOf, setAvailability } from '../store/presence.ts';
import { listUsers } from '../store/users.ts';

const presenceBody = z.object({ available: z.boolean() });

export function presenceRoutes(deps: AppDeps) {
  const { db } = deps.store;
  return new Hono<AppEnv>()
    .post('/', requireUser(deps), async (c) => {
      const { available } = await readJson(c, presenceBody);
      const now = deps.now();
      const mine = await setAvailability(db, c.get('user').id, available, now);
      const order = ringOrderOf(await listPresence(db, now));
      return c.json({
        available: mine.available,
        onlineSince: mine.since?.toISOString() ?? null,
        // 1-based place in the sequential ring order, null while offline.
        order: mine.available ? order.indexOf(mine.userId) + 1 : null,
      });
    })
    .get('/', requireAdmin(deps), async (c) => {
      const now = deps.now();
      const [users, views] = await Promise.all([listUsers(db), listPresence(db, now)]);
      const byUser = new Map(views.map((view) => [view.userId, view]));
      return c.json({
        reps: users
          .filter((user) => user.active)
          .map((user) => {
            const view = byUser.get(user.id);
            return {
              id: user.id,
              name: user.name,
              role: user.role,
              status: view?.status ?? 'offline',
              since: view?.since?.toISOString() ?? null,
            };
          }),
        ringOrder: ringOrderOf(views),
      });
    });
}
