import { describe, expect, it } from 'vitest';
import { cachedSettings, cacheSettings, pageSettings, sameSettings, SETTINGS_CACHE_KEY } from '@/crm/page-settings';

function memoryStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
  };
}

describe('the settings a CRM page starts with', () => {
  it('come from storage.local, unknown values falling back to Japan and the page’s language', () => {
    expect(pageSettings({ defaultCountry: 'US', languageOverride: 'en' })).toEqual({ country: 'US', language: 'en' });
    expect(pageSettings({})).toEqual({ country: 'JP', language: undefined });
    expect(pageSettings({ defaultCountry: 'jp; drop', languageOverride: 'fr' })).toEqual({ country: 'JP', language: undefined });
  });

  it('are kept for the next page load, and read back synchronously', () => {
    const storage = memoryStorage();
    expect(cachedSettings(storage)).toBeNull();
    cacheSettings(storage, { country: 'GB', language: 'ja' });
    expect(cachedSettings(storage)).toEqual({ country: 'GB', language: 'ja' });
    cacheSettings(storage, { country: 'JP', language: undefined });
    expect(cachedSettings(storage)).toEqual({ country: 'JP', language: undefined });
  });

  it('ignore a copy that is not ours, keep only valid values of one the page edited, and survive blocked storage', () => {
    expect(cachedSettings(memoryStorage({ [SETTINGS_CACHE_KEY]: '{not json' }))).toBeNull();
    expect(cachedSettings(memoryStorage({ [SETTINGS_CACHE_KEY]: JSON.stringify({ c: '<img>', l: 'xx' }) }))).toEqual({ country: 'JP', language: undefined });
    const blocked = {
      getItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
    };
    expect(cachedSettings(blocked)).toBeNull();
    expect(() => cacheSettings(blocked, { country: 'JP', language: undefined })).not.toThrow();
  });

  it('tell a changed setting from the cached copy', () => {
    expect(sameSettings({ country: 'JP', language: undefined }, { country: 'JP', language: undefined })).toBe(true);
    expect(sameSettings({ country: 'JP', language: undefined }, { country: 'JP', language: 'en' })).toBe(false);
    expect(sameSettings({ country: 'JP', language: 'ja' }, { country: 'US', language: 'ja' })).toBe(false);
  });
});
