import { describe, expect, it } from 'vitest';
import enMessages from '@/public/_locales/en/messages.json';
import jaMessages from '@/public/_locales/ja/messages.json';

// What the browser itself shows: the extension's name and description in its list of extensions, and the
// keyboard shortcuts page (extension/public/_locales, referenced from wxt.config.ts as __MSG_…__).
const ja: Record<string, { message: string }> = jaMessages;
const en: Record<string, { message: string }> = enMessages;

describe('the extension’s name and shortcuts as the browser shows them', () => {
  it('has every message in both languages', () => {
    expect(Object.keys(ja).sort()).toEqual(Object.keys(en).sort());
  });

  it('writes Japanese with full-width brackets and colons, as Japanese text sets them', () => {
    const halfWidth = Object.entries(ja).filter(([, { message }]) => /[()]|:/.test(message));
    expect(halfWidth).toEqual([]);
    expect(ja['extName']?.message).toBe('呼び出し（Yobidashi）');
  });

  it('keeps the name and description short enough for the extensions list', () => {
    // Chrome's limits: a name of at most 75 characters (45 to show whole), a description of at most 132.
    for (const messages of [ja, en]) {
      expect([...(messages['extName']?.message ?? '')].length).toBeLessThanOrEqual(45);
      expect([...(messages['extDescription']?.message ?? '')].length).toBeLessThanOrEqual(132);
    }
  });
});
