import { serve } from '@hono/node-server';
import { sql } from 'kysely';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../../server/store/database.ts';
import { startFakeTwilioRest } from '../../emulators/twilio-rest/fake-twilio-rest.ts';
import { newTwilioAccount, type FakeTwilioServer } from '../admin/harness.ts';
import { capturedLog } from '../support/captured-log.ts';
import { createClock, createTestApp, type TestApp } from '../support/app.ts';
import { createTestStore, engines, openSameDatabase } from '../support/store.ts';

/**
 * Step 1 and the TwiML App's repair waited for each other on one server only (double-step-one.test.ts).
 * Two instances behind a load balancer on one PostgreSQL database, each given one of a double click
 * (or one of two admins), both created an API key and a TwiML App in the customer's account: one of
 * each stored, the others left there for nobody. They now wait for each other through the database;
 * and an instance that dies in the middle of Step 1 does not leave the others waiting.
 * Skipped without TEST_DATABASE_URL (CI sets it).
 */

const withPostgres = engines.includes('postgres');

let twilioApi: FakeTwilioServer;
beforeAll(async () => {
  twilioApi = await startFakeTwilioRest();
});
afterAll(() => twilioApi?.close());

describe.skipIf(!withPostgres)('Step 1 on two server instances at once (PostgreSQL)', () => {
  let storeA: Store | undefined;
  let storeB: Store | undefined;
  let door: Door | undefined;

  afterEach(async () => {
    await door?.close();
    await storeB?.close();
    await storeA?.close();
    storeA = storeB = door = undefined;
  });

  /**
   * Two apps, each with its own pool, on one new database; the admin signed in (on A: sessions are
   * shared). A reaches Twilio through a door that can hold its creation of a TwiML App.
   */
  async function twoInstances() {
    door = await heldDoor(twilioApi, { method: 'POST', path: /\/Applications\.json$/ });
    const shared = await createTestStore('postgres');
    storeA = shared;
    storeB = await openSameDatabase(shared);
    const clock = createClock();
    const logOfA = capturedLog('warn');
    const a = await createTestApp({ store: shared, clock, deps: { twilioApiUrl: door.url, logger: logOfA.logger } });
    const b = await createTestApp({ store: storeB, clock, deps: { twilioApiUrl: twilioApi.url } });
    await a.addUser({ id: 'yamada', name: '山田', email: 'yamada@example.jp', role: 'admin' });
    const token = await a.signIn('yamada@example.jp');
    const api = (instance: TestApp, method: string, path: string, body?: unknown) => instance.call(method, path, { token, body });
    return { a, b, api, db: shared.db, door, logOfA };
  }

  /**
   * The same request to A and to B at once, made to overlap for certain: A's creation of the TwiML App
   * is held until B has either finished (as it did) or is waiting for A.
   */
  async function overlapping({ a, b, db, door }: Awaited<ReturnType<typeof twoInstances>>, send: (instance: TestApp) => Promise<Response>) {
    door.hold();
    const onA = send(a);
    await door.reached();
    let settled = false;
    const onB = send(b).finally(() => (settled = true));
    await until(async () => settled || (await advisoryLocks(db)).waiting === 1);
    door.open();
    return Promise.all([onA, onB]);
  }

  it('creates one API key and one TwiML App, and both answers name the ones stored', async () => {
    const instances = await twoInstances();
    const { api, b } = instances;
    const { data, credentials } = newTwilioAccount(twilioApi);
    const answers = await overlapping(instances, (instance) => api(instance, 'PUT', '/api/twilio/account', credentials));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    expect({ keys: data.keys.size, apps: data.applications.size }).toEqual({ keys: 1, apps: 1 });
    const stored = (await (await api(b, 'GET', '/api/twilio/account')).json()) as { apiKeySid: string; twimlAppSid: string };
    expect([...data.keys.keys()]).toEqual([stored.apiKeySid]);
    expect([...data.applications.keys()]).toEqual([stored.twimlAppSid]);
    for (const answer of answers) expect(await answer.json()).toMatchObject({ apiKeySid: stored.apiKeySid, twimlAppSid: stored.twimlAppSid });
  });

  it('repairing a deleted TwiML App on both at once creates one App, the one stored', async () => {
    const instances = await twoInstances();
    const { api, a } = instances;
    const { data, credentials } = newTwilioAccount(twilioApi);
    expect((await api(a, 'PUT', '/api/twilio/account', credentials)).status).toBe(200);
    data.applications.clear();
    const answers = await overlapping(instances, (instance) => api(instance, 'POST', '/api/twilio/setup-check/fix', { id: 'twiml-app' }));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    const stored = (await (await api(a, 'GET', '/api/twilio/account')).json()) as { twimlAppSid: string };
    expect([...data.applications.keys()]).toEqual([stored.twimlAppSid]);
  });

  it('an instance whose connection dies in the middle of Step 1 does not keep the other waiting', async () => {
    const { a, b, api, db, door, logOfA } = await twoInstances();
    const { credentials } = newTwilioAccount(twilioApi);
    door.hold();
    const onA = api(a, 'PUT', '/api/twilio/account', credentials);
    await door.reached();
    const onB = api(b, 'PUT', '/api/twilio/account', credentials);
    await until(async () => (await advisoryLocks(db)).waiting === 1);

    // As when A's server stops: PostgreSQL ends its session, and the lock with it.
    await sql`select pg_terminate_backend(pid) from pg_locks
      where locktype = 'advisory' and granted and database = (select oid from pg_database where datname = current_database())`.execute(db);
    expect((await onB).status).toBe(200);

    // A's run was only stalled here: it finishes, and answers, once Twilio does (no crash for the lost connection).
    door.open();
    expect((await onA).status).toBe(200);
    expect(logOfA.lines.map((line) => line.msg)).toContain('the lock on the Twilio setup ended before its run did; the run finished');
    expect(await advisoryLocks(db)).toEqual({ held: 0, waiting: 0 });
  });
});

async function advisoryLocks(db: Store['db']): Promise<{ held: number; waiting: number }> {
  const { rows } = await sql<{ held: number; waiting: number }>`
    select count(*) filter (where granted)::int as held, count(*) filter (where not granted)::int as waiting from pg_locks
    where locktype = 'advisory' and database = (select oid from pg_database where datname = current_database())`.execute(db);
  return rows[0]!;
}

async function until(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

type Door = Awaited<ReturnType<typeof heldDoor>>;

/** The fake Twilio behind a door that, once `hold()` is called, holds the next request matching `held` until `open()`. */
async function heldDoor(target: FakeTwilioServer, held: { method: string; path: RegExp }) {
  let holding = false;
  let open = () => {};
  let opened = Promise.resolve();
  let arrived = () => {};
  let reached = Promise.resolve();
  const fetch = async (request: Request) => {
    if (holding && request.method === held.method && held.path.test(new URL(request.url).pathname)) {
      holding = false;
      arrived();
      await opened;
    }
    return target.fake.app.fetch(request);
  };
  const { server, port } = await new Promise<{ server: ReturnType<typeof serve>; port: number }>((resolve) => {
    const server = serve({ fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) => resolve({ server, port: info.port }));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    hold() {
      holding = true;
      opened = new Promise((resolve) => (open = resolve));
      reached = new Promise((resolve) => (arrived = resolve));
    },
    reached: () => reached,
    open: () => open(),
    close: () => {
      open();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
