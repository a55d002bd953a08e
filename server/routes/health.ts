import { sql } from 'kysely';
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../http/deps.ts';
import { pendingMigrations } from '../store/database.ts';
import { loadStoredTwilio } from '../store/phone-config-store.ts';

export interface HealthReport {
  status: 'ok' | 'degraded' | 'down';
  database: 'ok' | 'unreachable';
  migrations: 'current' | 'pending' | 'unknown';
  engine: string;
  problems: string[];
}

/**
 * For load balancers: 200 while this instance can serve (database reachable, schema current), 503
 * otherwise. Configuration gaps that stop calls (no Twilio Auth Token, no PUBLIC_URL) are reported as
 * problems with status "degraded": the instance still serves the options page that fixes them.
 */
export async function checkHealth(deps: AppDeps): Promise<HealthReport> {
  const problems: string[] = [];
  const report: HealthReport = { status: 'ok', database: 'ok', migrations: 'unknown', engine: deps.store.engine, problems };
  try {
    await sql`select 1`.execute(deps.store.db);
  } catch {
    report.database = 'unreachable';
    report.status = 'down';
    problems.push('The database is unreachable.');
    return report;
  }
  const pending = await pendingMigrations(deps.store.db);
  report.migrations = pending.length === 0 ? 'current' : 'pending';
  if (pending.length > 0) {
    report.status = 'down';
    problems.push(`Migrations not applied: ${pending.join(', ')}.`);
    return report;
  }
  if (!deps.publicUrl) problems.push('PUBLIC_URL is not set: Twilio cannot reach this server and webhooks cannot be verified.');
  else if (!deps.publicUrl.startsWith('https://')) problems.push('PUBLIC_URL is not HTTPS: Twilio requires HTTPS for production webhooks.');
  const twilio = await loadStoredTwilio(deps.store.db);
  if (!twilio.accountSid || !twilio.authTokenSealed) {
    problems.push('Twilio is not configured (Account SID and Auth Token): webhooks are refused until an admin sets them.');
  }
  if (report.status === 'ok' && problems.length > 0) report.status = 'degraded';
  return report;
}

export function healthRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get('/', async (c) => {
    const report = await checkHealth(deps);
    return c.json(report, report.status === 'down' ? 503 : 200);
  });
}
