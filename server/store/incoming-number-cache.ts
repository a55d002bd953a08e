import { LRUCache } from 'lru-cache';
import type { IncomingNumber } from '../phone-config/schema.ts';
import { listIncomingNumbers, type Db } from './phone-config-store.ts';

/**
 * Every call starts with "which number was called?". The numbers are configuration, not call state,
 * so each instance keeps them for a few seconds instead of asking the database on every webhook.
 * A number this instance has not seen (just added, or on another instance) is looked up at once;
 * saves on this instance take effect at once; edits made on another instance within
 * INCOMING_NUMBER_CACHE_MS.
 */
export const INCOMING_NUMBER_CACHE_MS = 5_000;

type Numbers = Map<string, IncomingNumber>;

/** One entry per database (the app's, or a test's): every number, as last read. */
const caches = new WeakMap<object, LRUCache<'numbers', Numbers>>();

function cacheOf(db: Db): LRUCache<'numbers', Numbers> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new LRUCache<'numbers', Numbers>({ max: 1, ttl: INCOMING_NUMBER_CACHE_MS });
    caches.set(db, cache);
  }
  return cache;
}

export async function cachedIncomingNumber(db: Db, e164: string): Promise<IncomingNumber | null> {
  const cache = cacheOf(db);
  const hit = cache.get('numbers')?.get(e164);
  if (hit) return hit;
  const numbers: Numbers = new Map((await listIncomingNumbers(db)).map((number) => [number.number, number]));
  cache.set('numbers', numbers);
  return numbers.get(e164) ?? null;
}

/** Called after the configuration changed on this instance. */
export function forgetIncomingNumbers(db: Db): void {
  caches.get(db)?.clear();
}
