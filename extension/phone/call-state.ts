import { z } from 'zod';
import { callInfoSchema, type CallInfo, type CrmRecord } from './call-info';

/**
 * The rep's call, as a pure state machine:
 * idle → dialing → ringing-out → in-call → wrap-up → idle (outgoing)
 * idle → incoming → in-call | idle (declined / caller hung up / another rep answered)
 * An incoming call while busy waits beside the current call (call waiting: a beep and a card, no ring).
 * A call that never started (dialing that Twilio never took, an answer that never connected) ends with
 * `startFailed`: straight back to idle, no wrap-up, since there is no call to write a note about.
 * Neither does a call the rep handed over (a blind transfer, a completed consult), left while others
 * carry on, or only monitored: it ends with `wrapUp: false`, or its wrap-up is dropped (`wrapUpNotDue`)
 * once the server says the call went on without them. A wrap-up already open when the call turns out
 * to be someone else's after all (a barging supervisor took it over, and Twilio told of the rep's leave
 * late) stays open, saying so (`takenOver`), so what the rep typed is not lost; a supervisor whose call
 * that became gets its wrap-up then (`wrapUpDue`, `inherited`). Nobody else will write that call's notes,
 * so a supervisor busy with another call, ringing or wrap-up keeps it owed (`owed`, oldest first) until
 * the screen is free: after that wrap-up is done, or a call ends without one.
 */
export const callStateSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('idle') }),
  z.object({ kind: z.literal('dialing'), call: callInfoSchema, since: z.number() }),
  z.object({ kind: z.literal('ringing-out'), call: callInfoSchema, since: z.number() }),
  z.object({ kind: z.literal('incoming'), call: callInfoSchema, since: z.number() }),
  z.object({ kind: z.literal('in-call'), call: callInfoSchema, answeredAt: z.number(), muted: z.boolean() }),
  z.object({
    kind: z.literal('wrap-up'),
    call: callInfoSchema,
    answeredAt: z.number().nullable(),
    endedAt: z.number(),
    outcome: z.enum(['completed', 'no-answer', 'failed']),
    /** The call is someone else's after all (`by`: their name, when known): they write its notes. */
    takenOver: z.object({ by: z.string().max(200).nullable() }).optional(),
    /** The user took the call over and its leg had ended without a wrap-up (`wrapUpDue`): its notes are theirs now. */
    inherited: z.literal(true).optional(),
  }),
]);
export type CallState = z.infer<typeof callStateSchema>;

/** The wrap-up of a call that became the user's while they were busy, kept until the screen is free. */
export const owedWrapUpSchema = z.object({ call: callInfoSchema, answeredAt: z.number().nullable(), endedAt: z.number() });
export type OwedWrapUp = z.infer<typeof owedWrapUpSchema>;

/**
 * Owed wrap-ups kept at most: more than a supervisor takes over in a shift while busy, and it bounds
 * what is remembered and published (each is a call's card). Past it the newest is not kept, and the
 * user is told so (`owedDropped`): nobody else writes those notes.
 */
export const MAX_OWED_WRAP_UPS = 10;

export const phoneCallsSchema = z.object({
  current: callStateSchema,
  /** An incoming call that arrived while the rep was busy. */
  waiting: callInfoSchema.nullable(),
  /** Wrap-ups owed to the user, oldest first (absent when none); the first opens once the screen is free. */
  owed: z.array(owedWrapUpSchema).max(MAX_OWED_WRAP_UPS).optional(),
  /** Owed wrap-ups not kept for want of room since the user was last owed none (absent when none): they write those notes in the CRM. */
  owedDropped: z.number().int().positive().optional(),
});
export type PhoneCalls = z.infer<typeof phoneCallsSchema>;

export const idleCalls: PhoneCalls = { current: { kind: 'idle' }, waiting: null };

export type CallEndReason = 'completed' | 'canceled' | 'rejected' | 'failed';

export type CallEvent =
  | { type: 'dialRequested'; call: CallInfo; at: number }
  /** `callSid`: Twilio gives the outgoing call's sid as it rings, so an unanswered call's wrap-up can still be saved. */
  | { type: 'ringing'; callId: string; callSid: string | null; at: number }
  | { type: 'incoming'; call: CallInfo; at: number }
  | { type: 'accepted'; callId: string; callSid: string | null; at: number }
  | { type: 'muted'; callId: string; muted: boolean }
  /** `wrapUp: false`: the call goes on without the rep (or was only monitored): straight back to idle. */
  | { type: 'ended'; callId: string; reason: CallEndReason; at: number; wrapUp?: boolean }
  /** The wrap-up of this call is not the rep's after all (the server says the call went on, or someone else owns it). */
  | { type: 'wrapUpNotDue'; callId: string }
  /** The same, found out after the form opened: it stays, saying who has the call (the rep may keep their words). */
  | { type: 'wrapUpTakenOver'; callId: string; by: string | null }
  /** A call the user's leg ended without a wrap-up became theirs after all (they barged in, the rep's leave came late). */
  | { type: 'wrapUpDue'; call: CallInfo; answeredAt: number | null; endedAt: number }
  | { type: 'startFailed'; callId: string; at: number }
  | { type: 'wrapUpDone' }
  /** The caller lookup ended after the call started ringing (late-match.ts): its card gets the record. */
  | { type: 'crmMatched'; callId: string; record: CrmRecord; others: CrmRecord[] }
  /** The same, but nobody in the CRM has the number: the card says so, as one the CRM answered in time. */
  | { type: 'crmNoRecord'; callId: string };

/** The call that is active, ringing or being wrapped up (not the waiting one). */
export function currentCall(calls: PhoneCalls): CallInfo | null {
  return calls.current.kind === 'idle' ? null : calls.current.call;
}

/** The calls ringing for the rep: the one on the main card first, then the waiting one. */
export function ringingCalls(calls: PhoneCalls): CallInfo[] {
  return [calls.current.kind === 'incoming' ? calls.current.call : null, calls.waiting].filter((call) => call !== null);
}

/** A call this state already shows, ringing, waiting, talked on or being wrapped up. */
function isKnown(calls: PhoneCalls, callId: string): boolean {
  return currentCall(calls)?.callId === callId || calls.waiting?.callId === callId;
}

/**
 * The call the rep leaves by answering the waiting caller, which the phone must end itself: one still
 * ringing is sent on (declined, as Decline does: Twilio rings the next rep, or the caller reaches
 * voicemail), as a desk phone does; one still being dialled is given up. None for a call being talked
 * on, which the phone hangs up as it answers (twilio-device.ts `accept`), nor for answering the current call.
 */
export function callLeftByAnswering(calls: PhoneCalls, callId: string): { call: CallInfo; end: 'reject' | 'hangUp' } | null {
  const { current, waiting } = calls;
  if (waiting?.callId !== callId) return null;
  if (current.kind === 'incoming') return { call: current.call, end: 'reject' };
  if (current.kind === 'dialing' || current.kind === 'ringing-out') return { call: current.call, end: 'hangUp' };
  return null;
}

function isBusy(state: CallState): boolean {
  return state.kind === 'dialing' || state.kind === 'ringing-out' || state.kind === 'in-call';
}

export function canDial(calls: PhoneCalls): boolean {
  return calls.current.kind === 'idle' || calls.current.kind === 'wrap-up';
}

export function transition(calls: PhoneCalls, event: CallEvent): PhoneCalls {
  if (event.type === 'wrapUpDue') return owe(calls, { call: event.call, answeredAt: event.answeredAt, endedAt: event.endedAt });
  const before = calls.owed ?? [];
  // A wrap-up found not to be the user's goes from the queue too, not only off the screen.
  const kept = event.type === 'wrapUpNotDue' ? before.filter((entry) => entry.call.callId !== event.callId) : before;
  const next = step(calls, event);
  if (next === calls && kept.length === before.length) return calls;
  // Done, or found not to be theirs: it goes; anything else that takes its place leaves it owed.
  const closed = event.type === 'wrapUpDone' || event.type === 'wrapUpNotDue';
  return settle(next, closed ? kept : stillOwed(calls.current, next, kept), calls.owedDropped);
}

/**
 * The phone's own account of the screen (a restarted background finds it on a call it did not hear
 * of): `state` takes the screen, and an inherited wrap-up it pushes aside stays owed, as in `transition`.
 */
export function showPhoneState(calls: PhoneCalls, state: CallState): PhoneCalls {
  const next = { current: state, waiting: calls.waiting };
  return settle(next, stillOwed(calls.current, next, calls.owed ?? []), calls.owedDropped);
}

/** An inherited wrap-up a call pushed aside (one rang, or the user dialled) is still owed, first: nobody else writes it. */
function stillOwed(before: CallState, after: PhoneCalls, owed: readonly OwedWrapUp[]): OwedWrapUp[] {
  const pushedAside = before.kind === 'wrap-up' && before.inherited && currentCall(after)?.callId !== before.call.callId;
  return pushedAside ? [{ call: before.call, answeredAt: before.answeredAt, endedAt: before.endedAt }, ...owed] : [...owed];
}

/** A call became the user's after their leg ended: its wrap-up opens now if the screen is free, else waits its turn. */
function owe(calls: PhoneCalls, due: OwedWrapUp): PhoneCalls {
  const owed = calls.owed ?? [];
  // Told twice (the owner checked again after a worker restart).
  const known = isKnown(calls, due.call.callId) || owed.some((entry) => entry.call.callId === due.call.callId);
  if (known) return calls;
  return settle(calls, [...owed, due], calls.owedDropped);
}

/**
 * `calls` with `owed` kept, the oldest MAX_OWED_WRAP_UPS of them (the others counted in `owedDropped`
 * until nothing is owed or open any more); the first opens when nothing else is on the screen.
 */
function settle(calls: PhoneCalls, owed: readonly OwedWrapUp[], droppedBefore = 0): PhoneCalls {
  const { current, waiting } = calls;
  const dropped = droppedBefore + Math.max(0, owed.length - MAX_OWED_WRAP_UPS);
  const [first, ...rest] = owed.slice(0, MAX_OWED_WRAP_UPS);
  const shown: PhoneCalls = first && current.kind === 'idle' && !waiting ? { current: { kind: 'wrap-up', ...first, outcome: 'completed', inherited: true }, waiting } : { current, waiting };
  const left = shown.current === current ? (first ? [first, ...rest] : []) : rest;
  // Told until the user is through with what was kept: nothing owed, and no call or wrap-up on the screen.
  const told = dropped > 0 && (left.length > 0 || shown.current.kind !== 'idle' || shown.waiting !== null);
  return { ...shown, ...(left.length ? { owed: left } : {}), ...(told ? { owedDropped: dropped } : {}) };
}

/** One event on the screen's calls (the owed wrap-ups are `transition`'s). */
function step(calls: PhoneCalls, event: Exclude<CallEvent, { type: 'wrapUpDue' }>): PhoneCalls {
  const { current, waiting } = calls;
  switch (event.type) {
    case 'dialRequested':
      if (!canDial(calls)) return calls;
      return { current: { kind: 'dialing', call: event.call, since: event.at }, waiting };

    case 'ringing':
      if (current.kind !== 'dialing' || current.call.callId !== event.callId) return calls;
      return { current: { kind: 'ringing-out', call: withSid(current.call, event.callSid), since: current.since }, waiting };

    case 'incoming':
      // Told twice (a service worker woken by this very call already read it from the phone's snapshot).
      if (isKnown(calls, event.call.callId)) return calls;
      if (current.kind === 'idle' || current.kind === 'wrap-up') {
        return { current: { kind: 'incoming', call: event.call, since: event.at }, waiting };
      }
      // Busy or already ringing: a second caller waits (one at a time; the SDK rings the rest out).
      return waiting ? calls : { current, waiting: event.call };

    case 'accepted': {
      if (waiting?.callId === event.callId) {
        // The rep took the waiting call: the previous one is hung up or sent on (see callLeftByAnswering).
        const call = withSid(waiting, event.callSid);
        return { current: { kind: 'in-call', call, answeredAt: event.at, muted: false }, waiting: null };
      }
      if (current.kind === 'idle' || current.kind === 'wrap-up' || current.kind === 'in-call') return calls;
      if (current.call.callId !== event.callId) return calls;
      const call = withSid(current.call, event.callSid);
      return { current: { kind: 'in-call', call, answeredAt: event.at, muted: false }, waiting };
    }

    case 'muted':
      if (current.kind !== 'in-call' || current.call.callId !== event.callId) return calls;
      return { current: { ...current, muted: event.muted }, waiting };

    case 'ended': {
      const next = ended(calls, event.callId, event.reason, event.at);
      return event.wrapUp === false && next.current.kind === 'wrap-up' && next.current.call.callId === event.callId
        ? { current: { kind: 'idle' }, waiting: next.waiting }
        : next;
    }

    case 'wrapUpNotDue':
      return current.kind === 'wrap-up' && current.call.callId === event.callId ? { current: { kind: 'idle' }, waiting } : calls;

    case 'wrapUpTakenOver':
      if (current.kind !== 'wrap-up' || current.call.callId !== event.callId) return calls;
      return { current: { ...current, takenOver: { by: event.by } }, waiting };

    case 'startFailed': {
      if (waiting?.callId === event.callId) return { current, waiting: null };
      const starting = current.kind === 'dialing' || current.kind === 'incoming';
      if (!starting || current.call.callId !== event.callId) return calls;
      return { current: waiting ? { kind: 'incoming', call: waiting, since: event.at } : { kind: 'idle' }, waiting: null };
    }

    case 'wrapUpDone':
      return current.kind === 'wrap-up' ? { current: { kind: 'idle' }, waiting } : calls;

    case 'crmMatched': {
      const matched = (call: CallInfo) => call.callId === event.callId && call.record === null;
      const fill = (call: CallInfo): CallInfo => ({ ...call, record: event.record, others: event.others, crmLookup: 'matched' });
      if (current.kind !== 'idle' && matched(current.call)) return { current: { ...current, call: fill(current.call) }, waiting };
      if (waiting && matched(waiting)) return { current, waiting: fill(waiting) };
      return calls;
    }

    case 'crmNoRecord': {
      // Only ever raises what the card knows: never over a record, nor a card that already said "no record".
      const unanswered = (call: CallInfo) => call.callId === event.callId && call.record === null && call.crmLookup === 'unanswered';
      const fill = (call: CallInfo): CallInfo => ({ ...call, crmLookup: 'none' });
      if (current.kind !== 'idle' && unanswered(current.call)) return { current: { ...current, call: fill(current.call) }, waiting };
      if (waiting && unanswered(waiting)) return { current, waiting: fill(waiting) };
      return calls;
    }
  }
}

function ended(calls: PhoneCalls, callId: string, reason: CallEndReason, at: number): PhoneCalls {
  const { current, waiting } = calls;
  if (waiting?.callId === callId) return { current, waiting: null };
  if (current.kind === 'idle' || current.kind === 'wrap-up' || current.call.callId !== callId) return calls;

  // A caller still waiting takes over the screen as a normal incoming call.
  const next: CallState = waiting ? { kind: 'incoming', call: waiting, since: at } : { kind: 'idle' };

  if (current.kind === 'incoming') return { current: next, waiting: null };
  if (waiting) return { current: next, waiting: null };
  if (current.kind === 'in-call') {
    return {
      current: { kind: 'wrap-up', call: current.call, answeredAt: current.answeredAt, endedAt: at, outcome: 'completed' },
      waiting: null,
    };
  }
  // An outgoing call that never connected.
  return {
    current: {
      kind: 'wrap-up',
      call: current.call,
      answeredAt: null,
      endedAt: at,
      outcome: reason === 'failed' ? 'failed' : 'no-answer',
    },
    waiting: null,
  };
}

function withSid(call: CallInfo, callSid: string | null): CallInfo {
  return callSid && !call.callSid ? { ...call, callSid } : call;
}

/** What an incoming call should sound like: a full ring when free, a short beep when busy. */
export function incomingSound(calls: PhoneCalls): 'ring' | 'beep' | 'none' {
  if (calls.current.kind === 'incoming') return 'ring';
  if (calls.waiting && isBusy(calls.current)) return 'beep';
  return 'none';
}
