import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { enqueueCallDelivery } from '../../../server/store/crm-outbox.ts';
import type { Engine } from '../../../server/store/database.ts';
import { EMULATOR_ACCOUNTS_URL, type ZohoEmulator } from '../../emulators/zoho/index.ts';
import { SEED_USERS } from '../../fixtures/zoho/seed.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { holdSavesAfterTheyReadTheUsers, PATIENCE } from '../support/config-lock.ts';
import { engines, openSharedStores } from '../support/store.ts';
import { createClock, createEmulator, crmApp, enqueueCalls, OAUTH_CLIENT, outboxRows, secretBox, serverInstance, ZOHO_SERVER_SETTINGS } from './support.ts';

beforeAll(() => openSharedStores());

let emulator: ZohoEmulator | null = null;
let testApp: TestApp | null = null;
afterEach(async () => {
  emulator?.close();
  await testApp?.close();
});

async function setup(engine: Engine = 'pglite') {
  const clock = createClock();
  testApp = await createTestApp({ engine, clock: { now: clock.now, advance: (s) => clock.advance(s * 1000), set: (d) => void (clock.ms = d.getTime()) } });
  emulator = createEmulator(clock);
  const { crm, worker } = serverInstance(testApp.store, emulator, clock);
  const app = crmApp(testApp.deps, crm);
  await testApp.addUser({ id: 'admin', email: 'admin@example.jp', role: 'admin' });
  await testApp.addUser({ id: 'sato', email: 'SATO@example.jp' });
  await testApp.addUser({ id: 'suzuki', email: 'suzuki@example.jp' });
  await testApp.addUser({ id: 'kimura', email: 'kimura@example.jp' });
  const adminToken = await testApp.signIn('admin@example.jp');
  const repToken = await testApp.signIn('sato@example.jp');
  const call = async (method: string, path: string, options: { token?: string | null; body?: unknown } = {}) => {
    const token = options.token === undefined ? adminToken : options.token;
    const response = await app.request(path, {
      method,
      headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(options.body ? { 'Content-Type': 'application/json' } : {}) },
      ...(options.body ? { body: JSON.stringify(options.body) } : {}),
    });
    const text = await response.text();
    return { status: response.status, body: text.startsWith('{') ? JSON.parse(text) : text };
  };
  const selfClientConnect = () =>
    call('POST', '/api/crm/zoho/connect', {
      body: { dataCentre: 'JP', code: emulator!.state.issueGrantCode(OAUTH_CLIENT.clientId), ...OAUTH_CLIENT },
    });
  return { clock, crm, worker, call, adminToken, repToken, selfClientConnect, store: testApp.store, emulator, testApp };
}

describe('connecting Zoho CRM (admin)', () => {
  it('connects with a Self Client grant code and shows the org and user, never a token', async () => {
    const { call, selfClientConnect, store } = await setup();
    expect((await call('GET', '/api/crm')).body).toMatchObject({ connected: false, serverClient: true, outbox: { pending: 0, parked: 0 } });
    const connected = await selfClientConnect();
    expect(connected.status).toBe(200);
    const status = await call('GET', '/api/crm');
    expect(status.body).toMatchObject({
      connected: true,
      provider: 'zoho',
      dataCentre: 'JP',
      apiDomain: 'https://www.zohoapis.jp',
      org: { id: '90000001', name: '株式会社よびだし', timeZone: 'Asia/Tokyo' },
      user: { id: SEED_USERS[0].id, email: 'sato@example.jp' },
      selfClient: true,
      problem: null,
    });
    expect(JSON.stringify(status.body)).not.toMatch(/1000\.[0-9a-f]{16}/);
    const row = await store.db.selectFrom('crm_connection').selectAll().executeTakeFirstOrThrow();
    expect(row.refresh_token_sealed).toMatch(/^v1\./);
    expect(row.client_secret_sealed).toMatch(/^v1\./);
  });

  it.each([
    ['a used or expired code', { code: 'bogus' }, 400, 'zoho_invalid_code'],
    ['a wrong client secret', { clientSecret: 'nope' }, 400, 'zoho_invalid_client'],
    ['an unknown data centre', { dataCentre: 'XX' }, 400, 'invalid_input'],
    // The admin chose US, but the grant names the JP data centre's API host: no token goes there.
    ['a grant whose api_domain is another data centre’s', { dataCentre: 'US' }, 400, 'zoho_untrusted_api_domain'],
  ])('refuses %s', async (_label, override, status, code) => {
    const { call, emulator } = await setup();
    const body = { dataCentre: 'JP', code: emulator.state.issueGrantCode(OAUTH_CLIENT.clientId), ...OAUTH_CLIENT, ...override };
    const response = await call('POST', '/api/crm/zoho/connect', { body });
    expect(response).toMatchObject({ status, body: { error: { code } } });
    expect((await call('GET', '/api/crm')).body).toMatchObject({ connected: false });
  });

  it('is for admins only', async () => {
    const { call, repToken } = await setup();
    expect((await call('GET', '/api/crm', { token: repToken })).status).toBe(403);
    expect((await call('GET', '/api/crm', { token: null })).status).toBe(401);
    expect((await call('DELETE', '/api/crm', { token: repToken })).status).toBe(403);
  });

  it('connects through the server-based client: authorization URL, then Zoho’s redirect back', async () => {
    const { call, emulator } = await setup();
    emulator.state.registerClient(OAUTH_CLIENT.clientId, OAUTH_CLIENT.clientSecret, ZOHO_SERVER_SETTINGS.redirectUri);
    const { body } = await call('GET', '/api/crm/zoho/authorize?dataCentre=JP');
    const url = new URL(body.url);
    expect(url.origin + url.pathname).toBe(`${EMULATOR_ACCOUNTS_URL}/oauth/v2/auth`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: OAUTH_CLIENT.clientId,
      response_type: 'code',
      access_type: 'offline',
      prompt: 'consent',
      redirect_uri: ZOHO_SERVER_SETTINGS.redirectUri,
    });
    const state = url.searchParams.get('state')!;

    const code = emulator.state.issueGrantCode(OAUTH_CLIENT.clientId);
    const redirect = `/api/crm/zoho/callback?code=${code}&location=jp&accounts-server=${encodeURIComponent('https://accounts.zoho.jp')}&state=${encodeURIComponent(state)}`;
    const page = await call('GET', redirect, { token: null });
    expect(page.status).toBe(200);
    expect(page.body).toContain('Zoho CRM に接続しました');
    expect(page.body).toContain('Zoho CRM is connected');
    expect((await call('GET', '/api/crm')).body).toMatchObject({ connected: true, dataCentre: 'JP', selfClient: false });
  });

  it('takes a state once: the same redirect replayed (or a second code with it) is refused', async () => {
    const { call, emulator, store } = await setup();
    emulator.state.registerClient(OAUTH_CLIENT.clientId, OAUTH_CLIENT.clientSecret, ZOHO_SERVER_SETTINGS.redirectUri);
    const state = new URL((await call('GET', '/api/crm/zoho/authorize?dataCentre=JP')).body.url).searchParams.get('state')!;
    const redirect = (code: string) => `/api/crm/zoho/callback?code=${code}&state=${encodeURIComponent(state)}`;
    expect((await call('GET', redirect(emulator.state.issueGrantCode(OAUTH_CLIENT.clientId)), { token: null })).status).toBe(200);
    const connectionId = (await store.db.selectFrom('crm_connection').select('connection_id').executeTakeFirstOrThrow()).connection_id;

    const replayed = await call('GET', redirect(emulator.state.issueGrantCode(OAUTH_CLIENT.clientId)), { token: null });
    expect(replayed.status).toBe(400);
    expect(replayed.body).toContain('Could not connect Zoho CRM');
    expect((await store.db.selectFrom('crm_connection').select('connection_id').executeTakeFirstOrThrow()).connection_id).toBe(connectionId);
  });

  it('refuses a state past its ten minutes', async () => {
    const { call, emulator, clock } = await setup();
    emulator.state.registerClient(OAUTH_CLIENT.clientId, OAUTH_CLIENT.clientSecret, ZOHO_SERVER_SETTINGS.redirectUri);
    const state = new URL((await call('GET', '/api/crm/zoho/authorize?dataCentre=JP')).body.url).searchParams.get('state')!;
    clock.advance(10 * 60_000 + 1);
    const page = await call('GET', `/api/crm/zoho/callback?code=${emulator.state.issueGrantCode(OAUTH_CLIENT.clientId)}&state=${encodeURIComponent(state)}`, { token: null });
    expect(page.status).toBe(400);
    expect((await call('GET', '/api/crm')).body).toMatchObject({ connected: false });
  });

  it('refuses a redirect whose state was not issued by this server', async () => {
    const { call, emulator } = await setup();
    const code = emulator.state.issueGrantCode(OAUTH_CLIENT.clientId);
    const page = await call('GET', `/api/crm/zoho/callback?code=${code}&state=forged`, { token: null });
    expect(page.status).toBe(400);
    expect(page.body).toContain('Could not connect Zoho CRM');
    expect((await call('GET', '/api/crm')).body).toMatchObject({ connected: false });
  });

  it('disconnects, keeping undelivered calls for the next connection', async () => {
    const { call, selfClientConnect, store, clock } = await setup();
    await selfClientConnect();
    await enqueueCalls(store, clock, 2);
    expect((await call('DELETE', '/api/crm')).status).toBe(204);
    expect((await call('GET', '/api/crm')).body).toMatchObject({ connected: false, outbox: { pending: 2 } });
  });
});

describe('disconnecting and reconnecting Zoho CRM', () => {
  const storedRefreshToken = async (store: TestApp['store']) =>
    secretBox.open((await store.db.selectFrom('crm_connection').select('refresh_token_sealed').executeTakeFirstOrThrow()).refresh_token_sealed);

  it('revokes the refresh token at Zoho on "Disconnect", so it mints no more access tokens', async () => {
    const { call, selfClientConnect, store, emulator } = await setup();
    await selfClientConnect();
    const refreshToken = await storedRefreshToken(store);
    expect((await call('DELETE', '/api/crm')).status).toBe(204);
    expect(emulator.state.counters.revokes).toBe(1);
    expect(emulator.state.refresh(OAUTH_CLIENT.clientId, refreshToken)).toBe('invalid');
  });

  it('disconnects even when Zoho refuses to revoke (the token was already removed in Zoho)', async () => {
    const { call, selfClientConnect, store, emulator } = await setup();
    await selfClientConnect();
    emulator.state.revokeRefreshToken(await storedRefreshToken(store));
    expect((await call('DELETE', '/api/crm')).status).toBe(204);
    expect(emulator.state.counters.revokes).toBe(1);
    expect((await call('GET', '/api/crm')).body).toMatchObject({ connected: false });
  });

  it('revokes the grant it replaces when the admin connects again', async () => {
    const { selfClientConnect, store, emulator } = await setup();
    await selfClientConnect();
    const first = await storedRefreshToken(store);
    expect((await selfClientConnect()).status).toBe(200);
    const second = await storedRefreshToken(store);
    expect(second).not.toBe(first);
    expect(emulator.state.refresh(OAUTH_CLIENT.clientId, first)).toBe('invalid');
    expect(emulator.state.refresh(OAUTH_CLIENT.clientId, second)).toMatchObject({ accessToken: expect.any(String) });
  });
});

describe('the scopes a grant must carry', () => {
  it('refuses a grant without the secure-search scope, naming it, and revokes the token just obtained', async () => {
    const { call, store, emulator } = await setup();
    const code = emulator.state.issueGrantCode(OAUTH_CLIENT.clientId, { scope: 'ZohoCRM.modules.ALL,ZohoCRM.users.READ,ZohoCRM.org.READ,ZohoCRM.settings.fields.READ' });
    const response = await call('POST', '/api/crm/zoho/connect', { body: { dataCentre: 'JP', code, ...OAUTH_CLIENT } });
    expect(response).toMatchObject({ status: 400, body: { error: { code: 'zoho_scope_missing', params: { scopes: 'ZohoSearch.securesearch.READ' } } } });
    expect(await store.db.selectFrom('crm_connection').selectAll().execute()).toEqual([]);
    expect(emulator.state.counters.revokes).toBe(1);
    expect((await call('GET', '/api/crm')).body).toMatchObject({ connected: false });
  });

  it('accepts the .ALL forms that include the scopes it needs', async () => {
    const { call, emulator } = await setup();
    const scope = 'ZohoCRM.modules.ALL,ZohoSearch.securesearch.ALL,ZohoCRM.users.ALL,ZohoCRM.org.ALL,ZohoCRM.settings.ALL';
    const code = emulator.state.issueGrantCode(OAUTH_CLIENT.clientId, { scope });
    expect((await call('POST', '/api/crm/zoho/connect', { body: { dataCentre: 'JP', code, ...OAUTH_CLIENT } })).status).toBe(200);
    expect(emulator.state.counters.revokes).toBe(0);
  });
});

describe('matching reps to Zoho users', () => {
  it('sets each rep’s Zoho user by e-mail and lists who is left unmatched', async () => {
    const { call, selfClientConnect, store } = await setup();
    expect((await call('POST', '/api/crm/users/sync')).body).toMatchObject({ error: { code: 'crm_not_connected' } });
    await selfClientConnect();
    await store.db.updateTable('users').set({ crm_user_id: SEED_USERS[3].id }).where('id', '=', 'kimura').execute();
    const { status, body } = await call('POST', '/api/crm/users/sync');
    expect(status).toBe(200);
    expect(body.matched).toEqual([
      { userId: 'sato', name: 'sato', email: 'SATO@example.jp', crmUserId: SEED_USERS[0].id, crmUserName: '佐藤 花子' },
      { userId: 'suzuki', name: 'suzuki', email: 'suzuki@example.jp', crmUserId: SEED_USERS[1].id, crmUserName: '鈴木 一郎' },
    ]);
    expect(body.unmatched.map((u: { userId: string }) => u.userId)).toEqual(['admin', 'kimura']);
    const users = await store.db.selectFrom('users').select(['id', 'crm_user_id']).orderBy('id').execute();
    // kimura pointed at a deactivated Zoho user: cleared, so his calls are not refused.
    expect(users).toEqual([
      { id: 'admin', crm_user_id: null },
      { id: 'kimura', crm_user_id: null },
      { id: 'sato', crm_user_id: SEED_USERS[0].id },
      { id: 'suzuki', crm_user_id: SEED_USERS[1].id },
    ]);
  });

  // Two writers of the users: a save reads them all and writes them all back, the sync writes their
  // Zoho users. Without the configuration's lock around both, the save writes back the mappings it
  // read (the sync's are lost), or the two deadlock on the users and app_settings rows (a 500).
  describe.runIf(engines.includes('postgres'))('while an admin saves the configuration (PostgreSQL)', () => {
    beforeAll(() => openSharedStores(['postgres']));

    it('keeps the admin’s change and the sync’s matches both', async () => {
      const { call, adminToken, selfClientConnect, store, testApp } = await setup('postgres');
      await selfClientConnect();
      const held = await holdSavesAfterTheyReadTheUsers(store);
      try {
        // The save (PATCH of a user) holds the configuration's lock and has read the users.
        const save = testApp.call('PATCH', '/api/users/sato', { token: adminToken, body: { name: '佐藤 花子 (営業部)' } });
        await vi.waitFor(async () => expect(await held.waiting()).toBe(1), PATIENCE);
        let answered = false;
        const sync = call('POST', '/api/crm/users/sync').finally(() => (answered = true));
        // Either the sync waits for a lock the save holds, or it went ahead without waiting.
        await vi.waitFor(async () => {
          if (!answered) expect(await held.waiting()).toBe(2);
        }, PATIENCE);
        await held.release();
        const [saved, synced] = await Promise.all([save, sync]);
        expect([saved.status, synced.status]).toEqual([200, 200]);
        // The sync read the users once the save was done: it saw the new name.
        expect(synced.body.matched.map((m: { userId: string; name: string }) => [m.userId, m.name])).toEqual([
          ['sato', '佐藤 花子 (営業部)'],
          ['suzuki', 'suzuki'],
        ]);
        const users = await store.db.selectFrom('users').select(['id', 'name', 'crm_user_id']).orderBy('id').execute();
        expect(users).toEqual([
          { id: 'admin', name: 'admin', crm_user_id: null },
          { id: 'kimura', name: 'kimura', crm_user_id: null },
          { id: 'sato', name: '佐藤 花子 (営業部)', crm_user_id: SEED_USERS[0].id },
          { id: 'suzuki', name: 'suzuki', crm_user_id: SEED_USERS[1].id },
        ]);
      } finally {
        await held.release();
      }
    });
  });
});

describe('parked deliveries (admin)', () => {
  it('lists parked entries with the reason and re-queues one or all of them', async () => {
    const { call, selfClientConnect, store, clock, worker, emulator } = await setup();
    await selfClientConnect();
    await enqueueCalls(store, clock, 3, () => ({ callResult: '成約' }));
    await worker.drainOnce();
    const listed = await call('GET', '/api/crm/outbox?status=parked');
    expect(listed.body.entries).toHaveLength(3);
    expect(listed.body.entries[0]).toMatchObject({ kind: 'log-call', status: 'parked', attempts: 1, lastError: expect.stringMatching(/Call_Result/) });
    expect((await call('GET', '/api/crm')).body).toMatchObject({ outbox: { parked: 3 } });

    // The admin fixes the picklist in Zoho; here: the snapshot no longer carries the bad value.
    await store.db.updateTable('crm_outbox').set({ payload: JSON.stringify({}) }).execute();
    const [first] = listed.body.entries;
    expect(await call('POST', `/api/crm/outbox/${first.id}/retry`)).toMatchObject({ status: 200, body: { status: 'pending', attempts: 0 } });
    expect(await call('POST', `/api/crm/outbox/${first.id}/retry`)).toMatchObject({ status: 409, body: { error: { code: 'outbox_entry_not_parked', params: { status: 'pending' } } } });
    expect((await call('POST', '/api/crm/outbox/999999/retry')).status).toBe(404);
    expect(await call('POST', '/api/crm/outbox/retry-parked')).toMatchObject({ body: { requeued: 2 } });
    expect((await outboxRows(store)).map((row) => row.status)).toEqual(['pending', 'pending', 'pending']);
    // Without a snapshot nor a call-log entry, the delivery parks again, saying why.
    await worker.drainOnce();
    expect((await outboxRows(store)).map((row) => row.last_error)).toEqual(Array(3).fill(expect.stringMatching(/^call_not_found/)));
    expect(emulator.state.calls()).toHaveLength(0);
  });

  it('refuses an unknown status filter', async () => {
    const { call } = await setup();
    expect((await call('GET', '/api/crm/outbox?status=lost')).status).toBe(400);
  });
});

describe('queueing a delivery', () => {
  it('is idempotent for a duplicate webhook, and re-arms an update after a new note', async () => {
    const { store, clock } = await setup();
    const enqueue = (kind: 'log-call' | 'update-call', payload = {}) =>
      store.db.transaction().execute((trx) => enqueueCallDelivery(trx, { callSid: 'CA1', kind, payload, now: clock.now() }));
    await enqueue('log-call');
    await enqueue('log-call');
    await enqueue('update-call', { n: 1 });
    await store.db.updateTable('crm_outbox').set({ status: 'done', attempts: 2 }).where('kind', '=', 'update-call').execute();
    await enqueue('update-call', { n: 2 });
    const rows = await outboxRows(store);
    expect(rows.map((row) => [row.kind, row.status, row.attempts, row.revision, row.payload])).toEqual([
      ['log-call', 'pending', 0, 0, {}],
      ['update-call', 'pending', 0, 1, { n: 2 }],
    ]);
  });
});

describe('the application without a CRM runtime given', () => {
  it('still serves the CRM routes, with Self Client connections only', async () => {
    testApp = await createTestApp();
    await testApp.addUser({ id: 'admin', email: 'admin@example.jp', role: 'admin' });
    const token = await testApp.signIn('admin@example.jp');
    const status = await testApp.call('GET', '/api/crm', { token });
    expect(status.status).toBe(200);
    expect(await status.json()).toMatchObject({ connected: false, serverClient: false, outbox: { pending: 0, parked: 0 } });
    expect((await testApp.call('GET', '/api/crm/zoho/authorize', { token })).status).toBe(409);
  });
});
