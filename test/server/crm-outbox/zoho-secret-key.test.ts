import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { matchCaller } from '../../../server/crm/caller-match.ts';
import { connectZoho } from '../../../server/crm/connect-zoho.ts';
import { CrmRuntime } from '../../../server/crm/crm-runtime.ts';
import { OutboxWorker } from '../../../server/crm/outbox-worker.ts';
import { silentLogger } from '../../../server/logger.ts';
import { createSecretBox } from '../../../server/security/secret-box.ts';
import type { ZohoEmulator } from '../../emulators/zoho/index.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { openSharedStores } from '../support/store.ts';
import { wordedAs } from '../support/worded.ts';
import {
  connect,
  createClock,
  createEmulator,
  crmApp,
  enqueueCalls,
  OAUTH_CLIENT,
  outboxRows,
  serverInstance,
  withTwilioMedia,
  ZOHO_SERVER_SETTINGS,
  zohoCallsBySid,
} from './support.ts';

/**
 * The server moved and SECRET_KEY (or DATA_DIR/secret.key) did not come along: the sealed Zoho
 * refresh token and Self Client secret can no longer be opened. The connection counts as broken, not
 * as a crash: the CRM tab says to connect again, calls are answered without a CRM record, and call
 * logs wait in the outbox (neither parked nor lost) until the admin connects Zoho CRM again.
 */

beforeAll(() => openSharedStores());

let emulator: ZohoEmulator | null = null;
let testApp: TestApp | null = null;
afterEach(async () => {
  emulator?.close();
  await testApp?.close();
});

const YAMADA = '+81312345678';

/**
 * Zoho connected and two calls queued by a server with one key; then the same database served with
 * another. With a Self Client, its secret is unreadable too; with the server's client, only the tokens.
 */
async function afterTheMove({ selfClient = true } = {}) {
  const clock = createClock();
  testApp = await createTestApp({ clock: { now: clock.now, advance: (s) => clock.advance(s * 1000), set: (d) => void (clock.ms = d.getTime()) } });
  emulator = createEmulator(clock);
  const { store } = testApp;
  const before = serverInstance(store, emulator, clock).crm;
  if (selfClient) await connect(before, emulator);
  else await connectZoho(before, { dataCentre: 'JP', client: OAUTH_CLIENT, keepClient: false, code: emulator.state.issueGrantCode(OAUTH_CLIENT.clientId), connectedBy: null });
  await enqueueCalls(store, clock, 2);

  const secretBox = createSecretBox('a-different-secret-key-0000000000000000');
  const crm = new CrmRuntime(
    { store, secretBox, logger: silentLogger, now: clock.now },
    { zoho: ZOHO_SERVER_SETTINGS, fetch: withTwilioMedia(emulator.fetch), requestTimeoutMs: 300, lookupBudgetMs: 200 },
  );
  const worker = new OutboxWorker({ store, crm, logger: silentLogger, now: clock.now, random: () => 0.5 });
  const app = crmApp({ ...testApp.deps, secretBox }, crm);
  await testApp.addUser({ id: 'admin', email: 'admin@example.jp', role: 'admin' });
  const token = await testApp.signIn('admin@example.jp');
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await app.request(path, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text.startsWith('{') ? JSON.parse(text) : text };
  };
  return { crm, worker, call, store, emulator };
}

describe('after SECRET_KEY changed since Zoho CRM was connected', () => {
  const clients = [
    ['a Self Client', true],
    ['the server’s client', false],
  ] as const;

  it.each(clients)('the CRM tab shows the connection with what to do, in both languages (%s)', async (_label, selfClient) => {
    const { call } = await afterTheMove({ selfClient });
    const status = await call('GET', '/api/crm');
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({ connected: true, dataCentre: 'JP', selfClient, problemCode: 'zoho_secrets_unreadable', outbox: { pending: 2, parked: 0 } });
    const worded = { error: { code: status.body.problemCode } };
    expect(wordedAs('ja', worded)).toContain('Zoho CRM にもう一度接続');
    expect(wordedAs('en', worded)).toContain('connect Zoho CRM again');
    // Matching users needs the CRM: "connect first", not a 500.
    expect(await call('POST', '/api/crm/users/sync')).toMatchObject({ status: 409, body: { error: { code: 'crm_not_connected' } } });
  });

  it('calls are answered as with no CRM connected', async () => {
    const { crm } = await afterTheMove();
    expect(await matchCaller(crm, YAMADA)).toEqual({ status: 'not-connected' });
  });

  it.each(clients)('call logs wait in the outbox, and go out once the admin connects again (%s)', async (_label, selfClient) => {
    const { worker, call, store, emulator } = await afterTheMove({ selfClient });
    expect(await worker.drainOnce()).toEqual({ delivered: 0, skipped: 0, retried: 0, parked: 0 });
    expect((await outboxRows(store)).map((row) => [row.status, row.attempts])).toEqual([
      ['pending', 0],
      ['pending', 0],
    ]);

    const again = await call('POST', '/api/crm/zoho/connect', { dataCentre: 'JP', code: emulator.state.issueGrantCode(OAUTH_CLIENT.clientId), ...OAUTH_CLIENT });
    expect(again).toMatchObject({ status: 200, body: { connected: true, problem: null, problemCode: null } });
    expect(await worker.drainOnce()).toMatchObject({ delivered: 2, parked: 0 });
    expect([...zohoCallsBySid(emulator).values()]).toEqual([1, 1]);
  });

  it('disconnecting works too (the old grant cannot be revoked: it cannot be read)', async () => {
    const { call } = await afterTheMove();
    expect((await call('DELETE', '/api/crm')).status).toBe(204);
    expect((await call('GET', '/api/crm')).body).toMatchObject({ connected: false, outbox: { pending: 2 } });
  });
});
