import type { Kysely, Transaction } from 'kysely';
import { hashSessionToken, newSessionToken } from '../security/session-tokens.ts';
import type { Database } from './schema.ts';
import type { UserRow } from './users.ts';

/** Sessions expire after 30 idle days; a used session slides forward at most once a minute. */
export const SESSION_IDLE_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

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
  return token;
}

/** The active user behind a bearer token, or undefined when unknown, expired or deactivated. */
export async function userForSession(db: Kysely<Database>, token: string, now: Date): Promise<UserRow | undefined> {
  const tokenHash = hashSessionToken(token);
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .select(['sessions.last_used_at as session_last_used_at'])
    .where('sessions.token_hash', '=', tokenHash)
    .where('sessions.expires_at', '>', now)
    .where('users.active', '=', true)
    .executeTakeFirst();
  if (!row) return undefined;
  if (now.getTime() - new Date(row.session_last_used_at).getTime() > 60_000) {
    await db
      .updateTable('sessions')
      .set({ last_used_at: now, expires_at: new Date(now.getTime() + SESSION_IDLE_DAYS * DAY_MS) })
      .where('token_hash', '=', tokenHash)
      .execute();
  }
  const { session_last_used_at: _unused, ...user } = row;
  return user;
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
