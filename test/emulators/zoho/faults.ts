/**
 * Faults a test can inject into the CRM API (not the accounts server): 5xx answers, 429s, slow
 * answers, requests that Zoho applies but whose answer never arrives (timeout after accepting),
 * and requests that Zoho applies but answers with a 5xx (`status` fires before applying).
 */
export type Fault =
  | { kind: 'status'; status: 500 | 502 | 503 }
  | { kind: 'rate-limit'; retryAfterSeconds: number }
  | { kind: 'slow'; delayMs: number }
  | { kind: 'accept-then-hang' }
  | { kind: 'accept-then-status'; status: 500 | 502 | 504 };

type Rule = { fault: Fault; remaining: number; method: string | null; path: RegExp | null };

export type FaultTarget = { method?: string; path?: RegExp };

export class FaultPlan {
  readonly #rules: Rule[] = [];

  /** The next `times` matching requests get `fault` (Infinity = until cleared). */
  add(fault: Fault, times = 1, target: FaultTarget = {}): void {
    this.#rules.push({ fault, remaining: times, method: target.method ?? null, path: target.path ?? null });
  }

  clear(): void {
    this.#rules.length = 0;
  }

  take(method: string, path: string): Fault | null {
    const rule = this.#rules.find(
      (candidate) => candidate.remaining > 0 && (!candidate.method || candidate.method === method) && (!candidate.path || candidate.path.test(path)),
    );
    if (!rule) return null;
    rule.remaining--;
    return rule.fault;
  }
}
