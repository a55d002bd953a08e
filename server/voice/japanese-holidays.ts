import holidayJp from '@holiday-jp/holiday_jp';

/**
 * Japan's national holidays, from holiday_jp's maintained data (substitute holidays 振替休日 and
 * 国民の休日 included; the equinoxes of future years as the Cabinet Office computes them until they
 * are announced). Looked up by the org's local date, never by a `Date`: the package's own
 * `isHoliday(date)` reads the date in the server's time zone.
 */

export interface JapaneseHoliday {
  date: string;
  name: string;
  nameEn: string;
}

const HOLIDAYS: Readonly<Record<string, { name: string; name_en: string }>> = holidayJp.holidays;
const YEARS = Object.keys(HOLIDAYS).map((date) => Number(date.slice(0, 4)));

/** `2026-05-06` → 振替休日 (こどもの日 振替休日); a working day → null. */
export function japaneseHoliday(localDate: string): JapaneseHoliday | null {
  const holiday = HOLIDAYS[localDate];
  return holiday ? { date: localDate, name: holiday.name, nameEn: holiday.name_en } : null;
}

/** The years the data covers; a year past `lastYear` has no holidays at all, which would be wrong. */
export const HOLIDAY_DATA = {
  firstYear: Math.min(...YEARS),
  lastYear: Math.max(...YEARS),
  version: holidayJp.VERSION,
} as const;

/** Whether the data knows the holidays of `year` (the setup check asks this of next year). */
export function holidaysKnownFor(year: number, data: { firstYear: number; lastYear: number } = HOLIDAY_DATA): boolean {
  return year >= data.firstYear && year <= data.lastYear;
}

/** The holidays between two local dates, inclusive (for the options page's list of the coming ones). */
export function holidaysBetween(from: string, to: string): JapaneseHoliday[] {
  return Object.keys(HOLIDAYS)
    .filter((date) => date >= from && date <= to)
    .sort()
    .map((date) => japaneseHoliday(date)!);
}
