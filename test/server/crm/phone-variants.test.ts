import { describe, expect, it } from 'vitest';
import { phoneSearchVariants, toE164 } from '../../../server/crm/zoho/phone-variants.ts';

describe('phone numbers as Japanese CRM data holds them', () => {
  it.each([
    ['03-1234-5678', '+81312345678'],
    ['+81 3-1234-5678', '+81312345678'],
    ['０３－１２３４－５６７８', '+81312345678'],
    ['０９０ー５５５５ー６６６６', '+819055556666'],
    ['(0742) 12-3456', '+81742123456'],
    ['050-1234-5678', '+815012345678'],
    ['+1 415-555-0100', '+14155550100'],
    ['内線なし', null],
    ['', null],
  ])('%s → %s', (raw, e164) => {
    expect(toE164(raw)).toBe(e164);
  });

  it.each([
    ['+81312345678', ['03-1234-5678', '+81312345678', '0312345678']],
    ['+819012345678', ['090-1234-5678', '+819012345678', '09012345678']],
    ['+14155550100', ['+14155550100', '+1 415 555 0100']],
  ])('searches %s as %j', (e164, variants) => {
    expect(phoneSearchVariants(e164)).toEqual(variants);
  });
});
