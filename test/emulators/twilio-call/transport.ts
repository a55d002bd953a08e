// Signed webhook requests, as Twilio sends them (reference §1), and the checks Twilio applies to
// the TwiML that comes back (reference §3.5).

import twilio from 'twilio';
import type { Params } from './call-parameters.ts';
import { parseTwiml, TwimlError } from './twiml.ts';
import type { HttpMethod, Verb } from './twiml.ts';
import type { HttpExchange, RequestOptions } from './types.ts';

/** `app.request` of a Hono app answers synchronously or not; the global `fetch` always returns a promise. */
export type Fetch = (request: Request) => Response | Promise<Response>;

const MAX_TWIML_BYTES = 64 * 1024;
const RESPONSE_TIMEOUT_MS = 15_000;
const TWIML_CONTENT_TYPES = ['text/xml', 'application/xml', 'text/html'];
const WRONG_AUTH_TOKEN = '0123456789abcdef0123456789abcdef';

export interface TransportConfig {
  readonly fetch: Fetch;
  readonly publicUrl: string;
  readonly authToken: string;
}

export interface SentRequest {
  readonly exchange: HttpExchange;
  readonly response: Response | null;
  readonly failure: TwimlError | null;
}

let idempotencyCounter = 0;

/** Sends one webhook. A GET carries the parameters in the query string (and signs the URL alone). */
export async function sendWebhook(
  config: TransportConfig,
  target: { url: string; method: HttpMethod; params: Params },
  options: RequestOptions = {},
  idempotencyToken = `emulator-${++idempotencyCounter}`,
): Promise<SentRequest> {
  const params = { ...target.params };
  const url = target.method === 'GET' ? withQuery(target.url, params) : target.url;
  const signedParams = target.method === 'GET' ? {} : params;
  const signedUrl = options.signWithPort ? withDefaultPort(url) : url;
  const token = options.signature === 'wrong-token' ? WRONG_AUTH_TOKEN : config.authToken;
  const signature = twilio.getExpectedTwilioSignature(token, signedUrl, signedParams);

  const body = { ...signedParams };
  if (options.signature === 'tampered') tamper(body);

  const headers = new Headers({
    Accept: '*/*',
    'User-Agent': 'TwilioProxy/1.1',
    'I-Twilio-Idempotency-Token': idempotencyToken,
  });
  if (options.signature !== 'unsigned') headers.set('X-Twilio-Signature', signature);
  const init: RequestInit = { method: target.method, headers };
  if (target.method === 'POST') {
    headers.set('Content-Type', 'application/x-www-form-urlencoded');
    init.body = new URLSearchParams(body).toString();
  }

  const exchange = (status: number | null): HttpExchange => ({
    method: target.method,
    url: target.url,
    path: relativePath(config.publicUrl, target.url),
    params: target.method === 'GET' ? params : body,
    status,
  });

  let response: Response;
  try {
    response = await withTimeout((async () => config.fetch(new Request(url, init)))(), RESPONSE_TIMEOUT_MS);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { exchange: exchange(null), response: null, failure: new TwimlError(11205, `HTTP connection failure: ${reason}`) };
  }
  const failure = response.ok ? null : new TwimlError(11200, `HTTP retrieval failure: status ${response.status}`);
  return { exchange: exchange(response.status), response, failure };
}

/** Reads a TwiML response the way Twilio does; any problem becomes the TwimlError Twilio would log. */
export async function readTwiml(response: Response): Promise<Verb[]> {
  const contentType = (response.headers.get('Content-Type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.byteLength > MAX_TWIML_BYTES) throw new TwimlError(11750, `TwiML response is ${bytes.byteLength} bytes; the limit is 64 kB`);
  if (!TWIML_CONTENT_TYPES.includes(contentType)) throw new TwimlError(12300, `Invalid Content-Type "${contentType}"`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new TwimlError(12100, 'Document parse failure: the body is not UTF-8');
  }
  return parseTwiml(text);
}

export function relativePath(publicUrl: string, url: string): string {
  const parsed = new URL(url);
  const base = new URL(publicUrl);
  const path = parsed.pathname + parsed.search;
  return parsed.origin === base.origin ? path : parsed.href;
}

function withQuery(url: string, params: Params): string {
  const parsed = new URL(url);
  for (const [key, value] of Object.entries(params)) parsed.searchParams.append(key, value);
  return parsed.href;
}

/** `https://host/path` → `https://host:443/path` (one of the variants Twilio signs; reference §1.3). */
export function withDefaultPort(url: string): string {
  const parsed = new URL(url);
  if (parsed.port !== '') return url;
  const port = parsed.protocol === 'https:' ? '443' : '80';
  return url.replace(`${parsed.protocol}//${parsed.host}`, `${parsed.protocol}//${parsed.host}:${port}`);
}

/** Alters the body after signing, the way an attacker replaying a captured request would. */
function tamper(body: Params): void {
  if (body.To !== undefined) body.To = `${body.To}9`;
  else if (body.Digits !== undefined) body.Digits = `${body.Digits}9`;
  else body.Tampered = 'true';
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no response within ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
