import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';

/**
 * The change feed behind the live board (migration 0008). Triggers write one row per change of a
 * call, leg, presence or user, stamped with the writing transaction's id. A reader takes everything
 * below the *horizon* — the oldest transaction still running — so a transaction that commits after a
 * younger one is never skipped, on PostgreSQL shared by several instances as on PGlite. The horizon
 * is also the event stream's id: "I have seen every change below H" means the same on every instance.
 * Transaction ids are 64-bit (`xid8`): they never wrap.
 */

type Db = Kysely<Database>;

export interface FeedRead {
  /** Everything below this transaction id has been read. */
  horizon: string;
  /** Users whose board card may have changed. */
  reps: string[];
  /** How many feed rows the range held (0 = nothing changed). */
  changes: number;
}

const HORIZON = sql<string>`pg_snapshot_xmin(pg_current_snapshot())::text::bigint`;

/** The current horizon: a reader starting now has nothing older to read. */
export async function feedHorizon(db: Db): Promise<string> {
  const { rows } = await sql<{ horizon: string }>`select ${HORIZON} as horizon`.execute(db);
  return String(rows[0]!.horizon);
}

/**
 * The changes in [from, horizon) and the new horizon, read in one statement (one snapshot: every
 * transaction below its horizon is visible to it). A horizon below `from` (never seen, but cheap to
 * guard) reads nothing.
 */
export async function readFeed(db: Db, from: string): Promise<FeedRead> {
  const { rows } = await sql<{ horizon: string; reps: string[] | null; changes: string }>`
    with h as (select ${HORIZON} as horizon)
    select h.horizon,
      (select array_agg(distinct r) from live_feed f, unnest(f.reps) r where f.tx >= ${from}::bigint and f.tx < h.horizon) as reps,
      (select count(*) from live_feed f where f.tx >= ${from}::bigint and f.tx < h.horizon) as changes
    from h`.execute(db);
  const row = rows[0]!;
  const horizon = BigInt(row.horizon) > BigInt(from) ? String(row.horizon) : from;
  return { horizon, reps: row.reps ?? [], changes: Number(row.changes) };
}

/**
 * The oldest horizon the feed can still replay from (older rows were pruned), recorded the first
 * time it is asked for (an emptied database replays nothing older than that).
 */
export async function feedFloor(db: Db): Promise<string> {
  const row = await db.selectFrom('live_feed_floor').select('tx').where('id', '=', 1).executeTakeFirst();
  if (row) return String(row.tx);
  await sql`insert into live_feed_floor (id, tx) values (1, ${HORIZON}) on conflict (id) do nothing`.execute(db);
  return feedFloor(db);
}

/**
 * Drops feed rows older than `seconds` and raises the floor past them. Any instance may run it;
 * running it twice at once is harmless (the floor only rises).
 */
export async function pruneFeed(db: Db, seconds: number): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ cutoff: string | null }>`
      select max(tx) + 1 as cutoff from live_feed where at < now() - make_interval(secs => ${seconds})`.execute(trx);
    const cutoff = rows[0]?.cutoff;
    if (cutoff === null || cutoff === undefined) return 0;
    const deleted = await trx.deleteFrom('live_feed').where('tx', '<', String(cutoff)).executeTakeFirst();
    await trx
      .updateTable('live_feed_floor')
      .set({ tx: sql<string>`greatest(tx, ${String(cutoff)}::bigint)` })
      .where('id', '=', 1)
      .execute();
    return Number(deleted.numDeletedRows);
  });
}

/**
 * A change no table write expresses: a rep's card changed with time alone (a heartbeat went stale, a
 * wrap-up ran out, the day turned). Noted in the feed so every instance — and every client resuming
 * later — hears of it like of any other change.
 */
export async function noteFeedChange(db: Db, topic: string, reps: readonly string[]): Promise<void> {
  await db.insertInto('live_feed').values({ topic, reps: [...reps] }).execute();
}

/** Users named by the feed rows in [from, to): whose cards a client that saw everything below `from` must get again. */
export async function feedReps(db: Db, from: string, to: string): Promise<string[]> {
  const { rows } = await sql<{ reps: string[] | null }>`
    select array_agg(distinct r) as reps from live_feed f, unnest(f.reps) r
    where f.tx >= ${from}::bigint and f.tx < ${to}::bigint`.execute(db);
  return rows[0]?.reps ?? [];
}
