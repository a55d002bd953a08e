import { describe, expect, it } from 'vitest';
import { measureSay, SAY_TEXT_LIMITS } from '../../../contract/say-limits.ts';
import { apiErrorText } from '../../../extension/locales/api-error-text.ts';
import { validatePhoneConfig } from '../../../server/phone-config/validate.ts';
import { menuTwiml } from '../../../server/voice/incoming-twiml.ts';
import { speakerFor } from '../../../server/voice/speech.ts';
import { problems } from './documents.ts';

/**
 * Twilio counts a `<Say>`'s text in UTF-8 bytes (Polly 3,000) and URL-encoded characters (4,500),
 * not in characters (error 13521): a Japanese character is 3 bytes and 9 URL-encoded characters, so a
 * Japanese prompt is over at 501 characters, where the schema's 3,000 characters let it through.
 */
const users = [
  { id: 'yamada', name: '山田', email: 'yamada@example.jp', role: 'admin' },
  { id: 'sato', name: '佐藤', email: 'sato@example.jp', role: 'rep' },
];
const ring = { type: 'ring', users: ['sato'], strategy: 'sequential' };
const japanese = (length: number) => 'お電話ありがとうございます。こちらは株式会社山田商事カスタマーサポートでございます。'.repeat(100).slice(0, length);
const withNumber = (number: Record<string, unknown>) => ({
  users,
  incoming: [{ number: '03-1234-5678', route: { type: 'ivr', menu: [{ key: 1, label: '営業', action: ring }] }, ...number }],
});

describe('measureSay, in Twilio’s units', () => {
  it.each([
    ['3,000 ASCII letters for a Polly voice', 'a'.repeat(3000), 'Polly.Joanna', { fits: true, over: 0 }],
    ['3,001 ASCII letters for a Polly voice', 'a'.repeat(3001), 'Polly.Joanna', { fits: false, over: 1, unit: 'utf8-bytes', used: 3001, limit: 3000 }],
    ['4,500 ASCII letters for a Google voice (5,000 bytes)', 'a'.repeat(4500), 'Google.en-US-Wavenet-A', { fits: true, over: 0 }],
    ['4,501 ASCII letters for a Google voice: URL-encoded over 4,500', 'a'.repeat(4501), 'Google.en-US-Wavenet-A', { fits: false, over: 1, unit: 'url-encoded' }],
    ['500 Japanese characters', japanese(500), 'Polly.Mizuki', { fits: true, over: 0, used: 4500, limit: 4500, unit: 'url-encoded' }],
    ['501 Japanese characters', japanese(501), 'Polly.Mizuki', { fits: false, over: 1 }],
    ['1,500 Japanese characters', japanese(1500), 'Polly.Mizuki', { fits: false, over: 1000, used: 13500 }],
    ['spaces, which URL-encode as %20', ' a'.repeat(1125), 'Polly.Joanna', { fits: true, used: 4500, unit: 'url-encoded' }],
    ['an emoji (4 bytes, one character)', `${'a'.repeat(2999)}🙂`, 'Polly.Joanna', { fits: false, over: 1 }],
  ])('%s', (_case, text, voice, expected) => {
    expect(measureSay(text, voice)).toMatchObject(expected);
  });

  it('keeps Twilio’s numbers in one place', () => {
    expect(SAY_TEXT_LIMITS).toEqual({ bytes: { polly: 3000, google: 5000, basic: 4096 }, urlEncoded: 4500 });
  });
});

describe('the spoken texts of a number', () => {
  it('accepts a Japanese prompt Twilio can speak (500 characters)', () => {
    expect(problems(withNumber({ messages: { welcome: { type: 'text', text: japanese(500) } } }))).toEqual([]);
  });

  it('refuses a 1,500-character Japanese welcome at its field, saying how much shorter, as the server would have cut it', () => {
    const document = withNumber({ messages: { welcome: { type: 'text', text: japanese(1500) } } });
    const result = validatePhoneConfig(document);
    expect(result.ok ? [] : result.issues).toEqual([
      {
        path: 'incoming[0].messages.welcome.text',
        code: 'say_too_long',
        params: { over: 1000 },
        message: 'too long for Twilio to speak in one go: shorten it by at least 1000 characters',
      },
    ]);
    const [problem] = result.ok ? [] : result.issues;
    expect(apiErrorText('ja', problem!)).toBe('Twilio で読み上げるには長すぎます。1,000文字以上短くしてください。');
    expect(apiErrorText('en', problem!)).toBe('Too long for Twilio to read out: shorten it by at least 1,000 characters.');
    expect(apiErrorText('en', { ...problem!, params: { over: 1 } })).toBe('Too long for Twilio to read out: shorten it by at least 1 character.');
  });

  it.each(['unavailable', 'busy', 'closed'])('checks the %s message too', (name) => {
    expect(problems(withNumber({ messages: { [name]: { type: 'text', text: japanese(600) } } }))).toEqual([
      `incoming[0].messages.${name}.text: too long for Twilio to speak in one go: shorten it by at least 100 characters`,
    ]);
  });

  it('counts in the number’s voice: a Google voice takes more bytes than a Polly one', () => {
    const text = 'a'.repeat(3000);
    expect(problems(withNumber({ voice: { language: 'en-US', voice: 'Google.en-US-Wavenet-A' }, messages: { welcome: { type: 'text', text } } }))).toEqual([]);
    expect(problems(withNumber({ voice: { language: 'en-US' }, messages: { welcome: { type: 'text', text: `${text} ` } } }))).toEqual([]);
  });

  it('leaves a text over the schema’s 3,000 characters to the schema: one problem per field', () => {
    expect(problems(withNumber({ messages: { welcome: { type: 'text', text: japanese(3001) } } }))).toEqual([
      'incoming[0].messages.welcome.text: must be at most 3000 characters',
    ]);
  });

  it('refuses a menu sentence that is too long with the longest label of any menu, naming the label', () => {
    // 470 characters around the slots (the template's own limit is 500), and a 100-character label in a submenu.
    const template = '${Menu}' + 'について、ご質問、ご相談、お見積もり、資料のご請求などをご希望のお客様は、'.repeat(14).slice(0, 470) + '${Key press}を押してください。';
    const label = 'あ'.repeat(100);
    const document = withNumber({
      messages: { menu: template },
      route: { type: 'ivr', menu: [{ key: 1, label: '営業', action: ring }, { key: 2, label: 'サポート', action: { type: 'menu', menu: [{ key: 1, label, action: ring }] } }] },
    });
    const result = validatePhoneConfig(document);
    expect(result.ok ? [] : result.issues.map(({ path, code, params }) => ({ path, code, params }))).toEqual([
      { path: 'incoming[0].messages.menu', code: 'menu_sentence_too_long', params: { over: 80, label } },
    ]);
    const [problem] = result.ok ? [] : result.issues;
    expect(apiErrorText('ja', problem!)).toContain('80文字以上短くしてください');
  });

  it('accepts that template with short labels, and the sentence Twilio gets is then within its limit', () => {
    const template = '${Menu}' + 'について、ご質問、ご相談、お見積もり、資料のご請求などをご希望のお客様は、'.repeat(14).slice(0, 470) + '${Key press}を押してください。';
    const result = validatePhoneConfig(withNumber({ messages: { menu: template } }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const number = result.config.incoming[0]!;
    const xml = menuTwiml({ publicUrl: 'https://x.example', number, speaker: speakerFor(number, 'https://x.example') }, { path: [], tries: 0, notice: null, welcome: false });
    const said = /<Say[^>]*>([^<]*)<\/Say>/.exec(xml)![1]!;
    expect(encodeURIComponent(said).length).toBeLessThanOrEqual(SAY_TEXT_LIMITS.urlEncoded);
    expect(Buffer.byteLength(said, 'utf8')).toBeLessThanOrEqual(SAY_TEXT_LIMITS.bytes.polly);
  });
});
