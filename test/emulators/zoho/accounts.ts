import { Hono } from 'hono';
import type { ZohoEmulatorState } from './state.ts';
import { TOKEN_LIMITS } from './state.ts';

/**
 * Zoho's accounts server: `POST /oauth/v2/token` and `POST /oauth/v2/token/revoke`. Parameters may come in the query string or a
 * form body. Errors are HTTP 200 with an `error` field, as Zoho does.
 */
export function accountsApp(state: ZohoEmulatorState): Hono {
  const app = new Hono();

  app.post('/oauth/v2/token', async (c) => {
    state.counters.tokenRequests++;
    const params = new URLSearchParams(new URL(c.req.url).search);
    const contentType = c.req.header('content-type') ?? '';
    if (contentType.includes('application/x-www-form-urlencoded')) {
      for (const [key, value] of new URLSearchParams(await c.req.text())) params.set(key, value);
    }
    const clientId = params.get('client_id') ?? '';
    const client = state.clients.get(clientId);
    if (!client || client.secret !== params.get('client_secret')) return c.json({ error: 'invalid_client' });

    switch (params.get('grant_type')) {
      case 'authorization_code': {
        const redirectUri = params.get('redirect_uri');
        if (client.redirectUri && redirectUri !== client.redirectUri) return c.json({ error: 'invalid_redirect_uri' });
        const granted = state.redeemGrantCode(clientId, params.get('code') ?? '');
        if (!granted) return c.json({ error: 'invalid_code' });
        return c.json({
          access_token: granted.accessToken,
          refresh_token: granted.refreshToken,
          scope: granted.scope.replaceAll(',', ' '),
          api_domain: state.apiDomain,
          token_type: 'Bearer',
          expires_in: TOKEN_LIMITS.accessTokenSeconds,
        });
      }
      case 'refresh_token': {
        const refreshed = state.refresh(clientId, params.get('refresh_token') ?? '');
        if (refreshed === 'invalid') return c.json({ error: 'invalid_code' });
        if (refreshed === 'denied') {
          return c.json({
            error_description: 'You have made too many requests continuously. Please try again after some time.',
            error: 'Access Denied',
            status: 'failure',
          });
        }
        // A refresh returns no new refresh token.
        return c.json({
          access_token: refreshed.accessToken,
          scope: refreshed.scope.replaceAll(',', ' '),
          api_domain: state.apiDomain,
          token_type: 'Bearer',
          expires_in: TOKEN_LIMITS.accessTokenSeconds,
        });
      }
      default:
        return c.json({ error: 'unsupported_grant_type' });
    }
  });

  /**
   * `POST /oauth/v2/token/revoke?token=<refresh token>` (Zoho CRM v8 "Revoking Refresh Token"): no
   * client credentials; `{"status":"success"}`, or HTTP 400 for a token Zoho does not know (the
   * body of that refusal is not documented: this one is a guess).
   */
  app.post('/oauth/v2/token/revoke', (c) => {
    state.counters.revokes++;
    const token = new URL(c.req.url).searchParams.get('token') ?? '';
    if (!token || !state.revokeRefreshToken(token)) return c.json({ status: 'failure', error: 'invalid_token' }, 400);
    return c.json({ status: 'success' });
  });

  return app;
}
