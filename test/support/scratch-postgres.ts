import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Store } from '../../server/store/database.ts';

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
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}
