import { z } from 'zod';

/** A dialable number in E.164 (`+81312345678`). */
export const e164Schema = z.string().regex(/^\+[1-9]\d{6,14}$/, 'expected an E.164 number');

/** The CRM record a call is about; travels with outgoing calls so the server logs it there. */
export const crmRecordSchema = z.strictObject({
  crm: z.string().regex(/^[a-z0-9-]{1,32}$/),
  module: z.string().min(1).max(64),
  id: z.string().min(1).max(64),
  name: z.string().max(256),
  url: z.url({ protocol: /^https?$/ }).max(2048),
});
export type CrmRecord = z.infer<typeof crmRecordSchema>;

/** The card lists at most this many other records with the caller's number (server/crm/caller-match.ts sends up to 5). */
export const MAX_OTHER_RECORDS = 5;

export const INVITE_PURPOSES = ['transfer', 'consult', 'add', 'recall', 'monitor'] as const;
export type InvitePurpose = (typeof INVITE_PURPOSES)[number];

/**
 * Why the server rang this leg into a call already under way (server/voice/call-parameters.ts): a
 * colleague's transfer or consult, an added party, a ring-back after an unanswered transfer, or a
 * supervisor's own monitoring leg. `by` is who asked (for monitoring: the supervisor themself).
 */
export const callInviteSchema = z.object({
  purpose: z.enum(INVITE_PURPOSES),
  byId: z.string().max(128).nullable(),
  byName: z.string().max(200).nullable(),
  note: z.string().max(500).nullable(),
});
export type CallInvite = z.infer<typeof callInviteSchema>;

/**
 * Everything the UI shows about one call. `callId` is ours (the SDK's Call objects never leave the
 * offscreen document); `callSid` is the parent CallSid the server logs the call under.
 */
export const callInfoSchema = z.object({
  callId: z.string().min(1).max(64),
  direction: z.enum(['incoming', 'outgoing']),
  /** The other party: E.164 when known, the raw value otherwise, `null` when withheld (非通知). */
  number: z.string().max(64).nullable(),
  calledNumber: z.string().max(64).nullable(),
  calledLabel: z.string().max(256).nullable(),
  ivrPath: z.array(z.string().max(128)).max(16),
  callSid: z.string().max(64).nullable(),
  record: crmRecordSchema.nullable(),
  /**
   * Incoming: the other records that have the caller's number (the server picks `record`, the most
   * recently modified), so the rep can tell when the name shown may be the wrong person.
   */
  others: z.array(crmRecordSchema).max(MAX_OTHER_RECORDS).optional(),
  /**
   * Incoming: how the CRM lookup ended while the call rang: `none`, a new caller; `unanswered`, the
   * CRM did not answer in time (down, or slower than the ring's budget). An `unanswered` one becomes
   * `matched` or `none` when the server learns the answer later (late-match.ts), and never goes back.
   * Absent: no CRM connected.
   */
  crmLookup: z.enum(['matched', 'none', 'unanswered']).optional(),
  /** Only on a leg rung into a running call. */
  invite: callInviteSchema.nullable().optional(),
});
export type CallInfo = z.infer<typeof callInfoSchema>;
