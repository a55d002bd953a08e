import { z } from 'zod';

/**
 * The live board's protocol, one definition for the server (which builds these shapes) and the
 * options page (which parses them). `GET /api/board/events` is a server-sent event stream:
 *
 * - `snapshot`: the whole board (first event, and after a resume the server cannot replay);
 * - `rep`: one rep's card changed (upsert by id); `rep-gone`: a user left the board;
 * - `waiting`: the callers not yet with a rep changed (the whole, small, list);
 * - `meta`: the day, the time zone or the server's abilities changed;
 * - `end`: the server ends the stream (why; a client reconnects unless it was signed out).
 *
 * Every event's `id` is the feed horizon it reflects; sending it back as `Last-Event-ID` resumes
 * on any server instance. Pure schemas only: nothing here may import Node or browser code.
 */

export const BOARD_STREAM_PATH = '/api/board/events';

export const REP_STATES = ['offline', 'online', 'ringing', 'on-call', 'on-hold', 'wrap-up'] as const;
export type RepState = (typeof REP_STATES)[number];

/** The other side of a call: a number (E.164; null when withheld) and, when the CRM knows them, a name. */
export const customerSchema = z.object({ number: z.string().nullable(), name: z.string().nullable() });
/** Our line: the number called (incoming) or the caller ID used (outgoing), and its label. */
export const lineSchema = z.object({ number: z.string().nullable(), label: z.string().nullable() });

export const boardCallSchema = z.object({
  callSid: z.string(),
  direction: z.enum(['inbound', 'outbound']),
  customer: customerSchema,
  line: lineSchema,
  /** The IVR choices that led the caller here (labels), empty without a menu. */
  ivrPath: z.array(z.string()),
  answeredAt: z.string().nullable(),
  /**
   * Since when the call's recording has been paused (card numbers and other personal data), null while
   * it records or is not recorded. Only on the card of a rep who is on the call (or holding it).
   * Optional: a server from before the recording pause sends none.
   */
  recordingPausedAt: z.string().nullable().optional(),
});
export type BoardCall = z.infer<typeof boardCallSchema>;

export const repTodaySchema = z.object({ answered: z.number(), missed: z.number(), talkSeconds: z.number() });
export type RepToday = z.infer<typeof repTodaySchema>;

export const repCardSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: z.string(),
  state: z.enum(REP_STATES),
  /** When the current state began (ISO): the card's running timer. Null while offline. */
  since: z.string().nullable(),
  /** The call the state is about: on it, ringing for it, on hold, or wrapping it up. */
  call: boardCallSchema.nullable(),
  today: repTodaySchema,
});
export type RepCard = z.infer<typeof repCardSchema>;

export const waitingCallSchema = z.object({
  callSid: z.string(),
  customer: customerSchema,
  line: lineSchema,
  ivrPath: z.array(z.string()),
  /** The menu keys pressed so far (`'21'`), null for a number without a menu. */
  keys: z.string().nullable(),
  /** Since when the caller has been in this situation (the call's start, or the end of the menu). */
  since: z.string(),
  /** Reps whose phone is ringing for this call now. */
  reps: z.array(z.string()),
});
export type WaitingCall = z.infer<typeof waitingCallSchema>;

export const waitingSchema = z.object({
  /** Callers listening to the welcome or choosing in the menu (nobody rung yet). */
  inMenu: z.array(waitingCallSchema),
  /** Callers whose call is ringing reps (or between two rounds of ringing). */
  ringing: z.array(waitingCallSchema),
  /** Callers waiting in line (issue 13's queue). Null: this server has no waiting line. */
  inLine: z.array(waitingCallSchema).nullable(),
});
export type Waiting = z.infer<typeof waitingSchema>;

export const boardMetaSchema = z.object({
  /** The org's local date the "today" counts are for (`YYYY-MM-DD`). */
  day: z.string(),
  timeZone: z.string(),
  /** Whether a supervisor can listen in from the board (`POST /api/calls/:callSid/monitor`). */
  monitor: z.boolean(),
  /** The server's clock when the event was made, so timers agree with it. */
  serverTime: z.string(),
});
export type BoardMeta = z.infer<typeof boardMetaSchema>;

export const boardSchema = z.object({
  meta: boardMetaSchema,
  reps: z.array(repCardSchema),
  waiting: waitingSchema,
});
export type Board = z.infer<typeof boardSchema>;

export const boardEventSchema = z.discriminatedUnion('event', [
  z.object({ event: z.literal('snapshot'), data: boardSchema }),
  z.object({ event: z.literal('rep'), data: repCardSchema }),
  z.object({ event: z.literal('rep-gone'), data: z.object({ id: z.string() }) }),
  z.object({ event: z.literal('waiting'), data: waitingSchema }),
  z.object({ event: z.literal('meta'), data: boardMetaSchema }),
  /** The last event of a stream the server ends: `signed-out` = sign in again before reconnecting. */
  z.object({ event: z.literal('end'), data: z.object({ reason: z.enum(['slow', 'server-closing', 'signed-out']) }) }),
]);
export type BoardEvent = z.infer<typeof boardEventSchema>;
