import { describe, expect, it } from 'vitest';
import { caretAfter, deleteThroughFormatting, numberCharactersBefore } from '@/models/number-field-editing';

/** `|` marks the caret. */
const split = (marked: string) => ({ text: marked.replace('|', ''), caret: marked.indexOf('|') });
const mark = ({ text, caret }: { text: string; caret: number }) => text.slice(0, caret) + '|' + text.slice(caret);

describe('Backspace and Delete next to the number’s formatting', () => {
  it.each([
    // What the field showed, what the browser left, the key's direction → what the field keeps.
    ['03-1234-5678', '031234-5678', 'backward', '0|1234-5678'],
    ['03-1234-5678', '031234-5678', 'forward', '03|234-5678'],
    ['+81 3 1234 5678', '+813 1234 5678', 'backward', '+8|3 1234 5678'],
    ['(415) 555-2671', '(415 555-2671', 'backward', '(41| 555-2671'],
    ['(415) 555-2671', '415) 555-2671', 'backward', null], // nothing of the number before the bracket
    ['03-1234-5678', '03-1234-567', 'backward', null], // a digit went: the browser's deletion stands
    ['03-1234-5678', '03-1234-56789', 'backward', null],
  ] as const)('%s → %s (%s) → %s', (before, after, direction, kept) => {
    const deleted = deleteThroughFormatting(before, after, direction);
    expect(deleted && mark(deleted)).toBe(kept);
  });

  it.each(['backward', 'forward'] as const)('a selected hyphen is all the key takes (%s)', (direction) => {
    expect(deleteThroughFormatting('03-1234-5678', '031234-5678', direction, { start: 2, end: 3 })).toBeNull();
    expect(deleteThroughFormatting('03-1234-5678', '031234-5678', direction, { start: 3, end: 3 })).not.toBeNull();
  });
});

describe('the caret stays among the same digits as the format changes', () => {
  it.each([
    ['090-1234-5|678', '090-1234-5|678'],
    ['0901234|5678', '090-1234|-5678'],
    ['|09012345678', '|090-1234-5678'],
    ['+81|312345678', '+81| 3 1234 5678'],
    ['０９０|１２３４', '090|-1234-5678'],
  ])('%s → %s', (typed, shown) => {
    const { text, caret } = split(typed);
    const display = shown.replace('|', '');
    expect(mark({ text: display, caret: caretAfter(display, numberCharactersBefore(text, caret)) })).toBe(shown);
  });
});
