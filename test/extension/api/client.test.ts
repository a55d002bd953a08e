import { describe, expect, it } from 'vitest';
import { ApiError, createApiClient } from '@/api/client';

type Handler = (request: Request) => Response | Promise<Response>;
function serverAnswering(handler: Handler) {
  const requests: Request[] = [];
  const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    requests.push(request);
    return handler(request);
  }) as typeof fetch;
  return { fetchImpl, requests };
}
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('server API client', () => {
  it('signs in and sends the bearer token afterwards', async () => {
    const { fetchImpl, requests } = serverAnswering((request) =>
      request.url.endsWith('/api/auth/login')
        ? json(200, { token: 'sess_1', user: { id: 'u1', name: '佐藤', email: 'sato@example.jp', role: 'rep' } })
        : json(200, { token: 'eyJ.twilio', identity: 'rep_u1', ttl: 3600 }),
    );
    const login = await createApiClient({ serverUrl: 'https://yb.example.jp/', fetch: fetchImpl }).login('sato@example.jp', 'pw');
    expect(login.user.name).toBe('佐藤');
    const token = await createApiClient({ serverUrl: 'https://yb.example.jp', token: login.token, fetch: fetchImpl }).token();
    expect(token).toMatchObject({ identity: 'rep_u1', ttl: 3600 });
    expect(requests.map((r) => `${r.method} ${r.url} ${r.headers.get('authorization')}`)).toEqual([
      'POST https://yb.example.jp/api/auth/login null',
      'POST https://yb.example.jp/api/token Bearer sess_1',
    ]);
    expect(await requests[0]?.json()).toEqual({ email: 'sato@example.jp', password: 'pw' });
  });

  it.each<[string, () => Response | Promise<Response>, string]>([
    ['network failure', () => Promise.reject(new TypeError('Failed to fetch')), 'unreachable'],
    ['proxy in front of a dead server', () => new Response('Bad gateway', { status: 502 }), 'unreachable'],
    ['expired session', () => json(401, { error: { code: 'unauthorized', message: 'Sign in again' } }), 'unauthorized'],
    ['an admin-only route', () => json(403, { error: { code: 'forbidden', message: 'Admins only' } }), 'forbidden'],
    ['too many sign-in attempts', () => json(429, { error: { code: 'rate_limited', message: 'Slow down' } }), 'rate_limited'],
    ['Twilio not set up yet', () => json(409, { error: { code: 'twilio_not_configured', message: 'Ask an admin' } }), 'not_configured'],
    ['a reply of the wrong shape', () => json(200, { token: 42 }), 'invalid_response'],
  ])('tells %s apart', async (_name, answer, kind) => {
    const { fetchImpl } = serverAnswering(answer);
    const error = await createApiClient({ serverUrl: 'https://yb.example.jp', token: 't', fetch: fetchImpl }).token().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).kind).toBe(kind);
  });

  it('lists calls with a query and patches a note and disposition', async () => {
    // server/store/calls-query.ts CallLogEntry
    const missed = {
      callSid: 'CA1', direction: 'inbound', from: null, fromAnonymous: true, to: '+81501234567', numberCalled: '+81501234567',
      numberLabel: '代表', ivrPath: ['営業'], status: 'missed', reason: null, rep: null, rang: ['rep_1'],
      startedAt: '2025-01-10T01:00:00.000Z', answeredAt: null, endedAt: '2025-01-10T01:00:30.000Z', durationSeconds: null,
      legs: [], recordings: [], crmRecord: null, note: null, disposition: null,
    };
    const { fetchImpl, requests } = serverAnswering((request) =>
      request.method === 'GET'
        ? json(200, { calls: [missed], nextCursor: null })
        : json(200, { ...missed, note: '折り返し', disposition: 'call-back' }),
    );
    const api = createApiClient({ serverUrl: 'https://yb.example.jp', token: 't', fetch: fetchImpl });
    expect((await api.listCalls({ limit: 20, direction: 'inbound' })).calls).toMatchObject([{ callSid: 'CA1', fromAnonymous: true }]);
    expect(await api.patchCall('CA1', { note: '折り返し', disposition: 'call-back' })).toMatchObject({
      note: '折り返し',
      disposition: 'call-back',
    });
    expect(requests.map((r) => `${r.method} ${new URL(r.url).pathname}${new URL(r.url).search}`)).toEqual([
      'GET /api/calls?limit=20&direction=inbound',
      'PATCH /api/calls/CA1',
    ]);
  });

  it('refuses a call log entry without the server’s CallSid', async () => {
    const { fetchImpl } = serverAnswering(() => json(200, { calls: [{ sid: 'CA1', direction: 'incoming', status: 'missed' }], nextCursor: null }));
    const api = createApiClient({ serverUrl: 'https://yb.example.jp', token: 't', fetch: fetchImpl });
    await expect(api.listCalls()).rejects.toMatchObject({ kind: 'invalid_response' });
  });
});
