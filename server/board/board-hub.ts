import type { Kysely } from 'kysely';
import type { Board, BoardEvent } from '../../contract/live-board.ts';
import type { Logger } from '../logger.ts';
import { feedFloor, feedHorizon, feedReps, noteFeedChange, pruneFeed, readFeed } from '../store/live-feed.ts';
import type { Database } from '../store/schema.ts';
import { loadBoard } from './board-loader.ts';
import { changedReps, diffBoards, repsIn, resumeEvents } from './board-model.ts';
import { BoardSubscriber, streamEvents } from './board-subscriber.ts';

export interface BoardHubOptions {
  /** How often the feed is read while someone watches. */
  pollMs?: number;
  /** How often the board is rebuilt to catch changes that come with time alone (stale heartbeats, wrap-ups ending, midnight). */
  sweepMs?: number;
  /** How long feed rows are kept: a client away for longer gets a snapshot instead of a replay. */
  retentionSeconds?: number;
  maxSubscribers?: number;
  maxSubscribersPerUser?: number;
  /** Events one client may have waiting before it is dropped as too slow. */
  maxQueuedEvents?: number;
  /** A stream without events sends a comment this often (proxies close idle streams; dead connections show). */
  keepAliveMs?: number;
  /** A stream checks this often that its viewer is still signed in and still allowed. */
  sessionCheckMs?: number;
}

export class BoardFull extends Error {
  readonly scope: 'server' | 'user';
  constructor(scope: 'server' | 'user') {
    super(scope === 'server' ? 'Too many board streams on this server.' : 'Too many board streams for this user.');
    this.name = 'BoardFull';
    this.scope = scope;
  }
}

const DEFAULTS: Required<BoardHubOptions> = {
  pollMs: 500,
  sweepMs: 5_000,
  retentionSeconds: 600,
  maxSubscribers: 200,
  maxSubscribersPerUser: 10,
  maxQueuedEvents: 500,
  keepAliveMs: 15_000,
  sessionCheckMs: 60_000,
};
const PRUNE_EVERY_SWEEPS = 12;

/**
 * One per server instance: while anyone watches, reads the change feed (store/live-feed.ts), rebuilds
 * the board when something changed and sends each subscriber the difference, numbered by the feed
 * horizon. Nothing runs while nobody watches. Reads, replays and subscriptions take turns (one chain),
 * so a new subscriber's first events and the broadcasts that follow never overlap or leave a gap.
 *
 * The feed names every card a write changed; the hub adds the cards that changed with time alone
 * (sweep, poll, start), so a replay of the feed since an id is complete — but only back to when this
 * hub started sweeping: what time changed while nobody swept was never written down, and a resume
 * from before that gets a snapshot.
 */
export class BoardHub {
  readonly #db: Kysely<Database>;
  readonly #now: () => Date;
  readonly #logger: Logger;
  readonly #options: Required<BoardHubOptions>;
  readonly #subscribers = new Set<BoardSubscriber>();
  /** Subscriptions waiting their turn: they count against the limits already. */
  readonly #pending = new Set<{ userId: string }>();
  #board: Board | null = null;
  #horizon = '0';
  /** The horizon when this hub last started: it has swept without a gap since, not before. */
  #sweptFrom = 0n;
  #chain: Promise<unknown> = Promise.resolve();
  #timers: NodeJS.Timeout[] = [];
  #pruner: NodeJS.Timeout | null = null;
  #sweeps = 0;

  constructor(deps: { db: Kysely<Database>; now: () => Date; logger: Logger }, options: BoardHubOptions = {}) {
    this.#db = deps.db;
    this.#now = deps.now;
    this.#logger = deps.logger;
    this.#options = { ...DEFAULTS, ...options };
  }

  /** The board now, for a one-off read (no subscription). */
  current(): Promise<Board> {
    return loadBoard(this.#db, this.#now());
  }

  /** How the streams keep alive and re-check their viewer. */
  get streamTiming(): { keepAliveMs: number; sessionCheckMs: number } {
    return { keepAliveMs: this.#options.keepAliveMs, sessionCheckMs: this.#options.sessionCheckMs };
  }

  get subscriberCount(): number {
    return this.#subscribers.size;
  }

  /**
   * A new subscriber, its first events queued: a replay of what changed since `lastEventId` when the
   * feed still holds it, else a snapshot. Rejects with BoardFull at capacity, subscriptions still
   * waiting their turn counted.
   */
  async subscribe(userId: string, lastEventId: string | null): Promise<BoardSubscriber> {
    const place = this.#reserve(userId);
    try {
      return await this.#serial(async () => {
        if (!this.#board) await this.#start();
        await this.#poll();
        const board = this.#board!;
        const subscriber = new BoardSubscriber(userId, this.#options.maxQueuedEvents);
        const replay = await this.#replaySince(lastEventId);
        const events: BoardEvent[] = replay
          ? resumeEvents(board, replay)
          : [{ event: 'snapshot', data: { ...board, meta: { ...board.meta, serverTime: this.#now().toISOString() } } }];
        subscriber.push(streamEvents(events, this.#horizon));
        this.#pending.delete(place);
        this.#subscribers.add(subscriber);
        return subscriber;
      });
    } finally {
      this.#pending.delete(place);
    }
  }

  unsubscribe(subscriber: BoardSubscriber): void {
    this.#subscribers.delete(subscriber);
    // In turn with subscriptions under way, which may be about to add one.
    void this.#serial(async () => {
      if (this.#subscribers.size === 0) this.#stop();
    });
  }

  /**
   * Keeps the feed short while nobody watches too (the triggers write it with every call): prunes it
   * every `intervalMs`. Started by the server (index.ts), not by tests.
   */
  startPruning(intervalMs = 600_000): void {
    if (this.#pruner) return;
    this.#pruner = setInterval(() => {
      pruneFeed(this.#db, this.#options.retentionSeconds).catch((error: unknown) => this.#logger.warn({ err: error }, 'live feed pruning failed'));
    }, intervalMs);
    this.#pruner.unref();
  }

  /** Ends every stream (server shutdown): their requests finish, so the server can close. */
  close(): void {
    for (const subscriber of this.#subscribers) subscriber.close('server-closing');
    this.#subscribers.clear();
    this.#stop();
    if (this.#pruner) clearInterval(this.#pruner);
    this.#pruner = null;
  }

  /**
   * Holds a place for a subscription before it waits its turn, so streams opened at the same moment
   * (a burst of reconnects) cannot all pass the limits. Throws BoardFull at capacity.
   */
  #reserve(userId: string): { userId: string } {
    const taken = [...this.#subscribers, ...this.#pending];
    if (taken.length >= this.#options.maxSubscribers) throw new BoardFull('server');
    const mine = taken.filter((subscriber) => subscriber.userId === userId).length;
    if (mine >= this.#options.maxSubscribersPerUser) throw new BoardFull('user');
    const place = { userId };
    this.#pending.add(place);
    return place;
  }

  /**
   * The users whose cards changed since `lastEventId`, or null when only a snapshot will do: an id
   * from before this hub last started (its board then may have changed with time while nobody swept,
   * and no feed row says so; strictly after, as the horizon stands still while nothing is written),
   * older than the kept feed, newer than the horizon, or not a number.
   */
  async #replaySince(lastEventId: string | null): Promise<string[] | null> {
    if (!lastEventId || !/^\d{1,19}$/.test(lastEventId)) return null;
    const from = BigInt(lastEventId);
    if (from <= this.#sweptFrom || from > BigInt(this.#horizon) || from < BigInt(await feedFloor(this.#db))) return null;
    return from === BigInt(this.#horizon) ? [] : feedReps(this.#db, lastEventId, this.#horizon);
  }

  #serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#chain.then(task);
    this.#chain = run.catch(() => {});
    return run;
  }

  async #start(): Promise<void> {
    await feedFloor(this.#db); // recorded now if an emptied database lost it: replays start from here
    this.#horizon = await feedHorizon(this.#db);
    this.#sweptFrom = BigInt(this.#horizon);
    const board = await loadBoard(this.#db, this.#now());
    // This board may hold changes that came with time while no instance swept. Which ones, nobody
    // can tell: every card is noted, so a client of another instance resuming past here gets them all.
    await noteFeedChange(this.#db, 'time', board.reps.map((card) => card.id));
    this.#board = board;
    const every = (ms: number, task: () => Promise<void>) => {
      const timer = setInterval(() => void this.#serial(task).catch((error: unknown) => this.#logger.warn({ err: error }, 'live board update failed')), ms);
      timer.unref();
      this.#timers.push(timer);
    };
    every(this.#options.pollMs, () => this.#poll());
    every(this.#options.sweepMs, () => this.#sweep());
  }

  #stop(): void {
    for (const timer of this.#timers) clearInterval(timer);
    this.#timers = [];
    this.#board = null;
  }

  /** Reads the feed; when anything changed, rebuilds the board and broadcasts the difference. */
  async #poll(): Promise<void> {
    if (!this.#board) return;
    const read = await readFeed(this.#db, this.#horizon);
    if (read.changes > 0) {
      const next = await loadBoard(this.#db, this.#now());
      const changes = diffBoards(this.#board, next);
      // Cards that changed with time alone since the last sweep (the feed does not name them): the
      // sweep will not see them any more, so they are noted here, for clients resuming from before.
      const named = new Set(read.reps);
      const unnamed = repsIn(changes).filter((id) => !named.has(id));
      if (unnamed.length > 0) await noteFeedChange(this.#db, 'time', unnamed);
      // Every batch carries the server's clock, so the viewers' timers keep to it.
      if (changes.length > 0 && !changes.some((change) => change.event === 'meta')) changes.push({ event: 'meta', data: next.meta });
      const events = streamEvents(changes, read.horizon);
      this.#board = next;
      for (const subscriber of this.#subscribers) {
        subscriber.push(events);
        if (subscriber.closed) this.#subscribers.delete(subscriber);
      }
    }
    this.#horizon = read.horizon;
  }

  /**
   * Changes that come with time alone are written to the feed like any other, so every instance and
   * every client resuming later hears of them; the next poll broadcasts them. Also prunes the feed.
   */
  async #sweep(): Promise<void> {
    if (!this.#board) return;
    const fresh = await loadBoard(this.#db, this.#now());
    if (diffBoards(this.#board, fresh).length > 0) await noteFeedChange(this.#db, 'time', changedReps(this.#board, fresh));
    if (++this.#sweeps % PRUNE_EVERY_SWEEPS === 0) await pruneFeed(this.#db, this.#options.retentionSeconds);
  }
}
