import { Hono } from 'hono';
import { requireAdmin } from '../../http/auth.ts';
import type { AppDeps, AppEnv } from '../../http/deps.ts';
import { listAccountCallerIds } from '../../services/caller-id-service.ts';

/** `/api/twilio/caller-ids`: the numbers outgoing calls may show, for the outgoing-number picker. */
export function callerIdsRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .use(requireAdmin(deps))
    .get('/', async (c) => c.json({ callerIds: await listAccountCallerIds(deps) }));
}
