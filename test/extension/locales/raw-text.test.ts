import { describe, expect, it } from 'vitest';
import { messages, type MessageKey } from '@/locales/messages';
import { translate } from '@/locales/i18n';
import { rawKeysIn, rawTextIn } from '../../e2e/support/raw-text';

// The browser tests' check that a screen shows no text meant for the code (test/e2e/support/raw-text.ts):
// it must catch a key shown as is, and must not mistake the dictionary's own words for one.
describe('text not meant for people, as the browser tests find it', () => {
  it.each([
    ['a missing key shown as is', translate('en', 'status.offlne' as MessageKey), ['status.offlne']],
    ['a key in a sentence', 'Connected to Twilio: check.twilio.fix.', ['check.twilio.fix']],
    ['a key that looks like a host name', 'Organisation: crm.org', ['crm.org']],
    ['a value that never got its text', 'Calling undefined', ['undefined']],
    ['an object shown as text', 'Reason: [object Object]', ['[object']],
    ['a raw exception', 'Error: message channel closed', ['Error:']],
  ])('finds %s', (_case, text, found) => {
    expect(rawTextIn(text)).toEqual(found);
  });

  it.each([
    ['Twilio’s status page', "Can't reach Twilio. Check your firewall (*.twilio.com), and see status.twilio.com."],
    ['a CRM page and an address', 'https://crm.zoho.jp/crm/tab/Leads/1 — sato@example.jp'],
    ['a phone number and a time', '03-1234-5678 at 10.30'],
  ])('leaves %s alone', (_case, text) => {
    expect(rawTextIn(text)).toEqual([]);
  });

  it.each(['en', 'ja'] as const)('takes no %s text of the dictionary for a key', (language) => {
    const keys = Object.keys(messages) as MessageKey[];
    expect(keys.filter((key) => rawKeysIn(translate(language, key)).length > 0)).toEqual([]);
  });
});
