import type { CountryCode } from 'libphonenumber-js';
import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import type { CallerMatch, CrmModule, CrmRecordRef } from '../adapter.ts';
import type { ZohoClient } from './client.ts';
import { phoneSearchVariants, toE164 } from './phone-variants.ts';

/** The caller must not wait: past this, ring without a name and fill it in afterwards. */
export const DEFAULT_LOOKUP_BUDGET_MS = 1500;
/** A match is remembered for a minute (a caller who rings again, a rep who calls back). */
export const LOOKUP_CACHE_TTL_MS = 60_000;
/** "New caller" only briefly: a rep may add the lead right after the call. */
export const NEW_CALLER_CACHE_TTL_MS = 30_000;
const LOOKUP_CACHE_ENTRIES = 1000;
/** How long the lookup may go on in the background after the budget ran out. */
export const LATE_LOOKUP_TIMEOUT_MS = 10_000;

export const LOOKUP_MODULES = ['Contacts', 'Leads', 'Accounts'] as const satisfies readonly CrmModule[];

const PHONE_FIELDS = ['Phone', 'Mobile', 'Home_Phone', 'Other_Phone', 'Asst_Phone'] as const;

const searchRecordSchema = z
  .object({
    id: z.string(),
    Full_Name: z.string().nullish(),
    Account_Name: z.union([z.string(), z.object({ name: z.string().nullish() }).loose()]).nullish(),
    Deal_Name: z.string().nullish(),
    Modified_Time: z.string().nullish(),
  })
  .catchall(z.unknown());
const searchResponseSchema = z.object({ data: z.array(searchRecordSchema) });
type SearchRecord = z.infer<typeof searchRecordSchema>;

export type CallerLookupOptions = {
  client: ZohoClient;
  /** Builds the web link of a record. */
  recordUrl: (module: CrmModule, id: string) => Promise<string>;
  defaultCountry?: CountryCode;
  budgetMs?: number;
  cacheTtlMs?: number;
  lateTimeoutMs?: number;
  now?: () => number;
};

/**
 * Finds the CRM records with a caller's number. Each number form (phone-variants.ts, most likely
 * first) is searched in Contacts, Leads and Accounts at once, and the search stops at the first form
 * that finds the caller: a number stored as people type it in Japan costs 3 searches, one stored in
 * E.164 6, a new caller 9, and nothing while its answer is cached (a match for a minute, "new
 * caller" for 30 s). Concurrent lookups of one number share one search.
 */
export class ZohoCallerLookup {
  readonly #options: CallerLookupOptions;
  readonly #cache: LRUCache<string, CallerMatch>;
  readonly #inFlight = new Map<string, Promise<CallerMatch>>();

  constructor(options: CallerLookupOptions) {
    this.#options = options;
    const now = options.now ?? Date.now;
    // ttlResolution 0: ask `now` on every check (a lookup per ringing call is no hot loop).
    this.#cache = new LRUCache({ max: LOOKUP_CACHE_ENTRIES, ttl: options.cacheTtlMs ?? LOOKUP_CACHE_TTL_MS, ttlResolution: 0, perf: { now } });
  }

  async lookup(e164: string, options: { budgetMs?: number } = {}): Promise<CallerMatch> {
    const cached = this.#cache.get(e164);
    if (cached) return cached;
    let settled = this.#inFlight.get(e164);
    if (!settled) {
      settled = this.#search(e164).finally(() => this.#inFlight.delete(e164));
      this.#inFlight.set(e164, settled);
    }
    const budgetMs = options.budgetMs ?? this.#options.budgetMs ?? DEFAULT_LOOKUP_BUDGET_MS;
    let timer: NodeJS.Timeout | undefined;
    const budget = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), budgetMs);
    });
    const result = await Promise.race([settled, budget]).finally(() => clearTimeout(timer));
    return result === 'late' ? { status: 'pending', settled } : result;
  }

  async #search(e164: string): Promise<CallerMatch> {
    const signal = AbortSignal.timeout(this.#options.lateTimeoutMs ?? LATE_LOOKUP_TIMEOUT_MS);
    let failure: PromiseRejectedResult | undefined;
    for (const phone of phoneSearchVariants(e164, this.#options.defaultCountry)) {
      const outcomes = await Promise.allSettled(LOOKUP_MODULES.map((module) => this.#searchModule(module, phone, signal)));
      const found = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? outcome.value : []));
      failure ??= outcomes.find((outcome) => outcome.status === 'rejected');
      const matches = dedupe(found.filter((hit) => this.#hasNumber(hit.record, e164)));
      if (matches.length > 0) {
        const result = await this.#toMatch(matches);
        // A partial answer (a search failed) is shown but not remembered.
        if (!failure) this.#cache.set(e164, result);
        return result;
      }
      if (signal.aborted) break;
    }
    if (failure) return { status: 'unavailable', reason: String(failure.reason?.message ?? failure.reason) };
    const newCaller: CallerMatch = { status: 'new-caller' };
    this.#cache.set(e164, newCaller, { ttl: Math.min(NEW_CALLER_CACHE_TTL_MS, this.#options.cacheTtlMs ?? LOOKUP_CACHE_TTL_MS) });
    return newCaller;
  }

  async #searchModule(module: CrmModule, phone: string, signal: AbortSignal): Promise<Array<{ module: CrmModule; record: SearchRecord }>> {
    const response = await this.#options.client.request({ method: 'GET', path: `/crm/v8/${module}/search`, query: { phone }, signal });
    if (response.status === 204) return [];
    const parsed = searchResponseSchema.safeParse(response.body);
    return parsed.success ? parsed.data.data.map((record) => ({ module, record })) : [];
  }

  /** `search?phone=` may match loosely (v8 `equals` behaves like contains): keep only true E.164 matches. */
  #hasNumber(record: SearchRecord, e164: string): boolean {
    return PHONE_FIELDS.some((field) => {
      const value = record[field];
      return typeof value === 'string' && toE164(value, this.#options.defaultCountry) === e164;
    });
  }

  async #toMatch(matches: Array<{ module: CrmModule; record: SearchRecord }>): Promise<CallerMatch> {
    if (matches.length === 0) return { status: 'new-caller' };
    const refs = await Promise.all(matches.map(({ module, record }) => this.#toRef(module, record)));
    const [record, ...others] = refs.sort(byMostRecentlyModified);
    return record ? { status: 'matched', record, others } : { status: 'new-caller' };
  }

  async #toRef(module: CrmModule, record: SearchRecord): Promise<CrmRecordRef> {
    return {
      module,
      id: record.id,
      name: recordName(record),
      url: await this.#options.recordUrl(module, record.id),
      modifiedAt: record.Modified_Time ?? null,
    };
  }
}

function recordName(record: SearchRecord): string {
  if (record.Full_Name) return record.Full_Name;
  if (typeof record.Account_Name === 'string') return record.Account_Name;
  return record.Account_Name?.name ?? record.Deal_Name ?? '';
}

function byMostRecentlyModified(a: CrmRecordRef, b: CrmRecordRef): number {
  return Date.parse(b.modifiedAt ?? '') - Date.parse(a.modifiedAt ?? '') || 0;
}

function dedupe<T extends { module: CrmModule; record: { id: string } }>(hits: T[]): T[] {
  const seen = new Set<string>();
  return hits.filter((hit) => {
    const key = `${hit.module}:${hit.record.id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
