import { z } from 'zod';

// Response shapes of the companion server (see the HTTP API contract). Loose objects: a newer server
// may add fields without breaking an older extension.
export const userSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: z.string(),
});
export type ApiUser = z.infer<typeof userSchema>;

export const loginResponseSchema = z.looseObject({ token: z.string().min(1), user: userSchema });

/** `POST /api/invites/lookup`: who the invitation is for (server/routes/invites.ts). */
export const inviteLookupSchema = z.looseObject({
  email: z.string(),
  name: z.string().nullable(),
  expiresAt: z.string(),
  existingUser: z.boolean(),
});
export type InviteLookup = z.infer<typeof inviteLookupSchema>;

export const meResponseSchema = z.looseObject({
  user: userSchema,
  outgoingNumber: z.string().nullable(),
  presence: z.looseObject({ available: z.boolean(), onCall: z.boolean() }),
});
export type MeResponse = z.infer<typeof meResponseSchema>;

export const presenceResponseSchema = z.looseObject({
  available: z.boolean(),
  onlineSince: z.string().nullable().optional(),
  order: z.number().nullable().optional(),
});

export const tokenResponseSchema = z.looseObject({
  token: z.string().min(1),
  identity: z.string(),
  ttl: z.number().positive(),
});
export type TokenResponse = z.infer<typeof tokenResponseSchema>;

/**
 * One entry of `GET /api/calls` and `PATCH /api/calls/:sid` (server/store/calls-query.ts CallLogEntry).
 * models/call-log.ts renames it for the UI.
 */
export const callLogEntrySchema = z.looseObject({
  callSid: z.string(),
  direction: z.enum(['inbound', 'outbound']),
  /** The caller; null when withheld, and on outgoing calls (see `rep`). */
  from: z.string().nullable(),
  fromAnonymous: z.boolean().optional(),
  to: z.string().nullable(),
  numberCalled: z.string().nullish(),
  numberLabel: z.string().nullish(),
  ivrPath: z.array(z.string()).nullish(),
  status: z.string(),
  reason: z.string().nullish(),
  /** Who answered (inbound) or who called (outbound). */
  rep: z.string().nullish(),
  startedAt: z.string(),
  answeredAt: z.string().nullish(),
  endedAt: z.string().nullish(),
  durationSeconds: z.number().nullish(),
  /** `{ module, id, name, url, others? }` (strings): the record the rep called from, or the caller's match. */
  crmRecord: z.record(z.string(), z.string()).nullish(),
  note: z.string().nullish(),
  disposition: z.string().nullish(),
  /** The rep's part: `party` (talked on it), `rung` (a colleague took it: no note, disposition or recording). */
  involvement: z.enum(['party', 'rung']).nullish(),
});
export type CallLogEntry = z.infer<typeof callLogEntrySchema>;

/** `POST /api/calls/:sid/notes`: the words kept in the call's history. */
export const keptNoteSchema = z.looseObject({ callSid: z.string(), note: z.string() });

export const callListResponseSchema = z.looseObject({
  calls: z.array(callLogEntrySchema),
  nextCursor: z.string().nullable(),
});

/**
 * `GET /api/calls/:sid/card`: the CRM match the server now has for a call under way, in the shape of
 * the ringing card's `crmMatch` parameter (phone/call-params.ts `crmMatchFrom` reads it): the record,
 * else `{status:'none'}` or `{status:'unavailable'}` once a late lookup ended without one; null while
 * nothing is known yet.
 */
export const callCardResponseSchema = z.looseObject({
  callSid: z.string(),
  crmMatch: z.record(z.string(), z.unknown()).nullable(),
});
export type CallCardResponse = z.infer<typeof callCardResponseSchema>;

/** The error contract's body (contract/api-errors.ts); issues are read by the options page's models. */
export const apiErrorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() }),
});
