import pLimit, { type LimitFunction } from 'p-limit';
import { z } from 'zod';
import { AmbiguousError, PermanentError, RetryableError } from '../errors.ts';
import type { ZohoTokenManager } from './token-manager.ts';

/**
 * Zoho counts concurrent API calls per app + user: Free 5, Standard 10, Professional 15,
 * Enterprise 20, Ultimate 25 (reference §2.4). We stay at the lowest so any edition works,
 * and leave room for the admin using Zoho's own integrations at the same time.
 */
export const ZOHO_MAX_CONCURRENT_REQUESTS = 5;

export type ZohoRequest = {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** e.g. `/crm/v8/Calls` */
  path: string;
  query?: Record<string, string>;
  json?: unknown;
  form?: FormData;
  signal?: AbortSignal;
  timeoutMs?: number;
};

/** A response the caller must read: 2xx (204 has a null body), or 400/207 carrying per-record results in `data`. */
export type ZohoResponse = { status: number; body: unknown };

export const DEFAULT_REQUEST_TIMEOUT_MS = 20_000;
/** When a 429 names no wait: concurrency 429s clear in seconds, credit 429s take longer; the worker backs off further. */
export const DEFAULT_RATE_LIMIT_WAIT_MS = 30_000;

const apiErrorSchema = z.object({
  code: z.string(),
  status: z.literal('error').optional(),
  message: z.string().optional(),
  details: z.record(z.string(), z.unknown()).optional(),
});

const TOKEN_ERRORS = new Set(['INVALID_TOKEN', 'INVALID_OAUTHTOKEN', 'AUTHENTICATION_FAILURE']);
/** Network errors that mean the request never left this machine, so a POST is safe to send again. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

export type ZohoClientOptions = {
  tokens: ZohoTokenManager;
  fetch: typeof fetch;
  /** Shared by every request of this connection: at most ZOHO_MAX_CONCURRENT_REQUESTS at once. */
  limit?: LimitFunction;
  requestTimeoutMs?: number;
};

/** Authenticated requests to the CRM API, under the concurrency limit, with Zoho's errors classified. */
export class ZohoClient {
  readonly #tokens: ZohoTokenManager;
  readonly #fetch: typeof fetch;
  readonly #limit: LimitFunction;
  readonly #timeoutMs: number;

  constructor(options: ZohoClientOptions) {
    this.#tokens = options.tokens;
    this.#fetch = options.fetch;
    this.#limit = options.limit ?? pLimit(ZOHO_MAX_CONCURRENT_REQUESTS);
    this.#timeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  }

  request(request: ZohoRequest): Promise<ZohoResponse> {
    return this.#limit(async () => {
      const token = await this.#tokens.accessToken();
      const first = await this.#send(request, token);
      if (first.status === 401 && TOKEN_ERRORS.has(errorCode(first.body) ?? '')) {
        // Expired or evicted (Zoho keeps 15 live tokens per refresh token): refresh once, retry once.
        this.#tokens.invalidate(token);
        return classify(request, await this.#send(request, await this.#tokens.accessToken()));
      }
      return classify(request, first);
    });
  }

  async #send(request: ZohoRequest, token: string): Promise<ZohoResponse & { headers: Headers }> {
    const url = new URL(`${await this.#tokens.apiDomain()}${request.path}`);
    // URLSearchParams encodes `+` as %2B; a raw `+` would reach Zoho as a space.
    if (request.query) url.search = new URLSearchParams(request.query).toString();
    const timeout = AbortSignal.timeout(request.timeoutMs ?? this.#timeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
    const headers: Record<string, string> = { authorization: `Zoho-oauthtoken ${token}` };
    let body: string | FormData | undefined;
    if (request.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(request.json);
    } else if (request.form) {
      body = request.form;
    }
    try {
      const response = await this.#fetch(url, { method: request.method, headers, body, signal });
      const text = await response.text();
      return { status: response.status, body: text ? parseJson(text) : null, headers: response.headers };
    } catch (cause) {
      if (request.signal?.aborted) throw cause;
      const sent = !NOT_SENT_CODES.has(networkErrorCode(cause) ?? '');
      const label = timeout.aborted ? 'timed out' : 'failed';
      const message = `Zoho ${request.method} ${request.path} ${label}`;
      if (createsRecords(request) && sent) throw new AmbiguousError('request_ambiguous', `${message}; it may have been applied`, { cause });
      throw new RetryableError(timeout.aborted ? 'timeout' : 'network_error', message, { cause });
    }
  }
}

/**
 * A POST creates (Calls, Tasks, Notes, Attachments), and Zoho has no idempotency key (reference
 * §2.4): sent twice, it creates twice. GET searches and PUT updates are safe to send again.
 */
function createsRecords(request: ZohoRequest): boolean {
  return request.method === 'POST';
}

/** `headers` are those of the response classified: after a token refresh, the retry's, not the 401's. */
function classify(request: ZohoRequest, response: ZohoResponse & { headers: Headers }): ZohoResponse {
  const { status, body, headers } = response;
  if (status === 429) {
    throw new RetryableError('TOO_MANY_REQUESTS', 'Zoho rate limit', { retryAfterMs: retryAfterMs(headers, body), details: body });
  }
  if (status >= 500) {
    const error = apiErrorSchema.safeParse(body);
    const code = error.success ? error.data.code : 'server_error';
    // A 500 INTERNAL_ERROR is a documented answer to a create (OAS createRecords), and a proxy's 502/504
    // may come after Zoho wrote the record: neither says nothing was created, so search before creating again.
    if (createsRecords(request)) throw new AmbiguousError(code, `Zoho answered ${status} to ${request.method} ${request.path}; it may have been applied`, { details: body });
    throw new RetryableError(code, `Zoho answered ${status}`, { details: body });
  }
  if (status >= 200 && status < 300 && createsRecords(request) && !hasDataArray(body)) {
    // Zoho answers every create with `data[]`; a 2xx without it (a proxy's page, a cut-off body) hides whether it landed.
    throw new AmbiguousError('bad_response', `Unreadable ${status} answer to ${request.method} ${request.path}; it may have been applied`, { details: body });
  }
  if (status === 401) {
    const code = errorCode(body) ?? 'UNAUTHORIZED';
    // A fresh token rejected again is a Zoho hiccup; a missing scope needs the admin.
    if (TOKEN_ERRORS.has(code)) throw new RetryableError(code, 'Zoho rejected a freshly refreshed token', { details: body });
    throw new PermanentError(code, messageOf(body) ?? 'Zoho refused the credentials', detailsOf(body));
  }
  if (status >= 400 && !hasDataArray(body)) {
    throw new PermanentError(errorCode(body) ?? `HTTP_${status}`, messageOf(body) ?? `Zoho answered ${status}`, detailsOf(body));
  }
  return { status, body };
}

function retryAfterMs(headers: Headers, body: unknown): number {
  const header = Number(headers.get('retry-after'));
  if (Number.isFinite(header) && header > 0) return header * 1000;
  const fromBody = apiErrorSchema.safeParse(body);
  const seconds = fromBody.success ? Number(fromBody.data.details?.['retry_after']) : NaN;
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : DEFAULT_RATE_LIMIT_WAIT_MS;
}

function errorCode(body: unknown): string | null {
  const parsed = apiErrorSchema.safeParse(body);
  return parsed.success ? parsed.data.code : null;
}
function messageOf(body: unknown): string | null {
  const parsed = apiErrorSchema.safeParse(body);
  return parsed.success ? (parsed.data.message ?? null) : null;
}
function detailsOf(body: unknown): unknown {
  const parsed = apiErrorSchema.safeParse(body);
  return parsed.success ? parsed.data.details : body;
}
function hasDataArray(body: unknown): boolean {
  return typeof body === 'object' && body !== null && Array.isArray((body as { data?: unknown }).data);
}
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
function networkErrorCode(error: unknown): string | null {
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause;
  return typeof cause?.code === 'string' ? cause.code : null;
}
