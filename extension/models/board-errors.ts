import type { UiLanguage } from '@/locales/i18n';
import { ApiError, errorText, fieldIssueText } from './api-error';

/**
 * The board's and analytics' errors in the reader's language, from the contract's dictionary: a
 * refused field (the time zone) by its own problem, anything else by the error's code.
 */
export function boardErrorText(failure: unknown, language: UiLanguage): string {
  const first = failure instanceof ApiError && failure.code === 'invalid_input' ? failure.issues[0] : undefined;
  return first ? fieldIssueText(first, language) : errorText(failure, language);
}
