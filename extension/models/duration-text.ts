import { intlLocale, translate, type UiLanguage } from '@/locales/i18n';

/**
 * A length of time as every screen words it (analytics, the board, the waiting line, voicemail lengths),
 * rounded to the second: `45秒` / `45 s`, `1分30秒` / `1 min 30 s`, whole minutes as `2分` / `2 min`;
 * past an hour the seconds drop: `2時間5分` / `2 h 5 min`, whole hours as `1時間` / `1 h`.
 * Japanese sets number and unit together, as Japanese text does and as most screens already did.
 */
export function durationText(total: number, language: UiLanguage): string {
  const seconds = Math.max(0, Math.round(total));
  if (seconds < 60) return translate(language, 'duration.seconds', { s: seconds });
  if (seconds < 3600) {
    const m = Math.floor(seconds / 60);
    const s = seconds % 60;
    return s === 0 ? translate(language, 'duration.minutes', { m }) : translate(language, 'duration.minutesSeconds', { m, s });
  }
  const h = new Intl.NumberFormat(intlLocale(language)).format(Math.floor(seconds / 3600));
  const m = Math.floor((seconds % 3600) / 60);
  return m === 0 ? translate(language, 'duration.hours', { h }) : translate(language, 'duration.hoursMinutes', { h, m });
}
