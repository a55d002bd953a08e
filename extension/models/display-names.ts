/**
 * Countries and languages by name in the page's language (`JP` → 日本 / Japan, `en-GB` → 英語 (イギリス)),
 * from the browser's own CLDR data (`Intl.DisplayNames`); the code itself where the browser has no name.
 */
const cache = new Map<string, Intl.DisplayNames>();

function names(locale: string, type: 'region' | 'language'): Intl.DisplayNames | null {
  const key = `${locale}:${type}`;
  if (!cache.has(key)) {
    try {
      cache.set(key, new Intl.DisplayNames([locale], { type, fallback: 'code' }));
    } catch {
      return null;
    }
  }
  return cache.get(key) ?? null;
}

export function countryName(code: string, locale: string): string {
  return names(locale, 'region')?.of(code) ?? code;
}

export function languageName(tag: string, locale: string): string {
  return names(locale, 'language')?.of(tag) ?? tag;
}

/** Countries sorted by their name as the reader sees it. */
export function byCountryName(codes: readonly string[], locale: string): string[] {
  const collator = new Intl.Collator(locale);
  return [...codes].sort((a, b) => collator.compare(countryName(a, locale), countryName(b, locale)));
}
