import { intlLocale, type UiLanguage } from '@/locales/i18n';

/**
 * Moments as the options pages write them, one way per UI language (the locale of `intlLocale`), so that
 * English dates read alike on every page: `2026/11/24 12:00` / `Nov 24, 2026, 12:00 PM`. Without
 * `timeZone`, in this computer's zone (the admin's own clock).
 */

type Moment = string | number | Date;

const format = (moment: Moment, language: UiLanguage, options: Intl.DateTimeFormatOptions) =>
  new Intl.DateTimeFormat(intlLocale(language), options).format(new Date(moment));

/** A date and time in a table or a status line: `2026/11/24 12:00` / `Nov 24, 2026, 12:00 PM`. */
export function formatDateTime(moment: Moment, language: UiLanguage, timeZone?: string): string {
  return format(moment, language, { dateStyle: 'medium', timeStyle: 'short', ...(timeZone ? { timeZone } : {}) });
}

/** A time of today: `09:05` / `09:05 AM`. */
export function formatTime(moment: Moment, language: UiLanguage): string {
  return format(moment, language, { hour: '2-digit', minute: '2-digit' });
}

/**
 * A deadline for someone who may live elsewhere (an invitation's expiry): the date in full, the time, and
 * the zone by name: `2026年11月30日 19:00 米国東部標準時` / `November 30, 2026 at 7:00 PM Eastern Standard Time`.
 */
export function formatDeadline(moment: Moment, language: UiLanguage, timeZone?: string): string {
  return format(moment, language, {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'long',
    ...(timeZone ? { timeZone } : {}),
  });
}
