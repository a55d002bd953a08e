import { TZDate } from '@date-fns/tz';
import { WEEKDAYS, type BusinessHours, type TimeRange, type Weekday } from '../phone-config/hours-schema.ts';
import { japaneseHoliday, type JapaneseHoliday } from './japanese-holidays.ts';

/**
 * Is a number open at a given instant? Pure: the instant and the org's time zone come in, so no
 * answer depends on the server's own time zone or on today's date.
 *
 * Precedence, most specific first: a special open day (its own hours) > a company closed day
 * (年末年始, お盆…) > a national holiday (unless the admin stays open on them) > the weekly schedule.
 * A range includes its start and excludes its end: 09:00–18:00 is open at 09:00 and closed at 18:00.
 */

/** The org's wall clock at an instant: `2026-01-01`, `thu`, minutes since local midnight. */
export interface LocalMoment {
  date: string;
  weekday: Weekday;
  minutes: number;
}

export type HoursVerdict =
  | { open: true; why: 'weekly' | 'open-day'; label: string | null; range: TimeRange }
  | { open: false; why: 'outside-ranges' | 'closed-day' | 'holiday' | 'closed-days'; label: string | null };

const SUNDAY_FIRST: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

export function localMoment(at: Date, timeZone: string): LocalMoment {
  const local = new TZDate(at.getTime(), timeZone);
  const date = `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}`;
  return { date, weekday: SUNDAY_FIRST[local.getDay()]!, minutes: local.getHours() * 60 + local.getMinutes() };
}

/** The instant the org's wall clock shows `date` `time` (the preview's "as if it were"). */
export function instantAt(date: string, time: string, timeZone: string): Date {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  return new Date(new TZDate(year, month - 1, day, hour, minute, timeZone).getTime());
}

export function clockMinutes(clock: string): number {
  return Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
}

function rangeAt(ranges: readonly TimeRange[], minutes: number): TimeRange | null {
  return ranges.find((range) => clockMinutes(range.from) <= minutes && minutes < clockMinutes(range.to)) ?? null;
}

const covers = (range: { from: string; to: string }, date: string) => range.from <= date && date <= range.to;

/** `hours` absent: the number has no business hours and is always open. */
export function hoursAt(
  hours: BusinessHours | undefined,
  at: Date,
  timeZone: string,
  holidayOn: (date: string) => JapaneseHoliday | null = japaneseHoliday,
): HoursVerdict {
  if (!hours) return { open: true, why: 'weekly', label: null, range: { from: '00:00', to: '24:00' } };
  const moment = localMoment(at, timeZone);
  const openDay = (hours.openDays ?? []).find((range) => covers(range, moment.date));
  if (openDay) {
    const range = rangeAt(openDay.ranges, moment.minutes);
    const label = openDay.label || null;
    return range ? { open: true, why: 'open-day', label, range } : { open: false, why: 'outside-ranges', label };
  }
  const closedDays = (hours.closedDays ?? []).find((range) => covers(range, moment.date));
  if (closedDays) return { open: false, why: 'closed-days', label: closedDays.label || null };
  const holiday = hours.holidays === 'open' ? null : holidayOn(moment.date);
  if (holiday) return { open: false, why: 'holiday', label: holiday.name };
  const ranges = hours.weekly[moment.weekday] ?? [];
  if (ranges.length === 0) return { open: false, why: 'closed-day', label: null };
  const range = rangeAt(ranges, moment.minutes);
  return range ? { open: true, why: 'weekly', label: null, range } : { open: false, why: 'outside-ranges', label: null };
}

/** No opening range on any day of the week (the setup check warns: the number never answers). */
export function closedAllWeek(hours: BusinessHours): boolean {
  return WEEKDAYS.every((day) => (hours.weekly[day] ?? []).length === 0);
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
