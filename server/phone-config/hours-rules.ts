import { allowedCountries, checkDestination } from '../voice/outgoing.ts';
import { WEEKDAYS } from './hours-schema.ts';
import type { PathSegment } from './issues.ts';
import { defaultCountryOf, field, items, text, type Reporter } from './raw.ts';

/**
 * Business hours, waiting lines and the IVR's time branch: the rules that span more than one field.
 * Each problem is a code of the error contract with its JSON path (the extension words it in ja/en).
 */

// Why a forwarding number is refused (voice/outgoing.ts's toll-fraud guard), as the contract names it.
const FORWARD_REFUSALS = {
  invalid: 'forward_not_a_number',
  'premium-rate': 'forward_premium_rate',
  'country-not-allowed': 'forward_country_not_allowed',
} as const;

const minutesOf = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
const isClock = (value: unknown): value is string => typeof value === 'string' && /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/.test(value);
const isDate = (value: unknown): value is string => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);

export function checkBusinessHours(document: unknown, reporter: Reporter): void {
  const own = items(field(document, 'incoming')).map((incoming) => text(field(incoming, 'number')) ?? '');
  const settings = field(document, 'settings');
  const configured = items(field(settings, 'allowedCountries')).filter((c): c is string => typeof c === 'string');
  const guard = { defaultCountry: defaultCountryOf(document), allowed: allowedCountries(configured, own) };

  items(field(document, 'incoming')).forEach((incoming, index) => {
    const path: PathSegment[] = ['incoming', index];
    const hours = field(incoming, 'hours');
    if (hours !== undefined) {
      const weekly = field(hours, 'weekly');
      for (const day of WEEKDAYS) checkRanges(field(weekly, day), [...path, 'hours', 'weekly', day], reporter);
      items(field(hours, 'closedDays')).forEach((range, at) => checkDates(range, [...path, 'hours', 'closedDays', at], reporter));
      items(field(hours, 'openDays')).forEach((range, at) => {
        checkDates(range, [...path, 'hours', 'openDays', at], reporter);
        checkRanges(field(range, 'ranges'), [...path, 'hours', 'openDays', at, 'ranges'], reporter);
      });
      const outside = field(hours, 'outside');
      const forward = text(field(outside, 'number'));
      if (field(outside, 'type') === 'forward' && forward !== undefined && forward.trim() !== '') {
        const check = checkDestination(forward, guard);
        if (!check.ok) reporter.report([...path, 'hours', 'outside', 'number'], FORWARD_REFUSALS[check.reason], { number: forward });
      }
    }
    const route = field(incoming, 'route');
    if (field(route, 'type') === 'ivr') checkMenuAvailability(route, field(route, 'menu'), [...path, 'route'], hours !== undefined, reporter);
    checkQueue(field(route, 'queue'), [...path, 'route', 'queue'], reporter);
  });
}

function checkRanges(ranges: unknown, path: PathSegment[], reporter: Reporter): void {
  const seen: { from: number; to: number }[] = [];
  items(ranges).forEach((range, index) => {
    const from = field(range, 'from');
    const to = field(range, 'to');
    if (!isClock(from) || !isClock(to)) return;
    if (minutesOf(to) <= minutesOf(from)) {
      reporter.report([...path, index, 'to'], 'hours_range_order', { from, to });
      return;
    }
    const other = seen.findIndex((earlier) => minutesOf(from) < earlier.to && earlier.from < minutesOf(to));
    if (other !== -1) reporter.report([...path, index], 'hours_ranges_overlap', { range: other + 1 });
    seen[index] = { from: minutesOf(from), to: minutesOf(to) };
  });
}

function checkDates(range: unknown, path: PathSegment[], reporter: Reporter): void {
  const from = field(range, 'from');
  const to = field(range, 'to');
  if (isDate(from) && isDate(to) && to < from) reporter.report([...path, 'to'], 'hours_dates_order', { from, to });
}

/** `in-hours` anywhere in the IVR needs hours on the number; ring actions' waiting lines are checked too. */
function checkMenuAvailability(node: unknown, menu: unknown, path: PathSegment[], hasHours: boolean, reporter: Reporter): void {
  if (!hasHours && field(node, 'availability') === 'in-hours') reporter.report([...path, 'availability'], 'hours_required');
  items(menu).forEach((item, index) => {
    const itemPath = [...path, 'menu', index];
    if (!hasHours && field(item, 'availability') === 'in-hours') reporter.report([...itemPath, 'availability'], 'hours_required');
    const action = field(item, 'action');
    if (field(action, 'type') === 'menu') checkMenuAvailability(null, field(action, 'menu'), [...itemPath, 'action'], hasHours, reporter);
    if (field(action, 'type') === 'ring') checkQueue(field(action, 'queue'), [...itemPath, 'action', 'queue'], reporter);
  });
}

function checkQueue(queue: unknown, path: PathSegment[], reporter: Reporter): void {
  const voicemail = field(queue, 'voicemailKey');
  const callback = field(queue, 'callbackKey');
  if (typeof voicemail === 'string' && voicemail === callback) reporter.report([...path, 'callbackKey'], 'queue_keys_same', { key: voicemail });
}
