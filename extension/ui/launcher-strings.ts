import type { MessageEntry } from '@/locales/message-entry';

export type LauncherLanguage = 'ja' | 'en';

/**
 * The launcher's few words, kept here instead of read from the rep's dictionary: the launcher runs on
 * every CRM page and importing the dictionary (and its signal) would cost the content script ~5 kB gz.
 * The same texts as extension/locales/rep-messages.ts (a test keeps them equal).
 */
export const launcherStrings = {
  'launcher.open': { en: 'Open dialer', ja: 'ダイヤルを開く' },
  'launcher.close': { en: 'Close dialer', ja: 'ダイヤルを閉じる' },
  'launcher.hide': { en: 'Hide on this site', ja: 'このサイトでは表示しない' },
  'launcher.move': {
    en: 'Move the dialer button (drag, or arrow keys)',
    ja: 'ダイヤルボタンを移動（ドラッグまたは矢印キー）',
  },
  'dialer.title': { en: 'Dialer', ja: 'ダイヤル' },
} satisfies Record<string, MessageEntry>;

/** Only here: the dialer could not be loaded into the page (the extension was updated or reloaded). */
export const launcherLoadFailed: MessageEntry = {
  en: 'The dialer could not open here. Reload the page, or use the Yobidashi button in the toolbar.',
  ja: 'ここではダイヤルを開けませんでした。ページを再読み込みするか、ツールバーの「呼び出し」ボタンをお使いください。',
};

/**
 * The options page's choice, else the browser's language: Japanese or English (as the rest of the UI).
 * The one rule for the launcher and the CRM pages' call buttons (crm/inject.ts), whatever the page's lang.
 */
export function launcherLanguage(override: LauncherLanguage | null, browserLanguage: string | undefined): LauncherLanguage {
  if (override) return override;
  return browserLanguage?.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}
