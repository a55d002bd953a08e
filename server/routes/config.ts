import { Hono } from 'hono';
import { requireAdmin } from '../http/auth.ts';
import { readRawJson } from '../http/body.ts';
import type { AppDeps, AppEnv } from '../http/deps.ts';
import { readMaskedConfig, savePhoneConfig } from '../services/phone-config-service.ts';

/** The whole phone configuration: the options page's export/import and backups. Admins only. */
export function configRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .use(requireAdmin(deps))
    .get('/', async (c) => c.json(await readMaskedConfig(deps)))
    .put('/', async (c) => c.json(await savePhoneConfig(deps, await readRawJson(c), c.get('user'), c.get('sessionToken'))));
}
