import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { NOTICES_APPLICATION_NAME, type ChangeListener, type ChangeNotices } from '../../../server/store/change-notices.ts';
import type { Store } from '../../../server/store/database.ts';
import { SESSION_RECHECK_MS, SessionCache, sessionCacheOf } from '../../../server/store/session-cache.ts';
import { createSession } from '../../../server/store/sessions.ts';
import { createTestStore, engines, openSameDatabase, resetDatabase } from '../support/store.ts';

const t0 = new Date('2026-12-04T09:00:00+09:00');
const at = (ms: number) => new Date(t0.getTime() + ms);

async function addUser(store: Store, id: string) {
  await store.db
    .insertInto('users')
    .values({ id, name: id, email: `${id}@example.jp`, role: 'rep', password_hash: null, crm_user_id: null, updated_at: t0 })
    .execute();
}

/** Sessions deleted behind the cache's back: no notice is sent, so only a database read can tell. */
async function deleteSilently(store: Store, userId: string) {
  await store.db.transaction().execute(async (trx) => {
    await sql`alter table sessions disable trigger sessions_auth_changed`.execute(trx);
    await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
    await sql`alter table sessions enable trigger sessions_auth_changed`.execute(trx);
  });
}

/** Whether `cache` answers a fresh session of `userId` from memory (it is live): read, delete silently, read. */
async function keeps(cache: SessionCache, store: Store, userId: string): Promise<boolean> {
  const token = await createSession(store.db, userId, t0);
  await cache.userFor(token, t0);
  await deleteSilently(store, userId);
  return (await cache.userFor(token, t0)) !== undefined;
}

/** Notices under the test's control, for what the database cannot be made to do on cue. */
function controlledNotices() {
  const listeners: ChangeListener[] = [];
  const notices: ChangeNotices = {
    listen: (_channel, listener) => void listeners.push(listener),
    close: async () => {},
  };
  return { notices, live: (isLive: boolean) => listeners.forEach((l) => l.live(isLive)), notice: (payload: string) => listeners.forEach((l) => l.notice(payload)) };
}

describe.each(engines)('kept sessions on %s', (engine) => {
  let store: Store;
  beforeAll(async () => {
    store = await createTestStore(engine);
  });
  afterAll(() => store.close());

  /** The app's cache of this store, once it listens (PostgreSQL answers LISTEN over the network). */
  async function liveCache(): Promise<SessionCache> {
    const cache = sessionCacheOf(store);
    await addUser(store, 'probe');
    await vi.waitFor(async () => expect(await keeps(cache, store, 'probe')).toBe(true));
    return cache;
  }

  it('answers from memory once checked, and the database is asked again after a minute', async () => {
    await resetDatabase(store);
    const cache = await liveCache();
    await addUser(store, 'sato');
    const token = await createSession(store.db, 'sato', t0);
    expect((await cache.userFor(token, at(1000)))?.id).toBe('sato');
    await deleteSilently(store, 'sato');
    expect((await cache.userFor(token, at(2000)))?.id).toBe('sato');
    expect(await cache.userFor(token, at(1000 + SESSION_RECHECK_MS))).toBeUndefined();
  });

  const signedOut = undefined;
  it.each([
    ['signed out (the session deleted)', (s: Store) => s.db.deleteFrom('sessions').where('user_id', '=', 'sato').execute(), signedOut],
    ['deactivated', (s: Store) => s.db.updateTable('users').set({ active: false }).where('id', '=', 'sato').execute(), signedOut],
    ['made an admin', (s: Store) => s.db.updateTable('users').set({ role: 'admin' }).where('id', '=', 'sato').execute(), 'admin'],
    [
      'removed',
      (s: Store) =>
        s.db.transaction().execute(async (trx) => {
          await trx.deleteFrom('sessions').where('user_id', '=', 'sato').execute();
          await trx.deleteFrom('users').where('id', '=', 'sato').execute();
        }),
      signedOut,
    ],
    ['signed out with everyone else (TRUNCATE)', (s: Store) => sql`truncate sessions`.execute(s.db), signedOut],
  ])('forgets a user at once when the database says they were %s', async (_what, change, roleAfter) => {
    await resetDatabase(store);
    const cache = await liveCache();
    await addUser(store, 'sato');
    const token = await createSession(store.db, 'sato', t0);
    expect(await cache.userFor(token, at(1000))).toMatchObject({ id: 'sato', role: 'rep', active: true });
    await change(store);
    // PGlite hands the notice over with the commit; PostgreSQL a moment later, on another connection.
    await vi.waitFor(async () => expect((await cache.userFor(token, at(2000)))?.role).toBe(roleAfter), { timeout: 2000 });
  });
});

describe.skipIf(!engines.includes('postgres'))('kept sessions across two instances on PostgreSQL', () => {
  let first: Store;
  let second: Store;
  beforeAll(async () => {
    first = await createTestStore('postgres');
    second = await openSameDatabase(first);
  });
  afterAll(async () => {
    await second.close();
    await first.close();
  });

  it('a sign-out on one instance ends the session kept by the other', async () => {
    await resetDatabase(first);
    await addUser(first, 'sato');
    const elsewhere = sessionCacheOf(second);
    await vi.waitFor(async () => expect(await keeps(elsewhere, first, 'sato')).toBe(true));
    const token = await createSession(first.db, 'sato', t0);
    expect((await elsewhere.userFor(token, at(1000)))?.id).toBe('sato');
    await first.db.deleteFrom('sessions').where('user_id', '=', 'sato').execute();
    await vi.waitFor(async () => expect(await elsewhere.userFor(token, at(1000))).toBeUndefined(), { timeout: 2000 });
  });

  it('keeps nothing while its notices connection is down, and keeps again once it listens again', async () => {
    await resetDatabase(first);
    await addUser(first, 'suzuki');
    const cache = sessionCacheOf(second);
    await vi.waitFor(async () => expect(await keeps(cache, first, 'suzuki')).toBe(true));
    // The database ends the listening connection (a failover, an administrator).
    await sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and application_name = ${NOTICES_APPLICATION_NAME}`.execute(first.db);
    await vi.waitFor(async () => expect(await keeps(cache, first, 'suzuki')).toBe(false), { timeout: 5000 });
    await vi.waitFor(async () => expect(await keeps(cache, first, 'suzuki')).toBe(true), { timeout: 10_000 });
  });
});

describe('a lookup that overlaps a notice', () => {
  let store: Store;
  beforeAll(async () => {
    store = await createTestStore('pglite');
  });
  afterAll(() => store.close());

  it('is not kept: it may have read what the notice changed', async () => {
    const control = controlledNotices();
    const cache = new SessionCache(store.db, control.notices);
    control.live(true);
    await addUser(store, 'tanaka');
    const token = await createSession(store.db, 'tanaka', t0);
    const reading = cache.userFor(token, at(1000));
    control.notice('tanaka');
    expect((await reading)?.id).toBe('tanaka');
    await deleteSilently(store, 'tanaka');
    expect(await cache.userFor(token, at(1000))).toBeUndefined();
  });

  it('nothing is kept before the notices are live, or after they stop', async () => {
    const control = controlledNotices();
    const cache = new SessionCache(store.db, control.notices);
    await addUser(store, 'ito');
    const token = await createSession(store.db, 'ito', t0);
    expect((await cache.userFor(token, at(1000)))?.id).toBe('ito');
    await deleteSilently(store, 'ito');
    expect(await cache.userFor(token, at(1000))).toBeUndefined();

    const again = await createSession(store.db, 'ito', t0);
    control.live(true);
    expect((await cache.userFor(again, at(1000)))?.id).toBe('ito');
    control.live(false);
    await deleteSilently(store, 'ito');
    expect(await cache.userFor(again, at(1000))).toBeUndefined();
  });

  it('a store without notices (a stand-in) keeps nothing', async () => {
    const cache = new SessionCache(store.db, undefined);
    await addUser(store, 'kato');
    const token = await createSession(store.db, 'kato', t0);
    expect((await cache.userFor(token, at(1000)))?.id).toBe('kato');
    await deleteSilently(store, 'kato');
    expect(await cache.userFor(token, at(1000))).toBeUndefined();
  });
});
