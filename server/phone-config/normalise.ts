import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

/**
 * A phone number as typed by an admin or found in a CRM record → E.164 (`+81312345678`), or null
 * when it is not a valid, dialable number. National input (`03-1234-5678`, `050-1234-5678`) is read
 * with `defaultCountry`; full-width input (`０３－１２３４－５６７８`), common in Japanese records, is folded
 * to ASCII first. Numbers with an extension are refused: Twilio cannot store or dial one as a number.
 * The full ("max") metadata is used so that a number of the right length but an unused range is refused.
 */
export function normaliseNumber(input: string, defaultCountry: string = 'JP'): string | null {
  const folded = input.normalize('NFKC').replace(/[ー−‐‑–—]/g, '-').trim();
  if (folded === '' || !/\d/.test(folded)) return null;
  const country = isCountry(defaultCountry) ? defaultCountry : undefined;
  const parsed = parsePhoneNumberFromString(folded, country ? { defaultCountry: country } : {});
  if (!parsed || !parsed.isValid() || parsed.ext) return null;
  return parsed.number;
}

/** Whether libphonenumber knows the ISO country (e.g. `JP`, `US`), so national numbers can be read. */
export function isCountry(code: string): code is CountryCode {
  return /^[A-Z]{2}$/.test(code) && isSupportedCountry(code);
}
