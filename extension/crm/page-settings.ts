/**
 * The rep's settings the CRM page needs before the first button: the default country (national numbers
 * are parsed with it) and the language override (button labels). They live in `storage.local`
 * (extension/storage/items.ts), whose read is asynchronous: a round trip to the browser process that,
 * on a busy machine, answers after a small page has been parsed and rendered, and every button would
 * then cost a relayout. So the last values read are also kept in the CRM origin's localStorage, which a
 * content script reads synchronously at document_start. That copy is visible to the page; it says
 * nothing secret (a country code, a language), and storage.local stays the truth: when its answer
 * differs from the copy (the rep changed a setting, or the page wrote the key), the buttons are made
 * again with its values and the copy is updated.
 */
import { DEFAULT_COUNTRY, type CountryCode } from '@/calling/phone-numbers';

export interface PageSettings {
  country: CountryCode;
  language: 'ja' | 'en' | undefined;
}

export const SETTINGS_CACHE_KEY = 'yobidashi:page-settings:v1';

/** The settings from storage.local's items `defaultCountry` and `languageOverride` (unknown values → defaults). */
export function pageSettings(stored: Record<string, unknown>): PageSettings {
  const country = typeof stored.defaultCountry === 'string' && /^[A-Z]{2}$/.test(stored.defaultCountry) ? (stored.defaultCountry as CountryCode) : DEFAULT_COUNTRY;
  const language = stored.languageOverride === 'ja' || stored.languageOverride === 'en' ? stored.languageOverride : undefined;
  return { country, language };
}

export const sameSettings = (a: PageSettings, b: PageSettings) => a.country === b.country && a.language === b.language;

/** The copy kept in the page origin's localStorage, or null (none yet, unreadable, or not ours). */
export function cachedSettings(cache: Pick<Storage, 'getItem'> | null): PageSettings | null {
  try {
    const raw = cache?.getItem(SETTINGS_CACHE_KEY);
    if (!raw) return null;
    const value = JSON.parse(raw) as { c?: unknown; l?: unknown };
    return pageSettings({ defaultCountry: value.c, languageOverride: value.l });
  } catch {
    return null; // storage disabled, or a value that is not our JSON
  }
}

export function cacheSettings(cache: Pick<Storage, 'setItem'> | null, settings: PageSettings): void {
  try {
    cache?.setItem(SETTINGS_CACHE_KEY, JSON.stringify({ c: settings.country, l: settings.language ?? null }));
  } catch {
    // storage full or disabled: the next page load waits for storage.local again
  }
}
