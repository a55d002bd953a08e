import { TZDate } from '@date-fns/tz';
import { issue, type ApiIssue } from './issues.ts';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The last instant the database is handed as written: a Date past year 9999 serialises as
 * `+010000-…`, which PostgreSQL does not read (a 500). No call is that late anyway.
 */
const LAST_INSTANT = new Date(Date.UTC(9999, 11, 31, 23, 59, 59, 999));

/** Midnight starting `date` plus `days` in `timeZone` (TZDate carries a day past the month's end over). */
function startOfDay(date: string, timeZone: string, days = 0): Date {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(new TZDate(year, month - 1, day + days, 0, 0, timeZone).getTime());
}

export type CallLogRange = { from?: Date; to?: Date };

/**
 * The call log's `from` / `to` (already checked by `queryDateOrTime`) as instants. A plain date is a
 * day of the org's calendar, both ends included, as the options page's 開始日 / 終了日 fields and
 * analytics mean it; a date and time with its offset is that instant, `to` excluded. A range that
 * ends before it starts would only ever answer "no calls": it is refused, naming `to`.
 */
export function callLogRange(query: { from?: string | undefined; to?: string | undefined }, timeZone: string): CallLogRange | ApiIssue[] {
  const instant = (value: string, nextDay: number) => (DATE_ONLY.test(value) ? startOfDay(value, timeZone, nextDay) : new Date(value));
  const from = query.from === undefined ? undefined : instant(query.from, 0);
  const end = query.to === undefined ? undefined : instant(query.to, 1);
  if (from && end && end <= from) return [issue('to', 'hours_dates_order', { from: query.from!, to: query.to! })];
  return {
    ...(from ? { from: from > LAST_INSTANT ? LAST_INSTANT : from } : {}),
    ...(end && end <= LAST_INSTANT ? { to: end } : {}),
  };
}
