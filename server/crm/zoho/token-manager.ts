import { PermanentError, RetryableError } from '../errors.ts';
import { isZohoApiDomain, type ZohoDataCentre } from './data-centres.ts';
import type { OAuthClient } from './oauth.ts';
import { refreshAccessToken } from './oauth.ts';

/** What is kept about a Zoho connection. The store encrypts `refreshToken` (and the access token). */
export type ZohoConnection = {
  accountsUrl: string;
  apiDomain: string;
  refreshToken: string;
  accessToken: string | null;
  /** epoch ms */
  accessTokenExpiresAt: number | null;
};

/** Persistence for the connection; the lead implements it on the database. */
export interface TokenStore {
  load(): Promise<ZohoConnection | null>;
  save(connection: ZohoConnection): Promise<void>;
}

/** Refresh a little before Zoho's hour is up, so a request never carries a token that dies in flight. */
export const ACCESS_TOKEN_MARGIN_MS = 5 * 60_000;

export type TokenManagerOptions = {
  store: TokenStore;
  client: OAuthClient;
  fetch: typeof fetch;
  now?: () => number;
  /** ZOHO_API_URL: wins over the token response's api_domain. */
  apiUrlOverride?: string | null;
  /** The connection's DC: without an override, api_domain must be one of its API hosts. */
  dataCentre: ZohoDataCentre;
};

/** Zoho named an API domain outside the connected DC: nothing is sent there, the admin must look. */
export function untrustedApiDomain(apiDomain: string, dataCentre: ZohoDataCentre): PermanentError {
  return new PermanentError('untrusted_api_domain', `Zoho named ${apiDomain.slice(0, 200)} as the API domain, which is not a Zoho API host of the ${dataCentre} data centre`);
}

/**
 * Hands out a valid access token. One refresh at a time for the whole process: Zoho lets a refresh
 * token mint only 10 access tokens per 10 minutes and keeps 15 alive, so concurrent callers share it.
 */
export class ZohoTokenManager {
  readonly #options: TokenManagerOptions;
  readonly #now: () => number;
  #connection: ZohoConnection | null = null;
  #refreshing: Promise<ZohoConnection> | null = null;
  #denied: { until: number; error: RetryableError } | null = null;

  constructor(options: TokenManagerOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  /** Where requests (and the access token) go: ZOHO_API_URL, else the DC's API host Zoho named. */
  async apiDomain(): Promise<string> {
    if (this.#options.apiUrlOverride) return this.#options.apiUrlOverride;
    const { apiDomain } = await this.#load();
    if (!isZohoApiDomain(this.#options.dataCentre, apiDomain)) throw untrustedApiDomain(apiDomain, this.#options.dataCentre);
    return apiDomain.replace(/\/+$/, '');
  }

  /** The `api_domain` Zoho named for this grant (ZOHO_API_URL or not): with the org id, whose records these are. */
  async grantedApiDomain(): Promise<string> {
    return (await this.#load()).apiDomain;
  }

  async accessToken(): Promise<string> {
    const connection = await this.#load();
    if (connection.accessToken && connection.accessTokenExpiresAt && this.#now() < connection.accessTokenExpiresAt - ACCESS_TOKEN_MARGIN_MS) {
      return connection.accessToken;
    }
    return (await this.#refresh()).accessToken ?? '';
  }

  /** Zoho rejected `token` (INVALID_TOKEN): forget it so the next caller refreshes, unless another already did. */
  invalidate(token: string): void {
    if (this.#connection?.accessToken === token) {
      this.#connection = { ...this.#connection, accessToken: null, accessTokenExpiresAt: null };
    }
  }

  async #load(): Promise<ZohoConnection> {
    if (this.#connection) return this.#connection;
    const stored = await this.#options.store.load();
    if (!stored) throw new PermanentError('crm_not_connected', 'Zoho CRM is not connected');
    this.#connection ??= stored;
    return this.#connection;
  }

  #refresh(): Promise<ZohoConnection> {
    this.#refreshing ??= this.#doRefresh().finally(() => {
      this.#refreshing = null;
    });
    return this.#refreshing;
  }

  async #doRefresh(): Promise<ZohoConnection> {
    // After "Access Denied", every refresh in the window fails too and may extend the lockout.
    if (this.#denied && this.#now() < this.#denied.until) throw this.#denied.error;
    const current = await this.#load();
    let refreshed;
    try {
      refreshed = await refreshAccessToken(this.#options.fetch, current.accountsUrl, this.#options.client, current.refreshToken);
    } catch (error) {
      if (error instanceof RetryableError && error.code === 'access_denied') {
        this.#denied = { until: this.#now() + (error.retryAfterMs ?? 0), error };
      }
      throw error;
    }
    this.#denied = null;
    if (!this.#options.apiUrlOverride && !isZohoApiDomain(this.#options.dataCentre, refreshed.apiDomain)) {
      throw untrustedApiDomain(refreshed.apiDomain, this.#options.dataCentre);
    }
    const next: ZohoConnection = {
      ...current,
      apiDomain: refreshed.apiDomain,
      accessToken: refreshed.accessToken,
      accessTokenExpiresAt: this.#now() + refreshed.expiresInSeconds * 1000,
    };
    this.#connection = next;
    await this.#options.store.save(next);
    return next;
  }
}
