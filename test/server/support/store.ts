import { sql } from 'kysely';
import { migrateToLatest, openDatabase, type Engine, type Store } from '../../../server/store/database.ts';
import { forgetIncomingNumbers } from '../../../server/store/incoming-number-cache.ts';
import { scratchPostgresStore } from '../../support/scratch-postgres.ts';

/**
 * Fresh, migrated databases for tests. PGlite always; a real PostgreSQL server when
 * TEST_DATABASE_URL is set (CI sets it, see .ci/run): each store gets its own database, dropped on close.
 */

const postgresUrl = process.env.TEST_DATABASE_URL;

if (process.env.CI && !postgresUrl) {
  throw new Error('CI must run the storage suite on PostgreSQL too: TEST_DATABASE_URL is not set (see .ci/run).');
}

/** The engines this run covers: both in CI, PGlite alone where no PostgreSQL server is configured. */
export const engines: Engine[] = postgresUrl ? ['pglite', 'postgres'] : ['pglite'];

export async function createTestStore(engine: Engine = 'pglite', options: { migrate?: boolean } = {}): Promise<Store> {
  const store = engine === 'pglite' ? await openDatabase({ memory: true }) : await createPostgresStore();
  if (options.migrate !== false) await migrateToLatest(store.db);
  return store;
}

const shared = new Map<Engine, Promise<Store>>();

/**
 * A migrated store shared by the tests of one file (each file runs in its own module context),
 * emptied before it is handed out again: opening PGlite costs seconds, emptying it milliseconds.
 * Its close() only marks it free; the process exit discards it.
 */
export async function sharedTestStore(engine: Engine = 'pglite'): Promise<Store> {
  const store = await openShared(engine);
  await resetDatabase(store);
  return { ...store, close: async () => {} };
}

/**
 * Opens the file's shared stores; for a `beforeAll` hook in files whose tests ask for a store
 * themselves. Opening PGlite and migrating it is the file's setup, seconds long (tens on a loaded
 * machine): left to the first test that asks, it would count against that test's own timeout.
 */
export async function openSharedStores(which: readonly Engine[] = ['pglite']): Promise<void> {
  await Promise.all(which.map(openShared));
}

function openShared(engine: Engine): Promise<Store> {
  let pending = shared.get(engine);
  if (!pending) {
    pending = createTestStore(engine);
    shared.set(engine, pending);
  }
  return pending;
}

/** Empties every table (keeping the schema and its migrations) and restarts sequences. */
export async function resetDatabase(store: Store): Promise<void> {
  const { db } = store;
  const tables = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE'
      and table_name not like 'schema_migrations%' and table_name <> 'app_settings'`.execute(db);
  const sequences = await sql<{ sequence_name: string }>`
    select sequence_name from information_schema.sequences where sequence_schema = 'public'`.execute(db);
  await db.transaction().execute(async (trx) => {
    if (tables.rows.length > 0) {
      await sql`truncate ${sql.join(tables.rows.map((t) => sql.table(t.table_name)))} restart identity cascade`.execute(trx);
    }
    for (const { sequence_name } of sequences.rows) {
      await sql`alter sequence ${sql.table(sequence_name)} restart`.execute(trx);
    }
    await sql`update app_settings set twilio = '{}'::jsonb,
      settings = '{"defaultCountry":"JP","allowedCountries":[]}'::jsonb, revision = 0`.execute(trx);
  });
  forgetIncomingNumbers(db);
}

/** A second connection to the same database (another "server instance"). */
export async function openSameDatabase(store: Store & { url?: string }): Promise<Store> {
  if (!store.url) throw new Error('Only PostgreSQL stores can be opened twice.');
  return openDatabase({ url: store.url });
}

function createPostgresStore(): Promise<Store & { url: string }> {
  return scratchPostgresStore(postgresUrl!, 'yb_test');
}
