/**
 * Editing a formatted number field: the display puts hyphens, spaces and brackets between the digits, and
 * re-formats on every keystroke, so the caret and the Delete keys have to work on the number's own
 * characters (what `cleanDialInput` keeps: digits, a leading +, * and #), never on the formatting.
 */

const OWN = /[\d+*#０-９＋＊＃]/;

/** True for a character of the number itself; false for formatting (`-`, a space, a bracket). */
export const isNumberCharacter = (character: string | undefined): boolean => character !== undefined && OWN.test(character);

/** How many of the number's own characters come before `position` in `text`. */
export function numberCharactersBefore(text: string, position: number): number {
  let count = 0;
  for (let i = 0; i < Math.min(position, text.length); i++) if (isNumberCharacter(text[i])) count++;
  return count;
}

/**
 * Where the caret goes in `text` to stand after its first `count` own characters: right after the last of
 * them (before any hyphen that follows), at the start for 0, at the end when the text has fewer.
 */
export function caretAfter(text: string, count: number): number {
  if (count <= 0) return 0;
  let seen = 0;
  for (let i = 0; i < text.length; i++) {
    if (isNumberCharacter(text[i]) && ++seen === count) return i + 1;
  }
  return text.length;
}

/** The number's own characters in `text`, the formatting left out. */
const numberCharacters = (text: string): string => [...text].filter(isNumberCharacter).join('');

/**
 * Backspace (or Delete) next to formatting: the browser deletes just the hyphen (or space, or bracket),
 * and the next format puts it straight back, so the key seems to do nothing. `before` is what the field
 * showed, `after` what the browser left. When only formatting went, the nearest character of the number
 * in the key's direction from where it was goes instead: `03-|1234-5678` + Backspace → `0|1234-5678`,
 * `03|-1234-5678` + Delete → `03|234-5678` (to be re-formatted); `caret` is where the caret goes in the
 * returned text. Null when the edit took a character of the number (or added any), or there is none to
 * delete that way. Only for a caret: `selection` is the field's selection when the key was pressed, and a
 * selection, even of nothing but a hyphen, is all the key deletes (unknown is taken for a caret).
 */
export function deleteThroughFormatting(
  before: string,
  after: string,
  direction: 'backward' | 'forward',
  selection?: { start: number; end: number },
): { text: string; caret: number } | null {
  if (selection && selection.start !== selection.end) return null;
  if (after.length >= before.length || numberCharacters(after) !== numberCharacters(before)) return null;
  // Where the formatting was taken out (the caret is there now, but a script's edit may not say so).
  let gap = 0;
  while (gap < after.length && after[gap] === before[gap]) gap++;
  if (direction === 'backward') {
    let at = gap - 1;
    while (at >= 0 && !isNumberCharacter(after[at])) at--;
    return at < 0 ? null : { text: after.slice(0, at) + after.slice(at + 1), caret: at };
  }
  let at = gap;
  while (at < after.length && !isNumberCharacter(after[at])) at++;
  return at >= after.length ? null : { text: after.slice(0, at) + after.slice(at + 1), caret: gap };
}
