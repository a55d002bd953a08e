import { z } from 'zod';
import { ApiError, NetworkError } from './api-error';
import type { HttpOptions } from './http';

/** A sentence in both languages, as the server's Twilio and provisioning errors carry it. */
export const bilingualSchema = z.object({ en: z.string(), ja: z.string() });
export type Bilingual = z.infer<typeof bilingualSchema>;

const bilingualBodySchema = z.object({
  error: z.looseObject({ code: z.string(), messages: bilingualSchema.optional() }),
});

/**
 * An admin API error that keeps the server's sentence in both languages (`messages`) and its
 * details (e.g. `usedBy` of a 409 number_in_use), so the page can show it in its own language.
 */
export class AdminApiError extends ApiError {
  readonly messages: Bilingual | null;
  readonly details: Record<string, unknown>;
  constructor(base: ApiError, messages: Bilingual | null, details: Record<string, unknown>) {
    super(base.status, base.code, base.message, base.issues);
    this.name = 'AdminApiError';
    this.messages = messages;
    this.details = details;
  }
}

/** The error's text in the page language: the server's sentence when it gave both, else its message. */
export function localMessage(failure: unknown, language: 'en' | 'ja'): string {
  if (failure instanceof AdminApiError && failure.messages) return failure.messages[language];
  return failure instanceof Error ? failure.message : String(failure);
}

export type AdminRequest = <T = unknown>(method: string, path: string, body?: unknown) => Promise<T>;

export interface AdminHttp {
  json: AdminRequest;
  /** A multipart form (file uploads); the browser sets the boundary. */
  form: <T = unknown>(path: string, form: FormData) => Promise<T>;
}

/** JSON (and multipart) over fetch with the bearer token; non-2xx becomes an AdminApiError. */
export function createAdminHttp(options: HttpOptions & { language?: () => string }): AdminHttp {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const base = options.baseUrl.replace(/\/+$/, '');
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
    if (!response.ok) throw adminError(response.status, json);
    return json as T;
  };
  return {
    json: (method, path, body) => send(method, path, body === undefined ? undefined : JSON.stringify(body), body === undefined ? null : 'application/json'),
    form: (path, form) => send('POST', path, form, null),
  };
}

function adminError(status: number, body: unknown): AdminApiError {
  const base = ApiError.fromBody(status, body);
  const parsed = bilingualBodySchema.safeParse(body);
  if (!parsed.success) return new AdminApiError(base, null, {});
  const { code: _code, message: _message, messages, issues: _issues, ...details } = parsed.data.error;
  return new AdminApiError(base, messages ?? null, details);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
