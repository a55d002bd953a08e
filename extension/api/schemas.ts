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

export const callLogEntrySchema = z.looseObject({
  sid: z.string(),
  direction: z.string(),
  status: z.string(),
  from: z.string().nullable().optional(),
  to: z.string().nullable().optional(),
  startedAt: z.string().nullable().optional(),
  note: z.string().nullable().optional(),
  disposition: z.string().nullable().optional(),
});
export type CallLogEntry = z.infer<typeof callLogEntrySchema>;

export const callListResponseSchema = z.looseObject({
  calls: z.array(callLogEntrySchema),
  nextCursor: z.string().nullable(),
});

export const apiErrorSchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
