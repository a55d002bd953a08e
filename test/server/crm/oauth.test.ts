import { describe, expect, it } from 'vitest';
import { createZohoEmulator, EMULATOR_ACCOUNTS_URL, EMULATOR_API_DOMAIN } from '../../emulators/zoho/index.ts';
import { apiError } from '../../emulators/zoho/responses.ts';
import { PermanentError, RetryableError } from '../../../server/crm/errors.ts';
import { connectWithGrantCode, missingScopes, ZOHO_SCOPES } from '../../../server/crm/zoho/connect.ts';
import { revokeRefreshToken } from '../../../server/crm/zoho/oauth.ts';
import { ZohoClient } from '../../../server/crm/zoho/client.ts';
import { ZohoTokenManager } from '../../../server/crm/zoho/token-manager.ts';
import { MemoryTokenStore, OAUTH_CLIENT, connectedZoho } from './zoho-harness.ts';

function freshEmulator() {
  const clock = { now: Date.parse('2026-11-24T03:00:00Z') };
  const emulator = createZohoEmulator({ now: () => clock.now });
  emulator.state.registerClient(OAUTH_CLIENT.clientId, OAUTH_CLIENT.clientSecret);
  return { emulator, clock };
}

describe('connecting Zoho CRM with a grant code', () => {
  it('keeps the refresh token and the api_domain the token response names', async () => {
    const { emulator, clock } = freshEmulator();
    const store = new MemoryTokenStore();
    const code = emulator.state.issueGrantCode(OAUTH_CLIENT.clientId);
    const connection = await connectWithGrantCode({ fetch: emulator.fetch, dataCentre: 'JP', accountsUrl: EMULATOR_ACCOUNTS_URL, client: OAUTH_CLIENT, code, store, now: () => clock.now });
    expect(connection.refreshToken).toMatch(/^1000\./);
    expect(connection.apiDomain).toBe(EMULATOR_API_DOMAIN);
    expect(connection.accessTokenExpiresAt).toBe(clock.now + 3600_000);
    expect(store.connection).toEqual(connection);
  });

  it.each([
    ['an unknown code', () => 'not-a-code', OAUTH_CLIENT, 'invalid_code'],
    ['a wrong client secret', (e: ReturnType<typeof freshEmulator>) => e.emulator.state.issueGrantCode(OAUTH_CLIENT.clientId), { ...OAUTH_CLIENT, clientSecret: 'wrong' }, 'invalid_client'],
  ])('refuses %s', async (_label, makeCode, client, code) => {
    const setup = freshEmulator();
    const attempt = connectWithGrantCode({ fetch: setup.emulator.fetch, dataCentre: 'JP', accountsUrl: EMULATOR_ACCOUNTS_URL, client, code: makeCode(setup), store: new MemoryTokenStore() });
    await expect(attempt).rejects.toMatchObject({ name: 'PermanentError', code });
  });

  it('refuses a grant code used twice or after its three minutes', async () => {
    const { emulator, clock } = freshEmulator();
    const connect = (code: string) => connectWithGrantCode({ fetch: emulator.fetch, dataCentre: 'JP', accountsUrl: EMULATOR_ACCOUNTS_URL, client: OAUTH_CLIENT, code, store: new MemoryTokenStore() });
    const code = emulator.state.issueGrantCode(OAUTH_CLIENT.clientId);
    await connect(code);
    await expect(connect(code)).rejects.toMatchObject({ code: 'invalid_code' });
    const late = emulator.state.issueGrantCode(OAUTH_CLIENT.clientId);
    clock.now += 3 * 60_000 + 1;
    await expect(connect(late)).rejects.toMatchObject({ code: 'invalid_code' });
  });
});

describe('the scopes a grant must carry', () => {
  it.each([
    ['every scope as listed in the README', ZOHO_SCOPES.join(' '), []],
    ['the module-wide and group-wide .ALL forms', 'ZohoCRM.modules.ALL ZohoSearch.securesearch.ALL ZohoCRM.users.ALL ZohoCRM.org.READ ZohoCRM.settings.ALL', []],
    ['the console’s comma-separated list, in another case', ZOHO_SCOPES.join(',').toLowerCase(), []],
    ['no secure search (a hand-typed list)', 'ZohoCRM.modules.ALL,ZohoCRM.users.READ,ZohoCRM.org.READ,ZohoCRM.settings.fields.READ', ['ZohoSearch.securesearch.READ']],
    ['READ where ALL is needed', ZOHO_SCOPES.join(' ').replace('ZohoCRM.modules.calls.ALL', 'ZohoCRM.modules.calls.READ'), ['ZohoCRM.modules.calls.ALL']],
  ])('%s', (_label, granted, missing) => {
    expect(missingScopes(granted)).toEqual(missing);
  });

  it('refuses a grant lacking one, revoking the token Zoho just issued', async () => {
    const zoho = createZohoEmulator();
    zoho.state.registerClient(OAUTH_CLIENT.clientId, OAUTH_CLIENT.clientSecret);
    const code = zoho.state.issueGrantCode(OAUTH_CLIENT.clientId, { scope: 'ZohoCRM.modules.ALL,ZohoCRM.users.READ,ZohoCRM.org.READ' });
    const store = new MemoryTokenStore();
    const refused = connectWithGrantCode({ fetch: zoho.fetch, accountsUrl: EMULATOR_ACCOUNTS_URL, client: OAUTH_CLIENT, code, store, dataCentre: 'JP' });
    await expect(refused).rejects.toMatchObject({ code: 'scope_missing', details: { missing: ['ZohoSearch.securesearch.READ', 'ZohoCRM.settings.fields.READ'] } });
    expect(await store.load()).toBeNull();
    expect(zoho.state.counters).toMatchObject({ grants: 1, revokes: 1 });
  });

  it('revokes a refresh token once; a second revoke is refused', async () => {
    const { emulator: zoho, store } = await connectedZoho();
    const { refreshToken } = (await store.load())!;
    await revokeRefreshToken(zoho.fetch, EMULATOR_ACCOUNTS_URL, refreshToken);
    expect(zoho.state.refresh(OAUTH_CLIENT.clientId, refreshToken)).toBe('invalid');
    await expect(revokeRefreshToken(zoho.fetch, EMULATOR_ACCOUNTS_URL, refreshToken)).rejects.toBeInstanceOf(PermanentError);
  });
});

describe('access tokens', () => {
  it('reuses the access token for its hour, then refreshes once', async () => {
    const { adapter, emulator, clock } = await connectedZoho();
    await adapter.listUsers();
    await adapter.listUsers();
    expect(emulator.state.counters.refreshes).toBe(0);
    clock.now += 56 * 60_000; // inside the safety margin before the hour
    await adapter.listUsers();
    await adapter.listUsers();
    expect(emulator.state.counters.refreshes).toBe(1);
  });

  it('shares one refresh between ten concurrent requests', async () => {
    const { adapter, emulator, clock } = await connectedZoho();
    clock.now += 2 * 3600_000;
    const results = await Promise.all(Array.from({ length: 10 }, () => adapter.listUsers()));
    expect(results.every((users) => users.length === 3)).toBe(true);
    expect(emulator.state.counters.refreshes).toBe(1);
  });

  it('refreshes once and retries once when Zoho says INVALID_TOKEN', async () => {
    const { adapter, emulator } = await connectedZoho();
    emulator.state.expireAccessTokens(); // Zoho considers the token dead although our cache does not
    const users = await adapter.listUsers();
    expect(users).toHaveLength(3);
    expect(emulator.state.counters.refreshes).toBe(1);
    const userCalls = emulator.state.requests.filter((request) => request.path === '/crm/v8/users');
    expect(userCalls).toHaveLength(2);
  });

  it('waits as long as the 429 answering the retried request says, not as the 401 before it', async () => {
    const { store, emulator, clock, fetch } = await connectedZoho();
    emulator.state.expireAccessTokens();
    let orgRequests = 0;
    // The retry with the fresh token meets the rate limit; this 429 names its wait in Retry-After only.
    const limited: typeof fetch = async (input, init) => {
      if (new URL(String(input)).pathname === '/crm/v8/org' && ++orgRequests === 2) {
        return Response.json(apiError('TOO_MANY_REQUESTS', 'Rate limit exceeded. Please retry after the specified time.'), { status: 429, headers: { 'retry-after': '7' } });
      }
      return fetch(input, init);
    };
    const client = new ZohoClient({ tokens: new ZohoTokenManager({ store, client: OAUTH_CLIENT, fetch: limited, now: () => clock.now, dataCentre: 'JP' }), fetch: limited });
    const error = await client.request({ method: 'GET', path: '/crm/v8/org' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryableError);
    expect(error).toMatchObject({ code: 'TOO_MANY_REQUESTS', retryAfterMs: 7_000 });
    expect(emulator.state.counters.refreshes).toBe(1);
  });

  it('keeps the refreshed token in the store so a restart does not refresh again', async () => {
    const { store, emulator, clock, fetch } = await connectedZoho();
    clock.now += 2 * 3600_000;
    const first = new ZohoClient({ tokens: new ZohoTokenManager({ store, client: OAUTH_CLIENT, fetch, now: () => clock.now, dataCentre: 'JP' }), fetch });
    await first.request({ method: 'GET', path: '/crm/v8/org' });
    const afterRestart = new ZohoClient({ tokens: new ZohoTokenManager({ store, client: OAUTH_CLIENT, fetch, now: () => clock.now, dataCentre: 'JP' }), fetch });
    await afterRestart.request({ method: 'GET', path: '/crm/v8/org' });
    expect(emulator.state.counters.refreshes).toBe(1);
  });

  it('waits instead of hammering when the refresh token has minted too many tokens', async () => {
    const { adapter, emulator } = await connectedZoho();
    // The grant minted the first of the ten tokens Zoho allows per ten minutes.
    for (let i = 0; i < 9; i++) {
      emulator.state.expireAccessTokens();
      await adapter.listUsers();
    }
    emulator.state.expireAccessTokens();
    const error = await adapter.listUsers().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryableError);
    expect(error).toMatchObject({ code: 'access_denied', retryAfterMs: 60_000 });
    const before = emulator.state.counters.tokenRequests;
    await expect(adapter.listUsers()).rejects.toMatchObject({ code: 'access_denied' });
    expect(emulator.state.counters.tokenRequests).toBe(before); // no new token request while the denial lasts
  });

  it('asks for a new connection when the refresh token was revoked', async () => {
    const { adapter, emulator, store } = await connectedZoho();
    emulator.state.revokeRefreshToken(store.connection?.refreshToken ?? '');
    emulator.state.expireAccessTokens();
    const error = await adapter.listUsers().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentError);
    expect(error).toMatchObject({ code: 'oauth_revoked' });
  });

  it('reports a missing connection as permanent', async () => {
    const { emulator } = freshEmulator();
    const tokens = new ZohoTokenManager({ store: new MemoryTokenStore(), client: OAUTH_CLIENT, fetch: emulator.fetch, dataCentre: 'JP' });
    await expect(new ZohoClient({ tokens, fetch: emulator.fetch }).request({ method: 'GET', path: '/crm/v8/org' })).rejects.toMatchObject({
      code: 'crm_not_connected',
    });
  });
});

describe('the api_domain a token response names', () => {
  /** The emulator as a Zoho that names `apiDomain` in its token responses; every request it gets is logged. */
  function zohoNaming(apiDomain: string) {
    const clock = { now: Date.parse('2026-11-24T03:00:00Z') };
    const emulator = createZohoEmulator({ now: () => clock.now, apiDomain });
    emulator.state.registerClient(OAUTH_CLIENT.clientId, OAUTH_CLIENT.clientSecret);
    const hosts: string[] = [];
    const fetch: typeof globalThis.fetch = (input, init) => {
      hosts.push(new URL(input instanceof Request ? input.url : String(input)).host);
      return emulator.fetch(input, init);
    };
    const connect = (options: { apiUrlOverride?: string } = {}) =>
      connectWithGrantCode({ fetch, dataCentre: 'JP', accountsUrl: EMULATOR_ACCOUNTS_URL, client: OAUTH_CLIENT, code: emulator.state.issueGrantCode(OAUTH_CLIENT.clientId), store: new MemoryTokenStore(), ...options });
    return { emulator, hosts, fetch, connect, clock };
  }

  it.each(['https://www.zohoapis.jp', 'https://sandbox.zohoapis.jp', 'https://developer.zohoapis.jp'])('accepts %s for the JP data centre', async (apiDomain) => {
    expect((await zohoNaming(apiDomain).connect()).apiDomain).toBe(apiDomain);
  });

  it.each([
    ['another data centre', 'https://www.zohoapis.com'],
    ['a host that is not Zoho', 'https://attacker.example'],
    ['a look-alike', 'https://www.zohoapis.jp.attacker.example'],
    ['plain http', 'http://www.zohoapis.jp'],
    ['a port', 'https://www.zohoapis.jp:8443'],
    ['credentials in the URL', 'https://user@www.zohoapis.jp'],
  ])('refuses %s at connect, before any token is sent there', async (_case, apiDomain) => {
    const zoho = zohoNaming(apiDomain);
    await expect(zoho.connect()).rejects.toMatchObject({ name: 'PermanentError', code: 'untrusted_api_domain' });
    expect(zoho.hosts).toEqual(['accounts.zoho-emulator.test']);
  });

  it('ignores api_domain when ZOHO_API_URL is set (tests, staging)', async () => {
    expect((await zohoNaming('https://attacker.example').connect({ apiUrlOverride: 'http://127.0.0.1:9001' })).apiDomain).toBe('https://attacker.example');
  });

  it('stops when a refresh names a foreign domain: no request carries the token there', async () => {
    const { store, emulator, clock, fetch } = await connectedZoho();
    const hosts: string[] = [];
    const watched: typeof globalThis.fetch = (input, init) => {
      hosts.push(new URL(input instanceof Request ? input.url : String(input)).host);
      return fetch(input, init);
    };
    emulator.state.apiDomain = 'https://crm.attacker.example';
    clock.now += 2 * 3600_000;
    const tokens = new ZohoTokenManager({ store, client: OAUTH_CLIENT, fetch: watched, now: () => clock.now, dataCentre: 'JP' });
    await expect(new ZohoClient({ tokens, fetch: watched }).request({ method: 'GET', path: '/crm/v8/org' })).rejects.toMatchObject({ code: 'untrusted_api_domain' });
    expect(hosts).toEqual(['accounts.zoho-emulator.test']);
    expect(store.connection?.apiDomain).toBe(EMULATOR_API_DOMAIN);
  });

  it('refuses a stored domain that is not one (saved before this check existed)', async () => {
    const { store, fetch, clock } = await connectedZoho();
    store.connection = { ...store.connection!, apiDomain: 'https://attacker.example' };
    const tokens = new ZohoTokenManager({ store, client: OAUTH_CLIENT, fetch, now: () => clock.now, dataCentre: 'JP' });
    await expect(tokens.apiDomain()).rejects.toMatchObject({ code: 'untrusted_api_domain' });
  });
});
