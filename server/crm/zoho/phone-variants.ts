import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

// Long vowel marks, hyphen and minus look-alikes that Japanese CRM data uses in phone numbers.
const DASH_LOOKALIKES = /[\u2010-\u2015\u2212\u30FC\uFF70\uFE63]/g;

/** Any stored phone text (full-width digits, `０３－１２３４－５６７８`, `+81 3-1234-5678`) → E.164, or null. */
export function toE164(raw: string | null | undefined, defaultCountry: CountryCode = 'JP'): string | null {
  if (!raw) return null;
  const cleaned = raw.normalize('NFKC').replace(DASH_LOOKALIKES, '-').trim();
  const parsed = parsePhoneNumberFromString(cleaned, defaultCountry);
  return parsed?.isPossible() ? parsed.number : null;
}

/**
 * The strings to try with `search?phone=`, most likely first. Nothing says whether Zoho normalises
 * punctuation or country codes, so we ask for the forms people store: a domestic number as typed in
 * Japan (03-1234-5678) first, then E.164, then national digits; a foreign one in E.164, then spaced.
 */
export function phoneSearchVariants(e164: string, defaultCountry: CountryCode = 'JP'): string[] {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return [e164];
  const variants =
    parsed.country === defaultCountry
      ? [parsed.formatNational(), parsed.number, `0${parsed.nationalNumber}`]
      : [parsed.number, parsed.formatInternational()];
  return [...new Set(variants)];
}
