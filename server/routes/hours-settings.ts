import { Hono } from 'hono';
import { z } from 'zod';
import { requireAdmin } from '../http/auth.ts';
import { readJson } from '../http/body.ts';
import type { AppDeps, AppEnv } from '../http/deps.ts';
import { editPhoneConfig, relativeTo } from '../services/phone-config-service.ts';
import { loadSettings } from '../store/phone-config-store.ts';

const hoursSettingsBody = z.object({ timeZone: z.unknown().optional(), followUpDueHours: z.unknown().optional() });

/**
 * `/api/settings/hours`: the org's time zone (business hours, holidays, the CRM task's due date) and
 * when a follow-up is due. Saved like every change: through the whole document's rules.
 */
export function hoursSettingsRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .use(requireAdmin(deps))
    .get('/', async (c) => {
      const { timeZone, followUpDueHours } = await loadSettings(deps.store.db);
      return c.json({ timeZone, followUpDueHours });
    })
    .put('/', async (c) => {
      const body = await readJson(c, hoursSettingsBody);
      const saved = await editPhoneConfig(
        deps,
        c.get('user'),
        (document) => {
          if (body.timeZone !== undefined) document.settings['timeZone'] = body.timeZone;
          if (body.followUpDueHours !== undefined) document.settings['followUpDueHours'] = body.followUpDueHours;
        },
        relativeTo('settings'),
      );
      return c.json({ timeZone: saved.settings.timeZone, followUpDueHours: saved.settings.followUpDueHours });
    });
}
