import { z } from 'zod';

/**
 * Business hours, the waiting line and the time branch of an IVR: the shapes of their part of the
 * phone configuration document (export/import format: keep the names stable). Cross-field rules
 * (a range that ends before it starts, keys used twice, a time branch on a number without hours)
 * live in hours-rules.ts.
 */

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** `09:00`; `24:00` ends a range at midnight. */
export const clockSchema = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'invalid_time_of_day');

/** One opening range within a day, e.g. 09:00–12:00. `to` after `from` (hours-rules.ts). */
export const timeRangeSchema = z.strictObject({ from: clockSchema, to: clockSchema });
export type TimeRange = z.infer<typeof timeRangeSchema>;

/** A day's ranges: none = closed that day; two or more for a lunch break. */
const dayRangesSchema = z.array(timeRangeSchema).max(6).default([]);

export const MAX_DATE_RANGES = 100;

const isoDateSchema = z.iso.date({ error: 'invalid_calendar_date' });

/** Company closed days (年末年始, お盆, one day): `from` to `to` inclusive, local dates of the org. */
export const closedDaysSchema = z.strictObject({
  from: isoDateSchema,
  to: isoDateSchema,
  label: z.string().trim().max(100).default(''),
});
export type ClosedDays = z.infer<typeof closedDaysSchema>;

/** Special open days (a Saturday event, a holiday opening), with the hours of those days. */
export const openDaysSchema = closedDaysSchema.extend({
  ranges: z.array(timeRangeSchema).min(1, 'open_day_needs_hours').max(6),
});
export type OpenDays = z.infer<typeof openDaysSchema>;

/** Outside hours, after the closed message. Forwarding goes through the toll-fraud guard. */
export const outsideHoursSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('voicemail') }),
  z.strictObject({ type: z.literal('hangup') }),
  z.strictObject({ type: z.literal('forward'), number: z.string().trim().min(1) }),
]);
export type OutsideHours = z.infer<typeof outsideHoursSchema>;

export const businessHoursSchema = z.strictObject({
  weekly: z.strictObject({
    mon: dayRangesSchema,
    tue: dayRangesSchema,
    wed: dayRangesSchema,
    thu: dayRangesSchema,
    fri: dayRangesSchema,
    sat: dayRangesSchema,
    sun: dayRangesSchema,
  }),
  /** Japan's national holidays (振替休日 and 国民の休日 included): closed, unless the admin stays open. */
  holidays: z.enum(['closed', 'open']).default('closed'),
  closedDays: z.array(closedDaysSchema).max(MAX_DATE_RANGES).default([]),
  openDays: z.array(openDaysSchema).max(MAX_DATE_RANGES).default([]),
  outside: outsideHoursSchema.default({ type: 'voicemail' }),
});
export type BusinessHours = z.infer<typeof businessHoursSchema>;
export type BusinessHoursInput = z.input<typeof businessHoursSchema>;

/**
 * Whether an IVR (or one of its items) is there outside business hours. A menu in hours only (the
 * default once a number has hours) closes the whole number outside them; a menu that is always
 * there may still have items that are in hours only.
 */
export const availabilitySchema = z.enum(['always', 'in-hours']);
export type Availability = z.infer<typeof availabilitySchema>;

export const PHONE_KEYS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '#'] as const;
export const WAITING_LINE = {
  announceSeconds: { min: 20, max: 600, default: 60 },
  maxWaitSeconds: { min: 30, max: 3600, default: 600 },
  priority: { min: 0, max: 9, default: 0 },
} as const;

// Out of bounds reads as "at least {min}" / "at most {max}" (the contract's too_small, too_large).
const bounded = (bounds: { min: number; max: number; default: number }) =>
  z.number().int().min(bounds.min).max(bounds.max).default(bounds.default);

/**
 * The waiting line of one ring action: instead of the busy message, callers wait in turn with the
 * number's hold music and hear their position; after `maxWaitSeconds` they are offered voicemail.
 * `priority` orders callers who started waiting in the same second (higher first).
 */
export const waitingLineSchema = z.strictObject({
  enabled: z.boolean().default(true),
  announceSeconds: bounded(WAITING_LINE.announceSeconds),
  maxWaitSeconds: bounded(WAITING_LINE.maxWaitSeconds),
  priority: bounded(WAITING_LINE.priority),
  /** The key that leaves the line for voicemail; null: not offered. */
  voicemailKey: z.enum(PHONE_KEYS).nullable().default('1'),
  /** The key that leaves the line with a request to be called back; null: not offered. */
  callbackKey: z.enum(PHONE_KEYS).nullable().default('2'),
});
export type WaitingLineSettings = z.infer<typeof waitingLineSchema>;

export const FOLLOW_UP_DUE_HOURS = { min: 0, max: 168, default: 4 } as const;
