import { describe, expect, it } from 'vitest';
import { detectPhoneNumbers, toE164, createPhoneNumbers } from '@/calling/phone-numbers';
import { BUNDLED_COUNTRIES, subsetMetadata, type PhoneMetadataJson } from '@/calling/phone-metadata-subset';
import bundledMetadata from '@/calling/phone-metadata.json';
import fullMinMetadata from 'libphonenumber-js/metadata.min.json';
import examples from 'libphonenumber-js/examples.mobile.json';
import { getExampleNumber } from 'libphonenumber-js/core';

describe('finds the phone numbers a rep would want to dial', () => {
  it.each([
    // Japanese national formats
    ['Tokyo landline', '03-1234-5678', '+81312345678'],
    ['Osaka landline', 'TEL 06-6123-4567', '+81661234567'],
    ['mobile 090', '携帯: 090-1234-5678', '+819012345678'],
    ['mobile 080 without separators', '08012345678', '+818012345678'],
    ['mobile 070', '070-2345-6789', '+817023456789'],
    ['IP phone 050', '050-1234-5678', '+815012345678'],
    ['toll free 0120', 'フリーダイヤル 0120-123-456', '+81120123456'],
    ['toll free 0800', '0800-123-4567', '+818001234567'],
    ['navi dial 0570', '0570-123-456', '+81570123456'],
    ['3-digit area code', '011-123-4567', '+81111234567'],
    ['4-digit area code', '0742-12-3456', '+81742123456'],
    ['full-width digits and hyphens', '０３－１２３４－５６７８', '+81312345678'],
    ['katakana long-vowel mark as hyphen', '03ー1234ー5678', '+81312345678'],
    ['bracketed area code', '(03)1234-5678', '+81312345678'],
    ['full-width brackets', '（０３）１２３４－５６７８', '+81312345678'],
    ['spaces as separators', '03 1234 5678', '+81312345678'],
    ['label with colon', 'TEL:03-1234-5678', '+81312345678'],
    ['label with dot', 'Tel.03-1234-5678', '+81312345678'],
    ['inside Japanese prose', '担当直通は03-1234-5678です。', '+81312345678'],
    ['end of an English sentence', 'Call me on 090-1234-5678.', '+819012345678'],
    // international
    ['+81 with space', '+81 3-1234-5678', '+81312345678'],
    ['+81 with hyphens', '+81-90-1234-5678', '+819012345678'],
    ['+81 with bracketed trunk zero', '+81 (0)3-1234-5678', '+81312345678'],
    ['full-width plus', '＋８１ ３ １２３４ ５６７８', '+81312345678'],
    ['US number', '+1 (415) 555-2671', '+14155552671'],
    ['UK number', '+44 20 7946 0958', '+442079460958'],
    ['Korean mobile', '+82 10-1234-5678', '+821012345678'],
    ['German number (code outside bundled metadata)', '+49 30 12345678', '+493012345678'],
    ['Swedish number (code outside bundled metadata)', '+46 8 123 456 78', '+46812345678'],
  ])('%s: %s', (_name, text, e164) => {
    expect(detectPhoneNumbers(text, 'JP').map((found) => found.e164)).toEqual([e164]);
  });

  it('reports where each number sits in the original text, full-width characters included', () => {
    const text = '代表：０３－１２３４－５６７８ / 携帯 090-1234-5678';
    expect(detectPhoneNumbers(text, 'JP')).toEqual([
      { start: 3, end: 15, raw: '０３－１２３４－５６７８', e164: '+81312345678' },
      { start: 21, end: 34, raw: '090-1234-5678', e164: '+819012345678' },
    ]);
  });

  it('separates two numbers written next to each other', () => {
    expect(detectPhoneNumbers('TEL 03-1234-5678 090-1234-5678', 'JP').map((f) => f.e164)).toEqual([
      '+81312345678',
      '+819012345678',
    ]);
    expect(detectPhoneNumbers('TEL/FAX 03-1234-5678/03-1234-5679', 'JP').map((f) => f.e164)).toEqual([
      '+81312345678',
      '+81312345679',
    ]);
  });

  it('reads only +numbers when the rep\'s country is not bundled with the content script', () => {
    expect(detectPhoneNumbers('+49 30 12345678 / 030 12345678', 'DE').map((f) => f.e164)).toEqual(['+493012345678']);
    expect(toE164('030 12345678', 'DE')).toBeNull();
  });

  it("reads national numbers in the rep's own country", () => {
    expect(detectPhoneNumbers('(415) 555-2671', 'US').map((f) => f.e164)).toEqual(['+14155552671']);
    expect(detectPhoneNumbers('(415) 555-2671', 'JP')).toEqual([]);
  });
});

describe('never offers to dial things that only look like numbers', () => {
  it.each([
    ['ISO date', '2026-11-24'],
    ['date and time', '2026-11-24 12:30'],
    ['slashed date', '2026/11/24'],
    ['short date', '11/24'],
    ['dotted date', '2026.11.24'],
    ['European date', '24-11-2026'],
    ['time', '12:30'],
    ['time range', '09:00-18:00'],
    ['postal code with mark', '〒100-0001 東京都千代田区'],
    ['postal code', '100-0001'],
    ['card-like digit run', '4111111111111111'],
    ['spaced card number', '4111 1111 1111 1111'],
    ['order number', '注文番号 #0312345678'],
    ['deal id', 'Deal-1234567890'],
    ['record id in a path', '/crm/org123456/tab/Leads/4876876000000123456'],
    ['UUID', '123e4567-e89b-12d3-a456-426614174000'],
    ['invoice id with letters', 'INV0312345678'],
    ['yen amount', '¥1,234,567'],
    ['yen amount in full-width', '￥３１２，３４５，６７８'],
    ['dollar amount', '$12,345.67'],
    ['amount in 円', '1,234,567円'],
    ['amount in 円 without grouping', '0312345678円'],
    ['large grouped amount', '1,234,567,890'],
    ['percentage', '12.5%'],
    ['decimal', '3141592653.58'],
    ['masked mobile with asterisks', '090-****-1234'],
    ['masked landline with X', '03-XXXX-5678'],
    ['masked with bullets', '090-●●●●-1234'],
    ['masked with #', 'TEL 090-####-1234'],
    ['masked tail', '+81-90-1234-****'],
    ['fully masked', '********5678'],
    ['too short', '03-1234'],
    ['national number without trunk zero', '312345678'],
    ['unknown international too short', '+49 123'],
    ['version string', 'v2.10.3'],
    ['IP address', '192.168.100.200'],
    ['email local part', '0312345678@example.jp'],
  ])('%s: %s', (_name, text) => {
    expect(detectPhoneNumbers(text, 'JP')).toEqual([]);
  });
});

describe('turns a field value into E.164', () => {
  it.each([
    ['03-1234-5678', 'JP', '+81312345678'],
    ['０９０－１２３４－５６７８', 'JP', '+819012345678'],
    ['tel:+81-3-1234-5678', 'JP', '+81312345678'],
    ['tel:0312345678;ext=12', 'JP', '+81312345678'],
    ['+1 415-555-2671', 'JP', '+14155552671'],
    ['415-555-2671', 'US', '+14155552671'],
    ['03-1234-5678（代表）', 'JP', '+81312345678'],
    ['+49 30 12345678', 'JP', '+493012345678'],
    // an extension after the number: the main line is dialled
    ['03-1234-5678 #123', 'JP', '+81312345678'],
    ['03-1234-5678#123', 'JP', '+81312345678'],
    ['03-1234-5678（内線#123）', 'JP', '+81312345678'],
    ['03-1234-5678 (内線 45)', 'JP', '+81312345678'],
    ['03-1234-5678 内線123', 'JP', '+81312345678'],
    ['03-1234-5678 ext. 123', 'JP', '+81312345678'],
    ['+1 415-555-2671 x204', 'JP', '+14155552671'],
    // national numbers of the 8-digit plans, written in a field
    ['5123 4567', 'HK', '+85251234567'],
    ['8123 4567', 'SG', '+6581234567'],
  ] as const)('%s (%s) → %s', (raw, country, e164) => {
    expect(toE164(raw, country)).toBe(e164);
  });

  it.each([
    ['090-****-1234'],
    ['03-XXXX-5678'],
    ['●●●-●●●●-5678'],
    [''],
    ['未設定'],
    ['03-1234-5678 / 090-1234-5678'],
    ['12345'],
    // `#` between digits hides them
    ['090-####-1234'],
    ['03-1234-####'],
    ['####-1234'],
    ['03-1234-####（内線#12）'],
  ])('refuses %j', (raw) => {
    expect(toE164(raw, 'JP')).toBeNull();
  });
});

describe('the metadata bundled with the content script', () => {
  it('is the min metadata of the installed libphonenumber-js, cut to the bundled countries', () => {
    // Regenerate after a libphonenumber-js upgrade:
    // subsetMetadata(require('libphonenumber-js/metadata.min.json'), BUNDLED_COUNTRIES) → phone-metadata.json
    expect(bundledMetadata).toEqual(subsetMetadata(fullMinMetadata as PhoneMetadataJson, BUNDLED_COUNTRIES));
  });

  // The options page offers these as the rep's default country (a test there keeps the lists equal).
  it.each(BUNDLED_COUNTRIES)('reads a national number written at home, with %s as the default country', (country) => {
    const example = getExampleNumber(country, examples, fullMinMetadata)!;
    expect(toE164(example.formatNational(), country)).toBe(example.number);
  });

  it('validates numbers the same way the full metadata does for bundled countries', () => {
    const full = createPhoneNumbers(fullMinMetadata);
    for (const text of ['+44 20 7946 0958', '+1 (415) 555-2671', '03-1234-5678', '+81 3-1234-567']) {
      expect(toE164(text, 'JP')).toBe(full.toE164(text, 'JP'));
    }
  });
});
