import { mkdir } from 'node:fs/promises';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import { Migrator, type MigrationResult } from 'kysely/migration';
import pg from 'pg';
import { migrations } from './migrations/index.ts';
import type { Database } from './schema.ts';
import { pgliteNotices, postgresNotices, type ChangeNotices } from './change-notices.ts';

export type Engine = 'pglite' | 'postgres';

export interface Store {
  db: Kysely<Database>;
  engine: Engine;
  /** The database's change notices; a store without them (a test's stand-in) keeps nothing in memory. */
  notices?: ChangeNotices;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** A postgres:// URL: use a real PostgreSQL server (shared by several server instances). */
  url?: string | null;
  /** Folder for the embedded database (PGlite). */
  dataDir?: string;
  /** An in-memory embedded database (tests, previews). */
  memory?: boolean;
  /** Errors on idle pooled connections (server restart, failover): reported, never fatal. */
  onConnectionError?: (error: Error) => void;
  /** Errors of the connection listening for change notices (it reconnects by itself): reported, never fatal. */
  onNoticesError?: (error: Error) => void;
}

// bigint columns (ring positions) arrive as strings from node-postgres; keep them as strings on both
// engines so ordering code never mixes number and string.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => value);

export async function openDatabase(options: DatabaseOptions): Promise<Store> {
  if (options.url) {
    const pool = new pg.Pool({ connectionString: options.url, max: 10 });
    // Without a listener, an idle connection dropped by the server would crash the process.
    pool.on('error', options.onConnectionError ?? (() => {}));
    // So would one in use but between queries (the Twilio setup's lock sits idle for a whole run,
    // exclusive-run.ts): the pool listens only to idle ones. Its next query, if any, fails instead.
    pool.on('connect', (client) => client.on('error', () => {}));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    const notices = postgresNotices(options.url, options.onNoticesError ?? (() => {}));
    return {
      db,
      engine: 'postgres',
      notices,
      close: async () => {
        await notices.close();
        await db.destroy();
      },
    };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  let dataDir: string | undefined;
  if (!options.memory) {
    dataDir = `${options.dataDir ?? './data'}/pglite`;
    // DATA_DIR is for the server's user only (security/data-dir.ts tightens an older one at start).
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
  }
  const client = await PGlite.create(dataDir, {
    parsers: { 20: (value: string) => value },
  });
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite: client }) });
  return { db, engine: 'pglite', notices: pgliteNotices(client), close: () => db.destroy() };
}

function migrator(db: Kysely<Database>): Migrator {
  return new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    // Kysely's PostgreSQL adapter takes a transaction-scoped advisory lock around the run, so two
    // instances starting together apply each migration exactly once.
    migrationTableName: 'schema_migrations',
    migrationLockTableName: 'schema_migrations_lock',
  });
}

export async function migrateToLatest(db: Kysely<Database>): Promise<MigrationResult[]> {
  const { error, results } = await migrator(db).migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return results ?? [];
}

/** Migrations known to this build that the database has not applied yet (for /healthz). */
export async function pendingMigrations(db: Kysely<Database>): Promise<string[]> {
  const all = await migrator(db).getMigrations();
  return all.filter((m) => !m.executedAt).map((m) => m.name);
}
