import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { Database, WaitingCallersTable, WaitingOutcome } from './schema.ts';

/**
 * The waiting line, all of it in the database (docs/call-flow.md, "The waiting line"): who waits,
 * in what order, whom they may ring, their position and expected wait. Nothing in memory, so a
 * restart or a second instance keeps the line in order.
 *
 * The order is fair across numbers: callers of every ring action that shares a rep wait in one line,
 * by when they started waiting (to the second), then by their ring action's priority (ties), then to
 * the millisecond.
 */

type Db = Kysely<Database> | Transaction<Database>;
export type WaitingRow = Selectable<WaitingCallersTable>;

/** Before this order key in SQL: `(second, -priority, enqueued_at, call_sid)` as a row value. */
const orderKey = (alias: string) =>
  sql.raw(`(date_trunc('second', ${alias}.enqueued_at), -${alias}.priority, ${alias}.enqueued_at, ${alias}.call_sid)`);

/** When nobody has talked on this number lately: the expected time a rep spends per caller. */
export const DEFAULT_HANDLE_SECONDS = 180;
/** How far back answered calls tell the expected handle time. */
const HANDLE_WINDOW_DAYS = 30;

export interface JoinLine {
  callSid: string;
  number: string;
  path: number[];
  language: string;
  users: readonly string[];
  priority: number;
  announceSeconds: number;
  maxWaitSeconds: number;
  now: Date;
}

/** Joins the line (once per call: a retried webhook keeps the caller's place). */
export async function joinLine(db: Db, entry: JoinLine): Promise<WaitingRow> {
  await db
    .insertInto('waiting_callers')
    .values({
      call_sid: entry.callSid,
      number: entry.number,
      path: entry.path.join(''),
      language: entry.language,
      users: [...entry.users],
      priority: entry.priority,
      announce_seconds: entry.announceSeconds,
      max_wait_seconds: entry.maxWaitSeconds,
      state: 'waiting',
      outcome: null,
      ringing: [],
      enqueued_at: entry.now,
      announced_at: null,
      ring_after: null,
      next_check_at: entry.now,
      left_at: null,
    })
    .onConflict((oc) => oc.column('call_sid').doNothing())
    .execute();
  return (await findWaiting(db, entry.callSid))!;
}

export async function findWaiting(db: Db, callSid: string): Promise<WaitingRow | null> {
  return (await db.selectFrom('waiting_callers').selectAll().where('call_sid', '=', callSid).executeTakeFirst()) ?? null;
}

/** Whether anyone waits (or is being rung from the line) for one of these reps: a new caller joins behind them. */
export async function someoneWaitsFor(db: Db, users: readonly string[]): Promise<boolean> {
  if (users.length === 0) return false;
  const row = await db
    .selectFrom('waiting_callers')
    .select('call_sid')
    .where('state', 'in', ['waiting', 'ringing'])
    .where(sql<boolean>`users && ${sql.val([...users])}::text[]`)
    .executeTakeFirst();
  return row !== undefined;
}

/** Reps being rung for callers from the line (other than `except`): not free for anyone else meanwhile. */
export async function repsRingingFromLine(db: Db, except: string | null): Promise<Set<string>> {
  const rows = await db
    .selectFrom('waiting_callers')
    .select('ringing')
    .where('state', '=', 'ringing')
    .$if(except !== null, (qb) => qb.where('call_sid', '<>', except!))
    .execute();
  return new Set(rows.flatMap((row) => row.ringing));
}

/**
 * Of the `free` reps, those this caller may ring now: reps of theirs for whom nobody waiting in line
 * is ahead of them. Callers behind a caller who may not ring yet (`ring_after`) are not held up.
 */
export async function repsFor(db: Db, callSid: string, free: readonly string[], now: Date): Promise<string[]> {
  if (free.length === 0) return [];
  const result = await sql<{ rep: string }>`
    select r.rep from waiting_callers me, unnest(${sql.val([...free])}::text[]) with ordinality as r(rep, n)
    where me.call_sid = ${callSid} and r.rep = any(me.users)
      and (me.ring_after is null or me.ring_after <= ${now})
      and not exists (
        select 1 from waiting_callers o
        where o.state = 'waiting' and o.call_sid <> me.call_sid and r.rep = any(o.users)
          and (o.ring_after is null or o.ring_after <= ${now})
          and ${orderKey('o')} < ${orderKey('me')}
      )
    order by r.n`.execute(db);
  return result.rows.map((row) => row.rep);
}

/**
 * The caller rings `reps`, which nobody else in line rings meanwhile: from `from` (compare-and-set) —
 * `waiting` for their first ring from the line, `ringing` for the next step of that ring, whose reps
 * replace the last step's.
 */
export async function claimRing(db: Db, callSid: string, reps: readonly string[], from: 'waiting' | 'ringing'): Promise<boolean> {
  const row = await db
    .updateTable('waiting_callers')
    .set({ state: 'ringing', ringing: [...reps] })
    .where('call_sid', '=', callSid)
    .where('state', '=', from)
    .returning('call_sid')
    .executeTakeFirst();
  return row !== undefined;
}

/** Nobody took the call: back in line at the same place; the caller rings again no sooner than `ringAfter`. */
export async function backToLine(db: Db, callSid: string, ringAfter: Date): Promise<void> {
  await db
    .updateTable('waiting_callers')
    .set({ state: 'waiting', ringing: [], ring_after: ringAfter })
    .where('call_sid', '=', callSid)
    .where('state', '=', 'ringing')
    .execute();
}

/** The caller leaves the line (answered, voicemail, callback, timeout, hung up, nobody online). Once. */
export async function leaveLine(db: Db, callSid: string, outcome: WaitingOutcome, now: Date): Promise<boolean> {
  const row = await db
    .updateTable('waiting_callers')
    .set({ state: 'left', outcome, ringing: [], left_at: now })
    .where('call_sid', '=', callSid)
    .where('state', '<>', 'left')
    .returning('call_sid')
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Leaves the line for `outcome` (a key the caller pressed). `already`: they left so before — Twilio
 * retried the request, which must get the same answer without anything recorded twice; `otherwise`:
 * they left some other way meanwhile.
 */
export async function leaveLineFor(db: Db, callSid: string, outcome: WaitingOutcome, now: Date): Promise<'left' | 'already' | 'otherwise'> {
  if (await leaveLine(db, callSid, outcome, now)) return 'left';
  return (await findWaiting(db, callSid))?.outcome === outcome ? 'already' : 'otherwise';
}

/** After an announcement: when it was said, and when the caller's leg should come back next. */
export async function announced(db: Db, callSid: string, at: Date, nextCheckAt: Date): Promise<void> {
  await db.updateTable('waiting_callers').set({ announced_at: at, next_check_at: nextCheckAt }).where('call_sid', '=', callSid).execute();
}

export async function scheduleCheck(db: Db, callSid: string, nextCheckAt: Date): Promise<void> {
  await db.updateTable('waiting_callers').set({ next_check_at: nextCheckAt }).where('call_sid', '=', callSid).execute();
}

export interface PlaceInLine {
  /** 1 = next. */
  position: number;
  /** Seconds until a rep is expected to be free for this caller. */
  expectedSeconds: number;
}

/**
 * The caller's position among everyone waiting for any of their reps, and the expected wait: the
 * callers ahead (and this one) times the average talk time of answered calls to this number over the
 * last 30 days, shared by the reps online.
 */
export async function placeInLine(db: Db, callSid: string, repsOnline: number): Promise<PlaceInLine | null> {
  const result = await sql<{ position: string | number; expected: string | number }>`
    with me as (select * from waiting_callers where call_sid = ${callSid}),
    ahead as (
      select count(*) as n from waiting_callers o, me
      where o.state in ('waiting', 'ringing') and o.call_sid <> me.call_sid and o.users && me.users
        and ${orderKey('o')} < ${orderKey('me')}
    ),
    handle as (
      select avg(extract(epoch from (c.ended_at - c.answered_at))) as seconds
      from calls c, me
      where c.direction = 'inbound' and c.number_called = me.number
        and c.answered_at is not null and c.ended_at is not null and c.ended_at > c.answered_at
        and c.started_at > me.enqueued_at - make_interval(days => ${HANDLE_WINDOW_DAYS})
    )
    select ahead.n + 1 as position,
      ceil((ahead.n + 1) * coalesce(handle.seconds, ${DEFAULT_HANDLE_SECONDS}) / greatest(${repsOnline}::int, 1)) as expected
    from me, ahead, handle`.execute(db);
  const row = result.rows[0];
  return row ? { position: Number(row.position), expectedSeconds: Number(row.expected) } : null;
}

/** Callers still waiting, in line order (the pacer's walk). */
export async function waitingInOrder(db: Db): Promise<WaitingRow[]> {
  const result = await sql<WaitingRow>`
    select * from waiting_callers w where w.state = 'waiting' order by ${orderKey('w')}`.execute(db);
  return result.rows;
}

/** The pacer takes a caller for a nudge once (compare-and-set on the time it read), even with two instances. */
export async function takeNudge(db: Db, callSid: string, seen: Date, nextCheckAt: Date): Promise<boolean> {
  const row = await db
    .updateTable('waiting_callers')
    .set({ next_check_at: nextCheckAt })
    .where('call_sid', '=', callSid)
    .where('state', '=', 'waiting')
    .where('next_check_at', '=', seen)
    .returning('call_sid')
    .executeTakeFirst();
  return row !== undefined;
}

export interface LineSummary {
  number: string;
  count: number;
  /** When the longest-waiting caller started waiting. */
  longestSince: Date | null;
}

/** Who waits now, per number; `forUser` keeps the lines that user takes calls from. */
export async function lineSummary(db: Db, forUser: string | null): Promise<LineSummary[]> {
  const rows = await db
    .selectFrom('waiting_callers')
    .select(['number', (eb) => eb.fn.countAll<string>().as('count'), (eb) => eb.fn.min('enqueued_at').as('since')])
    .where('state', 'in', ['waiting', 'ringing'])
    .$if(forUser !== null, (qb) => qb.where(sql<boolean>`${forUser} = any(users)`))
    .groupBy('number')
    .orderBy('number')
    .execute();
  return rows.map((row) => ({ number: row.number, count: Number(row.count), longestSince: row.since ? new Date(row.since) : null }));
}
