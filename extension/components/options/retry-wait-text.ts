import type { ParamValues } from '../../../contract/api-errors.ts';
import { apiErrorText } from '@/locales/api-error-text';
import { t, uiLanguage } from '@/locales/i18n';

/** The param that says how long a refusal lasts, per code that has one. */
const WAIT_PARAM = { too_many_attempts: 'retryAfterMinutes', rate_limited: 'retryAfterSeconds' } as const;

export type RetryWaitCode = keyof typeof WAIT_PARAM;

export const isRetryWaitCode = (code: string): code is RetryWaitCode => Object.hasOwn(WAIT_PARAM, code);

/**
 * "Too many attempts" with how long to wait, as the server counted it (a sign-in lock lasts up to a
 * quarter of an hour, so "wait a minute" would send the rep back into it); without the figure, a wait
 * of no stated length.
 */
export function retryWaitText(code: RetryWaitCode, params: ParamValues | undefined): string {
  const wait = params?.[WAIT_PARAM[code]];
  return typeof wait === 'number' ? apiErrorText(uiLanguage.value, { code, params }) : t('account.rateLimited');
}
