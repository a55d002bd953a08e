import { field, text, type Reporter } from './raw.ts';

/**
 * Short names ICU and PostgreSQL read as the same zone. ICU (Node's Intl: business hours, the board,
 * follow-ups' due times) also takes Java's old three-letter ids and offsets, which PostgreSQL (the
 * analytics' `at time zone`) reads otherwise or not at all: `IST` is India to ICU and Israel to
 * PostgreSQL, `CET` keeps summer time in ICU and not in PostgreSQL, `AET` is Sydney to ICU and
 * unknown to PostgreSQL (every analytics request failed), `+09:00` is nine hours east to ICU and,
 * POSIX-style, nine hours west to PostgreSQL.
 */
const SHORT_NAMES_READ_ALIKE = new Set(['UTC', 'UCT', 'GMT', 'EST', 'MST', 'HST', 'JST', 'EAT', 'PRC', 'ROK', 'ROC', 'GB', 'NZ']);

/**
 * Whether a name Intl accepts (timeZoneSchema) means the same zone to PostgreSQL: an IANA name
 * (`Asia/Tokyo`, `Japan`, `Etc/GMT-9`, `EST5EDT`), not an offset nor one of ICU's own short ids.
 */
export function readsAlikeEverywhere(name: string): boolean {
  const trimmed = name.trim();
  if (/^[+\-\u2212\d]/.test(trimmed)) return false;
  if (/^[A-Za-z]{2,4}$/.test(trimmed)) return SHORT_NAMES_READ_ALIKE.has(trimmed.toUpperCase());
  return true;
}

/** `settings.timeZone`: a zone both halves of the server read alike (the schema checked Intl knows it). */
export function checkTimeZone(document: unknown, reporter: Reporter): void {
  const name = text(field(field(document, 'settings'), 'timeZone'));
  if (name !== undefined && !readsAlikeEverywhere(name)) reporter.report(['settings', 'timeZone'], 'invalid_time_zone');
}
