import { sql } from 'kysely';
import type { Store } from '../../../server/store/database.ts';
import { openSameDatabase } from './store.ts';

/** How long to wait for requests under way to reach a point (seconds on a loaded machine). */
export const PATIENCE = { timeout: 10_000 };

/**
 * Stops saves of the phone configuration halfway, from a connection of its own (PostgreSQL only):
 * a save holds the configuration's lock and has read the users when it reads the incoming numbers,
 * which stay locked here until `release`. `waiting` counts the statements of this database waiting
 * for a lock.
 */
export async function holdSavesAfterTheyReadTheUsers(store: Store) {
  const other = await openSameDatabase(store);
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  let locked = () => {};
  const isLocked = new Promise<void>((resolve) => (locked = resolve));
  const holding = other.db.transaction().execute(async (trx) => {
    await sql`lock table incoming_numbers in access exclusive mode`.execute(trx);
    locked();
    await released;
  });
  await isLocked;
  let closed: Promise<void> | undefined;
  return {
    async waiting(): Promise<number> {
      const { rows } = await sql<{ count: number }>`
        select count(*)::int as count from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`.execute(other.db);
      return rows[0]?.count ?? 0;
    },
    release(): Promise<void> {
      release();
      closed ??= holding.then(() => other.close());
      return closed;
    },
  };
}
