import type { Kysely } from 'kysely';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Board, BoardEvent, RepCard } from '../../../contract/live-board.ts';
import { BoardFull, type BoardHubOptions, BoardHub } from '../../../server/board/board-hub.ts';
import type { BoardSubscriber, StreamEvent } from '../../../server/board/board-subscriber.ts';
import { silentLogger } from '../../../server/logger.ts';
import type { Store } from '../../../server/store/database.ts';
import { HEARTBEAT_TIMEOUT_SECONDS, setAvailability } from '../../../server/store/presence.ts';
import type { Database } from '../../../server/store/schema.ts';
import { createClock, type TestClock } from '../support/app.ts';
import { engines, sharedTestStore } from '../support/store.ts';

// The hub as a client sees it, without HTTP: a client's board after a resume must be the board a fresh
// snapshot shows, whatever happened while it was away.

type Client = Map<string, RepCard['state']>;
/** The reps' states as a client holds them after the events (the options page's model, for what these tests look at). */
function apply(client: Client | null, events: readonly StreamEvent[]): Client | null {
  for (const event of events.map((wire) => ({ event: wire.event, data: JSON.parse(wire.data) }) as BoardEvent)) {
    if (event.event === 'snapshot') client = new Map(event.data.reps.map((card) => [card.id, card.state]));
    else if (event.event === 'rep') client?.set(event.data.id, event.data.state);
    else if (event.event === 'rep-gone') client?.delete(event.data.id);
  }
  return client;
}
const states = (board: Client | Board | null) => (board instanceof Map ? Object.fromEntries(board) : Object.fromEntries((board?.reps ?? []).map((card) => [card.id, card.state])));
/** The id a client keeps: the last one it saw (events without one leave it as it was). */
const lastId = (events: readonly StreamEvent[], before: string | null = null) => events.reduce((id, event) => event.id ?? id, before);

/** Reads a subscriber's events until one carries an id (the end of a batch). */
async function batch(subscriber: BoardSubscriber): Promise<StreamEvent[]> {
  const events: StreamEvent[] = [];
  for (let i = 0; i < 100 && events.at(-1)?.id === undefined; i++) events.push(...(await subscriber.next(50)));
  return events;
}

describe.each(engines)('the board hub on %s', (engine) => {
  let store: Store;
  let clock: TestClock;
  let hub: BoardHub | undefined;
  const open = (options: BoardHubOptions = {}) => (hub = new BoardHub({ db: store.db, now: clock.now, logger: silentLogger }, { pollMs: 20, keepAliveMs: 50, ...options }));
  const leave = (subscriber: BoardSubscriber) => {
    subscriber.close('disconnected');
    hub!.unsubscribe(subscriber);
  };

  beforeAll(async () => {
    store = await sharedTestStore(engine);
    clock = createClock(new Date('2026-11-24T10:00:00+09:00'));
    for (const id of ['sato', 'suzuki']) {
      await store.db.insertInto('users').values({ id, name: id, email: `${id}@example.jp`, role: 'rep', password_hash: null, crm_user_id: null, updated_at: clock.now() }).execute();
    }
  });
  afterEach(async () => {
    hub?.close();
    await store.db.deleteFrom('presence').execute();
  });

  describe('resuming', () => {
    it('after a gap in which nobody watched, shows offline a rep whose browser closed meanwhile (a snapshot, not a replay)', async () => {
      open({ sweepMs: 60 });
      await setAvailability(store.db, 'sato', true, clock.now());
      const first = await hub!.subscribe('boss', null);
      const initial = await batch(first);
      let client = apply(null, initial);
      expect(states(client)).toEqual({ sato: 'online', suzuki: 'offline' });
      leave(first); // the supervisor's laptop sleeps, nobody else watches: the hub stops sweeping
      await expect.poll(() => hub!.subscriberCount).toBe(0);
      await new Promise((resolve) => setTimeout(resolve, 100));
      clock.advance(HEARTBEAT_TIMEOUT_SECONDS + 30); // sato's browser is gone: no heartbeat since

      const resumed = await hub!.subscribe('boss', lastId(initial));
      const events = await batch(resumed);
      expect(events.map((event) => event.event)).toEqual(['snapshot']);
      client = apply(client, events);
      expect(states(client)).toEqual({ sato: 'offline', suzuki: 'offline' });
      expect(states(client)).toEqual(states(await hub!.current()));
    });

    it('replays a card that changed with time just before a write, though no sweep saw it change', async () => {
      open({ sweepMs: 600_000 }); // no sweep within the test
      await setAvailability(store.db, 'sato', true, clock.now());
      const keeper = await hub!.subscribe('kanri', null); // another viewer: the hub keeps running
      await batch(keeper);
      const away = await hub!.subscribe('boss', null);
      const initial = await batch(away);
      let client = apply(null, initial);
      leave(away);

      clock.advance(HEARTBEAT_TIMEOUT_SECONDS + 30); // sato goes stale…
      await setAvailability(store.db, 'suzuki', true, clock.now()); // …and suzuki's write makes the next poll rebuild the board
      const broadcast = await batch(keeper);
      expect(broadcast.filter((event) => event.event === 'rep').map((event) => JSON.parse(event.data).id).sort()).toEqual(['sato', 'suzuki']);

      const resumed = await hub!.subscribe('boss', lastId(initial));
      const events = await batch(resumed);
      expect(events[0]?.event).toBe('meta'); // a replay
      client = apply(client, events);
      expect(states(client)).toEqual({ sato: 'offline', suzuki: 'online' });
      leave(keeper);
    });

    it('numbers only the last event of a batch, so a client cut off mid-batch gets the rest again', async () => {
      open({ sweepMs: 600_000 });
      const first = await hub!.subscribe('boss', null);
      const initial = await batch(first);
      let client = apply(null, initial);
      await store.db.transaction().execute(async (trx) => {
        await setAvailability(trx, 'sato', true, clock.now());
        await setAvailability(trx, 'suzuki', true, clock.now());
      });
      const both = await batch(first);
      expect(both.map((event) => [event.event, event.id === undefined])).toEqual([
        ['rep', true],
        ['rep', true],
        ['meta', false],
      ]);
      expect(BigInt(both.at(-1)!.id!)).toBeGreaterThan(BigInt(lastId(initial)!));

      // The connection drops after the first card: the client's id is still the snapshot's.
      client = apply(client, both.slice(0, 1));
      leave(first);
      const resumed = await hub!.subscribe('boss', lastId(both.slice(0, 1), lastId(initial)));
      client = apply(client, await batch(resumed));
      expect(states(client)).toEqual({ sato: 'online', suzuki: 'online' });
    });
  });

  describe('the stream limits', () => {
    it('hold when streams open at the same moment (a burst of reconnects), and free up as they close', async () => {
      open({ maxSubscribers: 5, maxSubscribersPerUser: 3 });
      const burst = await Promise.allSettled(Array.from({ length: 12 }, () => hub!.subscribe('boss', null)));
      expect(burst.filter((result) => result.status === 'fulfilled')).toHaveLength(3);
      expect(burst.flatMap((result) => (result.status === 'rejected' ? [(result.reason as BoardFull).scope] : []))).toEqual(Array(9).fill('user'));

      const others = await Promise.allSettled(['kanri', 'ueda', 'kimura'].map((user) => hub!.subscribe(user, null)));
      expect(others.map((result) => (result.status === 'fulfilled' ? 'open' : (result.reason as BoardFull).scope))).toEqual(['open', 'open', 'server']);
      expect(hub!.subscriberCount).toBe(5);

      for (const result of [...burst, ...others]) if (result.status === 'fulfilled') leave(result.value);
      const again = await Promise.allSettled(Array.from({ length: 3 }, () => hub!.subscribe('boss', null)));
      expect(again.every((result) => result.status === 'fulfilled')).toBe(true);
      for (const result of again) if (result.status === 'fulfilled') leave(result.value);
    });

    it('give back the place of a stream that failed to open', async () => {
      const broken = {} as Kysely<Database>; // every query fails
      hub = new BoardHub({ db: broken, now: clock.now, logger: silentLogger }, { maxSubscribers: 1, maxSubscribersPerUser: 1 });
      for (let i = 0; i < 3; i++) {
        const error = await hub.subscribe('boss', null).catch((reason: unknown) => reason);
        expect(error).toBeInstanceOf(TypeError); // the database's failure, not BoardFull
      }
    });
  });
});
