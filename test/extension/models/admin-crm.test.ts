import { describe, expect, it } from 'vitest';
import { createAdminApi } from '@/models/admin-api';
import { ApiError } from '@/models/api-error';

/** Answers each request with the next queued response; records what was sent. */
function scriptedServer(...responses: { status: number; body?: unknown }[]) {
  const requests: { url: string; method: string; body: unknown }[] = [];
  const fetch = (async (url: string, init: RequestInit) => {
    requests.push({ url, method: init.method ?? 'GET', body: init.body ? JSON.parse(String(init.body)) : undefined });
    const next = responses.shift() ?? { status: 500 };
    return new Response(next.body === undefined ? null : JSON.stringify(next.body), { status: next.status });
  }) as unknown as typeof globalThis.fetch;
  const api = createAdminApi({ baseUrl: 'https://phone.example.jp', getToken: () => 'tok', fetch });
  return { api, requests };
}

const STATUS = {
  connected: true,
  provider: 'zoho',
  dataCentre: 'JP',
  apiDomain: 'https://www.zohoapis.jp',
  org: { id: '90000001', name: '株式会社よびだし', timeZone: 'Asia/Tokyo' },
  user: { id: '1', name: '佐藤', email: 'sato@example.jp' },
  connectedAt: '2026-11-24T03:00:00.000Z',
  selfClient: true,
  problem: null,
  serverClient: false,
  outbox: { pending: 0, parked: 2 },
  settings: { deleteRecordingsAfterUpload: true },
};
const ENTRY = {
  id: '7', callSid: 'CA1', kind: 'log-call', status: 'parked', attempts: 12, lastError: 'INVALID_DATA', nextAttemptAt: '2026-11-24T03:00:00.000Z',
  createdAt: '2026-11-24T03:00:00.000Z', updatedAt: '2026-11-24T03:10:00.000Z',
};

describe('the admin API client: CRM', () => {
  it('reads the connection status with its settings, and a status without a connection', async () => {
    const { api, requests } = scriptedServer(
      { status: 200, body: STATUS },
      { status: 200, body: { connected: false, serverClient: true, outbox: { pending: 3, parked: 0 }, settings: { deleteRecordingsAfterUpload: false } } },
    );
    expect(await api.getCrm()).toMatchObject({ connected: true, dataCentre: 'JP', settings: { deleteRecordingsAfterUpload: true } });
    expect(await api.getCrm()).toMatchObject({ connected: false, outbox: { pending: 3 } });
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual(['GET https://phone.example.jp/api/crm', 'GET https://phone.example.jp/api/crm']);
  });

  it.each([
    ['connectZoho', (api: ReturnType<typeof createAdminApi>) => api.connectZoho({ dataCentre: 'EU', code: 'c', clientId: 'i', clientSecret: 's' }), STATUS, 'POST', '/api/crm/zoho/connect', { dataCentre: 'EU', code: 'c', clientId: 'i', clientSecret: 's' }],
    ['zohoAuthorizeUrl', (api: ReturnType<typeof createAdminApi>) => api.zohoAuthorizeUrl('CA'), { url: 'https://accounts.zohocloud.ca/oauth/v2/auth?x=1', redirectUri: 'https://p/cb' }, 'GET', '/api/crm/zoho/authorize?dataCentre=CA', undefined],
    ['syncCrmUsers', (api: ReturnType<typeof createAdminApi>) => api.syncCrmUsers(), { matched: [], unmatched: [], crmUsers: [] }, 'POST', '/api/crm/users/sync', undefined],
    ['listParkedDeliveries', (api: ReturnType<typeof createAdminApi>) => api.listParkedDeliveries(), { entries: [ENTRY] }, 'GET', '/api/crm/outbox?status=parked', undefined],
    ['retryDelivery', (api: ReturnType<typeof createAdminApi>) => api.retryDelivery('7'), { ...ENTRY, status: 'pending' }, 'POST', '/api/crm/outbox/7/retry', undefined],
    ['retryParkedDeliveries', (api: ReturnType<typeof createAdminApi>) => api.retryParkedDeliveries(), { requeued: 2 }, 'POST', '/api/crm/outbox/retry-parked', undefined],
    ['saveCrmSettings', (api: ReturnType<typeof createAdminApi>) => api.saveCrmSettings({ deleteRecordingsAfterUpload: true }), { deleteRecordingsAfterUpload: true }, 'PUT', '/api/crm/settings', { deleteRecordingsAfterUpload: true }],
  ] as const)('%s sends the method, path and body the server mounts', async (_name, send, answer, method, path, body) => {
    const { api, requests } = scriptedServer({ status: 200, body: answer });
    await send(api);
    expect(requests).toEqual([{ url: `https://phone.example.jp${path}`, method, body }]);
  });

  it('returns what the calls give back', async () => {
    const { api } = scriptedServer(
      { status: 200, body: { url: 'https://accounts.zoho.jp/oauth/v2/auth?x=1', redirectUri: 'https://p/cb' } },
      { status: 200, body: { requeued: 2 } },
      { status: 200, body: { entries: [ENTRY] } },
    );
    expect(await api.zohoAuthorizeUrl('JP')).toBe('https://accounts.zoho.jp/oauth/v2/auth?x=1');
    expect(await api.retryParkedDeliveries()).toBe(2);
    expect(await api.listParkedDeliveries()).toMatchObject([{ id: '7', kind: 'log-call', attempts: 12, lastError: 'INVALID_DATA' }]);
  });

  it('disconnects with a DELETE answered 204', async () => {
    const { api, requests } = scriptedServer({ status: 204 });
    await expect(api.disconnectCrm()).resolves.toBeUndefined();
    expect(requests).toEqual([{ url: 'https://phone.example.jp/api/crm', method: 'DELETE', body: undefined }]);
  });

  it('keeps Zoho’s refusal code for the form', async () => {
    const { api } = scriptedServer({ status: 400, body: { error: { code: 'zoho_invalid_code', message: 'The grant code is invalid' } } });
    const error = await api.connectZoho({ dataCentre: 'JP', code: 'old' }).catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('zoho_invalid_code');
  });

  it('refuses a status naming a data centre Zoho does not have', async () => {
    const { api } = scriptedServer({ status: 200, body: { ...STATUS, dataCentre: 'XX' } });
    await expect(api.getCrm()).rejects.toThrow();
  });
});
