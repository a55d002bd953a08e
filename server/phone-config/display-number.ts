import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { isCountry } from './normalise.ts';

/**
 * A stored E.164 number as people read it in a sentence: national format for numbers of the
 * configured country (`+81312345678` → `03-1234-5678`), international for the rest
 * (`+1 415 555 2671`), the text unchanged when it is not a valid number. E.164 itself is only for
 * fields an admin pastes into Twilio. The options page does the same (phone-number-format.ts).
 */
export function displayNumber(number: string, defaultCountry = 'JP'): string {
  const parsed = parsePhoneNumberFromString(number, isCountry(defaultCountry) ? { defaultCountry } : {});
  if (!parsed?.isValid()) return number;
  return parsed.country === defaultCountry ? parsed.formatNational() : parsed.formatInternational();
}

/**
 * An incoming number as the setup check names it at the start of a finding, followed by its label
 * when it has one: `03-1234-5678 (Main)` in English, `03-1234-5678（代表）` in Japanese.
 */
export function namedNumber(number: string, label: string, defaultCountry = 'JP'): { en: string; ja: string } {
  const shown = displayNumber(number, defaultCountry);
  return label ? { en: `${shown} (${label})`, ja: `${shown}（${label}）` } : { en: shown, ja: shown };
}
