import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { databaseTokenStore, deleteCrmConnection, loadCrmConnection, saveConnectionDetails, saveNewCrmConnection, type CrmConnectionInfo } from '../store/crm-connection.ts';
import type { CrmRuntime } from './crm-runtime.ts';
import { ZohoClient } from './zoho/client.ts';
import { connectWithGrantCode } from './zoho/connect.ts';
import { ZOHO_DATA_CENTRES, type ZohoDataCentre } from './zoho/data-centres.ts';
import { revokeRefreshToken, type OAuthClient } from './zoho/oauth.ts';
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
    onRevokeFailed: (error) => crm.deps.logger.warn({ err: error }, 'could not revoke the refused Zoho grant; remove it under Connected Apps in Zoho'),
  });
  if (!granted.connection) throw new Error('Zoho granted no tokens');
  // The grant being replaced is revoked once the new one is stored: never a moment with no usable token.
  const replaced = await storedRefreshToken(crm);
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
  if (replaced && replaced.refreshToken !== granted.connection.refreshToken) await revokeQuietly(crm, replaced);
  await readConnectionDetails(crm, connectionId, input.client, input.dataCentre).catch((error: unknown) =>
    crm.deps.logger.warn({ err: error }, 'connected to Zoho CRM, but could not read the org details'),
  );
  return crm.connection();
}

type StoredGrant = { accountsUrl: string; refreshToken: string };

async function storedRefreshToken(crm: CrmRuntime): Promise<StoredGrant | null> {
  const { store, secretBox, now } = crm.deps;
  const current = await loadCrmConnection(store.db, secretBox);
  if (!current) return null;
  const tokens = await databaseTokenStore(store.db, secretBox, current.connectionId, now).load();
  return tokens ? { accountsUrl: tokens.accountsUrl, refreshToken: tokens.refreshToken } : null;
}

/**
 * Best effort (Zoho CRM v8 "Revoking Refresh Token": `POST {accounts}/oauth/v2/token/revoke?token=…`): a token Zoho could not
 * revoke is logged, and the admin can still remove it under Connected Apps in Zoho.
 */
async function revokeQuietly(crm: CrmRuntime, grant: StoredGrant): Promise<void> {
  await revokeRefreshToken(crm.fetch, grant.accountsUrl, grant.refreshToken).catch((error: unknown) =>
    crm.deps.logger.warn({ err: error }, 'could not revoke the Zoho refresh token; remove it under Connected Apps in Zoho'),
  );
}

/** "Disconnect": the refresh token is revoked at Zoho (best effort), then forgotten. Undelivered calls stay queued. */
export async function disconnectZoho(crm: CrmRuntime): Promise<void> {
  const stored = await storedRefreshToken(crm);
  if (stored) await revokeQuietly(crm, stored);
  await deleteCrmConnection(crm.deps.store.db);
  crm.forget();
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
