import { z } from 'zod';
import { callLogEntrySchema, callLogPageSchema, callLogSearchParams, type CallLogApi, type CallLogQuery } from './call-log';
import { createCrmAdminApi, type CrmAdminApi } from './admin-crm';
import { createAdminHttp } from './admin-http';
import { createHoursAdminApi, type HoursAdminApi } from './admin-hours';
import { createInvitesAdminApi, type InvitesAdminApi } from './admin-invites';
import {
  audioFileSchema,
  callerIdSchema,
  connectResultSchema,
  disconnectResultSchema,
  ownedNumberSchema,
  previewSchema,
  setupReportSchema,
  twilioAccountSchema,
  type AudioFile,
  type CallerId,
  type ConnectResult,
  type OwnedNumber,
  type Preview,
  type SetupReport,
  type TwilioAccount,
} from './admin-schemas';
import type { HttpOptions } from './http';
import type { IncomingNumber, OutgoingAssignment, PhoneConfig, User } from './phone-config-types';

/** Every admin endpoint the options page uses, as the server mounts them (server/app.ts, server/routes/**). */
export const ADMIN_ENDPOINTS = {
  config: '/api/config', // GET masked document + ETag · PUT whole document (import; If-Match → 412 config_changed; 400 issues with absolute paths)
  users: '/api/users', // GET {users} · POST user → 201 user
  user: (id: string) => `/api/users/${encodeURIComponent(id)}`, // PATCH fields (password, active…) · DELETE
  incoming: '/api/incoming', // GET {incoming} · POST number (+ twilioSid, confirm) → 201 number (+ twilio)
  incomingNumber: (number: string) => `/api/incoming/${encodeURIComponent(number)}`, // PUT · DELETE (gives the Twilio number back)
  outgoing: '/api/outgoing', // GET {outgoing}
  outgoingUser: (user: string) => `/api/outgoing/${encodeURIComponent(user)}`, // PUT {number, record} (400 caller_id_not_usable, 502 caller_id_unchecked) · DELETE
  presence: '/api/presence', // GET {reps, ringOrder}
  calls: '/api/calls', // GET ?filters → {calls, nextCursor}
  call: (sid: string) => `/api/calls/${encodeURIComponent(sid)}`, // PATCH {note?, disposition?}
  twilioAccount: '/api/twilio/account', // GET account view · PUT {accountSid, authToken} → account view
  twilioNumbers: '/api/twilio/numbers', // GET {numbers}
  callerIds: '/api/twilio/caller-ids', // GET {callerIds}: the account's numbers and verified caller IDs
  twilioConnect: (sid: string) => `/api/twilio/numbers/${encodeURIComponent(sid)}/connect`, // POST {confirm} (409 number_in_use)
  twilioDisconnect: (sid: string) => `/api/twilio/numbers/${encodeURIComponent(sid)}/disconnect`, // POST
  setupCheck: '/api/twilio/setup-check', // GET report
  setupFix: '/api/twilio/setup-check/fix', // POST {id, confirm?} → report after the repair (409 number_in_use: confirm first)
  audio: '/api/audio', // GET {files} · POST multipart `file` → 201 file
  audioFile: (id: string) => `/api/audio/${encodeURIComponent(id)}`, // DELETE
  preview: (number: string) => `/api/preview/${encodeURIComponent(number)}`, // POST {digits} → {steps, outcome, summary}
} as const;

export const publicUserSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: z.enum(['admin', 'supervisor', 'rep']),
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

/** Adding a number: the account's Twilio number to point at this server, and the admin's go-ahead to take it over. */
export interface ConnectChoice {
  twilioSid: string;
  confirm: boolean;
}
export type AddedIncoming = IncomingNumber & { twilio?: ConnectResult };

export interface AdminApi extends CallLogApi, CrmAdminApi, InvitesAdminApi, HoursAdminApi {
  getConfig(): Promise<unknown>;
  /** Replaces the whole document, whatever is stored now: an import from a file. */
  putConfig(document: unknown): Promise<unknown>;
  /**
   * Reads the document, changes it and writes it back only if nobody saved in between (ETag and
   * If-Match; otherwise ApiError `config_changed`). For settings kept in the document alone.
   */
  editConfig(change: (document: PhoneConfig) => PhoneConfig): Promise<PhoneConfig>;
  listUsers(): Promise<PublicUser[]>;
  createUser(user: NewUser): Promise<PublicUser>;
  updateUser(id: string, patch: Partial<Pick<User, 'name' | 'email' | 'role' | 'password' | 'active'>>): Promise<PublicUser>;
  listIncoming(): Promise<IncomingNumber[]>;
  addIncoming(number: IncomingNumber, connect?: ConnectChoice): Promise<AddedIncoming>;
  saveIncoming(number: IncomingNumber): Promise<IncomingNumber>;
  deleteIncoming(number: string): Promise<void>;
  listOutgoing(): Promise<OutgoingAssignment[]>;
  saveOutgoing(assignment: OutgoingAssignment): Promise<OutgoingAssignment>;
  deleteOutgoing(user: string): Promise<void>;
  getPresence(): Promise<Presence>;
  getTwilio(): Promise<TwilioAccount>;
  connectTwilio(credentials: { accountSid: string; authToken: string }): Promise<TwilioAccount>;
  listOwnedNumbers(): Promise<OwnedNumber[]>;
  listCallerIds(): Promise<CallerId[]>;
  connectNumber(sid: string, confirm: boolean): Promise<ConnectResult>;
  disconnectNumber(sid: string): Promise<void>;
  getSetupCheck(): Promise<SetupReport>;
  /** `confirm`: take over a number that answers elsewhere (the answer to a 409 number_in_use). */
  fixSetupProblem(id: string, confirm?: boolean): Promise<SetupReport>;
  listAudio(): Promise<AudioFile[]>;
  uploadAudio(file: File): Promise<AudioFile>;
  deleteAudio(id: string): Promise<void>;
  /** `at`: as if it were that date and time (the org's time zone); absent: now. */
  preview(number: string, digits: readonly string[], at?: { date: string; time: string }): Promise<Preview>;
}

/**
 * The AdminApi over fetch with the session's bearer token. Responses are checked with zod; errors keep
 * the contract's code and params (models/api-error.ts), worded by the page. `language` is sent as Accept-Language.
 */
export function createAdminApi(options: HttpOptions & { language?: () => string }): AdminApi {
  const { json: http, tagged, form } = createAdminHttp(options);
  const E = ADMIN_ENDPOINTS;
  return {
    getConfig: () => http('GET', E.config),
    putConfig: (document) => http('PUT', E.config, document),
    editConfig: async (change) => {
      const read = await tagged<PhoneConfig>('GET', E.config);
      return (await tagged<PhoneConfig>('PUT', E.config, change(read.body), read.etag ?? undefined)).body;
    },
    listUsers: async () => z.object({ users: z.array(publicUserSchema) }).parse(await http('GET', E.users)).users,
    createUser: async (user) => publicUserSchema.parse(await http('POST', E.users, user)),
    updateUser: async (id, patch) => publicUserSchema.parse(await http('PATCH', E.user(id), patch)),
    listIncoming: async () => (await http<{ incoming: IncomingNumber[] }>('GET', E.incoming)).incoming,
    addIncoming: (number, connect) => http<AddedIncoming>('POST', E.incoming, connect ? { ...number, ...connect } : number),
    saveIncoming: ({ number, ...rest }) => http<IncomingNumber>('PUT', E.incomingNumber(number), rest),
    deleteIncoming: async (number) => void (await http('DELETE', E.incomingNumber(number))),
    listOutgoing: async () => (await http<{ outgoing: OutgoingAssignment[] }>('GET', E.outgoing)).outgoing,
    saveOutgoing: ({ user, ...rest }) => http<OutgoingAssignment>('PUT', E.outgoingUser(user), rest),
    deleteOutgoing: async (user) => void (await http('DELETE', E.outgoingUser(user))),
    getPresence: async () => presenceSchema.parse(await http('GET', E.presence)),
    getTwilio: async () => twilioAccountSchema.parse(await http('GET', E.twilioAccount)),
    connectTwilio: async (credentials) => twilioAccountSchema.parse(await http('PUT', E.twilioAccount, credentials)),
    listOwnedNumbers: async () => z.object({ numbers: z.array(ownedNumberSchema) }).parse(await http('GET', E.twilioNumbers)).numbers,
    listCallerIds: async () => z.object({ callerIds: z.array(callerIdSchema) }).parse(await http('GET', E.callerIds)).callerIds,
    connectNumber: async (sid, confirm) => connectResultSchema.parse(await http('POST', E.twilioConnect(sid), { confirm })),
    disconnectNumber: async (sid) => void disconnectResultSchema.parse(await http('POST', E.twilioDisconnect(sid), {})),
    getSetupCheck: async () => setupReportSchema.parse(await http('GET', E.setupCheck)),
    fixSetupProblem: async (id, confirm) => setupReportSchema.parse(await http('POST', E.setupFix, confirm ? { id, confirm } : { id })),
    listAudio: async () => z.object({ files: z.array(audioFileSchema) }).parse(await http('GET', E.audio)).files,
    uploadAudio: async (file) => {
      const body = new FormData();
      body.append('file', file, file.name);
      return audioFileSchema.parse(await form(E.audio, body));
    },
    deleteAudio: async (id) => void (await http('DELETE', E.audioFile(id))),
    preview: async (number, digits, at) => previewSchema.parse(await http('POST', E.preview(number), { digits, ...(at ? { at } : {}) })),
    listCalls: async (query: CallLogQuery = {}) => callLogPageSchema.parse(await http('GET', E.calls + callLogSearchParams(query))),
    updateCall: async (sid, update) => callLogEntrySchema.parse(await http('PATCH', E.call(sid), update)),
    ...createCrmAdminApi(http),
    ...createInvitesAdminApi(http),
    ...createHoursAdminApi(http),
  };
}

export type { CrmConnection, CrmDelivery, CrmSettings, CrmStatus, CrmUserSync, ZohoDataCentre, ZohoGrant } from './admin-crm';
export type { AudioFile, CallerId, ConnectResult, OwnedNumber, Preview, SetupReport, TwilioAccount } from './admin-schemas';
export type { PhoneConfig };
