import { Hono } from 'hono';
import { requireAdmin } from '../http/auth.ts';
import { readRawJson } from '../http/body.ts';
import type { AppDeps, AppEnv } from '../http/deps.ts';
import { readConfigWithTag, savePhoneConfig } from '../services/phone-config-service.ts';

/**
 * The whole phone configuration: the options page's export/import and backups. Admins only.
 * GET answers an ETag; a PUT that edits what it read sends it back as If-Match and is refused with
 * 412 config_changed when another save came between. A PUT without If-Match (an import from a file,
 * which has no tag) deliberately replaces whatever is stored.
 */
export function configRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .use(requireAdmin(deps))
    .get('/', async (c) => {
      const { config, etag } = await readConfigWithTag(deps);
      c.header('ETag', etag);
      return c.json(config);
    })
    .put('/', async (c) => {
      const ifMatch = c.req.header('If-Match');
      const sessionToken = c.get('sessionToken');
      const { config, etag } = await savePhoneConfig(deps, await readRawJson(c), c.get('user'), {
        ...(sessionToken ? { actorSessionToken: sessionToken } : {}),
        ...(ifMatch !== undefined ? { ifMatch } : {}),
      });
      c.header('ETag', etag);
      return c.json(config);
    });
}
