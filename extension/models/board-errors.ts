import type { UiLanguage } from '@/locales/i18n';
import { refusalText } from './api-error';

/**
 * The board's and analytics' errors in the reader's language, from the contract's dictionary: a
 * refused field (the time zone) by its own problem, anything else by the error's code.
 */
export function boardErrorText(failure: unknown, language: UiLanguage): string {
  return refusalText(failure, language);
}
