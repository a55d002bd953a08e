import { ANALYTICS_PATH, ORG_VIEW_PATH, TIME_ZONE_PATH, analyticsSchema, orgViewSchema, type Analytics, type OrgView, type RangePreset } from '../../contract/analytics';
import { BOARD_STREAM_PATH } from '../../contract/live-board';
import { createAdminHttp } from './admin-http';
import type { HttpOptions } from './http';

/** A range (a preset, or two local dates) and the filters of the analytics page. */
export interface AnalyticsQuery {
  preset?: RangePreset;
  from?: string;
  to?: string;
  number?: string;
  branch?: string;
  rep?: string;
}

/** What the live board and the analytics page ask the server (admins and supervisors). */
export interface BoardApi {
  analytics(query: AnalyticsQuery): Promise<Analytics>;
  getTimeZone(): Promise<string>;
  /** The org's time zone and country, which a supervisor cannot read from the configuration. */
  getOrg(): Promise<OrgView>;
  /** Admins only: the org's time zone, where days are cut for analytics and the board's "today". */
  setTimeZone(timeZone: string): Promise<string>;
  /** Listen in on a live call (conference-based call control; 409 `go_online_to_monitor` when the supervisor's phone is off). */
  listenIn(callSid: string): Promise<void>;
  /** What the board's event stream needs: where it is, and the request's credentials. */
  stream: { url(lastEventId: string | null): string; token(): Promise<string | null>; fetch: typeof fetch };
}

export function createBoardApi(options: HttpOptions & { language?: () => string }): BoardApi {
  const { json } = createAdminHttp(options);
  const base = options.baseUrl.replace(/\/+$/, '');
  return {
    async analytics(query) {
      const params = new URLSearchParams(Object.entries(query).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== ''));
      return analyticsSchema.parse(await json('GET', `${ANALYTICS_PATH}?${params}`));
    },
    getTimeZone: async () => (await json<{ timeZone: string }>('GET', TIME_ZONE_PATH)).timeZone,
    getOrg: async () => orgViewSchema.parse(await json('GET', ORG_VIEW_PATH)),
    setTimeZone: async (timeZone) => (await json<{ timeZone: string }>('PUT', TIME_ZONE_PATH, { timeZone })).timeZone,
    listenIn: async (callSid) => void (await json('POST', `/api/calls/${encodeURIComponent(callSid)}/monitor`, { mode: 'listen' })),
    stream: {
      // The last event's id as a query parameter: a Last-Event-ID header would need CORS permission.
      url: (lastEventId) => `${base}${BOARD_STREAM_PATH}${lastEventId ? `?lastEventId=${encodeURIComponent(lastEventId)}` : ''}`,
      token: async () => options.getToken(),
      fetch: options.fetch ?? globalThis.fetch.bind(globalThis),
    },
  };
}
