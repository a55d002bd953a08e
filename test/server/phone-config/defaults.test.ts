import { describe, expect, it } from 'vitest';
import { DEFAULT_MESSAGES, defaultMessages } from '../../../server/phone-config/default-messages.ts';
import { lineMessage } from '../../../server/voice/waiting-line.ts';
import { defaultMenuTemplate, defaultVoice, effectiveMenuTemplate, effectiveVoice, renderMenuSentence, voiceOf } from '../../../server/phone-config/defaults.ts';
import type { IncomingNumber, Language } from '../../../server/phone-config/schema.ts';

describe('menu sentences', () => {
  it.each([
    ['ja-JP', '${Menu}の場合、${Key press}を押してください。', '営業の場合、1を押してください。'],
    ['en-US', 'For ${Menu}, press ${Key press}.', 'For 営業, press 1.'],
    ['en-GB', 'For ${Menu}, press ${Key press}.', 'For 営業, press 1.'],
    ['en-AU', 'For ${Menu}, press ${Key press}.', 'For 営業, press 1.'],
  ] as const)('defaults to Zoho’s %s template', (language, template, sentence) => {
    expect(defaultMenuTemplate(language)).toBe(template);
    expect(renderMenuSentence(defaultMenuTemplate(language), '営業', 1)).toBe(sentence);
  });

  it.each([
    ['${Key press}番: ${Menu}', 'サポート', 2, '2番: サポート'],
    ['${Menu}は${Key press}、${Menu}は${Key press}', '請求', '3', '請求は3、請求は3'],
    ['Press ${Key press} for ${Menu}.', 'Sales', 9, 'Press 9 for Sales.'],
  ])('renders %s with %s and key %s', (template, label, key, sentence) => {
    expect(renderMenuSentence(template, label, key)).toBe(sentence);
  });

  it('does not read a label as a template', () => {
    expect(renderMenuSentence('For ${Menu}, press ${Key press}.', 'Billing ($)', 4)).toBe('For Billing ($), press 4.');
  });
});

describe('voices', () => {
  it.each([
    ['ja-JP', 'Polly.Mizuki'],
    ['en-US', 'Polly.Joanna'],
    ['en-GB', 'Polly.Amy'],
    ['en-AU', 'Polly.Nicole'],
  ] as const)('speaks %s with %s by default', (language, voice) => {
    expect(defaultVoice(language)).toBe(voice);
  });

  const incoming = (voice: IncomingNumber['voice'], menu?: string) => ({ voice, messages: menu === undefined ? {} : { menu } });

  it('uses the chosen voice and template over the defaults', () => {
    expect(effectiveVoice(incoming({ language: 'ja-JP', voice: 'Polly.Takumi' }))).toEqual({ language: 'ja-JP', voice: 'Polly.Takumi' });
    expect(effectiveMenuTemplate(incoming({ language: 'ja-JP' }, '${Key press}番: ${Menu}'))).toBe('${Key press}番: ${Menu}');
  });

  it('follows the number’s language when nothing is chosen', () => {
    expect(effectiveVoice(incoming({ language: 'en-GB' }))).toEqual({ language: 'en-GB', voice: 'Polly.Amy' });
    expect(effectiveMenuTemplate(incoming({ language: 'en-GB' }))).toBe('For ${Menu}, press ${Key press}.');
  });

  it.each([
    [{ language: 'ja-JP', voice: 'Polly.Takumi' }, 'Polly.Takumi'],
    [{ language: 'en-AU' }, 'Polly.Nicole'],
    [{ language: 'en-US', voice: undefined }, 'Polly.Joanna'],
    // A document not yet validated (the spoken-text rules read one) may name an empty voice: none.
    [{ language: 'ja-JP', voice: '' }, 'Polly.Mizuki'],
  ] as const)('voiceOf(%j) is %s, for the server and the options page alike', (settings, voice) => {
    expect(voiceOf(settings)).toBe(voice);
  });
});

describe('default spoken messages', () => {
  const names = Object.keys(DEFAULT_MESSAGES['ja-JP']);

  it('has every message in Japanese and English', () => {
    expect(Object.keys(DEFAULT_MESSAGES['en-US'])).toEqual(names);
    expect(names).toEqual(expect.arrayContaining(['unavailable', 'busy', 'notInService', 'invalidChoice', 'noOutgoingNumber', 'destinationNotAllowed']));
  });

  it.each(names)('says %s politely in Japanese', (name) => {
    const sentence = DEFAULT_MESSAGES['ja-JP'][name as keyof (typeof DEFAULT_MESSAGES)['ja-JP']];
    expect(sentence).toMatch(/[。]$/);
    expect(sentence).toMatch(/(ください|ございません|おります|ません)/);
  });

  it.each([
    ['ja-JP', DEFAULT_MESSAGES['ja-JP']],
    ['en-US', DEFAULT_MESSAGES['en-US']],
    ['en-GB', DEFAULT_MESSAGES['en-US']],
    ['en-AU', DEFAULT_MESSAGES['en-US']],
  ] as [Language, unknown][])('speaks %s callers the matching messages', (language, messages) => {
    expect(defaultMessages(language)).toBe(messages);
  });

  it('apologises in Japanese when nobody can answer', () => {
    expect(defaultMessages('ja-JP').unavailable).toContain('申し訳ございません。現在、担当者が電話に出ることができません。');
  });

  it.each(['ja-JP', 'en-US'] as Language[])('in %s, does not ask to call again later when voicemail follows, and asks for the message as the waiting line does', (language) => {
    const messages = defaultMessages(language);
    expect(messages.unavailable.startsWith(messages.noAnswer)).toBe(true);
    expect(messages.noAnswer).not.toMatch(/おかけ直し|call again/);
    expect(messages.leaveMessage).toBe(lineMessage('voicemail', language));
  });
});
