/**
 * What a call button says when the extension was updated or reloaded under an open CRM tab. Chrome does
 * not put the new content script into open tabs, and the old one can no longer reach the extension
 * (`runtime.sendMessage` throws "Extension context invalidated."): its buttons are removed, and the rep
 * who clicked one is told to reload the page. Kept here, not in the rep's dictionary, for the content
 * script's size (as launcher-strings.ts).
 */
import type { MessageEntry } from '@/locales/message-entry';
import type { LauncherLanguage } from '@/ui/launcher-strings';

export const reloadToCall: MessageEntry = {
  en: 'Yobidashi was updated or restarted. Reload this page to call from it, or use the Yobidashi button in the toolbar.',
  ja: '「呼び出し」が更新または再起動されました。このページから電話をかけるには、ページを再読み込みしてください。ツールバーの「呼び出し」ボタンからもかけられます。',
};

/**
 * A browser alert: it answers the rep's click where they are looking, needs no styles the page could
 * override, and the launcher that could otherwise say it is gone with the old context.
 */
export function tellToReload(window: Pick<Window, 'alert'>, language: LauncherLanguage): void {
  window.alert(reloadToCall[language]);
}
