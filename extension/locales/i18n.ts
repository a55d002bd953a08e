import { signal } from '@preact/signals';
import type { MessageEntry } from './message-entry';
import { messages, type MessageKey } from './messages';
import { repMessages } from './rep-messages';

/**
 * The strings this bundle can show. CRM pages (the `crm` content script and its on-demand `crm-ui`
 * bundle) only ever show a rep's strings,
 * so its bundle leaves the admin pages' dictionary out: WXT replaces `import.meta.env.ENTRYPOINT` at build
 * time and the other branch is dropped. Everywhere else (popup, options, tests) it is the whole dictionary.
 */
const dictionary: Partial<Record<MessageKey, MessageEntry>> =
  import.meta.env.ENTRYPOINT === 'crm' || import.meta.env.ENTRYPOINT === 'crm-ui' ? repMessages : messages;

export type UiLanguage = 'en' | 'ja';

/**
 * The locale `Intl` formats the UI's numbers, dates and times in: one per language, so every screen writes a
 * date the same way (`2026/11/24 12:00` / `Nov 24, 2026, 12:00 PM`).
 */
export function intlLocale(language: UiLanguage): 'ja-JP' | 'en-US' {
  return language === 'ja' ? 'ja-JP' : 'en-US';
}
export const UI_LANGUAGES: readonly UiLanguage[] = ['ja', 'en'];

/** Japanese when the browser says so (ja, ja-JP…), English otherwise; an explicit choice wins. */
export function pickLanguage(browserLanguage: string | undefined, override?: UiLanguage | null): UiLanguage {
  if (override) return override;
  return browserLanguage?.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

export type MessageParams = Record<string, string | number>;

/** Pure lookup: `{name}` placeholders are replaced by `params.name`; unknown placeholders stay visible. */
export function translate(lang: UiLanguage, key: MessageKey, params?: MessageParams): string {
  const template = dictionary[key]?.[lang] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    params[name] === undefined ? whole : String(params[name]),
  );
}

/** The language every component renders in. Components read it, so they re-render when it changes. */
export const uiLanguage = signal<UiLanguage>(pickLanguage(globalThis.navigator?.language));

/** Options page override; `null` goes back to the browser's language. */
export function setLanguageOverride(override: UiLanguage | null, browserLanguage = globalThis.navigator?.language): void {
  uiLanguage.value = pickLanguage(browserLanguage, override);
  if (typeof document !== 'undefined') document.documentElement.lang = uiLanguage.value;
}

export function t(key: MessageKey, params?: MessageParams): string {
  return translate(uiLanguage.value, key, params);
}

export type { MessageKey };
