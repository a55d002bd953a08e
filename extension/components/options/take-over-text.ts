import { apiErrorText } from '@/locales/api-error-text';
import type { ApiError } from '@/models/api-error';

/**
 * The sentence of a 409 number_in_use (adding a number, or the setup check's fix), naming what
 * answers the number now in the page's words when the server described it (`usedBy`).
 */
export function takeOverText(warning: ApiError, lang: 'en' | 'ja'): string {
  const usage = (warning.details.usedBy as { message?: Partial<Record<'en' | 'ja', string>> } | undefined)?.message?.[lang];
  return apiErrorText(lang, { code: warning.code, params: { ...warning.params, ...(usage ? { target: usage } : {}) } });
}
