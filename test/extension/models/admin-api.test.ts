import { describe, expect, it } from 'vitest';
import { createAdminApi, type AdminApi } from '@/models/admin-api';
import { ApiError, errorText, fieldErrorsUnder, NetworkError } from '@/models/api-error';

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

  it('turns a 400 into field issues with their codes', async () => {
    const server = recordingFetch(400, {
      error: { code: 'invalid_config', message: 'bad', issues: [{ path: 'route.menu[1].label', code: 'label_missing', message: 'every item needs a label' }] },
    });
    const api = createAdminApi({ baseUrl: 'https://phone.example.jp', getToken: () => 'tok', fetch: server.fetch });
    const error = await api.putConfig({}).catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).issues).toEqual([{ path: 'route.menu[1].label', code: 'label_missing', message: 'every item needs a label' }]);
    expect(fieldErrorsUnder((error as ApiError).issues, '', 'ja')).toEqual(new Map([['route.menu[1].label', 'すべての項目にラベルが必要です。']]));
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

const ACCOUNT_VIEW = {
  configured: true, accountSid: `AC${'1'.repeat(32)}`, friendlyName: 'Yobidashi', status: 'active', type: 'Full',
  authToken: '••••abcd', apiKeySid: null, twimlAppSid: null,
};

describe('the admin API client against the server’s routes', () => {
  const PN = `PN${'a'.repeat(32)}`;
  it.each([
    ['getTwilio', (api: AdminApi) => api.getTwilio(), 'GET', '/api/twilio/account', undefined, ACCOUNT_VIEW],
    ['connectTwilio', (api: AdminApi) => api.connectTwilio({ accountSid: 'AC1', authToken: 't' }), 'PUT', '/api/twilio/account', { accountSid: 'AC1', authToken: 't' }, ACCOUNT_VIEW],
    ['listOwnedNumbers', (api: AdminApi) => api.listOwnedNumbers(), 'GET', '/api/twilio/numbers', undefined, { numbers: [] }],
    ['connectNumber', (api: AdminApi) => api.connectNumber(PN, true), 'POST', `/api/twilio/numbers/${PN}/connect`, { confirm: true }, { number: { sid: PN, phoneNumber: '+1', friendlyName: '', inUseElsewhere: false, usedBy: null }, tookOverFrom: null }],
    ['disconnectNumber', (api: AdminApi) => api.disconnectNumber(PN), 'POST', `/api/twilio/numbers/${PN}/disconnect`, {}, { status: 'restored' }],
    ['getSetupCheck', (api: AdminApi) => api.getSetupCheck(), 'GET', '/api/twilio/setup-check', undefined, { ok: true, findings: [], reps: [] }],
    ['fixSetupProblem', (api: AdminApi) => api.fixSetupProblem('twiml-app'), 'POST', '/api/twilio/setup-check/fix', { id: 'twiml-app' }, { ok: true, findings: [], reps: [] }],
    ['listAudio', (api: AdminApi) => api.listAudio(), 'GET', '/api/audio', undefined, { files: [] }],
    ['deleteAudio', (api: AdminApi) => api.deleteAudio('abc'), 'DELETE', '/api/audio/abc', undefined, undefined],
    ['preview', (api: AdminApi) => api.preview('+81312345678', ['1', '2']), 'POST', '/api/preview/%2B81312345678', { digits: ['1', '2'] }, { steps: [{ hangup: {} }], outcome: 'hangup', summary: { en: 'x', ja: 'y' } }],
    ['addIncoming with the Twilio number', (api: AdminApi) => api.addIncoming({ number: '+81312345678' } as never, { twilioSid: PN, confirm: false }), 'POST', '/api/incoming', { number: '+81312345678', twilioSid: PN, confirm: false }, { number: '+81312345678' }],
    ['deleteIncoming', (api: AdminApi) => api.deleteIncoming('+81312345678'), 'DELETE', '/api/incoming/%2B81312345678', undefined, undefined],
    ['getConfig', (api: AdminApi) => api.getConfig(), 'GET', '/api/config', undefined, {}],
    ['getPresence', (api: AdminApi) => api.getPresence(), 'GET', '/api/presence', undefined, { reps: [], ringOrder: [] }],
  ])('%s → %s %s', async (_name, call, method, path, body, reply) => {
    const server = recordingFetch(reply === undefined ? 204 : 200, reply);
    const api = createAdminApi({ baseUrl: 'https://phone.example.jp', getToken: () => 'tok', fetch: server.fetch });
    await call(api);
    expect(server.requests).toEqual([{ url: `https://phone.example.jp${path}`, method, auth: 'Bearer tok', body }]);
  });

  it('words a Twilio error from its code and params in both languages, and keeps its details', async () => {
    const server = recordingFetch(409, {
      error: {
        code: 'number_in_use',
        message: '+81312345678 currently answers calls through AP1. Confirm to connect it anyway.',
        params: { number: '+81312345678', target: 'AP1' },
        usedBy: { kind: 'application' },
      },
    });
    const api = createAdminApi({ baseUrl: 'https://phone.example.jp', getToken: () => 'tok', fetch: server.fetch });
    const error = await api.connectNumber('PN1', false).catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('number_in_use');
    expect(errorText(error, 'en')).toContain('+81312345678 currently answers calls elsewhere (AP1).');
    expect(errorText(error, 'ja')).toContain('+81312345678 は現在、別の設定（AP1）で着信を処理しています。');
    expect((error as ApiError).details).toEqual({ usedBy: { kind: 'application' } });
  });

  it('sends requests under the host when the stored server URL ends in /api', async () => {
    const server = recordingFetch(200, { users: [] });
    const api = createAdminApi({ baseUrl: 'https://phone.example.jp/api/', getToken: () => 'tok', fetch: server.fetch });
    await api.listUsers();
    expect(server.requests[0]?.url).toBe('https://phone.example.jp/api/users');
  });

  it('asks for answers in the page language and uploads audio as the multipart field "file"', async () => {
    const seen: { headers: Record<string, string>; body: unknown }[] = [];
    const fetch = (async (_url: string, init: RequestInit) => {
      seen.push({ headers: init.headers as Record<string, string>, body: init.body });
      return new Response(JSON.stringify({ id: 'a'.repeat(32), url: 'https://x/media/a', contentType: 'audio/wav', size: 4 }), { status: 201 });
    }) as unknown as typeof globalThis.fetch;
    const api = createAdminApi({ baseUrl: 'https://phone.example.jp', getToken: () => 'tok', fetch, language: () => 'ja' });
    const file = new File([new Uint8Array([1, 2, 3, 4])], 'hello.wav', { type: 'audio/wav' });
    expect(await api.uploadAudio(file)).toMatchObject({ id: 'a'.repeat(32), contentType: 'audio/wav' });
    expect(seen[0]?.headers).toMatchObject({ 'accept-language': 'ja', authorization: 'Bearer tok' });
    expect(seen[0]?.headers['content-type']).toBeUndefined();
    expect((seen[0]?.body as FormData).get('file')).toBeInstanceOf(File);
  });
});

describe('editing the configuration document', () => {
  /** A server whose document has ETag "7-abc" until `changed` is set (another admin saved). */
  function taggedServer() {
    const requests: { method: string; ifMatch: string | null; body: unknown }[] = [];
    const state = { changed: false };
    const fetch = (async (_url: string, init: RequestInit) => {
      const headers = init.headers as Record<string, string>;
      const method = init.method ?? 'GET';
      requests.push({ method, ifMatch: headers['if-match'] ?? null, body: init.body ? JSON.parse(String(init.body)) : undefined });
      if (method === 'GET') return new Response(JSON.stringify({ settings: { defaultCountry: 'JP' } }), { status: 200, headers: { ETag: '"7-abc"' } });
      if (state.changed) {
        return new Response(JSON.stringify({ error: { code: 'config_changed', message: 'changed' } }), { status: 412 });
      }
      return new Response(String(init.body), { status: 200, headers: { ETag: '"8-def"' } });
    }) as unknown as typeof globalThis.fetch;
    return { fetch, requests, state };
  }

  it('writes back with the tag it read (If-Match)', async () => {
    const server = taggedServer();
    const api = createAdminApi({ baseUrl: 'https://phone.example.jp', getToken: () => 'tok', fetch: server.fetch });
    const saved = await api.editConfig((document) => ({ ...document, settings: { ...document.settings, followUpDueHours: 8 } }));
    expect(saved.settings).toEqual({ defaultCountry: 'JP', followUpDueHours: 8 });
    expect(server.requests).toEqual([
      { method: 'GET', ifMatch: null, body: undefined },
      { method: 'PUT', ifMatch: '"7-abc"', body: { settings: { defaultCountry: 'JP', followUpDueHours: 8 } } },
    ]);
  });

  it('is refused, worded, when another admin saved in between; an import (putConfig) sends no tag', async () => {
    const server = taggedServer();
    server.state.changed = true;
    const api = createAdminApi({ baseUrl: 'https://phone.example.jp', getToken: () => 'tok', fetch: server.fetch });
    const error = await api.editConfig((document) => document).catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('config_changed');
    expect(errorText(error, 'en')).toContain('Another admin changed the phone settings');
    await api.putConfig({}).catch(() => undefined);
    expect(server.requests.at(-1)).toMatchObject({ method: 'PUT', ifMatch: null });
  });
});
