import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { NOTICES_APPLICATION_NAME, postgresNotices, relistenDelayMs, type ChangeNotices } from '../../../server/store/change-notices.ts';
import type { Store } from '../../../server/store/database.ts';
import { createTestStore, engines } from '../support/store.ts';

/** What one listener was told, in order. */
function recorder() {
  const told: string[] = [];
  return { told, listener: { notice: (payload: string) => void told.push(`notice ${payload}`), live: (isLive: boolean) => void told.push(isLive ? 'live' : 'not live') } };
}

describe('waiting before listening again', () => {
  it('starts at half a second and doubles, up to 30 s', () => {
    expect([1, 2, 3, 4, 6, 7, 20].map(relistenDelayMs)).toEqual([500, 1000, 2000, 4000, 16_000, 30_000, 30_000]);
  });
});

describe.each(engines)('change notices on %s', (engine) => {
  let store: Store;
  beforeAll(async () => {
    store = await createTestStore(engine);
  });
  afterAll(() => store.close());

  it('tell a listener it is live, then hand it what is notified at commit, not before', async () => {
    const { told, listener } = recorder();
    store.notices!.listen('test_channel', listener);
    await vi.waitFor(() => expect(told).toContain('live'));
    await store.db.transaction().execute(async (trx) => {
      await sql`select pg_notify('test_channel', 'sato')`.execute(trx);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(told).not.toContain('notice sato');
    });
    await vi.waitFor(() => expect(told).toContain('notice sato'));
  });
});

describe.skipIf(!engines.includes('postgres'))('change notices when PostgreSQL drops the connection', () => {
  let store: Store & { url?: string };
  let notices: ChangeNotices;
  const errors: string[] = [];
  beforeAll(async () => {
    store = await createTestStore('postgres');
    notices = postgresNotices(store.url!, (error) => errors.push(error.message));
  });
  afterAll(async () => {
    await notices.close();
    await store.close();
  });

  it('says it is not live, reports it, listens again, and is live again', async () => {
    const { told, listener } = recorder();
    notices.listen('test_channel', listener);
    await vi.waitFor(() => expect(told).toEqual(['live']));
    await sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and application_name = ${NOTICES_APPLICATION_NAME}`.execute(store.db);
    await vi.waitFor(() => expect(told).toEqual(['live', 'not live', 'live']), { timeout: 10_000 });
    expect(errors).toEqual(['the connection listening for change notices was lost; reconnecting']);
    await sql`select pg_notify('test_channel', 'suzuki')`.execute(store.db);
    await vi.waitFor(() => expect(told.at(-1)).toBe('notice suzuki'));
  });

  it('tells every listener it is not live once closed', async () => {
    const { told, listener } = recorder();
    notices.listen('other_channel', listener);
    await vi.waitFor(() => expect(told.at(-1)).toBe('live'));
    await notices.close();
    expect(told.at(-1)).toBe('not live');
  });
});
