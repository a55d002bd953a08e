import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient.js';
import { UnexpectedTwilioReplyError } from './errors.ts';

export type TwilioClient = twilio.Twilio;

export const TWILIO_DEFAULT_API_URL = 'https://api.twilio.com';

/**
 * The library's HTTP client, refusing a success that is no JSON object: every Twilio JSON API answers
 * one with an object, or nothing (204). `null`, a list, a number or a bare string (a web page) comes
 * from something else answering in Twilio's place, and would otherwise fail deep inside the library
 * (a TypeError reading `sid` of null) as a bug of ours: it becomes an UnexpectedTwilioReplyError.
 */
export class CheckedRequestClient extends twilio.RequestClient {
  override async request<TData>(options: RequestClient.RequestOptions<TData>) {
    const response = await super.request<TData>(options);
    checkReplyIsObject(response, `${options.method.toUpperCase()} ${URL.parse(options.uri)?.pathname ?? ''}`);
    return response;
  }
}

function checkReplyIsObject(response: { statusCode: number; body: unknown }, what: string): void {
  const { statusCode, body } = response;
  if (statusCode < 200 || statusCode >= 300 || body === undefined || body === '') return;
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) return;
  const kind = body === null ? 'null' : Array.isArray(body) ? 'a list' : typeof body === 'string' ? 'text, not JSON' : typeof body;
  throw new UnexpectedTwilioReplyError(what, [`the reply is ${kind}, not an object`]);
}

/**
 * Sends every request of the twilio library to `apiBaseUrl` instead of `https://api.twilio.com`.
 *
 * Why an http client and not `client.api.baseUrl = …`: the library builds absolute URLs in several
 * places (each domain's `absoluteUrl`, and `Page.nextPageUrl` from Twilio's `next_page_uri`), and
 * `BaseTwilio.request` hands every one of them to `httpClient.request({ uri })`. Rewriting the origin
 * there covers all domains and paging without touching the library's cached domain objects.
 */
export class RebasedRequestClient extends CheckedRequestClient {
  readonly apiOrigin: URL;

  constructor(apiBaseUrl: string, options?: ConstructorParameters<typeof twilio.RequestClient>[0]) {
    super(options);
    this.apiOrigin = new URL(apiBaseUrl);
  }

  override request<TData>(options: RequestClient.RequestOptions<TData>) {
    return super.request<TData>({ ...options, uri: rebaseTwilioUrl(options.uri, this.apiOrigin) });
  }
}

/** `https://api.twilio.com/2010-04-01/…` → `<base>/2010-04-01/…`; a base with a path prefix keeps it. */
export function rebaseTwilioUrl(uri: string, apiOrigin: URL): string {
  const url = new URL(uri);
  // Only the REST API host (the 2010 API we provision with); other Twilio hosts stay untouched.
  if (!/^api(\.[a-z0-9-]+)*\.twilio\.com$/.test(url.hostname)) return uri;
  const prefix = apiOrigin.pathname.replace(/\/+$/, '');
  return `${apiOrigin.origin}${prefix}${url.pathname}${url.search}`;
}

export type TwilioClientOptions = {
  accountSid: string;
  authToken: string;
  /** `TWILIO_API_URL`; defaults to Twilio's own API. */
  apiBaseUrl?: string;
  /** Tests pass a subclass of `RebasedRequestClient` to observe the exchanges. */
  httpClient?: RebasedRequestClient;
  timeoutMs?: number;
};

export function createTwilioClient({
  accountSid,
  authToken,
  apiBaseUrl = TWILIO_DEFAULT_API_URL,
  httpClient,
  timeoutMs = 15_000,
}: TwilioClientOptions): TwilioClient {
  const usesTwilio = new URL(apiBaseUrl).origin === TWILIO_DEFAULT_API_URL;
  return twilio(accountSid, authToken, {
    // env: {} keeps TWILIO_EDGE / TWILIO_REGION etc. of the process out of the picture: config is explicit.
    env: {},
    httpClient: httpClient ?? (usesTwilio ? new CheckedRequestClient({ timeout: timeoutMs }) : new RebasedRequestClient(apiBaseUrl, { timeout: timeoutMs })),
  });
}
