import type { Kysely, Selectable } from 'kysely';
import type { ZohoDataCentre } from '../crm/zoho/data-centres.ts';
import type { TokenStore, ZohoConnection } from '../crm/zoho/token-manager.ts';
import { openOrNull, type SecretBox } from '../security/secret-box.ts';
import type { CrmConnectionTable, Database } from './schema.ts';

/**
 * The org's CRM connection (one per server). Refresh and access tokens and a Self Client's secret
 * are sealed with the server's SecretBox; nothing here is ever sent to the extension.
 */

type Db = Kysely<Database>;
type Row = Selectable<CrmConnectionTable>;

export interface CrmConnectionInfo {
  connectionId: string;
  provider: 'zoho';
  dataCentre: ZohoDataCentre;
  accountsUrl: string;
  apiDomain: string;
  /** Self Client credentials stored with the connection; null = use the server's client (or see `secretsUnreadable`). */
  client: { clientId: string; clientSecret: string } | null;
  /** Connected with a Self Client (its credentials stored with the connection). */
  selfClient: boolean;
  org: { id: string; name: string | null; timeZone: string | null } | null;
  connectedUser: { id: string; name: string; email: string } | null;
  connectedBy: string | null;
  problem: string | null;
  /**
   * The refresh token or the Self Client's secret cannot be opened: sealed with another SECRET_KEY
   * (the server moved and DATA_DIR/secret.key did not come along). Such a connection is as good as
   * gone — `client` is then null — until the admin connects again.
   */
  secretsUnreadable: boolean;
  connectedAt: Date;
}

function toInfo(row: Row, secretBox: SecretBox): CrmConnectionInfo {
  const clientSecret = row.client_secret_sealed ? openOrNull(secretBox, row.client_secret_sealed) : null;
  const refreshToken = openOrNull(secretBox, row.refresh_token_sealed);
  return {
    connectionId: row.connection_id,
    provider: row.provider,
    dataCentre: row.data_centre as ZohoDataCentre,
    accountsUrl: row.accounts_url,
    apiDomain: row.api_domain,
    client: row.client_id && clientSecret !== null ? { clientId: row.client_id, clientSecret } : null,
    selfClient: row.client_id !== null,
    org: row.org,
    connectedUser: row.connected_user,
    connectedBy: row.connected_by,
    problem: row.problem,
    secretsUnreadable: refreshToken === null || (row.client_secret_sealed !== null && clientSecret === null),
    connectedAt: new Date(row.connected_at),
  };
}

export async function loadCrmConnection(db: Db, secretBox: SecretBox): Promise<CrmConnectionInfo | null> {
  const row = await db.selectFrom('crm_connection').selectAll().where('id', '=', 1).executeTakeFirst();
  return row ? toInfo(row, secretBox) : null;
}

export interface NewConnection {
  connectionId: string;
  dataCentre: ZohoDataCentre;
  tokens: ZohoConnection;
  client: { clientId: string; clientSecret: string } | null;
  connectedBy: string | null;
  now: Date;
}

/** A new connection replaces the old one (another org, or the same org authorised again). */
export async function saveNewCrmConnection(db: Db, secretBox: SecretBox, connection: NewConnection): Promise<void> {
  const { tokens } = connection;
  const values = {
    connection_id: connection.connectionId,
    provider: 'zoho' as const,
    data_centre: connection.dataCentre,
    accounts_url: tokens.accountsUrl,
    api_domain: tokens.apiDomain,
    refresh_token_sealed: secretBox.seal(tokens.refreshToken),
    access_token_sealed: tokens.accessToken ? secretBox.seal(tokens.accessToken) : null,
    access_token_expires_at: tokens.accessTokenExpiresAt ? new Date(tokens.accessTokenExpiresAt) : null,
    client_id: connection.client?.clientId ?? null,
    client_secret_sealed: connection.client ? secretBox.seal(connection.client.clientSecret) : null,
    org: JSON.stringify(null),
    connected_user: JSON.stringify(null),
    connected_by: connection.connectedBy,
    problem: null,
    connected_at: connection.now,
    updated_at: connection.now,
  };
  await db
    .insertInto('crm_connection')
    .values({ id: 1, ...values })
    .onConflict((oc) => oc.column('id').doUpdateSet(values))
    .execute();
}

/** What the status page shows besides the tokens: the org and the Zoho user who authorised. */
export async function saveConnectionDetails(
  db: Db,
  connectionId: string,
  details: { org?: CrmConnectionInfo['org']; connectedUser?: CrmConnectionInfo['connectedUser']; problem?: string | null; now: Date },
): Promise<void> {
  await db
    .updateTable('crm_connection')
    .set({
      ...(details.org !== undefined ? { org: JSON.stringify(details.org) } : {}),
      ...(details.connectedUser !== undefined ? { connected_user: JSON.stringify(details.connectedUser) } : {}),
      ...(details.problem !== undefined ? { problem: details.problem } : {}),
      updated_at: details.now,
    })
    .where('id', '=', 1)
    .where('connection_id', '=', connectionId)
    .execute();
}

export async function deleteCrmConnection(db: Db): Promise<boolean> {
  const result = await db.deleteFrom('crm_connection').where('id', '=', 1).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/**
 * The token manager's persistence for one connection. Saves are bound to that connection's id, so an
 * adapter still running after a reconnect cannot overwrite the new grant with the old one. A refresh
 * token this server cannot open is no connection (see `secretsUnreadable`); an access token it cannot
 * open is none: the next request refreshes it.
 */
export function databaseTokenStore(db: Db, secretBox: SecretBox, connectionId: string, now: () => Date = () => new Date()): TokenStore {
  return {
    async load() {
      const row = await db
        .selectFrom('crm_connection')
        .selectAll()
        .where('id', '=', 1)
        .where('connection_id', '=', connectionId)
        .executeTakeFirst();
      const refreshToken = row ? openOrNull(secretBox, row.refresh_token_sealed) : null;
      if (!row || refreshToken === null) return null;
      const accessToken = row.access_token_sealed ? openOrNull(secretBox, row.access_token_sealed) : null;
      return {
        accountsUrl: row.accounts_url,
        apiDomain: row.api_domain,
        refreshToken,
        accessToken,
        accessTokenExpiresAt: accessToken !== null && row.access_token_expires_at ? new Date(row.access_token_expires_at).getTime() : null,
      };
    },
    async save(connection) {
      await db
        .updateTable('crm_connection')
        .set({
          accounts_url: connection.accountsUrl,
          api_domain: connection.apiDomain,
          refresh_token_sealed: secretBox.seal(connection.refreshToken),
          access_token_sealed: connection.accessToken ? secretBox.seal(connection.accessToken) : null,
          access_token_expires_at: connection.accessTokenExpiresAt ? new Date(connection.accessTokenExpiresAt) : null,
          updated_at: now(),
        })
        .where('id', '=', 1)
        .where('connection_id', '=', connectionId)
        .execute();
    },
  };
}
