import { describe, expect, it } from 'vitest';
import { isCountry, normaliseNumber } from '../../../server/phone-config/normalise.ts';

describe('normaliseNumber', () => {
  it.each([
    ['03-1234-5678', 'JP', '+81312345678'],
    ['０３－１２３４－５６７８', 'JP', '+81312345678'],
    ['０３ー１２３４ー５６７８', 'JP', '+81312345678'],
    ['+81 3 1234 5678', 'JP', '+81312345678'],
    ['+81312345678', 'JP', '+81312345678'],
    ['(03) 1234-5678', 'JP', '+81312345678'],
    ['050-1234-5678', 'JP', '+815012345678'],
    ['090-1234-5678', 'JP', '+819012345678'],
    ['0120-123-456', 'JP', '+81120123456'],
    ['+1 415 555 0100', 'JP', '+14155550100'],
    ['(415) 555-0100', 'US', '+14155550100'],
    ['020 7946 0018', 'GB', '+442079460018'],
  ])('reads %s (default country %s) as %s', (input, country, expected) => {
    expect(normaliseNumber(input, country)).toBe(expected);
  });

  it.each([
    ['', 'empty'],
    ['   ', 'blank'],
    ['sato', 'no digits'],
    ['12345', 'too short'],
    ['03-1234-567', 'one digit missing'],
    ['03-1234-5678 ext. 12', 'an extension'],
    ['(415) 555-0100', 'a US number read as Japanese'],
  ])('refuses %j (%s)', (input) => {
    expect(normaliseNumber(input, 'JP')).toBeNull();
  });

  it('reads national numbers as Japanese when no country is given', () => {
    expect(normaliseNumber('03-1234-5678')).toBe('+81312345678');
  });

  it('still reads international numbers when the default country is unknown', () => {
    expect(normaliseNumber('+81 3 1234 5678', 'XX')).toBe('+81312345678');
    expect(normaliseNumber('03-1234-5678', 'XX')).toBeNull();
  });
});

describe('isCountry', () => {
  it.each([
    ['JP', true],
    ['US', true],
    ['XX', false],
    ['jp', false],
    ['JPN', false],
  ])('%s → %s', (code, expected) => {
    expect(isCountry(code)).toBe(expected);
  });
});
