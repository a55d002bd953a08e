import { z } from 'zod';
import { apiBase } from '@/api/server-url';
import { ApiError, NetworkError } from './api-error';
import type { HttpOptions } from './http';

/** A sentence in both languages, as the server's reports carry it (setup-check findings, previews). */
export const bilingualSchema = z.object({ en: z.string(), ja: z.string() });
export type Bilingual = z.infer<typeof bilingualSchema>;

export type AdminRequest = <T = unknown>(method: string, path: string, body?: unknown) => Promise<T>;

export interface AdminHttp {
  json: AdminRequest;
  /** A multipart form (file uploads); the browser sets the boundary. */
  form: <T = unknown>(path: string, form: FormData) => Promise<T>;
}

/** JSON (and multipart) over fetch with the bearer token; non-2xx becomes the contract's ApiError (models/api-error.ts). */
export function createAdminHttp(options: HttpOptions & { language?: () => string }): AdminHttp {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const base = apiBase(options.baseUrl);
  const send = async <T>(method: string, path: string, body: BodyInit | undefined, contentType: string | null): Promise<T> => {
    const token = await options.getToken();
    const headers: Record<string, string> = { accept: 'application/json' };
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
    return json as T;
  };
  return {
    json: (method, path, body) => send(method, path, body === undefined ? undefined : JSON.stringify(body), body === undefined ? null : 'application/json'),
    form: (path, form) => send('POST', path, form, null),
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
