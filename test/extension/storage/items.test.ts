import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

// WXT's storage reads `chrome` when first loaded: install the in-memory fake browser before importing the items.
(globalThis as { chrome?: unknown }).chrome = fakeBrowser;
const items = await import('@/storage/items');
beforeEach(() => fakeBrowser.reset());

const declared = Object.entries(items as Record<string, unknown>).filter(
  (entry): entry is [string, { key: string }] => typeof entry[1] === 'object' && entry[1] !== null && 'key' in entry[1],
);

describe('stored items', () => {
  it('keeps the session token in session storage, never on disk', async () => {
    await items.session.setValue({ token: 'sess_secret', user: { id: 'u1', name: '佐藤', email: 's@example.jp', role: 'rep' } });
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    expect(await fakeBrowser.storage.session.get(null)).toMatchObject({ session: { token: 'sess_secret' } });
  });

  it('remembers the launcher position per site', async () => {
    await items.launcherPositions.setValue({ 'https://crm.zoho.jp': { right: 24, bottom: 80, hidden: false } });
    expect(await items.launcherPositions.getValue()).toEqual({ 'https://crm.zoho.jp': { right: 24, bottom: 80, hidden: false } });
  });

  it('declares each key once, in the area it belongs to', () => {
    const keys = declared.map(([, item]) => item.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.sort()).toMatchInlineSnapshot(`
      [
        "local:appliedDefaultLanguage",
        "local:audioDevices",
        "local:defaultCountry",
        "local:enabledSites",
        "local:languageOverride",
        "local:launcherPositions",
        "local:ringtoneVolume",
        "local:serverUrl",
        "session:notifiedVoicemails",
        "session:phoneMemory",
        "session:popupIntent",
        "session:session",
        "session:wantsOnline",
        "session:wrapUpDraft",
      ]
    `);
  });

  it('writes nothing named like a secret to local storage', () => {
    const local = declared.map(([, item]) => item.key).filter((key) => key.startsWith('local:'));
    for (const key of local) expect(key).not.toMatch(/token|password|secret|session/i);
  });

  it.each([
    ['defaultCountry', items.defaultCountry.fallback, 'JP'],
    ['enabledSites', items.enabledSites.fallback, []],
    ['ringtoneVolume', items.ringtoneVolume.fallback, 0.6],
    ['wantsOnline', items.wantsOnline.fallback, false],
  ])('%s starts as %j', (_name, fallback, expected) => {
    expect(fallback).toEqual(expected);
  });
});
