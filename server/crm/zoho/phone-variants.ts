import { parsePhoneNumberFromString, type CountryCode, type PhoneNumber } from 'libphonenumber-js';

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
 * [inferred] How Zoho's `search?phone=` compares the value asked with the stored text. Nothing documents
 * it (reference §3.1 "Formatting (VERIFY)", §7 item 2); integrators act as if it matches literally, so
 * we do too and ask for every spelling below. If a sandbox shows that ASCII punctuation and spaces are
 * ignored, set this to true: spellings that then compare equal are asked once (a Japanese landline
 * drops from 6 forms to 4). The Zoho emulator's search reads the same constant.
 */
export const ZOHO_PHONE_SEARCH_IGNORES_PUNCTUATION = false;

/** What Zoho compares when it looks for `value` with `search?phone=`, per the assumption above. */
export function phoneSearchKey(value: string): string {
  return ZOHO_PHONE_SEARCH_IGNORES_PUNCTUATION ? value.replace(/[\s\-().]/g, '') : value;
}

/**
 * The strings to ask `search?phone=` for, most likely first; each costs one search per module, so the
 * list is what bounds the requests of a lookup. For a Japanese number, the spellings found in Japanese
 * CRM data: as typed in Japan (03-1234-5678), E.164, bare digits, international with hyphens
 * (+81 3-1234-5678), typed with a Japanese IME in full-width (０３－１２３４－５６７８), and a landline
 * with its area code apart in full-width brackets (03（1234）5678). Others (ASCII brackets, +81-3-…,
 * `ー` for the hyphen, spaces) are not asked: a record stored so is not found.
 */
export function phoneSearchVariants(e164: string, defaultCountry: CountryCode = 'JP'): string[] {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return [e164];
  const national = parsed.formatNational();
  const variants =
    parsed.country === defaultCountry
      ? [national, parsed.number, `0${parsed.nationalNumber}`, internationalHyphenated(parsed)]
      : [parsed.number, parsed.formatInternational(), internationalHyphenated(parsed)];
  if (parsed.country === 'JP') variants.push(...japaneseImeSpellings(national));
  const byKey = new Map<string, string>();
  for (const variant of variants) if (!byKey.has(phoneSearchKey(variant))) byKey.set(phoneSearchKey(variant), variant);
  return [...byKey.values()];
}

/** `+81 3-1234-5678`, `+1 415-555-0100`: the country code apart, the national groups hyphenated. */
function internationalHyphenated(parsed: PhoneNumber): string {
  const [countryCode, ...groups] = parsed.formatInternational().split(' ');
  return `${countryCode} ${groups.join('-')}`;
}

/** `０３－１２３４－５６７８`, and for a landline (not mobile, IP phone, toll-free or navi-dial) `03（1234）5678`. */
function japaneseImeSpellings(national: string): string[] {
  const fullWidth = national.replace(/[0-9-]/g, (char) => (char === '-' ? '\uFF0D' : String.fromCharCode(char.charCodeAt(0) + 0xfee0)));
  const groups = national.split('-');
  const [area, local, subscriber] = groups;
  const landline = groups.length === 3 && area && local && subscriber && !/^0(?:[5789]0|120|570|800|990)$/.test(area);
  return landline ? [fullWidth, `${area}（${local}）${subscriber}`] : [fullWidth];
}
