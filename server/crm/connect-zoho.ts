import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { databaseTokenStore, saveConnectionDetails, saveNewCrmConnection, type CrmConnectionInfo } from '../store/crm-connection.ts';
import type { CrmRuntime } from './crm-runtime.ts';
import { ZohoClient } from './zoho/client.ts';
import { connectWithGrantCode } from './zoho/connect.ts';
import { ZOHO_DATA_CENTRES, type ZohoDataCentre } from './zoho/data-centres.ts';
import type { OAuthClient } from './zoho/oauth.ts';
import { ZohoTokenManager, type ZohoConnection } from './zoho/token-manager.ts';

/**
 * Connecting the org's Zoho CRM: a grant code (Self Client, or the server-based client's redirect)
 * becomes a stored connection, then the org and the authorising user are read for the status page.
 */

export interface ConnectZohoInput {
  dataCentre: ZohoDataCentre;
  /** The accounts server to redeem the code at (the redirect's `accounts-server`, or the DC's). */
  accountsUrl?: string;
  client: OAuthClient;
  /** Self Client credentials are kept (sealed) to refresh tokens later; the server's are in its env. */
  keepClient: boolean;
  code: string;
  connectedBy: string | null;
}

export function accountsUrlFor(crm: CrmRuntime, dataCentre: ZohoDataCentre): string {
  return (crm.options.zoho.accountsUrl ?? ZOHO_DATA_CENTRES[dataCentre].accountsUrl).replace(/\/+$/, '');
}

/** Throws the adapter's PermanentError (bad code, wrong client) or RetryableError (Zoho unreachable). */
export async function connectZoho(crm: CrmRuntime, input: ConnectZohoInput): Promise<CrmConnectionInfo | null> {
  const { store, secretBox, now } = crm.deps;
  const granted: { connection: ZohoConnection | null } = { connection: null };
  await connectWithGrantCode({
    fetch: crm.fetch,
    accountsUrl: input.accountsUrl ?? accountsUrlFor(crm, input.dataCentre),
    client: input.client,
    code: input.code,
    dataCentre: input.dataCentre,
    apiUrlOverride: crm.options.zoho.apiUrl,
    store: {
      load: async () => granted.connection,
      save: async (connection) => {
        granted.connection = connection;
      },
    },
    now: () => now().getTime(),
  });
  if (!granted.connection) throw new Error('Zoho granted no tokens');
  const connectionId = randomUUID();
  await saveNewCrmConnection(store.db, secretBox, {
    connectionId,
    dataCentre: input.dataCentre,
    tokens: granted.connection,
    client: input.keepClient ? { clientId: input.client.clientId, clientSecret: input.client.clientSecret } : null,
    connectedBy: input.connectedBy,
    now: now(),
  });
  crm.forget();
  await readConnectionDetails(crm, connectionId, input.client, input.dataCentre).catch((error: unknown) =>
    crm.deps.logger.warn({ err: error }, 'connected to Zoho CRM, but could not read the org details'),
  );
  return crm.connection();
}

const orgSchema = z.object({
  org: z.array(z.object({ id: z.string(), company_name: z.string().nullish(), time_zone: z.string().nullish() }).loose()).min(1),
});
const usersSchema = z.object({
  users: z.array(z.object({ id: z.string(), full_name: z.string().nullish(), email: z.string() }).loose()).min(1),
});

async function readConnectionDetails(crm: CrmRuntime, connectionId: string, client: OAuthClient, dataCentre: ZohoDataCentre): Promise<void> {
  const { store, secretBox, now } = crm.deps;
  const tokens = new ZohoTokenManager({
    store: databaseTokenStore(store.db, secretBox, connectionId, now),
    client,
    fetch: crm.fetch,
    now: () => now().getTime(),
    apiUrlOverride: crm.options.zoho.apiUrl,
    dataCentre,
  });
  const zoho = new ZohoClient({ tokens, fetch: crm.fetch, requestTimeoutMs: 10_000 });
  const [org, user] = await Promise.all([
    zoho.request({ method: 'GET', path: '/crm/v8/org' }).then((response) => orgSchema.safeParse(response.body).data?.org[0] ?? null),
    zoho
      .request({ method: 'GET', path: '/crm/v8/users', query: { type: 'CurrentUser' } })
      .then((response) => usersSchema.safeParse(response.body).data?.users[0] ?? null),
  ]);
  await saveConnectionDetails(store.db, connectionId, {
    org: org ? { id: org.id, name: org.company_name ?? null, timeZone: org.time_zone ?? null } : null,
    connectedUser: user ? { id: user.id, name: user.full_name ?? user.email, email: user.email } : null,
    now: now(),
  });
  crm.forget();
}
