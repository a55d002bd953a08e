import { Hono } from 'hono';
import { accountsApp } from './accounts.ts';
import { crmApiApp } from './crm-api.ts';
import { FaultPlan } from './faults.ts';
import { INVALID_URL_PATTERN } from './responses.ts';
import { ZohoEmulatorState } from './state.ts';

export { ZohoEmulatorState, ALL_SCOPES, TOKEN_LIMITS } from './state.ts';
export type { Fault } from './faults.ts';

export type ZohoEmulatorOptions = {
  now?: () => number;
  /** Returned as the token's `api_domain`; the emulator answers on any host. */
  apiDomain?: string;
  /** Zoho's concurrent-call limit for the org's edition (Standard: 10). */
  concurrencyLimit?: number;
};

export const EMULATOR_ACCOUNTS_URL = 'https://accounts.zoho-emulator.test';
/** The org is in the JP data centre; the emulator answers on any host, so this is only what tokens name. */
export const EMULATOR_API_DOMAIN = 'https://www.zohoapis.jp';

/**
 * A Zoho CRM (accounts server + CRM API v8) in memory. Use `fetch` as the server's fetch: it routes
 * any URL to the emulator and honours AbortSignal like a real network call. Or serve `app` with
 * @hono/node-server on 127.0.0.1.
 */
export function createZohoEmulator(options: ZohoEmulatorOptions = {}) {
  const state = new ZohoEmulatorState({ now: options.now ?? Date.now, apiDomain: options.apiDomain ?? EMULATOR_API_DOMAIN });
  const faults = new FaultPlan();
  const hangs = new Set<() => void>();
  const app = new Hono();
  app.route('/', accountsApp(state));
  app.route('/', crmApiApp({ state, faults, concurrencyLimit: options.concurrencyLimit ?? 10, hangs }));
  app.notFound((c) => c.json(INVALID_URL_PATTERN(), 404));

  const emulatedFetch: typeof fetch = (input, init) => {
    // Watch the caller's own signal: a Request's derived signal is only weakly linked to it in
    // undici and can miss the abort after a garbage collection.
    const signal = init?.signal ?? (input instanceof Request ? input.signal : null);
    if (signal?.aborted) return Promise.reject(signal.reason);
    const request = new Request(input, { ...init, signal: null });
    return new Promise<Response>((resolve, reject) => {
      signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
      Promise.resolve(app.fetch(request)).then(resolve, reject);
    });
  };

  return {
    app,
    state,
    faults,
    fetch: emulatedFetch,
    /** Lets hung requests finish (call in afterEach). */
    close(): void {
      for (const release of hangs) release();
      hangs.clear();
      faults.clear();
    },
  };
}

export type ZohoEmulator = ReturnType<typeof createZohoEmulator>;
