import {
  AsYouType,
  parseIncompletePhoneNumber,
  parsePhoneNumberFromString,
  type CountryCode,
  type MetadataJson,
} from 'libphonenumber-js/core';
import bundledMetadata from '@/calling/phone-metadata.json';
import { normalisePhoneText, withoutExtension } from '@/calling/phone-text';

/**
 * Numbering plans used for formatting. The default is the small set that ships inside the content script
 * anyway (calling/phone-metadata-subset.ts: JP and the countries Japanese teams call most), so the page's
 * dialer adds no metadata to that bundle. The popup and the options page, which are not size-bound,
 * switch to libphonenumber's complete `min` metadata with `usePhoneMetadata` at start-up.
 */
let metadata = bundledMetadata as MetadataJson;

export function usePhoneMetadata(next: MetadataJson): void {
  metadata = next;
}

/**
 * Keeps what a phone number is made of (digits, a leading +, and the DTMF-only * and #) from anything
 * typed or pasted: full-width digits (０９０), hyphens of every width, spaces, brackets, dots. An extension
 * (`内線123`, `ext. 123`, `#123`) and a `tel:` link's parameters (`;ext=123`) are dropped first: the main
 * line is dialled, as for numbers found on the page (calling/phone-text.ts), never the digits run together.
 */
export function cleanDialInput(raw: string): string {
  const mainLine = withoutExtension(normalisePhoneText(raw).replace(/;[\s\S]*$/, '').trim());
  const kept = mainLine.replace(/[^\d+*#]/g, '');
  // A + only means "international" at the very start.
  return kept.startsWith('+') ? '+' + kept.slice(1).replace(/\+/g, '') : kept.replace(/\+/g, '');
}

/** The rep's country when these numbering plans know it; otherwise numbers need a `+`. */
function knownCountry(country: CountryCode): CountryCode | undefined {
  return country in (metadata.countries as Record<string, unknown>) ? country : undefined;
}

/** As-you-type display for the number field: `0312345678` → `03-1234-5678`, `+1415…` → `+1 415 555 2671`. */
export function formatAsYouType(raw: string, defaultCountry: CountryCode = 'JP'): string {
  const cleaned = cleanDialInput(raw);
  if (cleaned === '' || /[*#]/.test(cleaned)) return cleaned;
  return new AsYouType(knownCountry(defaultCountry), metadata).input(parseIncompletePhoneNumber(cleaned));
}

/**
 * The number field's lighter format (the CRM page's dialer): the digits as typed until they make a valid
 * number, then that number as reps read it. No AsYouType, which would add ~6 kB gz to the content script.
 */
export function formatCompleteNumber(raw: string, defaultCountry: CountryCode = 'JP'): string {
  const cleaned = cleanDialInput(raw);
  if (cleaned === '' || /[*#]/.test(cleaned)) return cleaned;
  const parsed = parsePhoneNumberFromString(cleaned, { defaultCountry: knownCountry(defaultCountry) }, metadata);
  if (!parsed?.isValid()) return cleaned;
  return parsed.country === defaultCountry && !cleaned.startsWith('+') ? parsed.formatNational() : parsed.formatInternational();
}

/**
 * E.164 when the input is a valid number, else null (the call button stays disabled). Valid, not merely
 * possible: the server's toll-fraud guard (server/voice/outgoing.ts `checkDestination`) refuses the rest.
 */
export function toDialable(raw: string, defaultCountry: CountryCode = 'JP'): string | null {
  const cleaned = cleanDialInput(raw);
  if (cleaned.replace(/\D/g, '').length < 3 || /[*#]/.test(cleaned)) return null;
  const parsed = parsePhoneNumberFromString(cleaned, { defaultCountry: knownCountry(defaultCountry) }, metadata);
  return parsed?.isValid() ? parsed.number : null;
}

/**
 * What the dialer keeps of what was typed: `cleanDialInput`, and a complete international number in its
 * E.164 form. Business cards for callers abroad write `+81 (0)3-1234-5678`: the (0) is the trunk prefix
 * dialled only from inside Japan (the same in the UK, Germany…). Cleaned, that is `+810312345678`, which
 * libphonenumber reads as +81 3-1234-5678 (it drops a national prefix after the country code, and keeps
 * the 0 of countries where it belongs to the number, as Italy's +39 06…). The field then shows and edits the
 * number that is dialled, `+81 3 1234 5678`, not `+81 03…`. Typed key by key the brackets never reach the
 * field (the format drops them), so the E.164 form, not the "(0)", is what decides.
 */
export function dialInput(raw: string, defaultCountry: CountryCode = 'JP'): string {
  const cleaned = cleanDialInput(raw);
  return cleaned.startsWith('+') ? (toDialable(cleaned, defaultCountry) ?? cleaned) : cleaned;
}

/**
 * True once the input is a whole number's length and still not one the server would call, so the field
 * can say so: `1234-5678-90` or `03-1234-56789`. While one more digit could still make it valid
 * (`03-1234-567`, `090-1234-567` on the way to 11 digits, `+1 415 555 267`) the rep is still typing.
 */
export function isCompleteButInvalid(raw: string, defaultCountry: CountryCode = 'JP'): boolean {
  const cleaned = cleanDialInput(raw);
  if (cleaned.replace(/\D/g, '').length < 10 || /[*#]/.test(cleaned)) return false;
  if (toDialable(cleaned, defaultCountry) !== null) return false;
  return ![...'0123456789'].some((digit) => toDialable(cleaned + digit, defaultCountry) !== null);
}

/**
 * How a number is shown to a rep: national format for numbers of the rep's country (`03-1234-5678`),
 * international for the rest (`+1 415 555 2671`), the raw text if it is not a number at all.
 */
export function formatForDisplay(number: string, defaultCountry: CountryCode = 'JP'): string {
  const parsed = parsePhoneNumberFromString(cleanDialInput(number), { defaultCountry: knownCountry(defaultCountry) }, metadata);
  // An invalid number formatted "nationally" loses digits: show it as it came instead.
  if (!parsed?.isValid()) return number;
  return parsed.country === defaultCountry ? parsed.formatNational() : parsed.formatInternational();
}

/** One list of Twilio's withheld-caller stand-ins, shared with the phone core. */
export { isWithheldNumber } from '@/phone/withheld-number';
