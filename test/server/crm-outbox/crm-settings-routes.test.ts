import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ZohoEmulator } from '../../emulators/zoho/index.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { openSharedStores } from '../support/store.ts';
import { createClock, createEmulator, crmApp, OAUTH_CLIENT, serverInstance } from './support.ts';

beforeAll(() => openSharedStores());

let emulator: ZohoEmulator | null = null;
let testApp: TestApp | null = null;
afterEach(async () => {
  emulator?.close();
  await testApp?.close();
});

async function setup() {
  const clock = createClock();
  testApp = await createTestApp({ clock: { now: clock.now, advance: (s) => clock.advance(s * 1000), set: (d) => void (clock.ms = d.getTime()) } });
  emulator = createEmulator(clock);
  const { crm } = serverInstance(testApp.store, emulator, clock);
  const app = crmApp(testApp.deps, crm);
  await testApp.addUser({ id: 'admin', email: 'admin@example.jp', role: 'admin' });
  await testApp.addUser({ id: 'sato', email: 'sato@example.jp' });
  const adminToken = await testApp.signIn('admin@example.jp');
  const repToken = await testApp.signIn('sato@example.jp');
  const call = async (method: string, path: string, options: { token?: string; body?: unknown } = {}) => {
    const response = await app.request(path, {
      method,
      headers: { Authorization: `Bearer ${options.token ?? adminToken}`, ...(options.body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text.startsWith('{') ? JSON.parse(text) : text };
  };
  return { call, repToken, emulator };
}

describe('the CRM settings (admin)', () => {
  it('keeps recordings on Twilio unless the admin chooses otherwise, and shows the choice in the status', async () => {
    const { call } = await setup();
    expect((await call('GET', '/api/crm')).body).toMatchObject({ connected: false, settings: { deleteRecordingsAfterUpload: false } });
    expect(await call('PUT', '/api/crm/settings', { body: { deleteRecordingsAfterUpload: true } })).toEqual({
      status: 200,
      body: { deleteRecordingsAfterUpload: true },
    });
    expect((await call('GET', '/api/crm')).body).toMatchObject({ settings: { deleteRecordingsAfterUpload: true } });
  });

  it('keeps the choice across a disconnect and a new connection', async () => {
    const { call, emulator } = await setup();
    const connect = () =>
      call('POST', '/api/crm/zoho/connect', { body: { dataCentre: 'JP', code: emulator.state.issueGrantCode(OAUTH_CLIENT.clientId), ...OAUTH_CLIENT } });
    expect((await connect()).status).toBe(200);
    await call('PUT', '/api/crm/settings', { body: { deleteRecordingsAfterUpload: true } });
    expect((await call('DELETE', '/api/crm')).status).toBe(204);
    expect((await connect()).status).toBe(200);
    expect((await call('GET', '/api/crm')).body).toMatchObject({ connected: true, settings: { deleteRecordingsAfterUpload: true } });
  });

  it.each([
    ['a missing field', {}],
    ['a string for the boolean', { deleteRecordingsAfterUpload: 'yes' }],
    ['an unknown field', { deleteRecordingsAfterUpload: true, deleteCalls: true }],
  ])('refuses %s, naming the field', async (_label, body) => {
    const { call } = await setup();
    const response = await call('PUT', '/api/crm/settings', { body });
    expect(response).toMatchObject({ status: 400, body: { error: { code: 'invalid_input' } } });
    expect((await call('GET', '/api/crm')).body).toMatchObject({ settings: { deleteRecordingsAfterUpload: false } });
  });

  it('is for admins only', async () => {
    const { call, repToken } = await setup();
    expect((await call('PUT', '/api/crm/settings', { token: repToken, body: { deleteRecordingsAfterUpload: true } })).status).toBe(403);
  });
});
