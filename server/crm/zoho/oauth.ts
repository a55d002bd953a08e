import { z } from 'zod';
import { PermanentError, RetryableError } from '../errors.ts';

/**
 * Zoho's accounts server: `POST {accounts}/oauth/v2/token`. Errors come back with HTTP 200 and an
 * `error` field (`invalid_code`, `invalid_client`, "Access Denied" when a refresh token mints too
 * many access tokens), so the body decides, not the status.
 */

export type OAuthClient = { clientId: string; clientSecret: string; redirectUri?: string | null };

export type GrantedTokens = {
  accessToken: string;
  refreshToken: string;
  apiDomain: string;
  expiresInSeconds: number;
  scope: string;
};
export type RefreshedToken = Omit<GrantedTokens, 'refreshToken'>;

const tokenSuccessSchema = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1).optional(),
  api_domain: z.string().url(),
  token_type: z.string().optional(),
  expires_in: z.number().int().positive(),
  scope: z.string().optional(),
});
const tokenErrorSchema = z.object({ error: z.string(), error_description: z.string().optional() });

/** Refreshing again after "Access Denied" is pointless for a while (10 tokens / 10 min per refresh token). */
export const REFRESH_LIMIT_BACKOFF_MS = 60_000;

/** Server-based client (authorization code from the redirect) or a Self Client grant code: same call. */
export async function exchangeGrantCode(
  fetchFn: typeof fetch,
  accountsUrl: string,
  client: OAuthClient,
  code: string,
): Promise<GrantedTokens> {
  const form = new URLSearchParams({
    grant_type: 'authorization_code',
    client_id: client.clientId,
    client_secret: client.clientSecret,
    code,
  });
  if (client.redirectUri) form.set('redirect_uri', client.redirectUri);
  const body = await postToken(fetchFn, accountsUrl, form);
  if (!body.refresh_token) {
    // Zoho only returns a refresh token for access_type=offline; without it we cannot work unattended.
    throw new PermanentError('no_refresh_token', 'Zoho returned no refresh token (authorize with access_type=offline)');
  }
  return {
    accessToken: body.access_token,
    refreshToken: body.refresh_token,
    apiDomain: body.api_domain,
    expiresInSeconds: body.expires_in,
    scope: body.scope ?? '',
  };
}

export async function refreshAccessToken(
  fetchFn: typeof fetch,
  accountsUrl: string,
  client: OAuthClient,
  refreshToken: string,
): Promise<RefreshedToken> {
  const form = new URLSearchParams({
    grant_type: 'refresh_token',
    client_id: client.clientId,
    client_secret: client.clientSecret,
    refresh_token: refreshToken,
  });
  try {
    const body = await postToken(fetchFn, accountsUrl, form);
    return { accessToken: body.access_token, apiDomain: body.api_domain, expiresInSeconds: body.expires_in, scope: body.scope ?? '' };
  } catch (error) {
    // For a refresh, `invalid_code` means the refresh token was revoked or deleted (a 21st one was made).
    if (error instanceof PermanentError && error.code === 'invalid_code') {
      throw new PermanentError('oauth_revoked', 'The Zoho connection was revoked; connect Zoho CRM again', error.details);
    }
    throw error;
  }
}

/**
 * `POST {accounts}/oauth/v2/token/revoke?token=<refresh token>` (Zoho CRM v8 "Revoking Refresh
 * Token"): the refresh token and every access token it minted stop working. Answers
 * `{"status":"success"}`; an unknown token is HTTP 400. Throws RetryableError when Zoho cannot be
 * reached, PermanentError when it refuses; callers treat revocation as best effort.
 */
export async function revokeRefreshToken(fetchFn: typeof fetch, accountsUrl: string, refreshToken: string): Promise<void> {
  let response: Response;
  try {
    response = await fetchFn(`${accountsUrl}/oauth/v2/token/revoke?${new URLSearchParams({ token: refreshToken })}`, {
      method: 'POST',
      signal: AbortSignal.timeout(15_000),
    });
  } catch (cause) {
    throw new RetryableError('accounts_unreachable', 'Zoho accounts server unreachable', { cause });
  }
  if (response.status >= 500) throw new RetryableError('accounts_unavailable', `Zoho accounts server answered ${response.status}`);
  const json: unknown = await response.json().catch(() => null);
  if (response.ok && (json as { status?: unknown } | null)?.status === 'success') return;
  const error = (json as { error?: unknown } | null)?.error;
  throw new PermanentError(typeof error === 'string' ? error : 'revoke_refused', `Zoho did not revoke the refresh token (${response.status})`, json);
}

async function postToken(fetchFn: typeof fetch, accountsUrl: string, form: URLSearchParams) {
  let response: Response;
  try {
    response = await fetchFn(`${accountsUrl}/oauth/v2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
      signal: AbortSignal.timeout(15_000),
    });
  } catch (cause) {
    throw new RetryableError('accounts_unreachable', 'Zoho accounts server unreachable', { cause });
  }
  if (response.status >= 500) throw new RetryableError('accounts_unavailable', `Zoho accounts server answered ${response.status}`);
  const json: unknown = await response.json().catch(() => null);
  const success = tokenSuccessSchema.safeParse(json);
  if (success.success) return success.data;
  const failure = tokenErrorSchema.safeParse(json);
  if (!failure.success) throw new RetryableError('accounts_bad_response', `Unexpected token response (${response.status})`);
  const { error, error_description } = failure.data;
  if (error === 'Access Denied') {
    throw new RetryableError('access_denied', error_description ?? 'Too many token requests', {
      retryAfterMs: REFRESH_LIMIT_BACKOFF_MS,
      details: failure.data,
    });
  }
  throw new PermanentError(error, oauthErrorMessage(error), failure.data);
}

function oauthErrorMessage(error: string): string {
  switch (error) {
    case 'invalid_code':
      return 'The grant code is invalid, expired or already used (codes last about 3 minutes)';
    case 'invalid_client':
      return 'The client id or secret is wrong, or the client belongs to another data centre';
    case 'invalid_redirect_uri':
      return 'The redirect URI does not match the one registered for the client';
    default:
      return `Zoho accounts error: ${error}`;
  }
}
