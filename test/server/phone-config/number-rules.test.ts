import { describe, expect, it } from 'vitest';
import { validatePhoneConfig } from '../../../server/phone-config/validate.ts';
import { changed, problems, type Doc } from './documents.ts';

const storedNumbers = (document: Doc) => {
  const result = validatePhoneConfig(document);
  if (!result.ok) throw new Error(result.issues.map((issue) => `${issue.path}: ${issue.message}`).join('\n'));
  return { incoming: result.config.incoming.map((incoming) => incoming.number), outgoing: result.config.outgoing.map((o) => o.number) };
};

describe('phone numbers', () => {
  it.each([
    ['03-1234-5678', '+81312345678'],
    ['０３－１２３４－５６７８', '+81312345678'],
    ['+81 3 1234 5678', '+81312345678'],
    ['06-6123-4567', '+81661234567'],
    ['0120-123-456', '+81120123456'],
  ])('stores the incoming number %s as %s', (typed, e164) => {
    const document = changed((doc: Doc) => { doc.incoming[0].number = typed; doc.incoming[1].number = '050-1234-5678'; });
    expect(storedNumbers(document).incoming).toEqual([e164, '+815012345678']);
  });

  it('stores outgoing numbers in E.164 too', () => {
    expect(storedNumbers(changed(() => {})).outgoing).toEqual(['+81312345678', '+81312345678']);
  });

  it('reads national numbers with the account’s default country', () => {
    const document = changed((doc: Doc) => {
      doc.settings.defaultCountry = 'US';
      doc.incoming[0].number = '(415) 555-0100';
      doc.incoming[1].number = '+81 50 1234 5678';
      doc.outgoing = [{ user: 'sato', number: '415-555-0199' }];
    });
    expect(storedNumbers(document)).toEqual({ incoming: ['+14155550100', '+815012345678'], outgoing: ['+14155550199'] });
  });

  it('reads national numbers as Japanese when no settings are given', () => {
    const document = changed((doc: Doc) => { delete doc.settings; doc.incoming[0].number = '03-1234-5678'; });
    expect(storedNumbers(document).incoming[0]).toBe('+81312345678');
  });

  it.each([
    ['a number written two ways', (doc: Doc) => { doc.incoming[1].number = '03-1234-5678'; }, ['incoming[1].number: 03-1234-5678 is configured more than once']],
    ['a full-width copy of a number', (doc: Doc) => { doc.incoming[1].number = '０３－１２３４－５６７８'; }, ['incoming[1].number: 03-1234-5678 is configured more than once']],
    ['a short number', (doc: Doc) => { doc.incoming[1].number = '117'; }, ['incoming[1].number: "117" is not a valid phone number (national numbers are read as JP)']],
    ['a number with an extension', (doc: Doc) => { doc.incoming[1].number = '03-9876-5432 内線 12'; }, ['incoming[1].number: "03-9876-5432 内線 12" is not a valid phone number (national numbers are read as JP)']],
    ['a name instead of a number', (doc: Doc) => { doc.incoming[1].number = 'support'; }, ['incoming[1].number: "support" is not a valid phone number (national numbers are read as JP)']],
    ['an empty number', (doc: Doc) => { doc.incoming[1].number = ''; }, ['incoming[1].number: must not be empty']],
    ['a number as digits, not text', (doc: Doc) => { doc.incoming[1].number = 815012345678; }, ['incoming[1].number: must be text']],
    ['an unknown default country', (doc: Doc) => { doc.settings.defaultCountry = 'XX'; }, [
      'settings.defaultCountry: unknown country "XX"',
      'incoming[1].number: "050-1234-5678" is not a valid phone number (national numbers are read as XX)',
      'outgoing[1].number: "０３－１２３４－５６７８" is not a valid phone number (national numbers are read as XX)',
    ]],
    ['an unknown allowed country', (doc: Doc) => { doc.settings.allowedCountries = ['JP', 'ZZ']; }, ['settings.allowedCountries[1]: unknown country "ZZ"']],
  ])('refuses %s', (_case, edit, expected) => {
    expect(problems(changed(edit))).toEqual(expected);
  });
});
