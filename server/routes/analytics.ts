import { Hono } from 'hono';
import { z } from 'zod';
import { RANGE_PRESETS, type OrgView } from '../../contract/analytics.ts';
import { analyticsReport } from '../analytics/analytics-report.ts';
import { requireAdmin, requireUser } from '../http/auth.ts';
import { readJson, readQuery } from '../http/body.ts';
import type { AppDeps, AppEnv } from '../http/deps.ts';
import { apiError } from '../http/errors.ts';
import { normaliseNumber } from '../phone-config/normalise.ts';
import { timeZoneSchema } from '../phone-config/schema.ts';
import { readsAlikeEverywhere } from '../phone-config/time-zone-rules.ts';
import { editPhoneConfig } from '../services/phone-config-service.ts';
import { MAX_RANGE_DAYS, orgTimeZone, presetRange, rangeDays, type LocalRange } from '../store/analytics-range.ts';
import { loadSettings } from '../store/phone-config-store.ts';
import { queryDate } from '../validation/dates.ts';
import { BOARD_VIEWERS } from './board.ts';

const analyticsQuery = z.object({
  preset: z.enum(RANGE_PRESETS).optional(),
  from: queryDate('invalid_calendar_date').optional(),
  to: queryDate('invalid_calendar_date').optional(),
  number: z.string().trim().min(1).max(40).optional(),
  /** An IVR branch by the keys of its path: `2`, `21`. */
  branch: z.string().regex(/^[1-9]{1,10}$/, 'invalid_menu_branch').optional(),
  rep: z.string().regex(/^[A-Za-z0-9_]{1,64}$/, 'invalid_user_id').optional(),
});

const timeZoneBody = z.object({ timeZone: z.string() });

/**
 * `GET /api/analytics?preset=today|week|month` or `?from=YYYY-MM-DD&to=YYYY-MM-DD` (the org's local
 * dates, both included), with `number`, `branch`, `rep` filters: contract/analytics.ts. Admins and
 * supervisors. `PUT /api/analytics/time-zone {timeZone}`: the org's time zone (admins), the settings
 * document's `settings.timeZone`. `GET /api/analytics/org`: the org's time zone and country, for
 * admins and supervisors (who may not read the settings document).
 */
export function analyticsRoutes(deps: AppDeps) {
  const { db } = deps.store;
  return new Hono<AppEnv>()
    .get('/', requireUser(deps, BOARD_VIEWERS), async (c) => {
      const query = readQuery(c, analyticsQuery);
      const timeZone = await orgTimeZone(db);
      let range: LocalRange;
      if (query.from || query.to) {
        if (!query.from || !query.to) throw apiError('invalid_range', { maxDays: MAX_RANGE_DAYS });
        if (query.from > query.to) throw apiError('invalid_range', { maxDays: MAX_RANGE_DAYS });
        range = { from: query.from, to: query.to, timeZone };
        if (rangeDays(range) > MAX_RANGE_DAYS) throw apiError('invalid_range', { maxDays: MAX_RANGE_DAYS });
      } else {
        range = await presetRange(db, query.preset ?? 'today', deps.now(), timeZone);
      }
      const number = query.number ? (normaliseNumber(query.number, (await loadSettings(db)).defaultCountry) ?? query.number) : undefined;
      const report = await analyticsReport(
        db,
        { ...range, preset: query.from ? null : (query.preset ?? 'today') },
        { ...(number ? { number } : {}), ...(query.branch ? { branch: query.branch } : {}), ...(query.rep ? { rep: query.rep } : {}) },
      );
      return c.json(report);
    })
    .get('/time-zone', requireUser(deps, BOARD_VIEWERS), async (c) => c.json({ timeZone: await orgTimeZone(db) }))
    .get('/org', requireUser(deps, BOARD_VIEWERS), async (c) => {
      const [timeZone, settings] = await Promise.all([orgTimeZone(db), loadSettings(db)]);
      return c.json({ timeZone, country: settings.defaultCountry } satisfies OrgView);
    })
    .put('/time-zone', requireAdmin(deps), async (c) => {
      const body = await readJson(c, timeZoneBody);
      const timeZone = timeZoneSchema.safeParse(body.timeZone);
      if (!timeZone.success || !readsAlikeEverywhere(timeZone.data)) throw apiError('invalid_time_zone');
      await editPhoneConfig(deps, c.get('user'), (document) => {
        document.settings.timeZone = timeZone.data;
      });
      return c.json({ timeZone: await orgTimeZone(db) });
    });
}
