import { apiErrorText, type ErrorLanguage } from '../../../extension/locales/api-error-text.ts';

/**
 * What the admin reads for an error body the server sent: the extension's own wording of its code
 * and params (the server's `message` is English, for logs). Server tests use it to check a whole
 * refusal end to end: the server's code, the page's sentence.
 */
export function wordedAs(language: ErrorLanguage, body: unknown): string {
  const error = (body as { error?: { code?: unknown; params?: Record<string, string | number> } }).error;
  return apiErrorText(language, { code: String(error?.code ?? ''), params: error?.params });
}
