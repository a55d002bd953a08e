import type { z } from 'zod';
import type { ParamValues } from '../../contract/api-errors.ts';
import { apiBase } from './server-url';
import {
  apiErrorSchema,
  callCardResponseSchema,
  callListResponseSchema,
  callLogEntrySchema,
  inviteLookupSchema,
  keptNoteSchema,
  loginResponseSchema,
  meResponseSchema,
  presenceResponseSchema,
  tokenResponseSchema,
} from './schemas';
import { actionRequest, type CallAction } from '@/call-control/call-actions';
import { colleagueListSchema, liveCallListSchema, liveCallSchema } from '@/call-control/live-call';

/**
 * Why a server call failed, so the UI can say what to do:
 * unreachable (network, DNS, TLS, CORS), unauthorized (401: sign in again), forbidden (403: wrong role),
 * rate_limited (429), not_configured (409 twilio_not_configured), invalid_response, http (anything else).
 */
export type ApiErrorKind =
  | 'unreachable'
  | 'unauthorized'
  | 'forbidden'
  | 'rate_limited'
  | 'not_configured'
  | 'invalid_response'
  | 'http';

export class ApiError extends Error {
  readonly kind: ApiErrorKind;
  readonly status: number | null;
  /** The error contract's code (contract/api-errors.ts) when the server sent one. */
  readonly code: string | null;
  /** The params the code's sentence needs (extension/locales/api-error-text.ts words it). */
  readonly params: ParamValues | undefined;
  constructor(kind: ApiErrorKind, message: string, status: number | null = null, code: string | null = null, params?: ParamValues) {
    super(message);
    this.name = 'ApiError';
    this.kind = kind;
    this.status = status;
    this.code = code;
    this.params = params;
  }
}

export interface ApiClientOptions {
  serverUrl: string;
  token?: string | null;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/** `GET /api/calls` filters, as the server names them (server/routes/calls.ts). */
export interface CallListQuery {
  direction?: 'inbound' | 'outbound';
  status?: 'in-progress' | 'completed' | 'missed' | 'voicemail' | 'busy' | 'failed' | 'canceled';
  number?: string;
  cursor?: string;
  limit?: number;
}

export function createApiClient({ serverUrl, token = null, fetch: fetchImpl = fetch, timeoutMs = 10_000 }: ApiClientOptions) {
  const base = apiBase(serverUrl);

  async function request<T extends z.ZodType>(method: string, path: string, schema: T | null, body?: unknown) {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetchImpl(`${base}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
        credentials: 'omit',
      });
    } catch (cause) {
      throw new ApiError('unreachable', `Cannot reach ${base}: ${cause instanceof Error ? cause.message : cause}`);
    }
    if (!response.ok) throw await errorFrom(response);
    if (!schema) return null as z.infer<T>;
    const json: unknown = await response.json().catch(() => undefined);
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new ApiError('invalid_response', `Unexpected answer from ${method} ${path}`, response.status);
    }
    return parsed.data as z.infer<T>;
  }

  return {
    login: (email: string, password: string) =>
      request('POST', '/api/auth/login', loginResponseSchema, { email, password }),
    logout: () => request('POST', '/api/auth/logout', null),
    /** Public: who an invitation link is for, or why it no longer works (invite_expired, invite_used…). */
    lookupInvite: (token: string) => request('POST', '/api/invites/lookup', inviteLookupSchema, { token }),
    /** Public: the rep's new password (or their existing one) for the invitation; answers like login. */
    acceptInvite: (token: string, password: string, name?: string) =>
      request('POST', '/api/invites/accept', loginResponseSchema, { token, password, ...(name ? { name } : {}) }),
    me: () => request('GET', '/api/me', meResponseSchema),
    setPresence: (available: boolean) => request('POST', '/api/presence', presenceResponseSchema, { available }),
    token: () => request('POST', '/api/token', tokenResponseSchema),
    listCalls: (query: CallListQuery = {}) => {
      const search = new URLSearchParams();
      for (const [key, value] of Object.entries(query)) if (value !== undefined) search.set(key, String(value));
      const qs = search.size ? `?${search}` : '';
      return request('GET', `/api/calls${qs}`, callListResponseSchema);
    },
    /** One call of the log as the user may see it: its owner (`rep`), note and disposition among the rest. */
    callLogEntry: (sid: string) => request('GET', `/api/calls/${encodeURIComponent(sid)}`, callLogEntrySchema),
    /** The rep's note and disposition (`won`, `call-back`, `no-answer`, `done`, `other`, as the UI offers them). */
    patchCall: (sid: string, patch: { note?: string; disposition?: string }) =>
      request('PATCH', `/api/calls/${encodeURIComponent(sid)}`, callLogEntrySchema, patch),
    /** The rep's words kept in the call's history as theirs, on a call someone else finishes (a supervisor took it over). */
    keepCallNote: (sid: string, note: string) => request('POST', `/api/calls/${encodeURIComponent(sid)}/notes`, keptNoteSchema, { note }),
    /** The CRM match of a call ringing for the rep or talked on (a lookup that outlived the ring's budget). */
    callCard: (sid: string) => request('GET', `/api/calls/${encodeURIComponent(sid)}/card`, callCardResponseSchema),
    /** A call in its conference room: who is on it, hold, a transfer on its way (call-control/live-call.ts). */
    liveCall: (sid: string) => request('GET', `/api/calls/${encodeURIComponent(sid)}/live`, liveCallSchema),
    /** Supervisors and admins: every live call; reps: their own. */
    liveCalls: () => request('GET', '/api/calls/live', liveCallListSchema),
    /** Hold, resume, transfer, add, leave, monitor…: answers the call as it stands. */
    controlCall: (sid: string, action: CallAction) => {
      const { method, path, body } = actionRequest(sid, action);
      return request(method, path, liveCallSchema, body);
    },
    /** Colleagues to transfer to or add, online and free first; `q` searches names (kana-insensitive), ids, e-mail. */
    colleagues: (q = '') => request('GET', `/api/colleagues${q ? `?${new URLSearchParams({ q })}` : ''}`, colleagueListSchema),
  };
}
export type ApiClient = ReturnType<typeof createApiClient>;

async function errorFrom(response: Response): Promise<ApiError> {
  const body = apiErrorSchema.safeParse(await response.json().catch(() => undefined));
  const code = body.success ? body.data.error.code : null;
  const params = body.success ? body.data.error.params : undefined;
  const message = body.success ? body.data.error.message : `HTTP ${response.status}`;
  const kind: ApiErrorKind =
    response.status === 401
      ? 'unauthorized'
      : response.status === 403
        ? 'forbidden'
        : response.status === 429
          ? 'rate_limited'
          : code === 'twilio_not_configured'
            ? 'not_configured'
            : response.status >= 502 && response.status <= 504
              ? 'unreachable'
              : 'http';
  return new ApiError(kind, message, response.status, code, params);
}
