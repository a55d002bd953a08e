import type { CountryCode } from 'libphonenumber-js';
import { createContext, type ComponentChildren } from 'preact';
import { useContext, useMemo } from 'preact/hooks';
import type { AdminApi } from '@/models/admin-api';
import type { BoardApi } from '@/models/board-api';
import { orgCountryOf, orgSettingsOf, type OrgSettings } from '@/models/org-settings';
import { useAsync } from './use-async';

export interface OrgSettingsView {
  /**
   * `settings` of GET /api/config, read once when the options page opens, then as the last save through
   * /api/config answered (an import, an edit). Null before the read, when it failed, and for a supervisor
   * (the configuration is an admin's). Settings saved through their own endpoints (hours, time zone) are
   * not followed here: read those where they are edited.
   */
  settings: OrgSettings | null;
  /**
   * The org's country (`settings.defaultCountry`): its numbers show in national format, as the server
   * words them, the rest internationally. A supervisor's comes from GET /api/analytics/org. Until it is
   * known (or when it cannot be read), this browser's own default country (the account page's, which
   * the phone uses too).
   */
  country: CountryCode;
  /** Why the settings could not be read (worded by the page), or null. */
  failure: unknown;
  /** A configuration document the server answered a save with (PUT /api/config): its settings replace these. */
  saved(document: unknown): void;
}

const OrgSettingsContext = createContext<OrgSettingsView>({ settings: null, country: 'JP', failure: null, saved: () => {} });

/**
 * Reads the org's settings once for every page below it (each page read the whole configuration for them
 * before). `api` is an admin's; without it, `board` (a supervisor's) gives the org's country.
 */
export function OrgSettingsProvider({ api, board = null, fallbackCountry, children }: { api: AdminApi | null; board?: BoardApi | null; fallbackCountry: string; children: ComponentChildren }) {
  const read = useAsync(async () => (api ? orgSettingsOf(await api.getConfig()) : null), [api]);
  const { data: settings, failure, setData } = read;
  // A supervisor's read failing leaves the browser's country: the pages still work, numbers only look foreign.
  const { data: orgCountry } = useAsync(async () => (!api && board ? (await board.getOrg()).country : null), [api, board]);
  const view = useMemo<OrgSettingsView>(
    () => ({
      settings,
      country: orgCountryOf(settings, orgCountry ?? fallbackCountry),
      failure,
      saved: (document) => {
        const next = orgSettingsOf(document);
        if (next) setData(next);
      },
    }),
    [settings, failure, orgCountry, fallbackCountry, setData],
  );
  return <OrgSettingsContext.Provider value={view}>{children}</OrgSettingsContext.Provider>;
}

export function useOrgSettings(): OrgSettingsView {
  return useContext(OrgSettingsContext);
}

export function useOrgCountry(): CountryCode {
  return useContext(OrgSettingsContext).country;
}
