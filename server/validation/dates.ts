import { z } from 'zod';

/**
 * The earliest day a query may name. The databases know no year 0 (PostgreSQL counts it as 1 BC and
 * refuses `0000-01-01`), and no call was logged before the Unix epoch: an earlier date would only
 * reach the database to fail there, as a 500.
 */
export const EARLIEST_DAY = '1970-01-01';

/** `YYYY-MM-DD` or `YYYY-MM-DDThh:mm:ss±hh:mm`, on or after EARLIEST_DAY (by its written date). */
const onOrAfterEarliest = (value: string) => value.slice(0, 10) >= EARLIEST_DAY;

/** A calendar date a query may name: real (no 2 月 30 日) and not before EARLIEST_DAY. */
export function queryDate(code: 'invalid_date' | 'invalid_calendar_date') {
  return z.iso.date({ error: code }).refine(onOrAfterEarliest, code);
}

/** A date, or a date and time with its offset, as the call log's filters take them. */
export function queryDateOrTime(code: 'invalid_date') {
  return z.union([z.iso.datetime({ offset: true }), z.iso.date()], code).refine(onOrAfterEarliest, code);
}
