import { describe, expect, it } from 'vitest';
import { messages, type MessageKey } from '@/locales/messages';
import { pickLanguage, translate } from '@/locales/i18n';

const keys = Object.keys(messages) as MessageKey[];
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('the dictionary', () => {
  it.each(keys)('"%s" has both English and Japanese text', (key) => {
    expect(messages[key].en.trim()).not.toBe('');
    expect(messages[key].ja.trim()).not.toBe('');
  });

  it.each(keys)('"%s" uses the same placeholders in both languages', (key) => {
    expect(placeholders(messages[key].ja)).toEqual(placeholders(messages[key].en));
  });

  it.each(keys.filter((key) => key.endsWith('.one')))('"%s" (the singular) has its plural key, which takes every param it uses', (key) => {
    const plural = key.slice(0, -'.one'.length) as MessageKey;
    expect(messages[plural]).toBeDefined();
    expect(placeholders(messages[plural].en)).toEqual(expect.arrayContaining(placeholders(messages[key].en)));
  });

  it('says "1 day" and "1 key" in English, the plural otherwise', () => {
    expect(translate('en', 'chart.summary.daily.one', { days: 1, count: '5 calls' })).toBe('1 day, 5 calls in all');
    expect(translate('en', 'chart.summary.daily', { days: 7, count: '5 calls' })).toBe('7 days, 5 calls in all');
    expect(translate('en', 'ivr.opensSubmenu.one', { count: 1 })).toBe('opens a submenu (1 key)');
    expect(translate('ja', 'ivr.opensSubmenu.one', { count: 1 })).toBe('サブメニューへ（1項目）');
  });

  it('speaks natural Japanese for the words reps see all day', () => {
    expect(translate('ja', 'call.anonymous')).toBe('非通知');
    expect(translate('ja', 'dialer.call')).toBe('発信');
    expect(translate('ja', 'call.incoming')).toBe('着信');
    expect(translate('ja', 'callStatus.missed')).toBe('不在着信');
    expect(translate('ja', 'call.mute')).toBe('ミュート');
    expect(translate('ja', 'call.hangUp')).toBe('通話終了');
    expect(translate('ja', 'availability.online')).toBe('オンライン');
  });
});

describe('language choice', () => {
  it.each([
    ['ja', null, 'ja'],
    ['ja-JP', null, 'ja'],
    ['JA', null, 'ja'],
    ['en-US', null, 'en'],
    ['fr-FR', null, 'en'],
    [undefined, null, 'en'],
    ['ja-JP', 'en', 'en'],
    ['en-US', 'ja', 'ja'],
  ] as const)('browser %s with override %s → %s', (browser, override, expected) => {
    expect(pickLanguage(browser, override)).toBe(expected);
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('en', 'recent.redial', { number: '03-1234-5678' })).toBe('Call 03-1234-5678 again');
    expect(translate('ja', 'recent.redial')).toBe('{number} に再発信');
  });
});
