import { z } from 'zod';

/**
 * Call analytics, one definition for the server (`GET /api/analytics`) and the options page. All
 * figures are about incoming calls in a range of the org's local dates, days cut at local midnight;
 * a call belongs to the day (and hour) it started, also when it ends after midnight. Times are in
 * seconds; waits and talk averages are over answered calls. Pure schemas only.
 */

export const ANALYTICS_PATH = '/api/analytics';
export const TIME_ZONE_PATH = '/api/analytics/time-zone';
/** What the board and analytics need of the org's settings, for every viewer (a supervisor cannot read GET /api/config). */
export const ORG_VIEW_PATH = '/api/analytics/org';
export const orgViewSchema = z.object({
  timeZone: z.string(),
  /** The org's country (`settings.defaultCountry`): its numbers are shown in national format. */
  country: z.string().regex(/^[A-Z]{2}$/),
});
export type OrgView = z.infer<typeof orgViewSchema>;

export const RANGE_PRESETS = ['today', 'week', 'month'] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

const count = z.number().int().nonnegative();
const secondsOrNull = z.number().nonnegative().nullable();

export const outcomesSchema = z.object({ calls: count, answered: count, missed: count, voicemail: count });

export const figuresSchema = outcomesSchema.extend({
  /** answered / (answered + missed + voicemail); null when none has an outcome yet. */
  answerRate: z.number().min(0).max(1).nullable(),
  avgWaitSeconds: secondsOrNull,
  p90WaitSeconds: secondsOrNull,
  avgTalkSeconds: secondsOrNull,
});
export type Figures = z.infer<typeof figuresSchema>;

export const funnelMenuSchema = z.object({
  /** The keys of the menu's path: `''` the top menu, `'2'` the menu behind key 2. */
  keys: z.string(),
  /** The labels along that path (today's configuration; a key no longer configured shows as null). */
  labels: z.array(z.string().nullable()),
  reached: count,
  /** Callers who hung up while in this menu. */
  hungUp: count,
  /** Callers who ran out of tries (wrong or no keys). */
  invalid: count,
  /** Callers listening to this menu right now. */
  inMenu: count,
  /** Per key pressed here: how many callers went on to it, and whether it rings (else it opens a menu). */
  choices: z.array(z.object({ key: z.string(), label: z.string().nullable(), reached: count, rings: z.boolean() })),
});
export type FunnelMenu = z.infer<typeof funnelMenuSchema>;

export const analyticsSchema = z.object({
  range: z.object({ from: z.string(), to: z.string(), timeZone: z.string(), preset: z.enum(RANGE_PRESETS).nullable() }),
  filters: z.object({ number: z.string().nullable(), branch: z.string().nullable(), rep: z.string().nullable() }),
  totals: figuresSchema,
  /** ISO weekday 1 (Monday) … 7 × local hour 0–23; cells without calls left out. */
  heatmap: z.array(z.object({ weekday: z.number().int().min(1).max(7), hour: z.number().int().min(0).max(23), calls: count })),
  daily: z.array(outcomesSchema.extend({ date: z.string() })),
  /** 24 entries: missed calls (voicemails included) per local hour. */
  missedByHour: z.array(count).length(24),
  byNumber: z.array(figuresSchema.extend({ number: z.string(), label: z.string().nullable() })),
  byRep: z.array(
    z.object({
      rep: z.string(),
      name: z.string(),
      /** Incoming calls the rep answered first; a call they later transferred stays theirs here. */
      answered: count,
      /** Calls a colleague handed them (a transfer, or a consult completed): not in `answered`. */
      transfersTaken: count,
      missed: count,
      avgWaitSeconds: secondsOrNull,
      avgTalkSeconds: secondsOrNull,
      outbound: count,
      talkSeconds: count,
    }),
  ),
  funnel: z.array(z.object({ number: z.string(), label: z.string().nullable(), menus: z.array(funnelMenuSchema) })),
  /** What the filters can choose from: our numbers with their IVR branches, and the users. */
  choices: z.object({
    numbers: z.array(
      z.object({ number: z.string(), label: z.string(), branches: z.array(z.object({ keys: z.string(), labels: z.array(z.string()) })) }),
    ),
    reps: z.array(z.object({ id: z.string(), name: z.string() })),
  }),
});
export type Analytics = z.infer<typeof analyticsSchema>;
