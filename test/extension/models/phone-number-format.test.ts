import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MetadataJson } from 'libphonenumber-js/core';
import maxMetadata from 'libphonenumber-js/max/metadata';
import bundledMetadata from '@/calling/phone-metadata.json';
import {
  cleanDialInput,
  dialInput,
  formatAsYouType,
  formatForDisplay,
  isCompleteButInvalid,
  isWithheldNumber,
  toDialable,
  usePhoneMetadata,
} from '@/models/phone-number-format';

describe('the number field formats as the rep types', () => {
  it.each([
    ['03', 'JP', '03'],
    ['0312345678', 'JP', '03-1234-5678'],
    ['09012345678', 'JP', '090-1234-5678'],
    ['05012345678', 'JP', '050-1234-5678'],
    ['0120123456', 'JP', '0120-123-456'],
    ['０９０－１２３４－５６７８', 'JP', '090-1234-5678'],
    ['03 1234 5678', 'JP', '03-1234-5678'],
    ['(03) 1234-5678', 'JP', '03-1234-5678'],
    ['+81312345678', 'JP', '+81 3 1234 5678'],
    ['+14155552671', 'JP', '+1 415 555 2671'],
    ['+442071838750', 'JP', '+44 20 7183 8750'],
    ['4155552671', 'US', '(415) 555-2671'],
    ['*67#', 'JP', '*67#'],
    ['', 'JP', ''],
  ] as const)('%s (%s) → %s', (typed, country, shown) => {
    expect(formatAsYouType(typed, country)).toBe(shown);
  });
});

describe('pasted text is cleaned', () => {
  it.each([
    ['０３－１２３４－５６７８', '0312345678'],
    ['＋８１ ３ １２３４ ５６７８', '+81312345678'],
    [' 090‐1234‐5678 ', '09012345678'],
    ['tel: 03.1234.5678', '0312345678'],
    ['1+2+3', '123'],
    // The extension is not part of the number: dialling the digits run together reaches nobody.
    ['03-1234-5678 内線123', '0312345678'],
    ['０３－１２３４－５６７８（内線１２３）', '0312345678'],
    ['03-1234-5678 ext. 45', '0312345678'],
    ['03-1234-5678 #123', '0312345678'],
    ['tel:+81-3-1234-5678;ext=123', '+81312345678'],
    ['+81-3-1234-5678;phone-context=example.jp', '+81312345678'],
    ['*67#', '*67#'],
  ])('%s → %s', (pasted, kept) => {
    expect(cleanDialInput(pasted)).toBe(kept);
  });
});

describe('what can be called', () => {
  it.each([
    ['03-1234-5678', '+81312345678'],
    ['090-1234-5678', '+819012345678'],
    ['+1 415 555 2671', '+14155552671'],
    ['03-12', null],
    ['12', null],
    ['*67', null],
    // Possible lengths but no such numbers: the server's checkDestination refuses them as invalid.
    ['03-1234-567', null],
    ['1234-5678-90', null],
    ['03-1234-5678 内線123', '+81312345678'],
  ])('%s → %s', (typed, e164) => {
    expect(toDialable(typed, 'JP')).toBe(e164);
  });
});

describe('what the dialer keeps of what was typed', () => {
  it.each([
    // A business card's "(0)": the trunk prefix dialled only from inside the country, never after +81.
    ['+81 (0)3-1234-5678', '+81312345678'],
    ['+81 03-1234-5678', '+81312345678'],
    ['＋８１（０）９０－１２３４－５６７８', '+819012345678'],
    ['+44 (0)20 7183 8750', '+442071838750'],
    // Not yet a number: as typed, until it is one.
    ['+81 (0)3-1234-567', '+81031234567'],
    ['+81 0', '+810'],
    // National numbers keep their 0: it is dialled.
    ['03-1234-5678', '0312345678'],
    ['*67#', '*67#'],
  ])('%s → %s', (typed, kept) => {
    expect(dialInput(typed, 'JP')).toBe(kept);
  });
});

describe('the field says a number is wrong only once it is complete', () => {
  it.each([
    ['03-1234-5678', false],
    ['03-1234-567', false], // one digit short: still being typed
    ['03-1234-56', false],
    ['+1 415 555 267', false],
    ['1234-5678-90', true],
    ['03-1234-56789', true],
    ['*67#1234567890', false],
  ])('%s → %s', (typed, invalid) => {
    expect(isCompleteButInvalid(typed, 'JP')).toBe(invalid);
  });
});

describe('with the complete numbering plans (what the server checks against)', () => {
  beforeAll(() => usePhoneMetadata(maxMetadata as MetadataJson));
  afterAll(() => usePhoneMetadata(bundledMetadata as MetadataJson));

  it.each([
    ['090-1234-5678', '+819012345678'],
    ['090-1234-567', null], // mobiles have 11 digits
  ])('%s can be called as %s', (typed, e164) => {
    expect(toDialable(typed, 'JP')).toBe(e164);
  });

  it.each([
    ['+81 (0)3-1234-5678', '+81312345678'],
    ['+49 (0)30 1234567', '+49301234567'],
    // Italy's 0 belongs to the number, from abroad too.
    ['+39 06 6982 1234', '+390669821234'],
  ])('keeps %s as %s', (typed, kept) => {
    expect(dialInput(typed, 'JP')).toBe(kept);
  });

  it('does not complain about 090-1234-567 while the last digit is still to come', () => {
    expect(isCompleteButInvalid('090-1234-567', 'JP')).toBe(false);
  });
});

describe('numbers shown to reps', () => {
  it.each([
    ['+81312345678', '03-1234-5678'],
    ['+819012345678', '090-1234-5678'],
    ['+14155552671', '+1 415 555 2671'],
    ['not a number', 'not a number'],
  ])('%s → %s', (stored, shown) => {
    expect(formatForDisplay(stored, 'JP')).toBe(shown);
  });

  it.each(['+266696687', '+7378742833', '+2562533', '+8656696', '+86282452253', 'anonymous', 'Restricted', ''])(
    '%s is a withheld caller',
    (number) => expect(isWithheldNumber(number)).toBe(true),
  );
  it('a real number is not withheld', () => expect(isWithheldNumber('+81312345678')).toBe(false));
});
