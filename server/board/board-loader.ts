import type { Kysely } from 'kysely';
import type { Board } from '../../contract/live-board.ts';
import { orgTimeZone, presetRange } from '../store/analytics-range.ts';
import { repTotals } from '../store/analytics-reps.ts';
import { boardCalls, boardUsers, recentWrapUps } from '../store/board-queries.ts';
import { customerHolds, MONITOR_AVAILABLE, repActivity } from '../store/live-calls-adapter.ts';
import { listIncomingNumbers } from '../store/phone-config-store.ts';
import { listPresence } from '../store/presence.ts';
import { waitingInOrder } from '../store/waiting-line.ts';
import { hasWaitingLine } from '../voice/waiting-line.ts';
import type { Database } from '../store/schema.ts';
import { buildBoard } from './board-model.ts';

/** Reads everything the board shows, as of `now`, and builds it. */
export async function loadBoard(db: Kysely<Database>, now: Date): Promise<Board> {
  const timeZone = await orgTimeZone(db);
  const today = await presetRange(db, 'today', now, timeZone);
  const [users, presence, wrapUps, totals] = await Promise.all([boardUsers(db), listPresence(db, now), recentWrapUps(db, now), repTotals(db, today)]);
  const activity = await repActivity(db, presence, now);
  const referenced = [...activity.onCall.values(), ...activity.ringing.values(), ...wrapUps.values()].map((call) => call.callSid);
  const calls = await boardCalls(db, now, referenced);
  const holds = await customerHolds(db, [...calls.keys()]);
  const line = await waitingLine(db);
  return buildBoard({
    users,
    presence,
    activity,
    calls,
    holds,
    wrapUps,
    today: new Map(totals.map((rep) => [rep.rep, { answered: rep.answered, missed: rep.missed, talkSeconds: rep.talkSeconds }])),
    meta: { day: today.from, timeZone, monitor: MONITOR_AVAILABLE },
    now,
    line,
  });
}

/** Callers waiting in line, in line order; null when no number has a waiting line. */
async function waitingLine(db: Kysely<Database>): Promise<Map<string, Date> | null> {
  const numbers = await listIncomingNumbers(db);
  if (!numbers.some((number) => number.enabled && hasWaitingLine(number.route))) return null;
  return new Map((await waitingInOrder(db)).map((row) => [row.call_sid, new Date(row.enqueued_at)]));
}
