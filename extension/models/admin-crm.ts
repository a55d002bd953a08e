import { z } from 'zod';
import type { AdminRequest } from './admin-http';

/** The CRM connection as the options page sees it (server/routes/crm.ts): never a token. */

export const ZOHO_DATA_CENTRES = ['US', 'EU', 'IN', 'AU', 'JP', 'CN', 'CA', 'SA', 'UK'] as const;
export type ZohoDataCentre = (typeof ZOHO_DATA_CENTRES)[number];

export const CRM_ENDPOINTS = {
  status: '/api/crm', // GET status · DELETE disconnect (204)
  connect: '/api/crm/zoho/connect', // POST {dataCentre, code, clientId?, clientSecret?} → connection status
  authorize: (dataCentre: ZohoDataCentre) => `/api/crm/zoho/authorize?dataCentre=${encodeURIComponent(dataCentre)}`, // GET → {url, redirectUri}
  usersSync: '/api/crm/users/sync', // POST → {matched, unmatched, crmUsers}
  parked: '/api/crm/outbox?status=parked', // GET {entries}
  retry: (id: string) => `/api/crm/outbox/${encodeURIComponent(id)}/retry`, // POST → entry
  retryAll: '/api/crm/outbox/retry-parked', // POST → {requeued}
  settings: '/api/crm/settings', // PUT {deleteRecordingsAfterUpload} → settings
} as const;

export const crmSettingsSchema = z.object({ deleteRecordingsAfterUpload: z.boolean() });
export type CrmSettings = z.infer<typeof crmSettingsSchema>;

const connectionSchema = z.looseObject({
  connected: z.literal(true),
  provider: z.string(),
  dataCentre: z.enum(ZOHO_DATA_CENTRES),
  apiDomain: z.string().optional(),
  org: z.object({ id: z.string(), name: z.string().nullable(), timeZone: z.string().nullable() }).nullable(),
  user: z.object({ id: z.string(), name: z.string(), email: z.string() }).nullable(),
  connectedAt: z.string(),
  selfClient: z.boolean(),
  /** Why deliveries are on hold (revoked grant…), in English as the server recorded it; null while healthy. */
  problem: z.string().nullable(),
  /** The problem as a code of the error contract (zoho_secrets_unreadable), worded in the admin's language; null for Zoho's own refusals. */
  problemCode: z.string().nullable().optional(),
});

/** `POST /api/crm/zoho/connect`: the new connection. */
export const crmConnectionSchema = z.union([connectionSchema, z.looseObject({ connected: z.literal(false) })]);
export type CrmConnection = z.infer<typeof crmConnectionSchema>;

/** `GET /api/crm`: the connection, whether the server has its own OAuth client, the outbox and the settings. */
export const crmStatusSchema = z.intersection(
  crmConnectionSchema,
  z.looseObject({
    serverClient: z.boolean(),
    outbox: z.object({ pending: z.number(), parked: z.number() }),
    settings: crmSettingsSchema.default({ deleteRecordingsAfterUpload: false }),
  }),
);
export type CrmStatus = z.infer<typeof crmStatusSchema>;

export const crmUserSyncSchema = z.looseObject({
  matched: z.array(z.looseObject({ userId: z.string(), name: z.string(), email: z.string(), crmUserId: z.string(), crmUserName: z.string() })),
  unmatched: z.array(z.looseObject({ userId: z.string(), name: z.string(), email: z.string() })),
  crmUsers: z.array(z.looseObject({ id: z.string(), name: z.string(), email: z.string() })).default([]),
});
export type CrmUserSync = z.infer<typeof crmUserSyncSchema>;

export const crmDeliverySchema = z.looseObject({
  id: z.string(),
  callSid: z.string(),
  kind: z.enum(['log-call', 'update-call', 'attach-recording']),
  status: z.enum(['pending', 'sending', 'done', 'parked']),
  attempts: z.number(),
  lastError: z.string().nullable(),
  updatedAt: z.string(),
});
export type CrmDelivery = z.infer<typeof crmDeliverySchema>;

export interface ZohoGrant {
  dataCentre: ZohoDataCentre;
  code: string;
  /** A Self Client's credentials; omitted = the server's own client. */
  clientId?: string;
  clientSecret?: string;
}

export interface CrmAdminApi {
  getCrm(): Promise<CrmStatus>;
  /** Zoho's consent page for the server-based client; the redirect lands on the server. */
  zohoAuthorizeUrl(dataCentre: ZohoDataCentre): Promise<string>;
  connectZoho(grant: ZohoGrant): Promise<CrmConnection>;
  disconnectCrm(): Promise<void>;
  syncCrmUsers(): Promise<CrmUserSync>;
  listParkedDeliveries(): Promise<CrmDelivery[]>;
  retryDelivery(id: string): Promise<CrmDelivery>;
  retryParkedDeliveries(): Promise<number>;
  saveCrmSettings(settings: CrmSettings): Promise<CrmSettings>;
}

export function createCrmAdminApi(http: AdminRequest): CrmAdminApi {
  const E = CRM_ENDPOINTS;
  return {
    getCrm: async () => crmStatusSchema.parse(await http('GET', E.status)),
    zohoAuthorizeUrl: async (dataCentre) => z.object({ url: z.url() }).parse(await http('GET', E.authorize(dataCentre))).url,
    connectZoho: async (grant) => crmConnectionSchema.parse(await http('POST', E.connect, grant)),
    disconnectCrm: async () => void (await http('DELETE', E.status)),
    syncCrmUsers: async () => crmUserSyncSchema.parse(await http('POST', E.usersSync)),
    listParkedDeliveries: async () => z.object({ entries: z.array(crmDeliverySchema) }).parse(await http('GET', E.parked)).entries,
    retryDelivery: async (id) => crmDeliverySchema.parse(await http('POST', E.retry(id))),
    retryParkedDeliveries: async () => z.object({ requeued: z.number() }).parse(await http('POST', E.retryAll)).requeued,
    saveCrmSettings: async (settings) => crmSettingsSchema.parse(await http('PUT', E.settings, settings)),
  };
}
