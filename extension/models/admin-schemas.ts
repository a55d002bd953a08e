import { z } from 'zod';
import { bilingualSchema } from './admin-http';

/** The server's answers for the Twilio steps, setup check, audio and preview (server/services/*). */

/** A problem the server shows inside an answer: a code of the error contract (worded by the page). */
const problemSchema = z.object({ code: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional(), message: z.string() });

/** `PUT /api/twilio/account` after switching accounts: how tidying the previous account went. */
export const previousAccountSchema = z.looseObject({
  accountSid: z.string(),
  cleanup: z.looseObject({
    apiKeyDeleted: z.boolean(),
    twimlAppDeleted: z.boolean(),
    numbersRestored: z.number(),
    problem: problemSchema.optional(),
    /** What of ours is still there (servers before this field: derived from the flags). */
    left: z.looseObject({ apiKeySid: z.string().nullable(), twimlAppSid: z.string().nullable(), numbers: z.array(z.string()) }).optional(),
  }),
});
export type PreviousAccount = z.infer<typeof previousAccountSchema>;

/** `GET/PUT /api/twilio/account`: the token is masked (`••••1a2b`), never returned. */
export const twilioAccountSchema = z.looseObject({
  configured: z.boolean(),
  accountSid: z.string().nullable(),
  friendlyName: z.string().nullable(),
  status: z.enum(['active', 'suspended', 'closed']).nullable(),
  type: z.enum(['Trial', 'Full']).nullable(),
  authToken: z.string().nullable(),
  apiKeySid: z.string().nullable().optional(),
  twimlAppSid: z.string().nullable().optional(),
  /** Twilio could not be asked about the account just now, or the stored account cannot be used as it is. */
  problem: problemSchema.optional(),
  previousAccount: previousAccountSchema.optional(),
});
export type TwilioAccount = z.infer<typeof twilioAccountSchema>;

export const numberUsageSchema = z.looseObject({
  kind: z.string(),
  target: z.string(),
  message: bilingualSchema,
});

/** `GET /api/twilio/numbers`: a number the account owns and what answers it now. */
export const ownedNumberSchema = z.looseObject({
  sid: z.string(),
  phoneNumber: z.string(),
  friendlyName: z.string(),
  inUseElsewhere: z.boolean(),
  usedBy: numberUsageSchema.nullable(),
  /** The incoming number here it is configured as, or null. */
  incomingNumber: z.string().nullable().default(null),
  connected: z.boolean().default(false),
});
export type OwnedNumber = z.infer<typeof ownedNumberSchema>;

export const connectResultSchema = z.looseObject({
  number: ownedNumberSchema,
  tookOverFrom: bilingualSchema.nullable(),
});
export type ConnectResult = z.infer<typeof connectResultSchema>;

export const disconnectResultSchema = z.looseObject({
  status: z.enum(['restored', 'not-connected', 'number-gone', 'changed-elsewhere']),
});

/** `GET /api/twilio/caller-ids`: a number outgoing calls may show (the account's own, or verified in Twilio). */
export const callerIdSchema = z.looseObject({
  phoneNumber: z.string(),
  friendlyName: z.string(),
  source: z.enum(['twilio-number', 'verified']),
  sid: z.string(),
});
export type CallerId = z.infer<typeof callerIdSchema>;

const repSchema = z.object({ id: z.string(), name: z.string() });

export const setupFindingSchema = z.looseObject({
  id: z.string(),
  ok: z.boolean(),
  severity: z.enum(['error', 'warning']),
  message: bilingualSchema,
  fix: z.string().optional(),
  numberSid: z.string().optional(),
});
export type SetupFinding = z.infer<typeof setupFindingSchema>;

export const setupReportSchema = z.object({
  ok: z.boolean(),
  findings: z.array(setupFindingSchema),
  reps: z.array(
    z.object({ number: z.string(), label: z.string(), ringable: z.array(repSchema), busy: z.array(repSchema), offline: z.array(repSchema) }),
  ),
});
export type SetupReport = z.infer<typeof setupReportSchema>;

export const audioFileSchema = z.looseObject({
  id: z.string(),
  url: z.string(),
  contentType: z.string(),
  size: z.number(),
  name: z.string().nullish(),
});
export type AudioFile = z.infer<typeof audioFileSchema>;

export const previewStepSchema = z.union([
  z.object({ say: z.object({ text: z.string(), language: z.string(), voice: z.string() }) }),
  z.object({ play: z.object({ url: z.string() }) }),
  z.object({ pause: z.object({ seconds: z.number() }) }),
  /** `prompts`: how many steps just before it the Gather reads (a key stops them); absent from an older server. */
  z.object({ gather: z.object({ numDigits: z.number(), timeout: z.number(), pressed: z.string().nullable(), prompts: z.number().optional() }) }),
  z.object({
    dial: z.object({ clients: z.array(repSchema), strategy: z.enum(['simultaneous', 'sequential']), timeout: z.number(), cycle: z.number() }),
  }),
  z.object({ record: z.object({ maxLength: z.number(), playBeep: z.boolean() }) }),
  z.object({ hangup: z.object({}) }),
]);
export type PreviewStep = z.infer<typeof previewStepSchema>;

export const previewSchema = z.object({
  steps: z.array(previewStepSchema),
  outcome: z.enum(['waiting-for-input', 'waiting-in-line', 'voicemail', 'hangup']),
  summary: bilingualSchema,
  /** Where the caller is, as keys: the menu waiting for a key, or the item being rung. */
  path: z.array(z.number().int().min(1).max(9)).default([]),
});
export type Preview = z.infer<typeof previewSchema>;
