import { Hono } from 'hono';
import { z } from 'zod';
import { requireAdmin } from '../../http/auth.ts';
import { readJson } from '../../http/body.ts';
import type { AppDeps, AppEnv } from '../../http/deps.ts';
import { fixSetupProblem, runSetupCheck } from '../../services/setup-check-service.ts';

/** `/api/twilio/setup-check`: is everything still wired up, and one-click repairs. */
export function setupCheckRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .use(requireAdmin(deps))
    .get('/', async (c) => c.json(await runSetupCheck(deps)))
    .post('/fix', async (c) => {
      // `confirm`: the admin agreed to take over a number that answers elsewhere (the 409's question).
      const { id, confirm } = await readJson(c, z.object({ id: z.string().min(1).max(200), confirm: z.boolean().default(false) }));
      return c.json(await fixSetupProblem(deps, id, { confirm }));
    });
}
