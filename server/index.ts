import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { createApp } from './app.ts';
import { BoardHub } from './board/board-hub.ts';
import { ConfigError, parseServerConfig, type ServerConfig } from './config.ts';
import { CrmRuntime } from './crm/crm-runtime.ts';
import { OutboxWorker } from './crm/outbox-worker.ts';
import { sweepRecordings } from './crm/recording-sweep.ts';
import type { AppDeps } from './http/deps.ts';
import { createLogger } from './logger.ts';
import { checkHealth } from './routes/health.ts';
import { secureDataDir } from './security/data-dir.ts';
import { createSecretBox, resolveSecretKey } from './security/secret-box.ts';
import { ensureInitialAdmin } from './services/bootstrap.ts';
import { WaitingLinePacer } from './services/waiting-line/pacer.ts';
import { migrateToLatest, openDatabase } from './store/database.ts';

/**
 * The server's entry: parse the environment once, open the database, migrate, serve, and send the
 * CRM outbox. Shuts down cleanly on SIGTERM/SIGINT: stop accepting, let in-flight requests finish,
 * give the outbox's sends a few seconds and release what is still in flight, close the database.
 */
export async function main(env: Record<string, string | undefined> = process.env): Promise<{ close(): Promise<void> }> {
  let config: ServerConfig;
  try {
    config = parseServerConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  if (!config.databaseUrl || !config.secretKey) {
    // Folders and files the server creates from here on are for its own user only.
    process.umask(0o077);
    const { exposed, tightened } = await secureDataDir(config.dataDir);
    if (exposed) {
      logger.warn(
        { event: 'data_dir_permissions', dataDir: resolve(config.dataDir), tightened: tightened.length },
        'DATA_DIR was open to other users of this machine (its database holds password hashes and callers’ numbers): it is now for the server’s user only (0700)',
      );
    }
  }
  const secretBox = createSecretBox(await startupStep(() => resolveSecretKey(config.secretKey, config.dataDir)));
  const store = await openDatabase({
    url: config.databaseUrl,
    dataDir: config.dataDir,
    onConnectionError: (error) => logger.warn({ err: error }, 'database connection lost; the pool reconnects'),
    onNoticesError: (error) =>
      logger.warn({ err: error }, 'database change notices interrupted: sessions are read from the database until they listen again'),
  });
  const migrated = await migrateToLatest(store.db);
  for (const result of migrated) logger.info({ migration: result.migrationName, status: result.status }, 'migration');

  const firstAdmin = config.initialAdmin ?? { email: 'admin@yobidashi.local', password: randomBytes(12).toString('base64url') };
  const adminState = await ensureInitialAdmin(store, firstAdmin, logger, new Date());

  const deps: AppDeps = {
    store,
    secretBox,
    logger,
    publicUrl: config.publicUrl,
    corsOrigins: config.corsOrigins,
    extensionIds: config.extensionIds,
    twilioApiUrl: config.twilioApiUrl,
    extensionInstallUrl: config.extensionInstallUrl,
    trustProxy: config.trustProxy,
    now: () => new Date(),
  };
  const health = await checkHealth(deps);
  for (const problem of health.problems) logger.error({ event: 'configuration' }, problem);

  const crm = new CrmRuntime(deps, {
    zoho: {
      clientId: config.zohoClient?.clientId ?? null,
      clientSecret: config.zohoClient?.clientSecret ?? null,
      redirectUri: config.zohoRedirectUri,
      accountsUrl: config.zohoAccountsUrl,
      apiUrl: config.zohoApiUrl,
    },
  });
  const outbox = new OutboxWorker({
    store,
    crm,
    logger: logger.child({ component: 'crm-outbox' }),
    now: deps.now,
    // Lost recording callbacks and ring recordings of calls recorded in their room, about once a minute.
    sweep: () =>
      sweepRecordings({ db: store.db, twilio: () => crm.twilioRecordings(), now: deps.now, logger: logger.child({ component: 'recording-sweep' }), onCrmDelivery: () => outbox.wake() }),
  });
  outbox.start();
  // Keeps callers in the waiting line moving; the line itself is in the database.
  const waitingLine = new WaitingLinePacer({ ...deps, logger: logger.child({ component: 'waiting-line' }) });
  waitingLine.start();

  const board = new BoardHub({ db: store.db, now: deps.now, logger: logger.child({ component: 'live-board' }) });
  board.startPruning();
  const app = createApp(deps, { crm, crmWorker: outbox, board, waitingLine });
  const server: ServerType = await new Promise((resolveServer) => {
    const instance = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolveServer(instance));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  printBanner({ config, port, engine: store.engine, adminState, firstAdmin, problems: health.problems });

  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= (async () => {
      logger.info('shutting down: finishing in-flight requests');
      board.close(); // live board streams never finish on their own
      // Together: the outbox's sends get a few seconds to finish, then their claims are given back
      // (not left locked for the lease), well before the forced exit below.
      await Promise.all([new Promise<void>((done) => server.close(() => done())), outbox.stop()]);
      await waitingLine.stop();
      await store.close();
      logger.info('stopped');
    })());
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      // A second signal, or requests that never finish, must not keep the process alive forever.
      const force = setTimeout(() => process.exit(1), 10_000);
      force.unref();
      void close().then(() => process.exit(0));
    });
  }
  return { close };
}

function printBanner(info: {
  config: ServerConfig;
  port: number;
  engine: string;
  adminState: string;
  firstAdmin: { email: string; password: string };
  problems: string[];
}): void {
  const { config, port } = info;
  const lines = [
    '',
    `  Yobidashi server listening on http://${config.host}:${port}`,
    `  Database: ${info.engine === 'pglite' ? `embedded (PGlite) in ${resolve(config.dataDir)}` : 'PostgreSQL (DATABASE_URL)'}`,
    ...(info.engine === 'pglite' ? ['            for one instance and trials; a team in production: PostgreSQL via DATABASE_URL (README: "Which database")'] : []),
    `  Twilio webhooks: ${config.publicUrl ? `${config.publicUrl}/twilio/voice` : 'set PUBLIC_URL to the HTTPS address Twilio can reach'}`,
  ];
  if (info.adminState === 'created') {
    lines.push('', '  First sign-in (options page of the extension):', `    server   http://${config.host}:${port}`, `    e-mail   ${info.firstAdmin.email}`);
    lines.push(
      config.initialAdmin
        ? '    password the ADMIN_PASSWORD you set'
        : `    password ${info.firstAdmin.password}   (shown once: change it in the options page, My account → Change password)`,
    );
  }
  for (const problem of info.problems) lines.push(`  ! ${problem}`);
  console.log(lines.join('\n') + '\n');
}

/** A step of the start whose ConfigError (a bad key file…) stops the server with its message, as a bad setting does. */
async function startupStep<T>(step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

if (import.meta.main) {
  await main();
}
