import { z } from 'zod';
import { callLogEntrySchema, callLogPageSchema, callLogSearchParams, type CallLogApi, type CallLogQuery } from './call-log';
import { createHttp, type HttpOptions } from './http';
import type { IncomingNumber, OutgoingAssignment, PhoneConfig, User } from './phone-config-types';

/**
 * Every admin endpoint the options page uses, in one place. Those marked PROPOSED are not in the
 * shared contract yet (the Twilio step): the lead aligns them with the server here.
 */
export const ADMIN_ENDPOINTS = {
  config: '/api/config', // GET masked document · PUT whole document (import)
  users: '/api/users', // GET {users} · POST user → 201 user
  user: (id: string) => `/api/users/${encodeURIComponent(id)}`, // PATCH fields (password, active…) · DELETE
  incoming: '/api/incoming', // GET {incoming} · POST number → 201
  incomingNumber: (number: string) => `/api/incoming/${encodeURIComponent(number)}`, // PUT · DELETE (restores Twilio)
  outgoing: '/api/outgoing', // GET {outgoing}
  outgoingUser: (user: string) => `/api/outgoing/${encodeURIComponent(user)}`, // PUT {number, record} · DELETE
  presence: '/api/presence', // GET {reps, ringOrder}
  calls: '/api/calls', // GET ?filters → {calls, nextCursor}
  call: (sid: string) => `/api/calls/${encodeURIComponent(sid)}`, // PATCH {note?, disposition?}
  twilio: '/api/twilio', // PROPOSED: GET {account|null, accountSid?, authToken? (masked)} · PUT {accountSid, authToken} → {account}
  twilioNumbers: '/api/twilio/numbers', // PROPOSED: GET {numbers: TwilioOwnedNumber[]} (the account's numbers and their use)
} as const;

export const twilioAccountSchema = z.object({
  sid: z.string(),
  friendlyName: z.string(),
  status: z.enum(['active', 'suspended', 'closed']),
  type: z.enum(['Trial', 'Full']),
});
export type TwilioAccount = z.infer<typeof twilioAccountSchema>;

export const twilioStatusSchema = z.looseObject({
  account: twilioAccountSchema.nullable(),
  accountSid: z.string().nullish(),
  /** Masked (`••••1a2b`); the token itself never comes back. */
  authToken: z.string().nullish(),
});
export type TwilioStatus = z.infer<typeof twilioStatusSchema>;

export const ownedNumberSchema = z.looseObject({
  sid: z.string(),
  phoneNumber: z.string(),
  friendlyName: z.string(),
  inUseElsewhere: z.boolean(),
  usedBy: z.looseObject({ kind: z.string(), target: z.string(), message: z.object({ en: z.string(), ja: z.string() }) }).nullable(),
});
export type OwnedNumber = z.infer<typeof ownedNumberSchema>;

export const publicUserSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: z.enum(['admin', 'rep']),
  active: z.boolean().default(true),
  crmUserId: z.string().nullish(),
});
export type PublicUser = z.infer<typeof publicUserSchema>;

export const presenceSchema = z.object({
  reps: z.array(
    z.looseObject({
      id: z.string(),
      name: z.string(),
      status: z.enum(['online', 'offline', 'on-call']),
      since: z.string().nullable(),
    }),
  ),
  ringOrder: z.array(z.string()),
});
export type Presence = z.infer<typeof presenceSchema>;

export type NewUser = Pick<User, 'name' | 'email' | 'role'> & { id?: string; password: string };

export interface AdminApi extends CallLogApi {
  getConfig(): Promise<unknown>;
  putConfig(document: unknown): Promise<unknown>;
  listUsers(): Promise<PublicUser[]>;
  createUser(user: NewUser): Promise<PublicUser>;
  updateUser(id: string, patch: Partial<Pick<User, 'name' | 'email' | 'role' | 'password' | 'active'>>): Promise<PublicUser>;
  listIncoming(): Promise<IncomingNumber[]>;
  addIncoming(number: IncomingNumber): Promise<IncomingNumber>;
  saveIncoming(number: IncomingNumber): Promise<IncomingNumber>;
  deleteIncoming(number: string): Promise<void>;
  listOutgoing(): Promise<OutgoingAssignment[]>;
  saveOutgoing(assignment: OutgoingAssignment): Promise<OutgoingAssignment>;
  deleteOutgoing(user: string): Promise<void>;
  getPresence(): Promise<Presence>;
  getTwilio(): Promise<TwilioStatus>;
  connectTwilio(credentials: { accountSid: string; authToken: string }): Promise<TwilioStatus>;
  listOwnedNumbers(): Promise<OwnedNumber[]>;
}

/** The AdminApi over fetch with the session's bearer token. Responses are checked with zod. */
export function createAdminApi(options: HttpOptions): AdminApi {
  const http = createHttp(options);
  const E = ADMIN_ENDPOINTS;
  return {
    getConfig: () => http('GET', E.config),
    putConfig: (document) => http('PUT', E.config, document),
    listUsers: async () => z.object({ users: z.array(publicUserSchema) }).parse(await http('GET', E.users)).users,
    createUser: async (user) => publicUserSchema.parse(await http('POST', E.users, user)),
    updateUser: async (id, patch) => publicUserSchema.parse(await http('PATCH', E.user(id), patch)),
    listIncoming: async () => (await http<{ incoming: IncomingNumber[] }>('GET', E.incoming)).incoming,
    addIncoming: (number) => http<IncomingNumber>('POST', E.incoming, number),
    saveIncoming: ({ number, ...rest }) => http<IncomingNumber>('PUT', E.incomingNumber(number), rest),
    deleteIncoming: async (number) => void (await http('DELETE', E.incomingNumber(number))),
    listOutgoing: async () => (await http<{ outgoing: OutgoingAssignment[] }>('GET', E.outgoing)).outgoing,
    saveOutgoing: ({ user, ...rest }) => http<OutgoingAssignment>('PUT', E.outgoingUser(user), rest),
    deleteOutgoing: async (user) => void (await http('DELETE', E.outgoingUser(user))),
    getPresence: async () => presenceSchema.parse(await http('GET', E.presence)),
    getTwilio: async () => twilioStatusSchema.parse(await http('GET', E.twilio)),
    connectTwilio: async (credentials) => twilioStatusSchema.parse(await http('PUT', E.twilio, credentials)),
    listOwnedNumbers: async () => z.object({ numbers: z.array(ownedNumberSchema) }).parse(await http('GET', E.twilioNumbers)).numbers,
    listCalls: async (query: CallLogQuery = {}) => callLogPageSchema.parse(await http('GET', E.calls + callLogSearchParams(query))),
    updateCall: async (sid, update) => callLogEntrySchema.parse(await http('PATCH', E.call(sid), update)),
  };
}

export type { PhoneConfig };
