import { apiBase } from '@/api/server-url';
import { ApiError, NetworkError } from './api-error';

export interface HttpOptions {
  /** The server URL from the options page, e.g. `https://phone.example.co.jp`. */
  baseUrl: string;
  /** The session token (kept by the core in storage.session / memory); null when signed out. */
  getToken: () => string | null | Promise<string | null>;
  fetch?: typeof fetch;
}

export type Http = <T = unknown>(method: string, path: string, body?: unknown) => Promise<T>;

/** JSON over fetch with the bearer token; non-2xx becomes an ApiError, a rejected fetch a NetworkError. */
export function createHttp(options: HttpOptions): Http {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const base = apiBase(options.baseUrl);
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const token = await options.getToken();
    const headers: Record<string, string> = { accept: 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await doFetch(base + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      throw new NetworkError(error);
    }
    const text = await response.text();
    const json: unknown = text ? safeJson(text) : undefined;
    if (!response.ok) throw ApiError.fromBody(response.status, json);
    return json as T;
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
