/**
 * The countries whose numbering plans ship inside the content script.
 *
 * Why a subset: the content-script bundle aims at < 30 kB gzipped. Measured with rolldown --minify
 * (libphonenumber-js 1.13.16): `parsePhoneNumberFromString` from `/core` is 9.4 kB gz, and its full
 * `min` metadata another 19 kB gz (`mobile` 23.7 kB, `max` 39 kB): together that is already the whole
 * budget. These 11 countries cost 3.9 kB gz (28 countries would cost 7 kB). Numbers written with `+`
 * and a calling code not listed here are still offered, checked for E.164 shape only, so no
 * international number is lost. Listed countries get a full validity check, and only they can be the
 * rep's default country for numbers written without `+`: the options page offers exactly these as
 * "Default country" (a test keeps the two equal). Pages that are not size-bound (popup, options)
 * can call `createPhoneNumbers(fullMetadata)` from phone-numbers.ts with the complete metadata.
 *
 * Measured 2026-12 (gzip -9 of the JSON, libphonenumber-js 1.13.16): FR adds 0.05 kB; DE would add
 * 0.5 kB and IN 0.75 kB, 1.3 kB together, with the built content script at 29.2 kB of its 30 kB aim.
 * So DE and IN are not offered as a default country (their +49 / +91 numbers still get buttons).
 */
export const BUNDLED_COUNTRIES = [
  'JP',
  // +1 (North America), then the partners Japanese sales teams call most
  'US', 'CA', 'GB', 'AU', 'CN', 'HK', 'TW', 'KR', 'SG', 'FR',
] as const;

/** The subset of libphonenumber-js metadata JSON we rely on (its shape since metadata version 4). */
export interface PhoneMetadataJson {
  version: number;
  country_calling_codes: Record<string, string[]>;
  countries: Record<string, unknown>;
  nonGeographic?: Record<string, unknown>;
}

/** Keeps only `countries` (and the calling codes that lead to them) from a full metadata document. */
export function subsetMetadata(metadata: PhoneMetadataJson, countries: readonly string[]): PhoneMetadataJson {
  const callingCodes: Record<string, string[]> = {};
  for (const [code, list] of Object.entries(metadata.country_calling_codes)) {
    const kept = list.filter((country) => countries.includes(country));
    if (kept.length > 0) callingCodes[code] = kept;
  }
  const kept: Record<string, unknown> = {};
  for (const country of countries) {
    if (metadata.countries[country] !== undefined) kept[country] = metadata.countries[country];
  }
  return { version: metadata.version, country_calling_codes: callingCodes, countries: kept, nonGeographic: {} };
}
