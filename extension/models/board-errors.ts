import { messages, type MessageKey } from '@/locales/messages';
import { translate, type UiLanguage } from '@/locales/i18n';
import { localMessage } from './admin-http';
import { ApiError } from './api-error';

/** The board's and analytics' errors in the reader's language: our own sentence for codes we know, else the server's. */
export function boardErrorText(failure: unknown, language: UiLanguage): string {
  if (failure instanceof ApiError) {
    const key = `error.${failure.code}`;
    if (Object.hasOwn(messages, key)) return translate(language, key as MessageKey);
  }
  return localMessage(failure, language);
}
