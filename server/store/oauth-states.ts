import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

/**
 * The `state` of a Zoho authorization (server-based client): 256 random bits handed to the admin's
 * browser, only their hash kept. The callback takes the row, so a state works once; one that was
 * used, never issued or is past its time finds nothing.
 */

const hash = (state: string) => createHash('sha256').update(state).digest('base64url');

export async function issueOAuthState(db: Kysely<Database>, grant: { userId: string; dataCentre: string; now: Date; ttlMs: number }): Promise<string> {
  const state = randomBytes(32).toString('base64url');
  // Abandoned authorizations leave rows behind: each new one clears the expired.
  await db.deleteFrom('oauth_states').where('expires_at', '<=', grant.now).execute();
  await db
    .insertInto('oauth_states')
    .values({ state_hash: hash(state), user_id: grant.userId, data_centre: grant.dataCentre, expires_at: new Date(grant.now.getTime() + grant.ttlMs), created_at: grant.now })
    .execute();
  return state;
}

/** The authorization `state` stands for, at most once: the row is deleted as it is read. */
export async function takeOAuthState(db: Kysely<Database>, state: string, now: Date): Promise<{ userId: string; dataCentre: string } | null> {
  if (!state || state.length > 200) return null;
  const row = await db
    .deleteFrom('oauth_states')
    .where('state_hash', '=', hash(state))
    .returning(['user_id', 'data_centre', 'expires_at'])
    .executeTakeFirst();
  if (!row || new Date(row.expires_at).getTime() <= now.getTime()) return null;
  return { userId: row.user_id, dataCentre: row.data_centre };
}
