import { ApiError } from './client';
import { followUpListSchema, followUpSchema, waitingLineSchema, type FollowUp, type WaitingLine } from './follow-up-schemas';

/**
 * The "to call back" list, the waiting line and voicemails, for the background (which holds the
 * session token). Kept beside api/client.ts rather than in it: one feature, one file.
 */
export interface FollowUpsApi {
  list(): Promise<FollowUp[]>;
  complete(id: string): Promise<FollowUp>;
  waitingLine(): Promise<WaitingLine>;
  /** The voicemail's audio, streamed by our server from Twilio. */
  recording(id: string): Promise<Blob>;
}

export function createFollowUpsApi({ serverUrl, token, fetch: fetchImpl = fetch, timeoutMs = 10_000 }: { serverUrl: string; token: string; fetch?: typeof fetch; timeoutMs?: number }): FollowUpsApi {
  const base = serverUrl.replace(/\/+$/, '');
  async function send(method: string, path: string): Promise<Response> {
    let response: Response;
    try {
      response = await fetchImpl(`${base}${path}`, {
        method,
        headers: { accept: 'application/json, audio/*', authorization: `Bearer ${token}` },
        signal: AbortSignal.timeout(timeoutMs),
        credentials: 'omit',
      });
    } catch (cause) {
      throw new ApiError('unreachable', `Cannot reach ${base}: ${cause instanceof Error ? cause.message : cause}`);
    }
    if (!response.ok) {
      const body = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
      const kind = response.status === 401 ? 'unauthorized' : response.status === 403 ? 'forbidden' : 'http';
      throw new ApiError(kind, body?.error?.message ?? `HTTP ${response.status}`, response.status, body?.error?.code ?? null);
    }
    return response;
  }
  const json = async <T>(schema: { parse(value: unknown): T }, method: string, path: string) => schema.parse(await (await send(method, path)).json());
  return {
    list: async () => (await json(followUpListSchema, 'GET', '/api/follow-ups')).followUps,
    complete: (id) => json(followUpSchema, 'POST', `/api/follow-ups/${encodeURIComponent(id)}/done`),
    waitingLine: () => json(waitingLineSchema, 'GET', '/api/waiting-line'),
    recording: async (id) => (await send('GET', `/api/follow-ups/${encodeURIComponent(id)}/recording`)).blob(),
  };
}
