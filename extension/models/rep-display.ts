import type { CountryCode } from 'libphonenumber-js';
import { pageSettings } from '@/crm/page-settings';
import { pickLanguage, translate, type UiLanguage } from '@/locales/i18n';
import { formatForDisplay, isWithheldNumber } from './phone-number-format';

/** How the rep reads words and numbers: their 表示言語 and the country their numbers are national in. */
export interface RepDisplay {
  language: UiLanguage;
  country: CountryCode;
}

/**
 * For what the extension shows outside its popup and options page (browser notifications, the
 * microphone page), from the stored `languageOverride` and `defaultCountry` (storage/items.ts): the
 * options page's language, else the browser's, as every screen picks it. Unknown values → defaults.
 */
export function repDisplay(stored: { languageOverride: unknown; defaultCountry: unknown }, browserLanguage: string | undefined): RepDisplay {
  const { language, country } = pageSettings(stored);
  return { language: pickLanguage(browserLanguage, language), country };
}

/**
 * `displayNumber` (components/call-party.tsx) for text made outside the UI's language signal:
 * `03-1234-5678` for a number of the rep's country, or 非通知 / Anonymous when withheld.
 */
export function numberForRep(number: string | null | undefined, { language, country }: RepDisplay): string {
  return isWithheldNumber(number) ? translate(language, 'call.anonymous') : formatForDisplay(number ?? '', country);
}
