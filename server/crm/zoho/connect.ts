import { isZohoApiDomain, type ZohoDataCentre } from './data-centres.ts';
import type { OAuthClient } from './oauth.ts';
import { exchangeGrantCode, revokeRefreshToken } from './oauth.ts';
import { PermanentError } from '../errors.ts';
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

/**
 * The required scopes a grant lacks. A scope is also granted by the `.ALL` forms that contain it
 * (`ZohoCRM.modules.ALL` covers `ZohoCRM.modules.contacts.READ`; `ZohoCRM.users.ALL` covers
 * `ZohoCRM.users.READ`). Zoho separates the granted scopes with spaces in the token response; the
 * console's list uses commas. Compared case-insensitively ([inferred]: Zoho's own pages spell them in
 * several cases).
 */
export function missingScopes(granted: string, required: readonly string[] = ZOHO_SCOPES): string[] {
  const have = new Set(granted.split(/[\s,]+/).filter(Boolean).map((scope) => scope.toLowerCase()));
  return required.filter((scope) => {
    const parts = scope.toLowerCase().split('.');
    // service.group[.module].operation → the scope itself, or `.ALL` at the group or module level.
    const covering = [parts.join('.')];
    for (let length = 2; length < parts.length; length++) covering.push(`${parts.slice(0, length).join('.')}.all`);
    return !covering.some((candidate) => have.has(candidate));
  });
}

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
  onRevokeFailed?: (error: unknown) => void;
}): Promise<ZohoConnection> {
  const granted = await exchangeGrantCode(input.fetch, input.accountsUrl, input.client, input.code);
  if (!input.apiUrlOverride && !isZohoApiDomain(input.dataCentre, granted.apiDomain)) throw untrustedApiDomain(granted.apiDomain, input.dataCentre);
  // A grant without, say, ZohoSearch.securesearch.READ would connect and then fail every caller
  // lookup with OAUTH_SCOPE_MISMATCH; it is refused now, and its token revoked (it is of no use).
  // [inferred] Zoho's token response always names the granted scopes; one without them is not refused on a guess.
  const missing = granted.scope.trim() ? missingScopes(granted.scope) : [];
  if (missing.length > 0) {
    await revokeQuietly(input, granted.refreshToken);
    throw new PermanentError('scope_missing', `The grant lacks the scopes ${missing.join(', ')}`, { missing });
  }
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

/** A token we will not keep is revoked, best effort: a failure only leaves it to the admin (Zoho's Connected Apps). */
async function revokeQuietly(input: { fetch: typeof fetch; accountsUrl: string; onRevokeFailed?: (error: unknown) => void }, refreshToken: string): Promise<void> {
  await revokeRefreshToken(input.fetch, input.accountsUrl, refreshToken).catch((error: unknown) => input.onRevokeFailed?.(error));
}
