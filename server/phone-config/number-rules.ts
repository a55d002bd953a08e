import { displayNumber } from './display-number.ts';
import { isCountry, normaliseNumber } from './normalise.ts';
import { defaultCountryOf, field, items, text, userDirectory, type Reporter } from './raw.ts';

const COUNTRY_PATTERN = /^[A-Z]{2}$/;

/** Countries libphonenumber knows; the pattern itself is the schema's job. */
export function checkCountries(document: unknown, reporter: Reporter): void {
  const settings = field(document, 'settings');
  const defaultCountry = text(field(settings, 'defaultCountry'));
  if (defaultCountry !== undefined && COUNTRY_PATTERN.test(defaultCountry) && !isCountry(defaultCountry)) {
    reporter.report(['settings', 'defaultCountry'], 'unknown_country', { country: defaultCountry });
  }
  items(field(settings, 'allowedCountries')).forEach((country, index) => {
    if (typeof country === 'string' && COUNTRY_PATTERN.test(country) && !isCountry(country)) {
      reporter.report(['settings', 'allowedCountries', index], 'unknown_country', { country });
    }
  });
}

/**
 * Every number reads as a valid E.164 number, Twilio can route a number to one configuration only,
 * and the owner of its missed calls is an active user.
 */
export function checkIncomingNumbers(document: unknown, reporter: Reporter): void {
  const defaultCountry = defaultCountryOf(document);
  const users = userDirectory(document);
  const seen = new Set<string>();
  items(field(document, 'incoming')).forEach((incoming, index) => {
    const owner = text(field(incoming, 'owner'));
    if (owner !== undefined) {
      const user = users.get(owner);
      if (!user) reporter.report(['incoming', index, 'owner'], 'unknown_user', { user: owner });
      else if (!user.active) reporter.report(['incoming', index, 'owner'], 'user_deactivated', { user: owner });
    }
    const number = checkNumber(field(incoming, 'number'), defaultCountry, ['incoming', index, 'number'], reporter);
    if (number === undefined) return;
    if (seen.has(number)) reporter.report(['incoming', index, 'number'], 'duplicate_number', { number: displayNumber(number, defaultCountry) });
    seen.add(number);
  });
}

/**
 * One caller ID per user, for an existing user. A deactivated user may keep theirs (deactivating a rep
 * is one step, and reactivating gives their number back): it is ignored while they are inactive, because
 * the outgoing webhook lets only active users call (server/routes/twilio/outgoing.ts).
 */
export function checkOutgoing(document: unknown, reporter: Reporter): void {
  const defaultCountry = defaultCountryOf(document);
  const users = userDirectory(document);
  const assigned = new Set<string>();
  items(field(document, 'outgoing')).forEach((assignment, index) => {
    checkNumber(field(assignment, 'number'), defaultCountry, ['outgoing', index, 'number'], reporter);
    const user = text(field(assignment, 'user'));
    if (user === undefined) return;
    if (!users.get(user)) reporter.report(['outgoing', index, 'user'], 'unknown_user', { user });
    if (assigned.has(user)) reporter.report(['outgoing', index, 'user'], 'duplicate_outgoing_user', { user });
    assigned.add(user);
  });
}

function checkNumber(value: unknown, defaultCountry: string, path: (string | number)[], reporter: Reporter): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const number = normaliseNumber(value, defaultCountry);
  if (number === null) reporter.report(path, 'not_a_phone_number', { value, country: defaultCountry });
  return number ?? undefined;
}
