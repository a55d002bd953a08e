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

interface Entry {
  loadedAt: number;
  numbers: Map<string, IncomingNumber>;
}

const caches = new WeakMap<object, Entry>();

export async function cachedIncomingNumber(db: Db, e164: string, now = Date.now()): Promise<IncomingNumber | null> {
  const entry = caches.get(db);
  if (entry && now - entry.loadedAt < INCOMING_NUMBER_CACHE_MS) {
    const hit = entry.numbers.get(e164);
    if (hit) return hit;
  }
  const numbers = new Map((await listIncomingNumbers(db)).map((number) => [number.number, number]));
  caches.set(db, { loadedAt: now, numbers });
  return numbers.get(e164) ?? null;
}

/** Called after the configuration changed on this instance. */
export function forgetIncomingNumbers(db: Db): void {
  caches.delete(db);
}
