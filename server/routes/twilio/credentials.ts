import { LRUCache } from 'lru-cache';
import type { AppDeps } from '../../http/deps.ts';
import { loadTwilioCredentials, type TwilioCredentials } from '../../store/phone-config-store.ts';

/** How long an instance reuses the account's credentials before reading (and decrypting) them again. */
export const CREDENTIALS_TTL_MS = 10_000;

/**
 * Every webhook needs the Auth Token to check its signature. Reading and decrypting it once per
 * request doubles the database work of a webhook, so each instance keeps it for a few seconds.
 * This is configuration, not call state: a rotated token is picked up within CREDENTIALS_TTL_MS,
 * and an incomplete setup is never cached, so finishing the setup takes effect at once.
 */
export function cachedTwilioCredentials(
  deps: AppDeps,
  options: { ttlMs?: number; cacheable?: (credentials: TwilioCredentials) => boolean } = {},
): () => Promise<TwilioCredentials | null> {
  const cacheable = options.cacheable ?? (() => true);
  const cache = new LRUCache<'twilio', TwilioCredentials>({ max: 1, ttl: options.ttlMs ?? CREDENTIALS_TTL_MS });
  return async () => {
    const hit = cache.get('twilio');
    if (hit) return hit;
    const value = await loadTwilioCredentials(deps.store.db, deps.secretBox);
    if (value && cacheable(value)) cache.set('twilio', value);
    return value;
  };
}
