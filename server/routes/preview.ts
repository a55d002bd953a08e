import { Hono } from 'hono';
import { z } from 'zod';
import { requireAdmin } from '../http/auth.ts';
import { readJson } from '../http/body.ts';
import type { AppDeps, AppEnv } from '../http/deps.ts';
import { previewCall, type VoiceFetch } from '../services/preview-service.ts';

const previewSchema = z.object({
  digits: z.array(z.string().regex(/^[0-9*#]$/, 'invalid_key_press')).max(30).default([]),
  /** "As if it were": a date and time in the org's time zone (business hours, holidays). */
  at: z
    .object({ date: z.iso.date({ error: 'invalid_calendar_date' }), time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'invalid_time_of_day') })
    .optional(),
});

/**
 * `/api/preview/:number`: what a caller would hear and what would happen, by walking the real call
 * flow with the admin's key presses. `voice` answers webhook requests (the app's own `request`).
 * `:number` arrives decoded (Hono decodes path parameters once).
 */
export function previewRoutes(deps: AppDeps, { voice }: { voice: VoiceFetch }) {
  return new Hono<AppEnv>()
    .use(requireAdmin(deps))
    .post('/:number', async (c) => {
      const { digits, at } = await readJson(c, previewSchema);
      return c.json(await previewCall(deps, voice, { number: c.req.param('number'), digits, at }));
    });
}
