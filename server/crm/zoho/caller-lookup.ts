import type { CountryCode } from 'libphonenumber-js';
import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import type { CallerMatch, CrmModule, CrmRecordRef } from '../adapter.ts';
import { RetryableError } from '../errors.ts';
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

/**
 * "Zoho unavailable" is remembered this long per server instance, so that while Zoho hangs each step
 * of a ring plan (each rep of a sequential ring) does not wait the whole budget again. A 429 is
 * remembered for its Retry-After instead, up to UNAVAILABLE_MAX_MS.
 */
export const UNAVAILABLE_CACHE_TTL_MS = 5_000;
/**
 * How many spellings (phone-variants.ts, likeliest first) are searched in the first round: 03-1234-5678,
 * +81312345678 and 0312345678 for a Japanese number, every spelling of a foreign one. The others
 * (full-width, 03（1234）5678, +81 3-1234-5678) are searched only when the first round found nobody.
 */
const COMMON_SPELLINGS = 3;
const UNAVAILABLE_MAX_MS = 15 * 60_000;
/**
 * A value that reads as a phone number: it starts like one (`+`, a bracket or a digit, full-width
 * too) and is no longer than a Zoho phone field holds ([inferred] 30 characters, VERIFY in the fields
 * metadata). Text that mentions a number ("先方の旧番号 03-…", a Description) is not the record's number.
 */
const PHONE_VALUE_MAX_CHARS = 30;
const PHONE_VALUE_START = /^\s*[+＋(（0-9０-９]/;

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
 * Finds the CRM records with a caller's number. Every spelling of the number (phone-variants.ts, most
 * likely first) is searched in Contacts, Leads and Accounts at once, and the records found through any
 * of them are ranked together, most recently modified first. The three usual spellings go first (9
 * searches, all the searches a caller found that way costs); only a number they do not find is searched
 * in its rarer spellings too (18 in all for a new caller on a Japanese landline, 15 on a mobile, 9 for a
 * foreign number), and nothing while its answer is cached (a match for a minute, "new
 * caller" for 30 s). Concurrent lookups of one number share one search. While Zoho is unavailable
 * (remembered a few seconds, a 429 for its Retry-After) every lookup answers so at once.
 */
export class ZohoCallerLookup {
  readonly #options: CallerLookupOptions;
  readonly #cache: LRUCache<string, CallerMatch>;
  /** One entry at most: why Zoho is unavailable, until its TTL runs out. */
  readonly #unavailable: LRUCache<'zoho', string>;
  readonly #inFlight = new Map<string, Promise<CallerMatch>>();

  constructor(options: CallerLookupOptions) {
    this.#options = options;
    const now = options.now ?? Date.now;
    // ttlResolution 0: ask `now` on every check (a lookup per ringing call is no hot loop).
    this.#cache = new LRUCache({ max: LOOKUP_CACHE_ENTRIES, ttl: options.cacheTtlMs ?? LOOKUP_CACHE_TTL_MS, ttlResolution: 0, perf: { now } });
    this.#unavailable = new LRUCache({ max: 1, ttl: UNAVAILABLE_CACHE_TTL_MS, ttlResolution: 0, perf: { now } });
  }

  async lookup(e164: string, options: { budgetMs?: number } = {}): Promise<CallerMatch> {
    const cached = this.#cache.get(e164);
    if (cached) return cached;
    const down = this.#unavailable.get('zoho');
    if (down !== undefined) return { status: 'unavailable', reason: down };
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
    // Every search costs the org an API credit: the spellings most records use first, all modules at
    // once (ranked together); the rarer ones only when those found nobody.
    const spellings = phoneSearchVariants(e164, this.#options.defaultCountry);
    const rounds = [spellings.slice(0, COMMON_SPELLINGS), spellings.slice(COMMON_SPELLINGS)].filter((round) => round.length > 0);
    const found: Array<{ module: CrmModule; record: SearchRecord }> = [];
    const failures: unknown[] = [];
    for (const round of rounds) {
      const outcomes = await Promise.allSettled(round.flatMap((phone) => LOOKUP_MODULES.map((module) => this.#searchModule(module, phone, signal))));
      for (const outcome of outcomes) {
        if (outcome.status === 'fulfilled') found.push(...outcome.value);
        else failures.push(outcome.reason as unknown);
      }
      if (failures.length > 0 || signal.aborted || found.some((hit) => this.#hasNumber(hit.record, e164))) break;
    }
    const rateLimited = failures.find((reason) => reason instanceof RetryableError && reason.code === 'TOO_MANY_REQUESTS');
    // Zoho asked us to wait: no lookup asks again before then, whatever this one found.
    if (rateLimited instanceof RetryableError) this.#rememberUnavailable(rateLimited, rateLimited.retryAfterMs ?? UNAVAILABLE_CACHE_TTL_MS);
    const matches = dedupe(found.filter((hit) => this.#hasNumber(hit.record, e164)));
    if (matches.length > 0) {
      const result = await this.#toMatch(matches);
      // A partial answer (a search failed) is shown but not remembered.
      if (failures.length === 0) this.#cache.set(e164, result);
      return result;
    }
    const [failure] = failures;
    if (failure !== undefined) {
      if (!rateLimited) this.#rememberUnavailable(failure, UNAVAILABLE_CACHE_TTL_MS);
      return { status: 'unavailable', reason: reasonOf(failure) };
    }
    const newCaller: CallerMatch = { status: 'new-caller' };
    this.#cache.set(e164, newCaller, { ttl: Math.min(NEW_CALLER_CACHE_TTL_MS, this.#options.cacheTtlMs ?? LOOKUP_CACHE_TTL_MS) });
    return newCaller;
  }

  #rememberUnavailable(failure: unknown, ttlMs: number): void {
    this.#unavailable.set('zoho', reasonOf(failure), { ttl: Math.min(Math.max(ttlMs, 1), UNAVAILABLE_MAX_MS) });
  }

  async #searchModule(module: CrmModule, phone: string, signal: AbortSignal): Promise<Array<{ module: CrmModule; record: SearchRecord }>> {
    const response = await this.#options.client.request({ method: 'GET', path: `/crm/v8/${module}/search`, query: { phone }, signal });
    if (response.status === 204) return [];
    const parsed = searchResponseSchema.safeParse(response.body);
    return parsed.success ? parsed.data.data.map((record) => ({ module, record })) : [];
  }

  /**
   * `search?phone=` may match loosely (v8 `equals` behaves like contains): keep only records with a true
   * E.164 match. Zoho searches every field of type Phone, Fax and custom ones included (reference
   * §3.1), so any field whose value reads as a phone number counts, not a fixed list: reading the phone
   * fields from the fields metadata would cost a request and a cache per module for the same answer.
   */
  #hasNumber(record: SearchRecord, e164: string): boolean {
    return Object.values(record).some(
      (value) =>
        typeof value === 'string' && value.length <= PHONE_VALUE_MAX_CHARS && PHONE_VALUE_START.test(value) && toE164(value, this.#options.defaultCountry) === e164,
    );
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

function reasonOf(failure: unknown): string {
  return failure instanceof Error ? failure.message : String(failure);
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
