import { randomBytes } from 'node:crypto';
import pg from 'pg';
import pRetry from 'p-retry';
import { openDatabase, type Store } from '../../server/store/database.ts';
import { sqlStateOf } from '../../server/store/sql-state.ts';

/**
 * A database of its own on a PostgreSQL server (tests, benchmarks), dropped when the store closes.
 * `serverUrl` names any database on that server (usually `/postgres`); `prefix` says who made it.
 */
export async function scratchPostgresStore(serverUrl: string, prefix: string): Promise<Store & { url: string }> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const store = await openDatabase({ url: url.toString() });
  return {
    ...store,
    url: url.toString(),
    async close() {
      await store.close();
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      try {
        await dropScratchDatabase(cleanup, name);
      } finally {
        await cleanup.end();
      }
    },
  };
}

/** SQLSTATE insufficient_privilege; object_in_use. */
const MAY_NOT_TERMINATE = '42501';
const STILL_IN_USE = '55006';

/**
 * `WITH (FORCE)` ends the sessions still on the database, but a role without `pg_signal_backend` may
 * not end an autovacuum worker that happens to be at work there (it answers 42501). A plain DROP
 * stops such a worker itself and waits a few seconds for others to leave, so it is the fallback.
 */
async function dropScratchDatabase(client: pg.Client, name: string): Promise<void> {
  try {
    await client.query(`drop database if exists ${name} with (force)`);
    return;
  } catch (error) {
    if (sqlStateOf(error) !== MAY_NOT_TERMINATE) throw error;
  }
  await pRetry(() => client.query(`drop database if exists ${name}`), {
    retries: 4,
    minTimeout: 200,
    shouldRetry: ({ error }) => sqlStateOf(error) === STILL_IN_USE,
  });
}
