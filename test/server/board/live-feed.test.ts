import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../../server/store/database.ts';
import { feedFloor, feedHorizon, feedReps, noteFeedChange, pruneFeed, readFeed } from '../../../server/store/live-feed.ts';
import { setAvailability } from '../../../server/store/presence.ts';
import { joinLine, leaveLine } from '../../../server/store/waiting-line.ts';
import { engines, sharedTestStore } from '../support/store.ts';

const now = new Date('2026-11-24T10:00:00+09:00');

describe.each(engines)('the change feed on %s', (engine) => {
  let store: Store;
  beforeAll(async () => {
    store = await sharedTestStore(engine);
    for (const id of ['sato', 'suzuki']) {
      await store.db.insertInto('users').values({ id, name: id, email: `${id}@example.jp`, role: 'rep', password_hash: null, crm_user_id: null, updated_at: now }).execute();
    }
  });
  afterAll(() => store.close());

  it('names the users a write touched, from the triggers, and nothing for a heartbeat that changes nothing shown', async () => {
    const from = await feedHorizon(store.db);
    await setAvailability(store.db, 'sato', true, now);
    const first = await readFeed(store.db, from);
    expect(first).toMatchObject({ reps: ['sato'], changes: 1 });
    await setAvailability(store.db, 'sato', true, new Date(now.getTime() + 30_000));
    expect(await readFeed(store.db, first.horizon)).toMatchObject({ reps: [], changes: 0 });
    await store.db.insertInto('calls').values({
      call_sid: `CA${'4'.repeat(32)}`, direction: 'inbound', from_number: '+819011112222', to_number: '+81312345678', number_called: '+81312345678',
      number_label: '代表', ivr_path: '[]', rep_id: null, rang: ['sato', 'suzuki'], reason: null, started_at: now, answered_at: null, ended_at: null,
      duration_seconds: null, crm_record: null, note: null, disposition: null,
    }).execute();
    const call = await readFeed(store.db, first.horizon);
    expect(call.reps.sort()).toEqual(['sato', 'suzuki']);
    expect(await feedReps(store.db, from, call.horizon)).toEqual(['sato', 'suzuki']);
  });

  it('notes calls written together (group commit) once per statement, naming every rep, and nothing when none was new', async () => {
    const row = (digit: string, rang: string[], repId: string | null = null) => ({
      call_sid: `CA${digit.repeat(32)}`, direction: 'inbound' as const, from_number: '+819011112222', to_number: '+81312345678', number_called: '+81312345678',
      number_label: '代表', ivr_path: '[]', rep_id: repId, rang, reason: null, started_at: now, answered_at: null, ended_at: null,
      duration_seconds: null, crm_record: null, note: null, disposition: null,
    });
    const from = await feedHorizon(store.db);
    const batch = [row('6', []), row('7', ['suzuki']), row('8', [], 'sato')];
    await store.db.insertInto('calls').values(batch).onConflict((oc) => oc.column('call_sid').doNothing()).execute();
    const written = await readFeed(store.db, from);
    expect(written.changes).toBe(1);
    expect(written.reps.sort()).toEqual(['sato', 'suzuki']);
    // A retried webhook's batch that finds every call already there changes nothing.
    await store.db.insertInto('calls').values(batch).onConflict((oc) => oc.column('call_sid').doNothing()).execute();
    expect(await readFeed(store.db, written.horizon)).toMatchObject({ reps: [], changes: 0 });
  });

  it('notes a caller joining and leaving the waiting line, for the reps of that line', async () => {
    const from = await feedHorizon(store.db);
    const callSid = `CA${'5'.repeat(32)}`;
    await joinLine(store.db, {
      callSid, number: '+81312345678', path: [], language: 'ja-JP', users: ['suzuki'], priority: 0, announceSeconds: 30, maxWaitSeconds: 300, now,
    });
    const joined = await readFeed(store.db, from);
    expect(joined).toMatchObject({ reps: ['suzuki'], changes: 1 });
    await leaveLine(store.db, callSid, 'hung-up', now);
    expect(await readFeed(store.db, joined.horizon)).toMatchObject({ reps: ['suzuki'], changes: 1 });
  });

  it('forgets rows past their time and raises the floor, so an older resume gets a snapshot', async () => {
    const before = await feedFloor(store.db);
    await noteFeedChange(store.db, 'time', ['suzuki']);
    await new Promise((resolve) => setTimeout(resolve, 50)); // rows older than "now" by a clock tick at least
    expect(await pruneFeed(store.db, 0)).toBeGreaterThan(0);
    const after = await feedFloor(store.db);
    expect(BigInt(after)).toBeGreaterThan(BigInt(before));
    expect(await feedReps(store.db, before, await feedHorizon(store.db))).toEqual([]);
  });
});
