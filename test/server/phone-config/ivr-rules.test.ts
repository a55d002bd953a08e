import { describe, expect, it } from 'vitest';
import { validatePhoneConfig } from '../../../server/phone-config/validate.ts';
import { changed, exampleDocument, problems, type Doc } from './documents.ts';

const ring = (users: string[] = ['sato']) => ({ type: 'ring', users, strategy: 'simultaneous', ringSeconds: 20 });
const item = (key: number, label: string, action: unknown = ring()) => ({ key, label, action });
/** A chain of submenus `levels` deep, the top menu counting as level 1. */
const nested = (levels: number): unknown[] =>
  levels === 1 ? [item(1, '営業')] : [item(1, `レベル${levels}`, { type: 'menu', menu: nested(levels - 1) })];
const withMenu = (menu: unknown[]) => changed((doc: Doc) => { doc.incoming[0].route.menu = menu; });

const MENU = 'incoming[0].route.menu';

describe('IVR menus', () => {
  it.each([
    ['keys 1 to 9 in any order', [item(9, '九'), item(1, '一'), item(5, '五')]],
    ['nine items', [1, 2, 3, 4, 5, 6, 7, 8, 9].map((key) => item(key, `項目${key}`))],
    ['the same key in different menus', [item(1, '営業'), item(2, 'サポート', { type: 'menu', menu: [item(1, '製品')] })]],
    ['submenus five levels deep', nested(5)],
  ])('accepts %s', (_case, menu) => {
    expect(problems(withMenu(menu))).toEqual([]);
  });

  it.each([
    ['key 0', [item(0, 'オペレーター')], [`${MENU}[0].key: keys are 1-9`]],
    ['key 10', [item(10, 'その他')], [`${MENU}[0].key: keys are 1-9`]],
    ['a key that is not a whole number', [item(1.5, '営業')], [`${MENU}[0].key: must be a whole number`]],
    ['a key used twice', [item(1, '営業'), item(1, 'サポート')], [`${MENU}[1].key: key 1 is already used by "営業" in this menu`]],
    [
      'a key used twice in a submenu',
      [item(2, 'サポート', { type: 'menu', menu: [item(3, '製品'), item(3, '請求')] })],
      [`${MENU}[0].action.menu[1].key: key 3 is already used by "製品" in this menu`],
    ],
    ['ten items', [1, 2, 3, 4, 5, 6, 7, 8, 9, 9].map((key) => item(key, `項目${key}`)), [`${MENU}: a menu has at most 9 items (keys 1-9)`, `${MENU}[9].key: key 9 is already used by "項目9" in this menu`]],
    ['an empty menu', [], [`${MENU}: an IVR needs at least one item`]],
    ['an empty submenu', [item(1, 'サポート', { type: 'menu', menu: [] })], [`${MENU}[0].action.menu: a submenu needs at least one item`]],
    ['an item without a label', [{ key: 1, action: ring() }], [`${MENU}[0].label: required`]],
    ['an item with a blank label', [item(1, '   ')], [`${MENU}[0].label: every item needs a label`]],
    ['an item without an action', [{ key: 1, label: '営業' }], [`${MENU}[0].action: required`]],
    [
      'submenus six levels deep',
      nested(6),
      [`${MENU}[0].action.menu[0].action.menu[0].action.menu[0].action.menu[0].action.menu: menus nest at most 5 levels deep`],
    ],
  ])('refuses %s', (_case, menu, expected) => {
    expect(problems(withMenu(menu))).toEqual(expected);
  });
});

describe('prompts', () => {
  const audio = { type: 'audio', audioId: 'aud_7f3k2' };
  const url = { type: 'url', url: 'https://example.jp/greeting.mp3' };
  const singleLevel = (edit: (doc: Doc) => void) =>
    changed((doc: Doc) => {
      doc.incoming[0].route.menu = [item(1, '営業'), item(2, 'サポート', ring(['suzuki']))];
      edit(doc);
    });

  it.each([
    ['an audio welcome on a single-level IVR', singleLevel((doc) => { doc.incoming[0].messages.welcome = audio; })],
    ['a URL busy message on a single-level IVR', singleLevel((doc) => { doc.incoming[0].messages.busy = url; })],
    ['an audio unavailable message on a direct route', changed((doc: Doc) => { doc.incoming[1].messages.unavailable = audio; })],
    ['text prompts on a multi-level IVR', changed(() => {})],
    ['no prompts at all', changed((doc: Doc) => { doc.incoming[0].messages = {}; })],
  ])('accepts %s', (_case, document) => {
    expect(problems(document)).toEqual([]);
  });

  it.each([
    ['an audio welcome', 'welcome', audio, 'an IVR with submenus plays text prompts only (type "text"), not "audio"'],
    ['a URL unavailable message', 'unavailable', url, 'an IVR with submenus plays text prompts only (type "text"), not "url"'],
    ['an audio busy message', 'busy', audio, 'an IVR with submenus plays text prompts only (type "text"), not "audio"'],
  ])('refuses %s on a multi-level IVR', (_case, name, prompt, message) => {
    expect(problems(changed((doc: Doc) => { doc.incoming[0].messages[name] = prompt; }))).toEqual([`incoming[0].messages.${name}: ${message}`]);
  });

  it.each([
    ['an http URL', { type: 'url', url: 'http://example.jp/welcome.mp3' }, 'incoming[1].messages.welcome.url: must be an https:// URL'],
    ['a URL that is not one', { type: 'url', url: 'welcome.mp3' }, 'incoming[1].messages.welcome.url: must be an https:// URL'],
    ['an empty text', { type: 'text', text: '  ' }, 'incoming[1].messages.welcome.text: must not be empty'],
    ['an audio prompt without its file', { type: 'audio' }, 'incoming[1].messages.welcome.audioId: required'],
    ['an unknown prompt type', { type: 'tts', text: 'こんにちは' }, 'incoming[1].messages.welcome.type: must be one of "text", "audio", "url"'],
  ])('refuses %s', (_case, prompt, expected) => {
    expect(problems(changed((doc: Doc) => { doc.incoming[1].messages.welcome = prompt; }))).toEqual([expected]);
  });
});

describe('menu template', () => {
  it.each([
    ['Japanese', '${Menu}の場合、${Key press}を押してください。'],
    ['English', 'For ${Menu}, press ${Key press}.'],
    ['key first', '${Key press}番: ${Menu}'],
  ])('accepts a %s template with both placeholders', (_case, template) => {
    expect(problems(changed((doc: Doc) => { doc.incoming[0].messages.menu = template; }))).toEqual([]);
  });

  it('accepts no template (the language default is used)', () => {
    expect(problems(changed((doc: Doc) => { delete doc.incoming[0].messages.menu; }))).toEqual([]);
  });

  it.each([
    ['without ${Key press}', '${Menu}はこちら。', 'the menu template must contain ${Key press}'],
    ['without ${Menu}', '${Key press}を押してください。', 'the menu template must contain ${Menu}'],
    ['without either', '番号を押してください。', 'the menu template must contain ${Menu}, ${Key press}'],
    ['with a misspelt placeholder', '${menu}の場合、${Key press}を押してください。', 'the menu template must contain ${Menu}'],
  ])('refuses a template %s', (_case, template, message) => {
    expect(problems(changed((doc: Doc) => { doc.incoming[0].messages.menu = template; }))).toEqual([`incoming[0].messages.menu: ${message}`]);
  });
});

describe('voice', () => {
  it.each([
    ['ja-JP', 'Polly.Mizuki'],
    ['ja-JP', 'Polly.Takumi'],
    ['ja-JP', 'Polly.Takumi-Neural'],
    ['ja-JP', 'Polly.Kazuha-Neural'],
    ['ja-JP', 'Polly.Tomoko-Neural'],
    ['ja-JP', 'Google.ja-JP-Wavenet-A'],
    ['ja-JP', 'Google.ja-JP-Chirp3-HD-Kore'],
    ['en-US', 'Polly.Joanna'],
    ['en-US', 'Polly.Matthew-Neural'],
    ['en-US', 'man'],
    ['en-GB', 'Google.en-GB-Standard-A'],
    ['en-GB', 'Polly.Arthur-Neural'],
    ['en-AU', 'Polly.Olivia-Neural'],
    ['ja-JP', 'alice'],
  ])('accepts %s spoken by %s', (language, voice) => {
    expect(problems(changed((doc: Doc) => { doc.incoming[0].voice = { language, voice }; }))).toEqual([]);
  });

  it.each([
    ['ja-JP', 'Polly.Joanna', 'Polly.Joanna speaks en-US, not ja-JP'],
    ['en-US', 'Polly.Mizuki', 'Polly.Mizuki speaks ja-JP, not en-US'],
    ['en-AU', 'Google.ja-JP-Wavenet-B', 'Google.ja-JP-Wavenet-B speaks ja-JP, not en-AU'],
    // Twilio's basic voices speak English only.
    ['ja-JP', 'man', 'man speaks en-US, not ja-JP'],
    ['ja-JP', 'woman', 'woman speaks en-US, not ja-JP'],
  ])('refuses %s spoken by %s', (language, voice, message) => {
    expect(problems(changed((doc: Doc) => { doc.incoming[0].voice = { language, voice }; }))).toEqual([`incoming[0].voice.voice: ${message}`]);
  });

  it.each([
    ['Polly.Kazuha', 'Kazuha is a neural voice only'],
    ['Polly.Mizuki-Neural', 'Mizuki has no neural voice'],
    ['Polly.Mizki', 'a typo'],
    ['Google.ja-JP-Neural2-A', 'Google has no Neural2-A for Japanese'],
    ['Polly.Hans', 'a voice of a language the flow does not speak'],
  ])('refuses %s for ja-JP (%s): Twilio has no such voice', (voice) => {
    expect(problems(changed((doc: Doc) => { doc.incoming[0].voice = { language: 'ja-JP', voice }; }))).toEqual([
      `incoming[0].voice.voice: Twilio has no voice ${voice} for ja-JP`,
    ]);
  });

  it('refuses a language the voice flow does not speak', () => {
    expect(problems(changed((doc: Doc) => { doc.incoming[1].voice = { language: 'fr-FR' }; }))).toEqual([
      'incoming[1].voice.language: must be one of "ja-JP", "en-US", "en-GB", "en-AU"',
    ]);
  });
});

describe('a welcome callers may skip with a menu key', () => {
  it('is off for a number saved or imported without the setting (its welcome may have to be heard in full)', () => {
    const result = validatePhoneConfig(exampleDocument());
    expect(result.ok && result.config.incoming.map((number) => number.welcomeSkippable)).toEqual([false, false]);
  });

  it('is kept when set, and refused at its path when it is not true or false', () => {
    const result = validatePhoneConfig(changed((doc: Doc) => { doc.incoming[0].welcomeSkippable = true; }));
    expect(result.ok && result.config.incoming[0]?.welcomeSkippable).toBe(true);
    expect(problems(changed((doc: Doc) => { doc.incoming[0].welcomeSkippable = 'yes'; }))).toEqual(['incoming[0].welcomeSkippable: must be true or false']);
  });
});
