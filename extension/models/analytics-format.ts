import { intlLocale, translate, type UiLanguage } from '@/locales/i18n';
import { durationText } from './duration-text';

/**
 * Numbers as people read them in their language: `1,234件` / `1,234 calls`, `1分20秒` / `1 min 20 s`,
 * `42.9%`, and weekday and day names from the browser's own calendar data (Intl).
 */

const locale = intlLocale;

export function formatNumber(value: number, language: UiLanguage): string {
  return new Intl.NumberFormat(locale(language)).format(value);
}

export function formatCalls(count: number, language: UiLanguage): string {
  return translate(language, count === 1 ? 'format.calls.one' : 'format.calls', { count: formatNumber(count, language) });
}

/** A duration as every screen words it (duration-text.ts); `—` when there is none (no calls in the range). */
export function formatSeconds(total: number | null, language: UiLanguage): string {
  return total === null ? translate(language, 'analytics.none') : durationText(total, language);
}

export function formatPercent(ratio: number | null, language: UiLanguage): string {
  if (ratio === null) return translate(language, 'analytics.none');
  return new Intl.NumberFormat(locale(language), { style: 'percent', maximumFractionDigits: 1 }).format(ratio);
}

/** ISO weekday 1 (Monday) … 7 (Sunday), short: `月` / `Mon`. 2024-01-01 was a Monday. */
export function weekdayName(isoWeekday: number, language: UiLanguage): string {
  const date = new Date(Date.UTC(2024, 0, isoWeekday));
  return new Intl.DateTimeFormat(locale(language), { weekday: 'short', timeZone: 'UTC' }).format(date);
}

/** A local date `2026-11-24` as `11/24(火)` / `Tue, Nov 24`. */
export function dayName(date: string, language: UiLanguage): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const utc = new Date(Date.UTC(year, month - 1, day));
  return new Intl.DateTimeFormat(locale(language), { month: 'numeric', day: 'numeric', weekday: 'short', timeZone: 'UTC' }).format(utc);
}
