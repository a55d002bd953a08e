import { isZohoApiDomain, type ZohoDataCentre } from './data-centres.ts';
import type { OAuthClient } from './oauth.ts';
import { exchangeGrantCode } from './oauth.ts';
import { untrustedApiDomain, type TokenStore, type ZohoConnection } from './token-manager.ts';

/** Everything the integration touches (comma-separated in the authorization request). */
export const ZOHO_SCOPES = [
  'ZohoCRM.modules.calls.ALL',
  'ZohoCRM.modules.notes.ALL',
  'ZohoCRM.modules.attachments.ALL',
  // Follow-up tasks for missed calls (crm/task-delivery.ts).
  'ZohoCRM.modules.tasks.ALL',
  'ZohoCRM.modules.leads.READ',
  'ZohoCRM.modules.contacts.READ',
  'ZohoCRM.modules.accounts.READ',
  'ZohoCRM.modules.deals.READ',
  'ZohoSearch.securesearch.READ',
  'ZohoCRM.users.READ',
  'ZohoCRM.org.READ',
  'ZohoCRM.settings.fields.READ',
] as const;

/** Where the admin's browser goes for the server-based client (authorization-code flow). */
export function authorizationUrl(accountsUrl: string, client: OAuthClient & { redirectUri: string }, state: string): string {
  const params = new URLSearchParams({
    scope: ZOHO_SCOPES.join(','),
    client_id: client.clientId,
    response_type: 'code',
    access_type: 'offline',
    // Without consent, Zoho returns no refresh token when the user had already authorised the client.
    prompt: 'consent',
    redirect_uri: client.redirectUri,
    state,
  });
  return `${accountsUrl}/oauth/v2/auth?${params}`;
}

/**
 * Turns a grant code (redirect `code`, or a Self Client code pasted by the admin) into a stored
 * connection. `accountsUrl` is the redirect's `accounts-server` when present: later calls must use it.
 * The token's `api_domain` must be an API host of `dataCentre` unless ZOHO_API_URL (`apiUrlOverride`) is set.
 */
export async function connectWithGrantCode(input: {
  fetch: typeof fetch;
  accountsUrl: string;
  client: OAuthClient;
  code: string;
  store: TokenStore;
  dataCentre: ZohoDataCentre;
  apiUrlOverride?: string | null;
  now?: () => number;
}): Promise<ZohoConnection> {
  const granted = await exchangeGrantCode(input.fetch, input.accountsUrl, input.client, input.code);
  if (!input.apiUrlOverride && !isZohoApiDomain(input.dataCentre, granted.apiDomain)) throw untrustedApiDomain(granted.apiDomain, input.dataCentre);
  const connection: ZohoConnection = {
    accountsUrl: input.accountsUrl,
    apiDomain: granted.apiDomain,
    refreshToken: granted.refreshToken,
    accessToken: granted.accessToken,
    accessTokenExpiresAt: (input.now ?? Date.now)() + granted.expiresInSeconds * 1000,
  };
  await input.store.save(connection);
  return connection;
}
