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
 * Fixed-window counter kept in the database, so every server instance behind a load balancer sees
 * the same count. One atomic upsert per hit: no check-then-write race.
 */
export async function hitRateLimit(
  db: Kysely<Database>,
  key: string,
  rule: RateLimitRule,
  now: Date,
): Promise<RateLimitResult> {
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
