import { describe, expect, it } from 'vitest';
import { reloadToCall } from '@/crm/reload-notice';
import {
  apiErrorDurationWords,
  apiErrorFallback,
  apiErrorListWords,
  apiErrorMessages,
  apiErrorSingulars,
  apiErrorValueWords,
  issueFallback,
} from '@/locales/api-error-messages';
import type { MessageEntry } from '@/locales/message-entry';
import { messages } from '@/locales/messages';
import { launcherLoadFailed, launcherStrings } from '@/ui/launcher-strings';

// Every Japanese sentence a person can meet in the extension: the UI's dictionary, the API's error contract
// and the words the CRM page's small bundles keep apart from the dictionary.
const entries: readonly (readonly [string, MessageEntry])[] = [
  ...Object.entries(messages),
  ...Object.entries(apiErrorMessages).map(([code, entry]) => [`apiError.${code}`, entry] as const),
  ...Object.entries(apiErrorSingulars).map(([code, entry]) => [`apiError.${code}.one`, entry] as const),
  ...Object.entries(apiErrorDurationWords).map(([unit, entry]) => [`apiError.duration.${unit}`, entry] as const),
  ...Object.entries(apiErrorListWords).map(([word, entry]) => [`apiError.list.${word}`, entry] as const),
  ...Object.entries(apiErrorValueWords).flatMap(([group, words]) => Object.entries(words).map(([value, entry]) => [`apiError.${group}.${value}`, entry] as const)),
  ['apiError.fallback', apiErrorFallback] as const,
  ['apiError.issueFallback', issueFallback] as const,
  ...Object.entries(launcherStrings).map(([key, entry]) => [`launcher:${key}`, entry] as const),
  ['launcher.loadFailed', launcherLoadFailed] as const,
  ['crm.reloadToCall', reloadToCall] as const,
];
const japanese = entries.map(([key, entry]) => [key, entry.ja] as const);

const breaking = (rule: (text: string) => boolean) => japanese.filter(([, text]) => rule(text)).map(([key, text]) => `${key}: ${text}`);

/** Counters and units Japanese sets right after its number: 12件, 3分, 8文字, 2周, 第3階層. */
const COUNTER = '(?:件|秒|分(?!析)|時間|時(?!刻)|日(?!付)|週|か月|年|人|回|文字|個|つ|階層|段|周|巡目|行(?![うっわいえお])|桁|項目|番目|番(?!号)|進数)';
/** A number, written out or as the placeholder that will hold one. */
const NUMBER = '(?:\\d|\\{\\w+\\})';

describe('the Japanese of the UI, set one way on every screen', () => {
  it('sets every name and its さん together: 佐藤さん, never 佐藤 さん', () => {
    expect(japanese.filter(([, text]) => text.includes('さん')).length).toBeGreaterThan(0);
    expect(breaking((text) => /\sさん/.test(text))).toEqual([]);
  });

  it('writes a label’s colon full-width, with nothing after it: 着信：03-1234-5678', () => {
    expect(japanese.filter(([, text]) => text.includes('：')).length).toBeGreaterThan(0);
    expect(breaking((text) => /：\s/.test(text))).toEqual([]);
  });

  it('keeps the ASCII colon for clocks and addresses only (HH:MM, 09:00, https://)', () => {
    const withoutClocksAndAddresses = (text: string) =>
      text
        .replace(/[a-z]+:\/\//gi, '')
        .replace(/\bHH:MM\b/g, '')
        .replace(/(?:\d|\}):\d/g, '');
    expect(breaking((text) => withoutClocksAndAddresses(text).includes(':'))).toEqual([]);
  });

  it('sets a number and its counter together: 12件, 3分, 8文字以上, 第2階層', () => {
    expect(japanese.filter(([, text]) => new RegExp(`${NUMBER}${COUNTER}`).test(text)).length).toBeGreaterThan(0);
    expect(breaking((text) => new RegExp(`${NUMBER}[ \\u3000]+${COUNTER}|第[ \\u3000]+${NUMBER}`).test(text))).toEqual([]);
  });
});
