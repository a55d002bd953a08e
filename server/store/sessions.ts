import type { Kysely, Transaction } from 'kysely';
import { hashSessionToken, newSessionToken } from '../security/session-tokens.ts';
import type { Database } from './schema.ts';
import type { UserRow } from './users.ts';

/** Sessions expire after 30 idle days; a used session slides forward at most once a minute. */
export const SESSION_IDLE_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;
/** A session's idle expiry slides forward at most this often (one write a minute, not one per request). */
export const SESSION_SLIDE_MS = 60_000;
/** Expired sessions dropped per new one: enough to keep up with the sessions that expire, never a long statement. */
const PRUNE_BATCH = 100;

/**
 * A new session for `userId`. Each new session also drops a few expired ones, as each rate-limit hit
 * drops passed windows (security/rate-limit.ts): a rep who never signs out leaves a row behind.
 */
export async function createSession(db: Kysely<Database>, userId: string, now: Date): Promise<string> {
  const token = newSessionToken();
  await db
    .insertInto('sessions')
    .values({
      token_hash: hashSessionToken(token),
      user_id: userId,
      created_at: now,
      last_used_at: now,
      expires_at: new Date(now.getTime() + SESSION_IDLE_DAYS * DAY_MS),
    })
    .execute();
  await pruneExpiredSessions(db, now);
  return token;
}

/** Drops up to a batch of sessions whose idle expiry has passed (sessionByHash no longer accepts them). */
export async function pruneExpiredSessions(db: Kysely<Database>, now: Date): Promise<void> {
  await db
    .deleteFrom('sessions')
    // Checked again on the row itself: a session slid forward by a concurrent request is kept.
    .where('expires_at', '<=', now)
    .where('token_hash', 'in', (eb) => eb.selectFrom('sessions').select('token_hash').where('expires_at', '<=', now).limit(PRUNE_BATCH))
    .execute();
}

/** The active user behind a bearer token, or undefined when unknown, expired or deactivated. */
export async function userForSession(db: Kysely<Database>, token: string, now: Date): Promise<UserRow | undefined> {
  return (await sessionByHash(db, hashSessionToken(token), now))?.user;
}

export interface ActiveSession {
  user: UserRow;
  expiresAt: Date;
}

/** The session stored under `tokenHash` while it and its user are active, its idle expiry slid forward. */
export async function sessionByHash(db: Kysely<Database>, tokenHash: string, now: Date): Promise<ActiveSession | undefined> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .select(['sessions.last_used_at as session_last_used_at', 'sessions.expires_at as session_expires_at'])
    .where('sessions.token_hash', '=', tokenHash)
    .where('sessions.expires_at', '>', now)
    .where('users.active', '=', true)
    .executeTakeFirst();
  if (!row) return undefined;
  const { session_last_used_at: lastUsedAt, session_expires_at: expiresAt, ...user } = row;
  if (now.getTime() - new Date(lastUsedAt).getTime() <= SESSION_SLIDE_MS) return { user, expiresAt: new Date(expiresAt) };
  const slid = new Date(now.getTime() + SESSION_IDLE_DAYS * DAY_MS);
  await db.updateTable('sessions').set({ last_used_at: now, expires_at: slid }).where('token_hash', '=', tokenHash).execute();
  return { user, expiresAt: slid };
}

export async function revokeSession(db: Kysely<Database>, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', hashSessionToken(token)).execute();
}

/** Signs a user out everywhere, except (optionally) the session behind the bearer token `except`. */
export async function revokeUserSessions(db: Kysely<Database> | Transaction<Database>, userId: string, options: { except?: string | undefined } = {}): Promise<void> {
  const { except } = options;
  await db
    .deleteFrom('sessions')
    .where('user_id', '=', userId)
    .$if(except !== undefined, (qb) => qb.where('token_hash', '<>', hashSessionToken(except!)))
    .execute();
}
