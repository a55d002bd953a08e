import { allowedCountries, checkDestination } from '../voice/outgoing.ts';
import { WEEKDAYS } from './hours-schema.ts';
import type { PathSegment } from './issues.ts';
import { defaultCountryOf, field, items, text, type Reporter } from './raw.ts';

/**
 * Business hours, waiting lines and the IVR's time branch: the rules that span more than one field.
 * Each problem has a stable code (the extension words it in Japanese and English) and its JSON path.
 */
export const HOURS_ISSUES = {
  hours_range_order: (p: { from: string; to: string }) => `the range ends (${p.to}) before it starts (${p.from})`,
  hours_ranges_overlap: (p: { other: number }) => `overlaps range ${p.other + 1} of the same day`,
  hours_dates_order: (p: { from: string; to: string }) => `the last day (${p.to}) is before the first (${p.from})`,
  hours_forward_not_allowed: (p: { number: string; reason: string }) =>
    `"${p.number}" cannot be a forwarding number (${p.reason === 'premium-rate' ? 'premium-rate numbers are refused' : p.reason === 'country-not-allowed' ? 'its country is not allowed for outgoing calls' : 'not a valid phone number'})`,
  hours_required: (_p: Record<string, never>) => 'only in business hours needs business hours on this number',
  queue_keys_same: (p: { key: string }) => `the voicemail and callback keys are both "${p.key}"`,
} as const;
export type HoursIssueCode = keyof typeof HOURS_ISSUES;

/**
 * Today's reporter carries a path and an English message; the code names the problem for the error
 * contract (branch `edge`), and the options page words the same cases in ja/en itself.
 */
function report<C extends HoursIssueCode>(reporter: Reporter, path: readonly PathSegment[], code: C, params: Parameters<(typeof HOURS_ISSUES)[C]>[0]): void {
  reporter.report(path, (HOURS_ISSUES[code] as (p: typeof params) => string)(params));
}

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
        if (!check.ok) report(reporter, [...path, 'hours', 'outside', 'number'], 'hours_forward_not_allowed', { number: forward, reason: check.reason });
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
      report(reporter, [...path, index, 'to'], 'hours_range_order', { from, to });
      return;
    }
    const other = seen.findIndex((earlier) => minutesOf(from) < earlier.to && earlier.from < minutesOf(to));
    if (other !== -1) report(reporter, [...path, index], 'hours_ranges_overlap', { other });
    seen[index] = { from: minutesOf(from), to: minutesOf(to) };
  });
}

function checkDates(range: unknown, path: PathSegment[], reporter: Reporter): void {
  const from = field(range, 'from');
  const to = field(range, 'to');
  if (isDate(from) && isDate(to) && to < from) report(reporter, [...path, 'to'], 'hours_dates_order', { from, to });
}

/** `in-hours` anywhere in the IVR needs hours on the number; ring actions' waiting lines are checked too. */
function checkMenuAvailability(node: unknown, menu: unknown, path: PathSegment[], hasHours: boolean, reporter: Reporter): void {
  if (!hasHours && field(node, 'availability') === 'in-hours') report(reporter, [...path, 'availability'], 'hours_required', {});
  items(menu).forEach((item, index) => {
    const itemPath = [...path, 'menu', index];
    if (!hasHours && field(item, 'availability') === 'in-hours') report(reporter, [...itemPath, 'availability'], 'hours_required', {});
    const action = field(item, 'action');
    if (field(action, 'type') === 'menu') checkMenuAvailability(null, field(action, 'menu'), [...itemPath, 'action'], hasHours, reporter);
    if (field(action, 'type') === 'ring') checkQueue(field(action, 'queue'), [...itemPath, 'action', 'queue'], reporter);
  });
}

function checkQueue(queue: unknown, path: PathSegment[], reporter: Reporter): void {
  const voicemail = field(queue, 'voicemailKey');
  const callback = field(queue, 'callbackKey');
  if (typeof voicemail === 'string' && voicemail === callback) report(reporter, [...path, 'callbackKey'], 'queue_keys_same', { key: voicemail });
}
