import type { Board, BoardCall, BoardEvent, BoardMeta, RepCard, RepState, RepToday, Waiting, WaitingCall } from '../../contract/live-board.ts';
import type { BoardCallRow, BoardUser, WrapUp } from '../store/board-queries.ts';
import type { CallPresence, RepActivity } from '../store/live-calls-adapter.ts';
import type { PresenceView } from '../store/presence.ts';
import { callerNumber } from '../voice/caller-id.ts';

/**
 * The live board as a pure function of what the database holds and the time: each rep's state and
 * its timer, the callers not yet with a rep, and the difference between two boards as stream events.
 *
 * A rep's state, first match wins: on a call (on hold when its customer is held) › ringing ›
 * wrapping up (WRAP_UP_SECONDS after an answered call, until a note or disposition is saved) ›
 * online › offline.
 */

export interface BoardInput {
  users: readonly BoardUser[];
  presence: readonly PresenceView[];
  activity: RepActivity;
  calls: ReadonlyMap<string, BoardCallRow>;
  holds: ReadonlyMap<string, Date>;
  wrapUps: ReadonlyMap<string, WrapUp>;
  today: ReadonlyMap<string, RepToday>;
  meta: Omit<BoardMeta, 'serverTime'>;
  now: Date;
  /** Callers waiting in line (call SID → when they joined), in line order; null: no number has a waiting line. */
  line?: ReadonlyMap<string, Date> | null;
}

export interface RepStateInput {
  presence: PresenceView | undefined;
  onCall: CallPresence | undefined;
  ringing: CallPresence | undefined;
  holdSince: Date | undefined;
  wrapUp: WrapUp | undefined;
}

export function repStateOf(input: RepStateInput): { state: RepState; since: Date | null; callSid: string | null } {
  if (input.onCall) {
    return input.holdSince
      ? { state: 'on-hold', since: input.holdSince, callSid: input.onCall.callSid }
      : { state: 'on-call', since: input.onCall.since, callSid: input.onCall.callSid };
  }
  if (input.ringing) return { state: 'ringing', since: input.ringing.since, callSid: input.ringing.callSid };
  if (input.wrapUp) return { state: 'wrap-up', since: input.wrapUp.endedAt, callSid: input.wrapUp.callSid };
  if (input.presence?.available) return { state: 'online', since: input.presence.since, callSid: null };
  return { state: 'offline', since: null, callSid: null };
}

const NO_CALLS_TODAY: RepToday = { answered: 0, missed: 0, talkSeconds: 0 };

export function buildBoard(input: BoardInput): Board {
  const presence = new Map(input.presence.map((view) => [view.userId, view]));
  const reps = input.users.map((user): RepCard => {
    const onCall = input.activity.onCall.get(user.id);
    const { state, since, callSid } = repStateOf({
      presence: presence.get(user.id),
      onCall,
      ringing: input.activity.ringing.get(user.id),
      holdSince: onCall ? input.holds.get(onCall.callSid) : undefined,
      wrapUp: input.wrapUps.get(user.id),
    });
    const row = callSid ? input.calls.get(callSid) : undefined;
    return {
      id: user.id,
      name: user.name,
      role: user.role,
      state,
      since: since?.toISOString() ?? null,
      call: row ? boardCallOf(row, state === 'on-call' || state === 'on-hold') : null,
      today: input.today.get(user.id) ?? NO_CALLS_TODAY,
    };
  });
  return {
    meta: { ...input.meta, serverTime: input.now.toISOString() },
    reps,
    waiting: waitingOf(input),
  };
}

function customerOf(row: BoardCallRow) {
  return { number: row.direction === 'inbound' ? callerNumber(row.from) : row.to || null, name: row.customerName };
}

/** `onIt`: the rep is on the call (or holding it), so its recording's pause is theirs to see. */
function boardCallOf(row: BoardCallRow, onIt: boolean): BoardCall {
  return {
    callSid: row.callSid,
    direction: row.direction,
    customer: customerOf(row),
    line: { number: row.numberCalled, label: row.numberLabel },
    ivrPath: row.ivrPath,
    answeredAt: row.answeredAt?.toISOString() ?? null,
    recordingPausedAt: onIt ? (row.recordingPausedAt?.toISOString() ?? null) : null,
  };
}

/** Incoming calls still going on that no rep has answered: in the menu, or ringing (between rounds too). */
export function waitingOf(input: Pick<BoardInput, 'calls' | 'activity' | 'line'>): Waiting {
  const ringingReps = new Map<string, string[]>();
  for (const [repId, ringing] of input.activity.ringing) ringingReps.set(ringing.callSid, [...(ringingReps.get(ringing.callSid) ?? []), repId]);
  const inMenu: WaitingCall[] = [];
  const ringing: WaitingCall[] = [];
  const line = input.line ?? null;
  const inLine = new Map<string, WaitingCall>();
  for (const row of input.calls.values()) {
    if (row.direction !== 'inbound' || row.status !== 'in-progress' || row.answeredAt) continue;
    const joined = line?.get(row.callSid);
    if (joined) {
      inLine.set(row.callSid, { callSid: row.callSid, customer: customerOf(row), line: { number: row.numberCalled, label: row.numberLabel }, ivrPath: row.ivrPath, keys: row.ivrKeys, since: joined.toISOString(), reps: [] });
      continue;
    }
    const reps = (ringingReps.get(row.callSid) ?? []).sort();
    const rung = reps.length > 0 || row.rang.length > 0 || row.ivrState === 'routed';
    const waiting: WaitingCall = {
      callSid: row.callSid,
      customer: customerOf(row),
      line: { number: row.numberCalled, label: row.numberLabel },
      ivrPath: row.ivrPath,
      keys: row.ivrKeys,
      since: (rung ? (row.ivrRoutedAt ?? row.startedAt) : row.startedAt).toISOString(),
      reps,
    };
    (rung ? ringing : inMenu).push(waiting);
  }
  const longestFirst = (a: WaitingCall, b: WaitingCall) => a.since.localeCompare(b.since) || a.callSid.localeCompare(b.callSid);
  // The line's own order (priority, then arrival), which is who a free rep gets next.
  const lineOrder = line ? [...line.keys()].flatMap((callSid) => inLine.get(callSid) ?? []) : null;
  return { inMenu: inMenu.sort(longestFirst), ringing: ringing.sort(longestFirst), inLine: lineOrder };
}

/** The events that turn `before` into `after`: changed cards, departed users, the waiting list, the meta. */
export function diffBoards(before: Board, after: Board): BoardEvent[] {
  const events: BoardEvent[] = [];
  const old = new Map(before.reps.map((card) => [card.id, JSON.stringify(card)]));
  for (const card of after.reps) {
    if (old.get(card.id) !== JSON.stringify(card)) events.push({ event: 'rep', data: card });
  }
  const present = new Set(after.reps.map((card) => card.id));
  for (const card of before.reps) if (!present.has(card.id)) events.push({ event: 'rep-gone', data: { id: card.id } });
  if (JSON.stringify(before.waiting) !== JSON.stringify(after.waiting)) events.push({ event: 'waiting', data: after.waiting });
  const { serverTime: _before, ...oldMeta } = before.meta;
  const { serverTime: _after, ...newMeta } = after.meta;
  if (JSON.stringify(oldMeta) !== JSON.stringify(newMeta)) events.push({ event: 'meta', data: after.meta });
  return events;
}

/** The events a client resuming after a gap needs: the cards of the reps the feed says changed, and the waiting list. */
export function resumeEvents(board: Board, changedReps: readonly string[]): BoardEvent[] {
  const cards = new Map(board.reps.map((card) => [card.id, card]));
  const events: BoardEvent[] = [{ event: 'meta', data: board.meta }];
  for (const id of new Set(changedReps)) {
    const card = cards.get(id);
    events.push(card ? { event: 'rep', data: card } : { event: 'rep-gone', data: { id } });
  }
  events.push({ event: 'waiting', data: board.waiting });
  return events;
}

/** Reps whose cards differ between two boards: the ones whose change came with time, not with a write. */
export function changedReps(before: Board, after: Board): string[] {
  return repsIn(diffBoards(before, after));
}

/** The reps whose cards some events change or remove. */
export function repsIn(events: readonly BoardEvent[]): string[] {
  return events.flatMap((event) => (event.event === 'rep' || event.event === 'rep-gone' ? [event.data.id] : []));
}
