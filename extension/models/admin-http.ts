import { z } from 'zod';
import { apiBase } from '@/api/server-url';
import { ApiError, NetworkError } from './api-error';
import type { HttpOptions } from './http';

/** A sentence in both languages, as the server's reports carry it (setup-check findings, previews). */
export const bilingualSchema = z.object({ en: z.string(), ja: z.string() });
export type Bilingual = z.infer<typeof bilingualSchema>;

export type AdminRequest = <T = unknown>(method: string, path: string, body?: unknown) => Promise<T>;

/** A JSON request whose answer's ETag is kept, sending `ifMatch` as If-Match when given. */
export type TaggedRequest = <T = unknown>(method: string, path: string, body?: unknown, ifMatch?: string) => Promise<{ body: T; etag: string | null }>;

export interface AdminHttp {
  json: AdminRequest;
  /** The same, for a document edited with what it was read (`PUT /api/config` answers 412 when it changed meanwhile). */
  tagged: TaggedRequest;
  /** A multipart form (file uploads); the browser sets the boundary. */
  form: <T = unknown>(path: string, form: FormData) => Promise<T>;
}

/** JSON (and multipart) over fetch with the bearer token; non-2xx becomes the contract's ApiError (models/api-error.ts). */
export function createAdminHttp(options: HttpOptions & { language?: () => string }): AdminHttp {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const base = apiBase(options.baseUrl);
  const send = async <T>(method: string, path: string, body: BodyInit | undefined, contentType: string | null, extra: Record<string, string> = {}): Promise<{ body: T; etag: string | null }> => {
    const token = await options.getToken();
    const headers: Record<string, string> = { accept: 'application/json', ...extra };
    if (token) headers.authorization = `Bearer ${token}`;
    if (contentType) headers['content-type'] = contentType;
    const language = options.language?.();
    if (language) headers['accept-language'] = language;
    let response: Response;
    try {
      response = await doFetch(base + path, { method, headers, ...(body === undefined ? {} : { body }) });
    } catch (error) {
      throw new NetworkError(error);
    }
    const text = await response.text();
    const json: unknown = text ? safeJson(text) : undefined;
    if (!response.ok) throw ApiError.fromBody(response.status, json);
    return { body: json as T, etag: response.headers.get('etag') };
  };
  const jsonBody = (body: unknown) => (body === undefined ? undefined : JSON.stringify(body));
  const jsonType = (body: unknown) => (body === undefined ? null : 'application/json');
  return {
    json: async <T>(method: string, path: string, body?: unknown) => (await send<T>(method, path, jsonBody(body), jsonType(body))).body,
    tagged: (method, path, body, ifMatch) => send(method, path, jsonBody(body), jsonType(body), ifMatch ? { 'if-match': ifMatch } : {}),
    form: async <T>(path: string, form: FormData) => (await send<T>('POST', path, form, null)).body,
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
