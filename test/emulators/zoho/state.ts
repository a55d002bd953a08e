import { randomBytes } from 'node:crypto';
import { SEED_ORG, SEED_RECORDS, SEED_USERS } from '../../fixtures/zoho/seed.ts';

export type EmulatorRecord = Record<string, unknown> & { id: string };
export type StoredAttachment = {
  id: string;
  parentModule: string;
  parentId: string;
  fileName: string | null;
  contentType: string | null;
  size: number;
  bytes: Uint8Array | null;
  attachmentUrl: string | null;
  /** When it was uploaded (Zoho's org-zone format), as the Attachments list shows it. */
  createdTime?: string;
};

/** Limits from Zoho's token-validity page (reference §1.3). */
export const TOKEN_LIMITS = {
  accessTokenSeconds: 3600,
  grantCodeMs: 3 * 60_000,
  activeAccessTokensPerRefreshToken: 15,
  mintsPerWindow: 10,
  mintWindowMs: 10 * 60_000,
  refreshTokensPerClient: 20,
} as const;

export const ALL_SCOPES = [
  'ZohoCRM.modules.ALL',
  'ZohoSearch.securesearch.READ',
  'ZohoCRM.users.READ',
  'ZohoCRM.org.READ',
  'ZohoCRM.settings.fields.READ',
].join(',');

type GrantCode = { clientId: string; scope: string; expiresAt: number; used: boolean };
type RefreshToken = { clientId: string; scope: string; mints: number[]; live: string[] };
type AccessToken = { refreshToken: string; scope: string; expiresAt: number; evicted: boolean };

export type TokenCheck = 'ok' | 'expired' | 'evicted' | 'unknown';

export class ZohoEmulatorState {
  readonly now: () => number;
  /** What token responses name as `api_domain` (a test may change it: a Zoho that names another host). */
  apiDomain: string;
  readonly org = { ...SEED_ORG };
  readonly users: Array<Record<string, unknown> & { id: string; email: string; status: string; full_name: string }> = SEED_USERS.map((user) => ({ ...user }));
  readonly records = new Map<string, Map<string, EmulatorRecord>>();
  readonly attachments: StoredAttachment[] = [];
  readonly clients = new Map<string, { secret: string; redirectUri: string | null }>();
  readonly requests: Array<{ method: string; path: string; query: string }> = [];
  readonly counters = { tokenRequests: 0, grants: 0, refreshes: 0, revokes: 0 };
  /** Search is an index that lags behind creates: a record created less than this ago is not found yet. */
  searchLagMs = 0;
  /**
   * uploadAttachment's limit: "Maximum request body size: 100MB", 413 FILE_SIZE_MORE_THAN_ALLOWED_SIZE
   * (OAS v8.0 attachments.yaml); read as decimal MB. A test may lower it to see the 413.
   */
  maxUploadBytes = 100 * 1000 * 1000;

  readonly #grantCodes = new Map<string, GrantCode>();
  readonly #refreshTokens = new Map<string, RefreshToken>();
  readonly #accessTokens = new Map<string, AccessToken>();
  #idCounter = 600_000;

  constructor(options: { now: () => number; apiDomain: string }) {
    this.now = options.now;
    this.apiDomain = options.apiDomain;
    for (const module of ['Contacts', 'Leads', 'Accounts', 'Deals', 'Calls', 'Notes', 'Tasks']) this.records.set(module, new Map());
    for (const [module, records] of Object.entries(SEED_RECORDS)) {
      for (const record of records) this.records.get(module)?.set(record.id, { Owner: this.ownerRef(SEED_USERS[0].id), ...record });
    }
  }

  nextId(): string {
    return `5725767000${String(++this.#idCounter).padStart(9, '0')}`;
  }

  /** Zoho answers times in the org's zone (Asia/Tokyo here). */
  formatTime(ms = this.now()): string {
    return `${new Date(ms + 9 * 3_600_000).toISOString().slice(0, 19)}+09:00`;
  }

  ownerRef(userId: string) {
    const user = this.users.find((candidate) => candidate.id === userId);
    return user ? { name: user.full_name, id: user.id, email: user.email } : null;
  }

  module(name: string): Map<string, EmulatorRecord> | undefined {
    return this.records.get(name);
  }

  calls(): EmulatorRecord[] {
    return [...(this.records.get('Calls')?.values() ?? [])];
  }

  tasks(): EmulatorRecord[] {
    return [...(this.records.get('Tasks')?.values() ?? [])];
  }

  notes(): EmulatorRecord[] {
    return [...(this.records.get('Notes')?.values() ?? [])];
  }

  // --- OAuth -------------------------------------------------------------------------------

  registerClient(clientId: string, secret: string, redirectUri: string | null = null): void {
    this.clients.set(clientId, { secret, redirectUri });
  }

  /** What the API console's Self Client (or the consent redirect) hands out. */
  issueGrantCode(clientId: string, options: { scope?: string; ttlMs?: number } = {}): string {
    const code = `1000.${randomBytes(16).toString('hex')}.${randomBytes(16).toString('hex')}`;
    this.#grantCodes.set(code, { clientId, scope: options.scope ?? ALL_SCOPES, expiresAt: this.now() + (options.ttlMs ?? TOKEN_LIMITS.grantCodeMs), used: false });
    return code;
  }

  redeemGrantCode(clientId: string, code: string): { refreshToken: string; accessToken: string; scope: string } | null {
    const grant = this.#grantCodes.get(code);
    if (!grant || grant.used || grant.clientId !== clientId || this.now() >= grant.expiresAt) return null;
    grant.used = true;
    this.counters.grants++;
    const refreshToken = `1000.${randomBytes(16).toString('hex')}.${randomBytes(16).toString('hex')}`;
    const owned = [...this.#refreshTokens.entries()].filter(([, token]) => token.clientId === clientId);
    // A 21st refresh token for the client deletes the oldest.
    if (owned.length >= TOKEN_LIMITS.refreshTokensPerClient && owned[0]) this.#refreshTokens.delete(owned[0][0]);
    this.#refreshTokens.set(refreshToken, { clientId, scope: grant.scope, mints: [], live: [] });
    const accessToken = this.#mint(refreshToken);
    return accessToken ? { refreshToken, accessToken, scope: grant.scope } : null;
  }

  /** 'denied' = too many access tokens minted in the window ("Access Denied"). */
  refresh(clientId: string, refreshToken: string): { accessToken: string; scope: string } | 'invalid' | 'denied' {
    const token = this.#refreshTokens.get(refreshToken);
    if (!token || token.clientId !== clientId) return 'invalid';
    const windowStart = this.now() - TOKEN_LIMITS.mintWindowMs;
    token.mints = token.mints.filter((at) => at > windowStart);
    if (token.mints.length >= TOKEN_LIMITS.mintsPerWindow) return 'denied';
    this.counters.refreshes++;
    const accessToken = this.#mint(refreshToken);
    return accessToken ? { accessToken, scope: token.scope } : 'invalid';
  }

  #mint(refreshToken: string): string | null {
    const token = this.#refreshTokens.get(refreshToken);
    if (!token) return null;
    const accessToken = `1000.${randomBytes(24).toString('hex')}`;
    token.mints.push(this.now());
    token.live.push(accessToken);
    // A 16th live access token invalidates the oldest.
    while (token.live.length > TOKEN_LIMITS.activeAccessTokensPerRefreshToken) {
      const oldest = token.live.shift();
      const evicted = oldest ? this.#accessTokens.get(oldest) : undefined;
      if (evicted) evicted.evicted = true;
    }
    this.#accessTokens.set(accessToken, { refreshToken, scope: token.scope, expiresAt: this.now() + TOKEN_LIMITS.accessTokenSeconds * 1000, evicted: false });
    return accessToken;
  }

  checkAccessToken(accessToken: string): { check: TokenCheck; scope: string } {
    const token = this.#accessTokens.get(accessToken);
    if (!token || !this.#refreshTokens.has(token.refreshToken)) return { check: 'unknown', scope: '' };
    if (token.evicted) return { check: 'evicted', scope: token.scope };
    if (this.now() >= token.expiresAt) return { check: 'expired', scope: token.scope };
    return { check: 'ok', scope: token.scope };
  }

  /** Every access token dies now (as if the hour passed mid-batch). */
  expireAccessTokens(): void {
    for (const token of this.#accessTokens.values()) token.expiresAt = this.now();
  }

  /** The refresh token and every access token it minted stop working; false = no such token. */
  revokeRefreshToken(refreshToken: string): boolean {
    return this.#refreshTokens.delete(refreshToken);
  }
}
