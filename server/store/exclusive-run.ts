import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';
import type { Store } from './database.ts';

/**
 * Runs the tasks of one name one at a time, across every server instance on the database: each waits
 * for the run before it, on this instance (a chain of promises) and, on PostgreSQL, on the others
 * (a transaction-scoped advisory lock, `pg_advisory_xact_lock`, held for the whole run).
 *
 * The chain stays on PostgreSQL too, so that an instance has at most one connection waiting for the
 * lock; on PGlite it is all there is: one process owns the database, and PGlite is a single session,
 * where advisory locks are re-entrant and an open transaction would hold up every other query.
 *
 * The lock's transaction sits idle while the task works (its queries use other connections of the
 * pool), so it cannot outlive its holder: a server that stops closes its connection and PostgreSQL
 * drops the lock at once; one whose host vanished has its session ended after HOLD_LIMIT idle
 * (`idle_in_transaction_session_timeout`, set for this transaction only) rather than after the
 * system's TCP keepalive, two hours on Linux.
 * https://www.postgresql.org/docs/current/explicit-locking.html#ADVISORY-LOCKS
 */

/** Longer than any run (Twilio requests time out after 15 s each), short enough not to block an admin for long. */
export const HOLD_LIMIT = '10min';

const chains = new WeakMap<Store, Map<string, Promise<unknown>>>();

export function runExclusively<T>(
  store: Store,
  name: string,
  task: () => Promise<T>,
  options: { onLockLost?: (error: unknown) => void } = {},
): Promise<T> {
  let byName = chains.get(store);
  if (!byName) chains.set(store, (byName = new Map()));
  const previous = byName.get(name) ?? Promise.resolve();
  const run = previous.then(() => (store.engine === 'postgres' ? underLock(store.db, name, task, options.onLockLost) : task()));
  byName.set(name, run.catch(() => undefined));
  return run;
}

async function underLock<T>(db: Kysely<Database>, name: string, task: () => Promise<T>, onLockLost?: (error: unknown) => void): Promise<T> {
  const outcome: { done: boolean; value?: T } = { done: false };
  try {
    await db.transaction().execute(async (trx) => {
      await sql`select set_config('idle_in_transaction_session_timeout', ${HOLD_LIMIT}, true), pg_advisory_xact_lock(hashtextextended(${name}, 0))`.execute(trx);
      outcome.value = await task();
      outcome.done = true;
    });
  } catch (error) {
    if (!outcome.done) throw error;
    // The lock's transaction ended under the task (its connection lost, or idle past HOLD_LIMIT): the
    // task itself finished, and its answer stands; the lock is gone either way.
    onLockLost?.(error);
  }
  return outcome.value as T;
}
