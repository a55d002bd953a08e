/**
 * Phone-number detection and E.164 normalisation for page text (content script) and typed input.
 *
 * libphonenumber-js decides whether digits form a valid number; the candidates it sees come from our
 * own scanner (phone-text.ts) rather than `findPhoneNumbersInText`, because (a) its matcher alone costs
 * ~26 kB gz with metadata and the content script aims at < 30 kB gz in total, and (b) we need stricter
 * negatives than "valid digits": dates, times, amounts, ids and masked numbers must never be offered.
 * See phone-metadata-subset.ts for the metadata decision.
 */
import { parsePhoneNumberFromString, type CountryCode, type MetadataJson } from 'libphonenumber-js/core';
import bundledMetadata from './phone-metadata.json';
import {
  boundaryRejects,
  digitsOf,
  looksLikeNonPhone,
  MASK,
  normalisePhoneText,
  touchesMask,
  withoutExtension,
} from './phone-text';

export type { CountryCode };

export interface DetectedPhoneNumber {
  /** Offsets into the original text (UTF-16 units). */
  start: number;
  end: number;
  /** The text as written on the page, e.g. `０３－１２３４－５６７８`. */
  raw: string;
  /** `+81312345678` */
  e164: string;
}

export const DEFAULT_COUNTRY: CountryCode = 'JP';

/** A run of digits with phone punctuation; one space may separate groups. */
const RUN = /[+(]?\(?\d(?:[\d().-]| (?=[+(\d]))*/g;
const MAX_GROUPS_PER_NUMBER = 6;
const E164_SHAPE = /^\+[1-9]\d{7,14}$/;
/**
 * Bundled countries whose national numbers have 8 digits and no trunk prefix (`5123 4567`). Read as such
 * in a phone field or a tel: link; in running text 8 digits stay too likely an id or an amount.
 */
const EIGHT_DIGIT_PLANS = new Set<CountryCode>(['HK', 'SG']);
/** Values whose E.164 form is remembered (a few big lists' worth); then the memory starts over. */
const KNOWN_VALUES = 8192;

export interface PhoneNumbers {
  detectPhoneNumbers(text: string, country?: CountryCode): DetectedPhoneNumber[];
  toE164(raw: string, country?: CountryCode): string | null;
}

export function createPhoneNumbers(metadata: MetadataJson): PhoneNumbers {
  const knownCallingCodes = new Set(Object.keys(metadata.country_calling_codes));
  // libphonenumber throws on a default country missing from the metadata: then only +numbers parse.
  const supported = (country: CountryCode) => (country in metadata.countries ? country : undefined);

  /** `+49 30 1234567` when +49 is not in the bundled metadata: accept the E.164 shape. */
  function unknownCallingCodeE164(candidate: string): string | null {
    if (!candidate.trimStart().startsWith('+')) return null;
    const digits = digitsOf(candidate);
    for (let length = 1; length <= 3; length++) {
      if (knownCallingCodes.has(digits.slice(0, length))) return null;
    }
    const e164 = `+${digits}`;
    return E164_SHAPE.test(e164) ? e164 : null;
  }

  /** E.164 for one candidate already cut out of normalised text, or null. */
  function parseCandidate(candidate: string, country: CountryCode, strictNational: boolean): string | null {
    const digits = digitsOf(candidate);
    const digitCount = digits.length;
    const international = candidate.startsWith('+');
    if (digitCount > 15 || digitCount < (international || (!strictNational && EIGHT_DIGIT_PLANS.has(country)) ? 8 : 9)) return null;
    // 00… starts an international or carrier access code, never a number as written at home; the JP plan
    // still parses "00120000007919" (a zero-padded order id) as valid, so refuse it here.
    if (!international && digits.startsWith('00')) return null;
    if (looksLikeNonPhone(candidate)) return null;
    // "+81 (0)3-1234-5678" — the trunk 0 in brackets is common on Japanese business cards.
    const cleaned = international ? candidate.replace(/^(\+\d{1,3}) ?\(0\) ?/, '$1 ') : candidate;
    const phone = parsePhoneNumberFromString(cleaned, { defaultCountry: supported(country) }, metadata);
    if (phone?.isValid()) {
      // In running text a national number must be written with its trunk prefix: "03-1234-5678",
      // not "312345678" (which is more likely an amount or an id than a Tokyo number).
      if (strictNational && !international && phone.country === country) {
        if (digitsOf(phone.formatNational()) !== digitsOf(cleaned)) return null;
      }
      return phone.number;
    }
    return unknownCallingCodeE164(cleaned);
  }

  function detectPhoneNumbers(text: string, country: CountryCode = DEFAULT_COUNTRY): DetectedPhoneNumber[] {
    const normalised = normalisePhoneText(text);
    const found: DetectedPhoneNumber[] = [];
    for (const run of normalised.matchAll(RUN)) {
      const groups = splitGroups(run[0], run.index);
      let i = 0;
      while (i < groups.length) {
        let matched = false;
        for (let j = Math.min(groups.length, i + MAX_GROUPS_PER_NUMBER); j > i; j--) {
          const start = groups[i]!.start;
          const end = groups[j - 1]!.end;
          const candidate = normalised.slice(start, end);
          if (boundaryRejects(normalised, start, end) || touchesMask(normalised, start, end)) continue;
          const e164 = parseCandidate(candidate, country, true);
          if (e164 === null) continue;
          found.push({ start, end, raw: text.slice(start, end), e164 });
          i = j;
          matched = true;
          break;
        }
        if (!matched) i++;
      }
    }
    return found;
  }

  // A CRM re-renders the same values again and again (a list sorted, paged, refreshed): parse each once.
  const known = new Map<string, string | null>();
  function toE164(raw: string, country: CountryCode = DEFAULT_COUNTRY): string | null {
    const key = `${country} ${raw}`;
    const cached = known.get(key);
    if (cached !== undefined) return cached;
    if (known.size >= KNOWN_VALUES) known.clear();
    const e164 = parseValue(raw, country);
    known.set(key, e164);
    return e164;
  }

  function parseValue(raw: string, country: CountryCode): string | null {
    let value = normalisePhoneText(raw).trim();
    value = withoutExtension(value.replace(/^(?:tel|callto):/i, '').replace(/;.*$/, '').trim());
    if (value === '' || MASK.test(value)) return null;
    if (/^[+\d\s().-]+$/.test(value)) return parseCandidate(value.replace(/\s+/g, ' '), country, false);
    // A field value with words around it ("03-1234-5678（代表）"): accept exactly one number.
    const inText = detectPhoneNumbers(raw, country);
    return inText.length === 1 ? inText[0]!.e164 : null;
  }

  return { detectPhoneNumbers, toE164 };
}

/** Splits a run at its single spaces, trimming punctuation that cannot end a number. */
function splitGroups(run: string, offset: number): { start: number; end: number }[] {
  const groups: { start: number; end: number }[] = [];
  let position = 0;
  for (const part of run.split(' ')) {
    const leading = part.length - part.replace(/^[.-]+/, '').length;
    const body = part.slice(leading).replace(/[^\d)]+$/, '').replace(/\)$/, (paren) =>
      // keep a closing bracket only when it closes one we kept: "(03)" yes, "5678)" no
      part.slice(leading).includes('(') ? paren : '',
    );
    if (/\d/.test(body)) {
      const start = offset + position + leading;
      groups.push({ start, end: start + body.length });
    }
    position += part.length + 1;
  }
  return groups;
}

const bundled = createPhoneNumbers(bundledMetadata as MetadataJson);

/** Phone numbers in page text, with offsets into `text`. `country` is the rep's default (JP unless set). */
export const detectPhoneNumbers = bundled.detectPhoneNumbers;

/** E.164 for a value that should be one phone number (a CRM phone field, a tel: link), else null. */
export const toE164 = bundled.toE164;
