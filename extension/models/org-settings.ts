import type { CountryCode } from 'libphonenumber-js';
import { z } from 'zod';
import type { PhoneConfig } from './phone-config-types';

export type OrgSettings = PhoneConfig['settings'];

// Only what the options page reads is checked; the rest of the settings passes through as the server sent it.
const documentSchema = z.looseObject({
  settings: z.looseObject({ defaultCountry: z.string().regex(/^[A-Z]{2}$/) }),
});

/** The `settings` of a configuration document the server answered (GET or PUT /api/config); null when it has none. */
export function orgSettingsOf(document: unknown): OrgSettings | null {
  const parsed = documentSchema.safeParse(document);
  return parsed.success ? (parsed.data.settings as OrgSettings) : null;
}

/**
 * The country whose numbers the options page shows in national format: the org's
 * (`settings.defaultCountry`), as the server words them; `fallback` while the settings are unknown.
 */
export function orgCountryOf(settings: OrgSettings | null, fallback: string): CountryCode {
  const country = settings?.defaultCountry ?? fallback;
  return (/^[A-Z]{2}$/.test(country) ? country : 'JP') as CountryCode;
}
