import { LRUCache } from 'lru-cache';
import type { Kysely } from 'kysely';
import { hashSessionToken } from '../security/session-tokens.ts';
import type { ChangeNotices } from './change-notices.ts';
import type { Store } from './database.ts';
import type { Database } from './schema.ts';
import { SESSION_SLIDE_MS, sessionByHash } from './sessions.ts';
import type { UserRow } from './users.ts';

/** The channel migration 0013's triggers notify: a user's id, or '*' for everyone. */
export const AUTH_CHANGED_CHANNEL = 'auth_changed';
/** A kept session is checked against the database again after this long: when its idle expiry is due to slide. */
export const SESSION_RECHECK_MS = SESSION_SLIDE_MS;
/** Sessions kept per instance; the least recently used go first. */
export const SESSION_CACHE_MAX = 10_000;

interface Kept {
  user: UserRow;
  expiresAt: number;
  checkedAt: number;
}

/**
 * Every API request names a session. Looking it up is a join in the database (about half a
 * millisecond on the embedded one), so each instance keeps the sessions it checked for up to
 * SESSION_RECHECK_MS. What keeps that safe is the database telling every instance, at commit, whose
 * sessions or account changed (sign-out, revocation, a new password, deactivation, a new role): the
 * user's sessions are dropped at once, on every instance. While those notices could be missed (before
 * listening, after a lost connection) nothing is kept, and a lookup that overlapped a notice is not.
 */
export class SessionCache {
  readonly #db: Kysely<Database>;
  readonly #kept = new LRUCache<string, Kept>({ max: SESSION_CACHE_MAX, ttl: SESSION_RECHECK_MS });
  #live = false;
  /** Counts notices: a lookup that started before one may have read what it changed. */
  #changes = 0;

  constructor(db: Kysely<Database>, notices: ChangeNotices | undefined) {
    this.#db = db;
    notices?.listen(AUTH_CHANGED_CHANNEL, {
      notice: (userId) => (userId === '*' ? this.forgetAll() : this.forgetUser(userId)),
      live: (isLive) => {
        this.forgetAll();
        this.#live = isLive;
      },
    });
  }

  /** The active user behind a bearer token, or undefined when unknown, expired or deactivated. */
  async userFor(token: string, now: Date): Promise<UserRow | undefined> {
    const tokenHash = hashSessionToken(token);
    const at = now.getTime();
    const kept = this.#live ? this.#kept.get(tokenHash) : undefined;
    if (kept && kept.expiresAt > at && at - kept.checkedAt < SESSION_RECHECK_MS && at >= kept.checkedAt) return kept.user;
    const changesBefore = this.#changes;
    const session = await sessionByHash(this.#db, tokenHash, now);
    if (session && this.#live && this.#changes === changesBefore) {
      this.#kept.set(tokenHash, { user: session.user, expiresAt: session.expiresAt.getTime(), checkedAt: at });
    } else if (!session) {
      this.#kept.delete(tokenHash);
    }
    return session?.user;
  }

  /**
   * Drops a user's kept sessions. The notice does this on every instance; an instance that made the
   * change calls it too, so its own next request cannot beat the notice (PostgreSQL delivers it a
   * moment after the commit).
   */
  forgetUser(userId: string): void {
    this.#changes++;
    for (const [tokenHash, kept] of this.#kept.entries()) if (kept.user.id === userId) this.#kept.delete(tokenHash);
  }

  forgetAll(): void {
    this.#changes++;
    this.#kept.clear();
  }
}

/** One cache per database (the app's, or a test's), listening to that database's notices. */
const caches = new WeakMap<object, SessionCache>();

export function sessionCacheOf(store: Pick<Store, 'db' | 'notices'>): SessionCache {
  let cache = caches.get(store.db);
  if (!cache) {
    cache = new SessionCache(store.db, store.notices);
    caches.set(store.db, cache);
  }
  return cache;
}
