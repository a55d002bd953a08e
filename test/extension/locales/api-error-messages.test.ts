import { describe, expect, it } from 'vitest';
import { API_ERRORS, placeholdersOf, type ApiErrorCode } from '../../../contract/api-errors.ts';
import { apiErrorMessages } from '@/locales/api-error-messages';
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
    expect(issueText('ja', { code: 'too_long', params: { max: 100 } })).toBe('100 文字以内で入力してください。');
  });

  it('never shows a bare placeholder or English: a code it does not know, or one missing its params, gets a general sentence', () => {
    expect(apiErrorText('ja', { code: 'from_a_newer_server' })).toMatch(JAPANESE);
    expect(apiErrorText('ja', { code: 'too_many_attempts' })).not.toContain('{');
    expect(issueText('ja', { code: 'too_long' })).toBe('この値は受け付けられません。');
  });
});
