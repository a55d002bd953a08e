import { z } from 'zod';
import { waitingLineSchema, type WaitingLine } from '@/api/follow-up-schemas';
import type { AdminRequest } from './admin-http';

/** The org's hours settings and the waiting line, as the options page sees them (server/routes/hours-settings.ts, waiting-line.ts). */

export const HOURS_ENDPOINTS = {
  settings: '/api/settings/hours', // GET {timeZone, followUpDueHours} · PUT the same
  waitingLine: '/api/waiting-line', // GET {count, longestWaitSeconds, lines}
} as const;

export const hoursSettingsSchema = z.looseObject({ timeZone: z.string(), followUpDueHours: z.number().int() });
export type HoursSettings = z.infer<typeof hoursSettingsSchema>;

export interface HoursAdminApi {
  getHoursSettings(): Promise<HoursSettings>;
  saveHoursSettings(settings: HoursSettings): Promise<HoursSettings>;
  getWaitingLine(): Promise<WaitingLine>;
}

export function createHoursAdminApi(http: AdminRequest): HoursAdminApi {
  return {
    getHoursSettings: async () => hoursSettingsSchema.parse(await http('GET', HOURS_ENDPOINTS.settings)),
    saveHoursSettings: async (settings) => hoursSettingsSchema.parse(await http('PUT', HOURS_ENDPOINTS.settings, settings)),
    getWaitingLine: async () => waitingLineSchema.parse(await http('GET', HOURS_ENDPOINTS.waitingLine)),
  };
}

/** The IANA zones the browser knows, Asia/Tokyo first; a zone the server has that the browser lacks stays selectable. */
export function timeZoneChoices(current: string): string[] {
  const known = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.('timeZone') ?? ['Asia/Tokyo', 'UTC'];
  return [...new Set(['Asia/Tokyo', current, ...known])];
}
