import { z } from 'zod';
import { availabilitySchema, businessHoursSchema, FOLLOW_UP_DUE_HOURS, waitingLineSchema } from './hours-schema.ts';

/**
 * The phone configuration document: what an admin sets up in the options page, following the rules
 * of Zoho CRM's Twilio integration. These names are the export/import format: keep them stable.
 *
 * This file holds the *shape* of the document. Cross-field rules (unknown users, prompt types in a
 * multi-level IVR, unique numbers...) live in `rules.ts`; number normalisation in `normalise.ts`.
 *
 * Every object is strict: a key the schema does not know (`cycles` on an IVR key, which spells it
 * `repeat`; a misspelt `ringSecond`) is refused at its path rather than dropped, which would leave the
 * admin with the default and no word about it.
 *
 * A check whose problem needs its own sentence gives the error contract's code as its message
 * (`'invalid_user_id'`, contract/api-errors.ts); the others are read by their kind (too long,
 * not a number...). Either way the extension words them; zod's wording never reaches a person.
 */

export const MAX_MENU_DEPTH = 5;
export const MAX_MENU_ITEMS = 9;
export const RING_SECONDS = { min: 5, max: 60, default: 20 } as const;
/** Labels of IVR items and numbers (spoken in the menu, shown on the rep's card). */
export const MAX_LABEL_LENGTH = 100;
/**
 * Characters of a text prompt and of the menu sentence's template. Twilio's own limit on what one
 * `<Say>` speaks is counted in bytes and URL-encoded characters, and is checked apart (say-rules.ts):
 * a Japanese prompt reaches it at about 500 characters.
 */
export const MAX_PROMPT_TEXT_LENGTH = 3000;
export const MAX_MENU_TEXT_LENGTH = 500;
/**
 * The longest voicemail a caller may leave, in seconds (`<Record maxLength>`). Twilio takes any
 * positive whole number (warning 13612) and records an hour when none is given; an hour is our top
 * too. Under 10 seconds nobody can leave a name and a number: such a value is a slip (minutes typed
 * as seconds). The default is what every number had before the length could be set.
 */
export const VOICEMAIL_SECONDS = { min: 10, max: 3600, default: 120 } as const;

export const userIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_]{1,64}$/, 'invalid_user_id');

export const languageSchema = z.enum(['ja-JP', 'en-US', 'en-GB', 'en-AU']);
export type Language = z.infer<typeof languageSchema>;

export const promptSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('text'), text: z.string().trim().min(1).max(MAX_PROMPT_TEXT_LENGTH) }),
  /** An audio file uploaded to the server, by its id. */
  z.strictObject({ type: z.literal('audio'), audioId: z.string().min(1) }),
  z.strictObject({
    type: z.literal('url'),
    url: z.url({ protocol: /^https$/, error: 'not_https_url' }),
  }),
]);
export type Prompt = z.infer<typeof promptSchema>;

/** What a held caller hears: Twilio's default music, an uploaded audio file (looped), or silence. */
export const holdMusicSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('default') }),
  z.strictObject({ type: z.literal('audio'), audioId: z.string().min(1) }),
  z.strictObject({ type: z.literal('silence') }),
]);
export type HoldMusic = z.infer<typeof holdMusicSchema>;

export const ringStrategySchema = z.enum(['simultaneous', 'sequential']);
export type RingStrategy = z.infer<typeof ringStrategySchema>;

const ringSecondsSchema = z.number().int().min(RING_SECONDS.min).max(RING_SECONDS.max).default(RING_SECONDS.default);

export const ringActionSchema = z.strictObject({
  type: z.literal('ring'),
  users: z.array(userIdSchema).min(1, 'no_users_chosen'),
  strategy: ringStrategySchema,
  ringSeconds: ringSecondsSchema,
  /** Sequential only: go round the reps a second time (Zoho's "repeat"). */
  repeat: z.boolean().default(false),
  /** When everyone is busy, callers wait in line instead of hearing the busy message. */
  queue: waitingLineSchema.optional(),
});
export type RingAction = z.infer<typeof ringActionSchema>;

export interface MenuItem {
  key: number;
  label: string;
  action: RingAction | MenuAction;
  /** `in-hours`: offered only in business hours (absent: like its menu). */
  availability?: z.infer<typeof availabilitySchema> | undefined;
}
export interface MenuAction {
  type: 'menu';
  menu: MenuItem[];
}

export const menuItemSchema: z.ZodType<MenuItem> = z.lazy(() =>
  z.strictObject({
    key: z.number().int().min(1, 'menu_key_range').max(9, 'menu_key_range'),
    label: z.string().trim().min(1, 'label_missing').max(MAX_LABEL_LENGTH),
    action: z.discriminatedUnion('type', [ringActionSchema, menuActionSchema]),
    availability: availabilitySchema.optional(),
  }),
) as z.ZodType<MenuItem>;

export const menuActionSchema = z.strictObject({
  type: z.literal('menu'),
  menu: z.array(menuItemSchema).min(1, 'submenu_empty').max(MAX_MENU_ITEMS, 'menu_too_many_items'),
});

export const ivrRouteSchema = z.strictObject({
  type: z.literal('ivr'),
  menu: z.array(menuItemSchema).min(1, 'ivr_menu_empty').max(MAX_MENU_ITEMS, 'menu_too_many_items'),
  /** `always`: the menu plays outside business hours too (absent: in hours only). */
  availability: availabilitySchema.optional(),
});

export const directRouteSchema = z.strictObject({
  type: z.literal('ring'),
  users: z.array(userIdSchema).min(1, 'no_users_chosen'),
  strategy: ringStrategySchema,
  ringSeconds: ringSecondsSchema,
  /** Sequential only: how many times to go round the reps (Zoho allows at most 2). */
  cycles: z.union([z.literal(1), z.literal(2)], { error: 'cycles_one_or_two' }).default(1),
  /** When everyone is busy, callers wait in line instead of hearing the busy message. */
  queue: waitingLineSchema.optional(),
});

export const routeSchema = z.discriminatedUnion('type', [ivrRouteSchema, directRouteSchema]);
export type Route = z.infer<typeof routeSchema>;

export const messagesSchema = z.strictObject({
  welcome: promptSchema.optional(),
  /** Template for one menu sentence; must keep `${Menu}` and `${Key press}`. Defaults per language. */
  menu: z.string().trim().min(1).max(MAX_MENU_TEXT_LENGTH).optional(),
  unavailable: promptSchema.optional(),
  busy: promptSchema.optional(),
  /** Outside business hours; default: a sentence that names the hours, in the number's language. */
  closed: promptSchema.optional(),
});
export type Messages = z.infer<typeof messagesSchema>;

export const incomingNumberSchema = z.strictObject({
  /** E.164 once normalised; national input such as `03-1234-5678` is accepted. */
  number: z.string().trim().min(1),
  label: z.string().trim().max(MAX_LABEL_LENGTH).default(''),
  enabled: z.boolean().default(true),
  record: z.boolean().default(false),
  voice: z.strictObject({ language: languageSchema.default('ja-JP'), voice: z.string().min(1).optional() }).default({ language: 'ja-JP' }),
  messages: messagesSchema.default({}),
  /**
   * A caller may press a menu key while the welcome plays (the welcome is read inside the menu's
   * `<Gather>`). Off unless chosen: a welcome written before this existed may carry a notice callers
   * must hear in full (recording, privacy). Optional in the type: numbers stored before it have none.
   */
  welcomeSkippable: z.boolean().default(false).optional(),
  /** The longest voicemail in seconds; its range (VOICEMAIL_SECONDS) is checked in voicemail-rules.ts, naming the field. */
  voicemailMaxSeconds: z.number().int().default(VOICEMAIL_SECONDS.default).optional(),
  route: routeSchema,
  /** What a held caller hears; absent: Twilio's default music. */
  holdMusic: holdMusicSchema.optional(),
  /** Who owns this number's missed calls and voicemails in the CRM; unset: the first rep rung. */
  owner: userIdSchema.optional(),
  /** Weekly hours, Japan's holidays, closed and open days; absent: always open. */
  hours: businessHoursSchema.optional(),
  /** Tell the reps responsible for this number of each new voicemail (a browser notification). */
  notifyVoicemail: z.boolean().optional(),
});
export type IncomingNumber = z.infer<typeof incomingNumberSchema>;

export const roleSchema = z.enum(['admin', 'supervisor', 'rep']);
export type Role = z.infer<typeof roleSchema>;

export const userSchema = z.strictObject({
  id: userIdSchema,
  name: z.string().trim().min(1).max(100),
  email: z.email(),
  role: roleSchema,
  /** Write-only. Absent or masked on import means "keep the stored password". */
  password: z.string().optional(),
  crmUserId: z.string().nullable().default(null),
  active: z.boolean().default(true),
});
export type User = z.infer<typeof userSchema>;

export const outgoingAssignmentSchema = z.strictObject({
  user: userIdSchema,
  number: z.string().trim().min(1),
  record: z.boolean().default(false),
});
export type OutgoingAssignment = z.infer<typeof outgoingAssignmentSchema>;

export const twilioSettingsSchema = z.strictObject({
  accountSid: z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'invalid_account_sid').optional(),
  /** Write-only secrets: a masked value (`••••1a2b`) on import means "keep the stored value". */
  authToken: z.string().optional(),
  apiKeySid: z.string().regex(/^SK[0-9a-fA-F]{32}$/, 'invalid_api_key_sid').optional(),
  apiKeySecret: z.string().optional(),
  twimlAppSid: z.string().regex(/^AP[0-9a-fA-F]{32}$/, 'invalid_twiml_app_sid').optional(),
});
export type TwilioSettings = z.infer<typeof twilioSettingsSchema>;

export const DEFAULT_TIME_ZONE = 'Asia/Tokyo';

/** A name of the IANA database (`Asia/Tokyo`, `America/New_York`, `UTC`), as Node's Intl and PostgreSQL know them. */
export const timeZoneSchema = z.string().trim().min(1).max(64).refine(isTimeZone, 'invalid_time_zone');

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/**
 * The recording announcement (録音のお知らせ): what the customer of a recorded call hears before the
 * recording starts. Off unless switched on; on without a message of the admin's, the default sentence
 * in the call's language (contract/recording-notice.ts).
 */
export const recordingNoticeSchema = z.strictObject({
  enabled: z.boolean().default(false),
  message: promptSchema.optional(),
});
export type RecordingNotice = z.infer<typeof recordingNoticeSchema>;

export const settingsSchema = z.strictObject({
  /** ISO country used to read national-format numbers. */
  defaultCountry: z.string().regex(/^[A-Z]{2}$/, 'invalid_country_code').default('JP'),
  /** Countries reps may call; empty → the countries of the account's own numbers (toll-fraud guard). */
  allowedCountries: z.array(z.string().regex(/^[A-Z]{2}$/, 'invalid_country_code')).default([]),
  /** What the other side hears when a rep puts an outgoing call on hold. */
  outgoingHoldMusic: holdMusicSchema.optional(),
  /** The org's IANA time zone: analytics and the board's "today" cut days at its local midnight. */
  timeZone: timeZoneSchema.default(DEFAULT_TIME_ZONE),
  /** A follow-up (missed call, voicemail, callback request) is due this many hours after the call. */
  followUpDueHours: z.number().int().min(FOLLOW_UP_DUE_HOURS.min).max(FOLLOW_UP_DUE_HOURS.max).default(FOLLOW_UP_DUE_HOURS.default),
  /** Told to the customer of a recorded call (a recorded number, a rep's recorded outgoing calls); absent: off. */
  recordingNotice: recordingNoticeSchema.optional(),
});
export type Settings = z.infer<typeof settingsSchema>;

export const phoneConfigSchema = z.strictObject({
  twilio: twilioSettingsSchema.default({}),
  settings: settingsSchema.default({ defaultCountry: 'JP', allowedCountries: [], timeZone: DEFAULT_TIME_ZONE, followUpDueHours: FOLLOW_UP_DUE_HOURS.default }),
  users: z.array(userSchema).default([]),
  incoming: z.array(incomingNumberSchema).default([]),
  outgoing: z.array(outgoingAssignmentSchema).default([]),
});
export type PhoneConfig = z.infer<typeof phoneConfigSchema>;
export type PhoneConfigInput = z.input<typeof phoneConfigSchema>;
