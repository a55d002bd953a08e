import { sql, type Kysely } from 'kysely';
import { LRUCache } from 'lru-cache';
import type { Database } from '../store/schema.ts';

export interface RateLimitRule {
  limit: number;
  windowSeconds: number;
}

export interface RateLimitResult {
  allowed: boolean;
  hits: number;
  retryAfterSeconds: number;
}

/**
 * How long a counter row outlives its window start. Longer than any rule's window: a row older than
 * its window counts nothing (the next hit would start it again), so dropping it changes no answer.
 */
export const RATE_LIMIT_ROWS_KEPT_SECONDS = 24 * 3600;
/** Rows of passed windows dropped per hit: enough to keep up with the hits that wrote them, never a long statement. */
const PRUNE_BATCH = 100;

/**
 * Fixed-window counter kept in the database, so every server instance behind a load balancer sees
 * the same count. One atomic upsert per hit: no check-then-write race. Each hit also drops a few
 * rows whose windows are long past, so addresses that tried once (a scan of made-up accounts)
 * do not stay in the table forever.
 */
export async function hitRateLimit(
  db: Kysely<Database>,
  key: string,
  rule: RateLimitRule,
  now: Date,
): Promise<RateLimitResult> {
  if (rule.windowSeconds > RATE_LIMIT_ROWS_KEPT_SECONDS) {
    throw new Error(`A rate limit window of ${rule.windowSeconds}s outlasts its rows (${RATE_LIMIT_ROWS_KEPT_SECONDS}s)`);
  }
  const windowStart = new Date(now.getTime() - rule.windowSeconds * 1000);
  const row = await db
    .insertInto('rate_limits')
    .values({ key, hits: 1, window_started_at: now })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        hits: sql<number>`case when rate_limits.window_started_at <= ${windowStart} then 1 else rate_limits.hits + 1 end`,
        window_started_at: sql<Date>`case when rate_limits.window_started_at <= ${windowStart} then ${now} else rate_limits.window_started_at end`,
      }),
    )
    .returning(['hits', 'window_started_at'])
    .executeTakeFirstOrThrow();
  await prunePassedWindows(db, now);
  const resetsAt = new Date(row.window_started_at).getTime() + rule.windowSeconds * 1000;
  return {
    allowed: row.hits <= rule.limit,
    hits: row.hits,
    retryAfterSeconds: Math.max(1, Math.ceil((resetsAt - now.getTime()) / 1000)),
  };
}

/**
 * Takes back one hit counted by `hitRateLimit` (an attempt that turned out fine), as long as its
 * window is still the current one. Counting first and giving back afterwards keeps the count atomic.
 */
export async function giveBackRateLimitHit(db: Kysely<Database>, key: string, rule: RateLimitRule, now: Date): Promise<void> {
  const windowStart = new Date(now.getTime() - rule.windowSeconds * 1000);
  await db
    .updateTable('rate_limits')
    .set({ hits: sql<number>`greatest(hits - 1, 0)` })
    .where('key', '=', key)
    .where('window_started_at', '>', windowStart)
    .execute();
}

/** Drops up to a batch of rows whose windows ended long ago (see RATE_LIMIT_ROWS_KEPT_SECONDS). */
export async function prunePassedWindows(db: Kysely<Database>, now: Date): Promise<void> {
  const cutoff = new Date(now.getTime() - RATE_LIMIT_ROWS_KEPT_SECONDS * 1000);
  await db
    .deleteFrom('rate_limits')
    // Checked again on the row itself: a row a concurrent hit has just started afresh is kept.
    .where('window_started_at', '<', cutoff)
    .where('key', 'in', (eb) => eb.selectFrom('rate_limits').select('key').where('window_started_at', '<', cutoff).limit(PRUNE_BATCH))
    .execute();
}

export async function clearRateLimit(db: Kysely<Database>, key: string): Promise<void> {
  await db.deleteFrom('rate_limits').where('key', '=', key).execute();
}

/**
 * A fixed-window counter in this instance's memory: for a limit that stops a runaway client (a loop
 * asking again and again), where one database statement per request would cost more than the request.
 * Behind a load balancer a client may get up to `limit` per instance; limits that guard against an
 * attacker (sign-in) stay in the database. Memory is bounded: the least recently counted keys go first.
 */
export class InstanceRateLimit {
  readonly #rule: RateLimitRule;
  readonly #windows: LRUCache<string, { hits: number; startedAt: number }>;

  constructor(rule: RateLimitRule, options: { maxKeys?: number } = {}) {
    this.#rule = rule;
    this.#windows = new LRUCache({ max: options.maxKeys ?? 10_000, ttl: rule.windowSeconds * 1000 });
  }

  hit(key: string, now: Date): RateLimitResult {
    const at = now.getTime();
    const windowMs = this.#rule.windowSeconds * 1000;
    const current = this.#windows.get(key);
    const window = current && at >= current.startedAt && at - current.startedAt < windowMs ? current : { hits: 0, startedAt: at };
    window.hits++;
    if (window !== current) this.#windows.set(key, window);
    return {
      allowed: window.hits <= this.#rule.limit,
      hits: window.hits,
      retryAfterSeconds: Math.max(1, Math.ceil((window.startedAt + windowMs - at) / 1000)),
    };
  }
}
