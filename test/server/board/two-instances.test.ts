import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RepCard } from '../../../contract/live-board.ts';
import { BoardHub } from '../../../server/board/board-hub.ts';
import { silentLogger } from '../../../server/logger.ts';
import type { Store } from '../../../server/store/database.ts';
import { setAvailability } from '../../../server/store/presence.ts';
import { createClock, createTestApp, type TestApp } from '../support/app.ts';
import { createTestStore, engines, openSameDatabase } from '../support/store.ts';
import { MAIN } from '../voice/phone-numbers.ts';
import { createVoiceHarness, type VoiceHarness } from '../voice/voice-harness.ts';
import { callInSteps } from './call-steps.ts';
import { readBoardEvents, type ReceivedEvent } from './event-stream.ts';

// Two server instances (two apps, each with its own pool and its own board hub) on one PostgreSQL
// database, as behind a load balancer. Skipped without TEST_DATABASE_URL (CI sets it).
const withPostgres = engines.includes('postgres');

const state = (event: ReceivedEvent, id: string): RepCard['state'] | undefined =>
  event.event === 'rep' && event.data.id === id ? event.data.state : event.event === 'snapshot' ? event.data.reps.find((rep) => rep.id === id)?.state : undefined;
const repIs = (id: string, wanted: RepCard['state']) => (event: ReceivedEvent) => state(event, id) === wanted;

describe.skipIf(!withPostgres)('the live board across two server instances on PostgreSQL', () => {
  let storeA: Store;
  let storeB: Store;
  let a: VoiceHarness;
  let b: TestApp;
  let hubA: BoardHub;
  let hubB: BoardHub;
  let token = '';

  beforeAll(async () => {
    storeA = await createTestStore('postgres');
    storeB = await openSameDatabase(storeA);
    const clock = createClock(new Date('2026-11-24T10:00:00+09:00'));
    const timing = { pollMs: 25, sweepMs: 100, keepAliveMs: 100 };
    hubA = new BoardHub({ db: storeA.db, now: clock.now, logger: silentLogger }, timing);
    hubB = new BoardHub({ db: storeB.db, now: clock.now, logger: silentLogger }, timing);
    a = await createVoiceHarness({ store: storeA, clock, reps: ['sato', 'suzuki', 'tanaka'], app: { board: hubA } });
    b = await createTestApp({ store: storeB, clock, app: { board: hubB } });
    await a.addUser({ id: 'boss', name: '部長', role: 'admin' });
    token = await a.signIn('boss@example.jp');
    await a.addNumber(MAIN);
    await a.goOnline('sato');
  });
  afterAll(async () => {
    hubA?.close();
    hubB?.close();
    await storeB?.close();
    await a?.close();
  });

  it('shows on a board connected to instance B a call that rings and is answered through instance A', async () => {
    const board = readBoardEvents(await b.call('GET', '/api/board/events', { token }));
    await board.until((event) => event.event === 'snapshot');
    const call = callInSteps(a.twilio, { from: '+819011112222', to: MAIN.number, seed: 'two-instances', now: a.clock.now });
    await call.arrive();
    await call.press('1');
    await call.leg('sato', 'ringing');
    await board.until(repIs('sato', 'ringing'));
    a.clock.advance(5);
    await call.leg('sato', 'in-progress');
    const answered = await board.until(repIs('sato', 'on-call'));
    expect(answered.event === 'rep' && answered.data.call).toMatchObject({ callSid: call.callSid, ivrPath: ['営業'], customer: { number: '+819011112222' } });
    board.close();
  });

  it('resumes on instance A from the last event id instance B sent', async () => {
    const watchingA = readBoardEvents(await a.call('GET', '/api/board/events', { token })); // A sweeps all along
    await watchingA.until((event) => event.event === 'snapshot');
    const onB = readBoardEvents(await b.call('GET', '/api/board/events', { token }));
    const snapshot = await onB.until((event) => event.event === 'snapshot');
    onB.close();
    await setAvailability(storeB.db, 'suzuki', true, a.clock.now());

    const onA = readBoardEvents(await a.call('GET', `/api/board/events?lastEventId=${snapshot.id}`, { token }));
    const suzuki = await onA.until((event) => event.event === 'rep' && event.data.id === 'suzuki');
    expect(onA.received[0]?.event).toBe('meta');
    expect(state(suzuki, 'suzuki')).toBe('online');
    onA.close();
    watchingA.close();
  });

  it('sends a snapshot, on either instance, to a viewer resuming from before both last started (nobody swept in between)', async () => {
    const onB = readBoardEvents(await b.call('GET', '/api/board/events', { token }));
    const snapshot = await onB.until((event) => event.event === 'snapshot');
    onB.close();
    await expect.poll(() => hubA.subscriberCount + hubB.subscriberCount, { timeout: 5_000 }).toBe(0);
    for (const instance of [a, b]) {
      const resumed = readBoardEvents(await instance.call('GET', `/api/board/events?lastEventId=${snapshot.id}`, { token }));
      expect((await resumed.until(() => true)).event).toBe('snapshot');
      resumed.close();
    }
  });

  it('never skips a change whose transaction commits after a younger one: the younger one waits for it', async () => {
    const board = readBoardEvents(await b.call('GET', '/api/board/events', { token }));
    await board.until((event) => event.event === 'snapshot');
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let written = () => {};
    const wrote = new Promise<void>((resolve) => (written = resolve));
    // tanaka goes online in a transaction that stays open…
    const slow = storeA.db.transaction().execute(async (trx) => {
      await setAvailability(trx, 'tanaka', true, a.clock.now());
      written();
      await held;
    });
    await wrote;
    // …while suzuki goes offline and commits first. A reader going by feed row ids alone would read
    // suzuki's row and move past tanaka's for good; the horizon holds suzuki's until tanaka's commits.
    await setAvailability(storeB.db, 'suzuki', false, a.clock.now());
    expect(await board.next(500)).toBeNull();
    release();
    await slow;
    const isRep = (event: ReceivedEvent) => event.event === 'rep';
    const events = [await board.until(isRep), await board.until(isRep)];
    expect(events.map((event) => event.event === 'rep' && [event.data.id, event.data.state]).sort()).toEqual([
      ['suzuki', 'offline'],
      ['tanaka', 'online'],
    ]);
    expect(events.map((event) => event.id)).toEqual([undefined, undefined]); // one batch: its last event, the meta, carries the id
    expect((await board.until((event) => event.id !== undefined)).event).toBe('meta');
    board.close();
  });
});
