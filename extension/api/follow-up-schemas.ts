import { z } from 'zod';

/** `GET /api/follow-ups` (server/routes/follow-ups.ts): someone to call back. Loose: a newer server may add fields. */
export const followUpSchema = z.looseObject({
  id: z.string(),
  kind: z.enum(['missed', 'voicemail', 'callback']),
  callerNumber: z.string(),
  numberCalled: z.string().nullable(),
  numberLabel: z.string().nullable(),
  calls: z.number().int().min(1),
  lastCallSid: z.string(),
  lastCallAt: z.string(),
  dueAt: z.string(),
  owner: z.looseObject({ id: z.string(), name: z.string() }).nullable(),
  crmRecord: z.record(z.string(), z.string()).nullable(),
  hasRecording: z.boolean(),
  notify: z.boolean(),
  /** The rep is responsible for it (admins and supervisors also see everyone else's). */
  mine: z.boolean().default(true),
  done: z.boolean(),
});
export type FollowUp = z.infer<typeof followUpSchema>;

export const followUpListSchema = z.looseObject({ followUps: z.array(followUpSchema) });

/** `GET /api/waiting-line` (server/routes/waiting-line.ts). */
export const waitingLineSchema = z.looseObject({
  /** Some number has a waiting line (for a rep: one they take calls from). Older servers: assumed. */
  enabled: z.boolean().default(true),
  count: z.number().int().min(0),
  longestWaitSeconds: z.number().int().min(0),
  lines: z.array(z.looseObject({ number: z.string(), label: z.string(), count: z.number().int(), longestWaitSeconds: z.number().int() })),
});
export type WaitingLine = z.infer<typeof waitingLineSchema>;

export const NOBODY_WAITING: WaitingLine = { enabled: false, count: 0, longestWaitSeconds: 0, lines: [] };
