import type { MessageKey } from '@/locales/messages';
import type { BusinessHours, ClosedDays, OpenDays, TimeRange, WaitingLineSettings, Weekday } from '../../server/phone-config/hours-schema';
import type { IncomingNumber, MenuItem } from './phone-config-types';

export type { BusinessHours, ClosedDays, OpenDays, TimeRange, WaitingLineSettings, Weekday };

/** Mirrors WEEKDAYS / WAITING_LINE in server/phone-config/hours-schema.ts (types come from there). */
export const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
export const WAITING_LINE = {
  announceSeconds: { min: 20, max: 600, default: 60 },
  maxWaitSeconds: { min: 30, max: 3600, default: 600 },
  priority: { min: 0, max: 9, default: 0 },
} as const;
export const PHONE_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '*', '#'] as const;

const LUNCH_BREAK: TimeRange[] = [
  { from: '09:00', to: '12:00' },
  { from: '13:00', to: '18:00' },
];

/** What a number gets when the admin turns business hours on: 平日 9:00–18:00 with a lunch break, closed on 祝日. */
export function defaultBusinessHours(): BusinessHours {
  return {
    weekly: { mon: LUNCH_BREAK, tue: LUNCH_BREAK, wed: LUNCH_BREAK, thu: LUNCH_BREAK, fri: LUNCH_BREAK, sat: [], sun: [] },
    holidays: 'closed',
    closedDays: [],
    openDays: [],
    outside: { type: 'voicemail' },
  };
}

export function defaultWaitingLine(): WaitingLineSettings {
  return {
    enabled: true,
    announceSeconds: WAITING_LINE.announceSeconds.default,
    maxWaitSeconds: WAITING_LINE.maxWaitSeconds.default,
    priority: WAITING_LINE.priority.default,
    voicemailKey: '1',
    callbackKey: '2',
  };
}

/** The next range after the day's last one (an hour later), or the office's morning. */
export function nextRange(ranges: readonly TimeRange[]): TimeRange {
  const last = ranges.at(-1);
  if (!last || last.to >= '23:00') return { from: '09:00', to: '12:00' };
  const hour = Number(last.to.slice(0, 2)) + 1;
  const clock = (h: number) => `${String(Math.min(h, 24)).padStart(2, '0')}:00`;
  return { from: clock(hour), to: clock(hour + 3) };
}

export interface HoursIssue {
  /** The field path as the server writes it, relative to the number: `hours.weekly.mon[0].to`. */
  path: string;
  key: MessageKey;
}

const minutes = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
const CLOCK = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

function rangeIssues(ranges: readonly TimeRange[], path: string): HoursIssue[] {
  const issues: HoursIssue[] = [];
  ranges.forEach((range, index) => {
    if (!CLOCK.test(range.from) || !CLOCK.test(range.to)) {
      issues.push({ path: `${path}[${index}]`, key: 'hours.error.time' });
      return;
    }
    if (minutes(range.to) <= minutes(range.from)) issues.push({ path: `${path}[${index}].to`, key: 'hours.error.rangeOrder' });
    else if (ranges.slice(0, index).some((other) => minutes(range.from) < minutes(other.to) && minutes(other.from) < minutes(range.to))) {
      issues.push({ path: `${path}[${index}]`, key: 'hours.error.overlap' });
    }
  });
  return issues;
}

function dateIssues(range: ClosedDays, path: string): HoursIssue[] {
  if (!range.from || !range.to) return [{ path: `${path}.from`, key: 'hours.error.dateMissing' }];
  return range.to < range.from ? [{ path: `${path}.to`, key: 'hours.error.dateOrder' }] : [];
}

function queueIssues(queue: WaitingLineSettings | undefined, path: string): HoursIssue[] {
  return queue?.voicemailKey && queue.voicemailKey === queue.callbackKey ? [{ path: `${path}.queue.callbackKey`, key: 'queue.error.sameKey' }] : [];
}

function menuIssues(items: readonly MenuItem[], path: string, hasHours: boolean): HoursIssue[] {
  return items.flatMap((item, index) => {
    const itemPath = `${path}[${index}]`;
    return [
      ...(!hasHours && item.availability === 'in-hours' ? [{ path: `${itemPath}.availability`, key: 'hours.error.required' as const }] : []),
      ...(item.action.type === 'menu' ? menuIssues(item.action.menu, `${itemPath}.action.menu`, hasHours) : queueIssues(item.action.queue, `${itemPath}.action`)),
    ];
  });
}

function withoutAvailability(items: readonly MenuItem[]): MenuItem[] {
  return items.map(({ availability: _availability, ...item }) =>
    item.action.type === 'menu' ? { ...item, action: { ...item.action, menu: withoutAvailability(item.action.menu) } } : item,
  );
}

/**
 * The number with its business hours turned off. "In business hours only" (the menu's or an item's)
 * means nothing without hours, and its checkbox goes away with them: it goes too, or the number could
 * not be saved and nothing on the page would say why.
 */
export function withoutHours(draft: IncomingNumber): IncomingNumber {
  const { hours: _hours, ...rest } = draft;
  if (rest.route.type !== 'ivr') return rest;
  const { availability: _availability, ...route } = rest.route;
  return { ...rest, route: { ...route, menu: withoutAvailability(route.menu) } };
}

/**
 * What the page can tell before the server does, in the admin's language, with the server's paths:
 * ranges that end before they start or overlap, dates the wrong way round, a forward without a
 * number, "in hours only" on a number without hours, one key for both voicemail and callback.
 */
export function validateHoursAndLines(draft: IncomingNumber): HoursIssue[] {
  const hours = draft.hours;
  const issues: HoursIssue[] = [];
  if (hours) {
    for (const day of WEEKDAYS) issues.push(...rangeIssues(hours.weekly[day] ?? [], `hours.weekly.${day}`));
    (hours.closedDays ?? []).forEach((range, index) => issues.push(...dateIssues(range, `hours.closedDays[${index}]`)));
    (hours.openDays ?? []).forEach((range, index) => {
      issues.push(...dateIssues(range, `hours.openDays[${index}]`));
      if (range.ranges.length === 0) issues.push({ path: `hours.openDays[${index}].ranges`, key: 'hours.error.openDayHours' });
      issues.push(...rangeIssues(range.ranges, `hours.openDays[${index}].ranges`));
    });
    if (hours.outside?.type === 'forward' && hours.outside.number.trim() === '') issues.push({ path: 'hours.outside.number', key: 'hours.error.forwardMissing' });
  }
  const route = draft.route;
  if (route.type === 'ivr') {
    if (!hours && route.availability === 'in-hours') issues.push({ path: 'route.availability', key: 'hours.error.required' });
    issues.push(...menuIssues(route.menu, 'route.menu', Boolean(hours)));
  } else {
    issues.push(...queueIssues(route.queue, 'route'));
  }
  return issues;
}
