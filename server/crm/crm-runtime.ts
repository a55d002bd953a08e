import type { CountryCode } from 'libphonenumber-js';
import type { Logger } from '../logger.ts';
import type { SecretBox } from '../security/secret-box.ts';
import { databaseTokenStore, loadCrmConnection, type CrmConnectionInfo } from '../store/crm-connection.ts';
import type { Store } from '../store/database.ts';
import { loadSettings, loadTwilioCredentials } from '../store/phone-config-store.ts';
import type { Locale } from './zoho/call-record.ts';
import { twilioRecordings, type TwilioRecordings } from './twilio-recordings.ts';
import type { OAuthClient } from './zoho/oauth.ts';
import { createZohoAdapter, type ZohoAdapter } from './zoho/zoho-adapter.ts';

/**
 * The CRM as the rest of the server sees it: the connected org's adapter, built from the stored
 * connection, the server's OAuth client and the Twilio account (for recording downloads), and kept
 * while none of them changes, so its access-token cache, single-flight refresh and concurrency
 * limit are shared by the outbox worker and the caller lookups of this instance.
 */

/** ZOHO_CLIENT_ID / ZOHO_CLIENT_SECRET / ZOHO_REDIRECT_URI / ZOHO_ACCOUNTS_URL / ZOHO_API_URL, parsed by config. */
export interface ZohoServerSettings {
  clientId: string | null;
  clientSecret: string | null;
  redirectUri: string | null;
  accountsUrl: string | null;
  apiUrl: string | null;
}

/** No server-based OAuth client and Zoho's own URLs: admins connect with a Self Client grant code. */
export const SELF_CLIENT_ONLY: ZohoServerSettings = { clientId: null, clientSecret: null, redirectUri: null, accountsUrl: null, apiUrl: null };

/** Twilio's REST API, where recordings live (TWILIO_API_URL's default). */
const TWILIO_API_URL = 'https://api.twilio.com';

export interface CrmOptions {
  zoho: ZohoServerSettings;
  /** Zoho and Twilio media requests (tests: the emulators). */
  fetch?: typeof fetch;
  /** Language of Subjects and notes in the CRM; default: Japanese when the default country is JP. */
  locale?: Locale;
  lookupBudgetMs?: number;
  requestTimeoutMs?: number;
}

export interface CrmRuntimeDeps {
  store: Store;
  secretBox: SecretBox;
  logger: Logger;
  now: () => Date;
  /** TWILIO_API_URL (AppDeps has it): where recordings are downloaded from and deleted; default Twilio's. */
  twilioApiUrl?: string;
}

export interface ConnectedCrm {
  adapter: ZohoAdapter;
  locale: Locale;
  connection: CrmConnectionInfo;
  /** The Twilio account's recordings (deleted once in the CRM, if the admin chose so); null without Twilio credentials. */
  twilioRecordings: TwilioRecordings | null;
}

export class CrmRuntime {
  readonly deps: CrmRuntimeDeps;
  readonly options: CrmOptions;
  #cached: { key: string; crm: Omit<ConnectedCrm, 'connection'> } | null = null;
  #recordings: { key: string; recordings: TwilioRecordings } | null = null;

  constructor(deps: CrmRuntimeDeps, options: CrmOptions) {
    this.deps = deps;
    this.options = options;
  }

  get fetch(): typeof fetch {
    return this.options.fetch ?? fetch;
  }

  connection(): Promise<CrmConnectionInfo | null> {
    return loadCrmConnection(this.deps.store.db, this.deps.secretBox);
  }

  /** The OAuth client that refreshes this connection's tokens: its Self Client, else the server's. */
  oauthClientFor(connection: Pick<CrmConnectionInfo, 'client'> | null): OAuthClient | null {
    if (connection?.client) return connection.client;
    const { clientId, clientSecret, redirectUri } = this.options.zoho;
    return clientId && clientSecret ? { clientId, clientSecret, redirectUri } : null;
  }

  /**
   * The connected CRM, or null while none is connected, the connection has a problem the admin must
   * fix (revoked grant, missing scope, secrets sealed with another SECRET_KEY) or no OAuth client can
   * refresh its tokens. Null means: calls are answered without CRM records, deliveries wait.
   */
  async connected(): Promise<ConnectedCrm | null> {
    const { db } = this.deps.store;
    // Asked on every incoming call: without a connection, nothing else is read.
    const connection = await this.connection();
    const oauthClient = this.oauthClientFor(connection);
    if (!connection || connection.problem || connection.secretsUnreadable || !oauthClient) {
      this.#cached = null;
      return null;
    }
    const [twilio, settings] = await Promise.all([loadTwilioCredentials(db, this.deps.secretBox), loadSettings(db)]);
    const twilioAuth = { accountSid: twilio?.accountSid ?? '', authToken: twilio?.authToken ?? '', apiBaseUrl: this.deps.twilioApiUrl ?? TWILIO_API_URL };
    const locale: Locale = this.options.locale ?? (settings.defaultCountry === 'JP' ? 'ja' : 'en');
    const key = JSON.stringify([connection.connectionId, oauthClient.clientId, twilioAuth, locale, settings.defaultCountry, connection.org?.timeZone, connection.org?.id, this.deps.twilioApiUrl]);
    if (this.#cached?.key === key) return { ...this.#cached.crm, connection };

    const adapter = createZohoAdapter({
      dataCentre: connection.dataCentre,
      overrides: { accountsUrl: this.options.zoho.accountsUrl, apiUrl: this.options.zoho.apiUrl },
      oauthClient,
      tokenStore: databaseTokenStore(db, this.deps.secretBox, connection.connectionId, this.deps.now),
      fetch: this.fetch,
      twilio: twilioAuth,
      locale,
      timeZone: connection.org?.timeZone ?? null,
      orgId: connection.org?.id ?? null,
      defaultCountry: settings.defaultCountry as CountryCode,
      lookupBudgetMs: this.options.lookupBudgetMs,
      requestTimeoutMs: this.options.requestTimeoutMs,
      now: () => this.deps.now().getTime(),
    });
    const recordings = await this.twilioRecordings();
    this.#cached = { key, crm: { adapter, locale, twilioRecordings: recordings } };
    return { adapter, locale, connection, twilioRecordings: recordings };
  }

  /**
   * The Twilio account's recordings whether or not a CRM is connected (crm/recording-sweep.ts), kept
   * while the credentials do not change; null without Twilio credentials.
   */
  async twilioRecordings(): Promise<TwilioRecordings | null> {
    const twilio = await loadTwilioCredentials(this.deps.store.db, this.deps.secretBox);
    if (!twilio) return null;
    const key = JSON.stringify([twilio.accountSid, twilio.authToken, this.deps.twilioApiUrl]);
    if (this.#recordings?.key !== key) {
      this.#recordings = { key, recordings: twilioRecordings({ accountSid: twilio.accountSid, authToken: twilio.authToken, apiBaseUrl: this.deps.twilioApiUrl }) };
    }
    return this.#recordings.recordings;
  }

  async adapter(): Promise<ZohoAdapter | null> {
    return (await this.connected())?.adapter ?? null;
  }

  /** After connect / disconnect: the next use builds a fresh adapter. */
  forget(): void {
    this.#cached = null;
  }
}
