/**
 * Character-level helpers for finding phone numbers in page text.
 *
 * `normalisePhoneText` is length-preserving (one UTF-16 unit in, one out), so offsets found in the
 * normalised text are offsets in the page's text too. Japanese CRM data often holds full-width digits
 * and dash look-alikes (０３－１２３４－５６７８, ー, ‐): NFKC would fix those but can change the length
 * (㈱ → (株)), so we map the few characters that matter ourselves.
 */

const DASH_LOOKALIKES = new Set([
  0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0x2043, 0x30fc, 0xff70, 0xfe58, 0xfe63,
]);

export function normalisePhoneText(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCharCode(code - 0xfee0);
    else if (code === 0x3000 || code === 0x00a0 || code === 0x2007 || code === 0x202f) out += ' ';
    else if (DASH_LOOKALIKES.has(code)) out += '-';
    else out += text[i];
  }
  return out;
}

/**
 * Characters that stand in for hidden digits: 090-****-1234, 03-XXXX-5678, 090-●●●●-1234, 090-####-1234.
 * `#` only between digits (or hyphens, or more `#`): before an extension (`03-1234-5678 #123`,
 * `（内線#123）`) it is not a mask.
 */
export const MASK = /[*●•○◯×?]|[xX]{2,}|[\d#.-]#[\d#.-]/;
/**
 * An extension at the end of a phone value: `#123`, `内線123`, `内線#123`, `(内線 123)`, `ext. 123`, `x123`
 * (normalised text: full-width brackets are ASCII here). It follows the number's last digit.
 */
const TRAILING_EXTENSION = /(?<=\d)\s*\(?\s*(?:(?:内線|ext\.?|extension)\s*#?|#|x)\s*\d{1,6}\s*\)?$/i;

/** `value` without a trailing extension (the number dialled is the main line's). */
export const withoutExtension = (value: string): string => value.replace(TRAILING_EXTENSION, '');
/** What may touch a masked number without a space in between. */
const NUMBERISH = /[\d\-().+*●•○◯×#?xX]/;

/** True when the run of number-like characters around [start, end) contains mask characters. */
export function touchesMask(text: string, start: number, end: number): boolean {
  let from = start;
  let to = end;
  while (from > 0 && NUMBERISH.test(text[from - 1] ?? '')) from--;
  while (to < text.length && NUMBERISH.test(text[to] ?? '')) to++;
  return MASK.test(text.slice(from, to));
}

export const isAsciiAlnum = (ch: string | undefined): boolean => ch !== undefined && /[A-Za-z0-9_]/.test(ch);
export const isDigit = (ch: string | undefined): boolean => ch !== undefined && ch >= '0' && ch <= '9';
export const digitsOf = (text: string): string => text.replace(/\D/g, '');

const PHONE_LABEL = /(?:^|[^A-Za-z])(tel|phone|ph|mobile|mob|cell|fax|call|direct|t|m|p)$/i;
const NEVER_BEFORE = new Set(['#', '*', '$', '¥', '€', '£', '@', '=', '&', '%', '〒', '№', '\\', '_']);
const NEVER_AFTER = new Set(['%', '円', '元', '万', '*', '¥', '$', '€', '£', '@', '_', '\\']);

/**
 * Whether the characters around a candidate say it is part of something else: an id (`Deal-1234567890`,
 * UUIDs), a time (`12:30`), a decimal or grouped amount, a path, or a currency/percent sign.
 */
export function boundaryRejects(text: string, start: number, end: number): boolean {
  const before = text[start - 1];
  const before2 = text[start - 2];
  if (before !== undefined) {
    if (isAsciiAlnum(before) || NEVER_BEFORE.has(before)) return true;
    if (before === '/') {
      if (!(isDigit(before2) || before2 === ' ' || before2 === undefined)) return true;
    } else if (before === ':' || before === ',') {
      if (isDigit(before2)) return true;
    } else if (before === '-' || before === '.') {
      if (isDigit(before2)) return true;
      // "Tel.03-1234-5678" is a label; "Deal-1234567890" or a UUID segment is not.
      if (isAsciiAlnum(before2) && !PHONE_LABEL.test(text.slice(Math.max(0, start - 12), start - 1))) return true;
    }
  }
  const lastNonSpaceBefore = text.slice(Math.max(0, start - 3), start).trimEnd().slice(-1);
  if (NEVER_BEFORE.has(lastNonSpaceBefore)) return true;

  const after = text[end];
  const after2 = text[end + 1];
  if (after !== undefined) {
    if (isAsciiAlnum(after) || NEVER_AFTER.has(after)) return true;
    if ((after === '-' || after === '.' || after === ',' || after === ':') && isDigit(after2)) return true;
  }
  const firstNonSpaceAfter = text.slice(end, end + 3).trimStart()[0];
  if (firstNonSpaceAfter !== undefined && NEVER_AFTER.has(firstNonSpaceAfter)) return true;
  return false;
}

const DATE_YMD = /(?:^|\D)(?:19|20)\d\d[-.](?:0?[1-9]|1[0-2])[-.](?:0?[1-9]|[12]\d|3[01])(?!\d)/;
const DATE_DMY = /(?:^|\D)(?:0?[1-9]|[12]\d|3[01])[-.](?:0?[1-9]|1[0-2])[-.](?:19|20)\d\d(?!\d)/;
const DECIMAL = /^[^.]*\d\.\d{1,2}$/;

/** Shapes that are not phone numbers even when their digits would parse as one. */
export function looksLikeNonPhone(candidate: string): boolean {
  return DATE_YMD.test(candidate) || DATE_DMY.test(candidate) || DECIMAL.test(candidate);
}
