import { describe, expect, it } from 'vitest';
import { createAdminApi } from '@/models/admin-api';
import { ApiError, NetworkError } from '@/models/api-error';

function recordingFetch(status: number, body: unknown) {
  const requests: { url: string; method: string; auth: string | null; body: unknown }[] = [];
  const fetch = (async (url: string, init: RequestInit) => {
    const headers = init.headers as Record<string, string>;
    requests.push({ url, method: init.method ?? 'GET', auth: headers.authorization ?? null, body: init.body ? JSON.parse(String(init.body)) : undefined });
    return new Response(body === undefined ? null : JSON.stringify(body), { status });
  }) as unknown as typeof globalThis.fetch;
  return { fetch, requests };
}

describe('the admin API client', () => {
  it('sends the bearer token and the number in the path', async () => {
    const server = recordingFetch(200, { number: '+81312345678', label: '代表' });
    const api = createAdminApi({ baseUrl: 'https://phone.example.jp/', getToken: () => 'tok', fetch: server.fetch });
    await api.saveIncoming({ number: '+81312345678', label: '代表' } as never);
    expect(server.requests).toEqual([
      { url: 'https://phone.example.jp/api/incoming/%2B81312345678', method: 'PUT', auth: 'Bearer tok', body: { label: '代表' } },
    ]);
  });

  it('turns a 400 into field issues', async () => {
    const server = recordingFetch(400, {
      error: { code: 'invalid_config', message: 'bad', issues: [{ path: 'route.menu[1].label', message: 'every item needs a label' }] },
    });
    const api = createAdminApi({ baseUrl: 'https://phone.example.jp', getToken: () => 'tok', fetch: server.fetch });
    const error = await api.putConfig({}).catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).issues).toEqual([{ path: 'route.menu[1].label', message: 'every item needs a label' }]);
  });

  it('says the server is unreachable when fetch fails', async () => {
    const api = createAdminApi({ baseUrl: 'https://phone.example.jp', getToken: () => null, fetch: (() => Promise.reject(new TypeError('Failed to fetch'))) as never });
    await expect(api.listUsers()).rejects.toBeInstanceOf(NetworkError);
  });

  it('builds call log filters into the query', async () => {
    const server = recordingFetch(200, { calls: [], nextCursor: null });
    const api = createAdminApi({ baseUrl: 'https://phone.example.jp', getToken: () => 'tok', fetch: server.fetch });
    await api.listCalls({ direction: 'inbound', status: 'missed', cursor: 'c2' });
    expect(server.requests[0]?.url).toBe('https://phone.example.jp/api/calls?direction=inbound&status=missed&cursor=c2');
  });
});
