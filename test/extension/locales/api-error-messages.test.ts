import { describe, expect, it } from 'vitest';
import { API_ERRORS, placeholdersOf, type ApiErrorCode } from '../../../contract/api-errors.ts';
import { apiErrorMessages, apiErrorSingulars, apiErrorValueWords } from '@/locales/api-error-messages';
import { adminConsoleMessages } from '@/locales/admin-console-messages';
import { KEY_PRESS_PLACEHOLDER, MENU_PLACEHOLDER } from '../../../contract/menu-template.ts';
import { apiErrorText, issueText } from '@/locales/api-error-text';

const codes = Object.keys(API_ERRORS) as ApiErrorCode[];
const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/;

describe('the API error dictionary', () => {
  it.each(codes)('"%s" reads naturally in Japanese and English, with only the params the contract names', (code) => {
    const { ja, en } = apiErrorMessages[code];
    expect(ja).toMatch(JAPANESE);
    expect(en.trim()).not.toBe('');
    const named = Object.keys((API_ERRORS[code] as { params?: object }).params ?? {});
    for (const text of [ja, en]) for (const name of placeholdersOf(text)) expect(named).toContain(name);
    expect(placeholdersOf(ja).sort()).toEqual(placeholdersOf(en).sort());
  });

  it('words an error with its params, limits in units people read', () => {
    expect(apiErrorText('ja', { code: 'body_too_large', params: { maxBytes: 65_536 } })).toBe('送信した内容が大きすぎます（上限 64 KB）。');
    expect(issueText('en', { code: 'duplicate_email', params: { email: 'SATO@example.jp' } })).toBe('SATO@example.jp is used by another user.');
    expect(issueText('ja', { code: 'too_long', params: { max: 100 } })).toBe('100文字以内で入力してください。');
  });

  it.each(Object.keys(apiErrorSingulars) as ApiErrorCode[])('"%s" has a singular sentence with the same params, counted by one of them', (code) => {
    const singular = apiErrorSingulars[code]!;
    for (const language of ['ja', 'en'] as const) {
      expect(placeholdersOf(singular[language]).sort()).toEqual(placeholdersOf(apiErrorMessages[code][language]).sort());
      expect(placeholdersOf(singular[language])).toContain(singular.count);
    }
  });

  it('words the voicemail length bounds (seconds on the wire) as a duration', () => {
    const range = (min: number, max: number) => ({ code: 'voicemail_length_range', params: { min, max } });
    expect(issueText('ja', range(10, 3600))).toBe('留守番電話の最長録音時間は 10秒〜1時間の範囲で指定してください。');
    expect(issueText('en', range(10, 3600))).toBe('The longest voicemail must be from 10 seconds to 1 hour.');
    expect(issueText('en', range(1, 7200))).toBe('The longest voicemail must be from 1 second to 2 hours.');
    expect(issueText('ja', range(90, 600))).toBe('留守番電話の最長録音時間は 90秒〜10分の範囲で指定してください。');
  });

  it('says "1 minute" and "1 second", and the plural otherwise', () => {
    expect(apiErrorText('en', { code: 'too_many_attempts', params: { retryAfterMinutes: 1 } })).toBe('Too many wrong passwords. Try again in 1 minute.');
    expect(apiErrorText('en', { code: 'too_many_attempts', params: { retryAfterMinutes: 15 } })).toBe('Too many wrong passwords. Try again in 15 minutes.');
    expect(apiErrorText('en', { code: 'rate_limited', params: { retryAfterSeconds: 1 } })).toBe('Too many requests. Try again in 1 second.');
    expect(apiErrorText('en', { code: 'rate_limited', params: { retryAfterSeconds: 30 } })).toBe('Too many requests. Try again in 30 seconds.');
    expect(apiErrorText('ja', { code: 'rate_limited', params: { retryAfterSeconds: 1 } })).toBe('リクエストが多すぎます。1秒後にもう一度お試しください。');
  });

  it('words a delivery’s state instead of showing the stored value', () => {
    expect(apiErrorText('ja', { code: 'outbox_entry_not_parked', params: { status: 'pending' } })).toBe('この送信はもう対応不要です（状態：送信待ち）。一覧を更新してください。');
    expect(apiErrorText('en', { code: 'outbox_entry_not_parked', params: { status: 'sending' } })).toBe('This delivery no longer needs attention (it is being sent). Refresh the list.');
    expect(apiErrorText('en', { code: 'outbox_entry_not_parked', params: { status: 'done' } })).toBe('This delivery no longer needs attention (it is already sent). Refresh the list.');
  });

  it('lists the allowed values as people write lists, not as JSON', () => {
    expect(issueText('ja', { code: 'not_one_of', params: { options: '"ja-JP", "en-US"' } })).toBe('次のいずれかを選んでください：ja-JP、en-US');
    expect(issueText('en', { code: 'not_one_of', params: { options: '"ja-JP", "en-US"' } })).toBe('Choose one of: ja-JP, en-US.');
    expect(issueText('en', { code: 'not_one_of', params: { options: '1, 2' } })).toBe('Choose one of: 1, 2.');
  });

  it('names the menu sentence’s placeholders with the editor’s words, never ${Menu}', () => {
    const missing = `${MENU_PLACEHOLDER}, ${KEY_PRESS_PLACEHOLDER}`;
    expect(issueText('ja', { code: 'menu_template_placeholders', params: { missing } })).toBe('メニューの読み上げ文には「メニュー名」と「キー番号」を含めてください。');
    expect(issueText('en', { code: 'menu_template_placeholders', params: { missing } })).toBe('The menu sentence must contain “menu name” and “key”.');
    expect(issueText('ja', { code: 'menu_template_placeholders', params: { missing: KEY_PRESS_PLACEHOLDER } })).toBe('メニューの読み上げ文には「キー番号」を含めてください。');
    expect(apiErrorValueWords.menuPlaceholder[MENU_PLACEHOLDER]).toEqual(adminConsoleMessages['voice.menu.slot.menu']);
    expect(apiErrorValueWords.menuPlaceholder[KEY_PRESS_PLACEHOLDER]).toEqual(adminConsoleMessages['voice.menu.slot.key']);
  });

  it('never shows a bare placeholder or English: a code it does not know, or one missing its params, gets a general sentence', () => {
    expect(apiErrorText('ja', { code: 'from_a_newer_server' })).toMatch(JAPANESE);
    expect(apiErrorText('ja', { code: 'too_many_attempts' })).not.toContain('{');
    expect(issueText('ja', { code: 'too_long' })).toBe('この値は受け付けられません。');
  });
});
