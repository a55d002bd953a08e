import { describe, expect, it } from 'vitest';
import { endEveryCall, phoneMemorySchema, blankPhoneMemory, resyncCalls } from '@/entrypoints/background/phone-memory';
import type { CallInfo } from '@/phone/call-info';
import { idleCalls, MAX_OWED_WRAP_UPS, transition, type CallEvent, type PhoneCalls } from '@/phone/call-state';

/**
 * A barging supervisor's leg ended without a wrap-up, and the call became theirs only afterwards (Twilio
 * told of the rep's leave late): nobody else will write its notes. Busy by then (another call, a caller
 * ringing, another wrap-up), they get it as soon as the screen is free.
 */

const call = (callId: string, direction: CallInfo['direction'] = 'incoming'): CallInfo => ({
  callId, direction, number: '+81312345678', calledNumber: '+81501234567', calledLabel: '代表', ivrPath: [], callSid: `CA-${callId}`, record: null,
});
const run = (events: CallEvent[], start: PhoneCalls = idleCalls) => events.reduce(transition, start);
/** What the screen shows, then what is owed: `in-call(i1) owed[m1]`. */
const summary = (calls: PhoneCalls) => {
  const { current, waiting, owed = [] } = calls;
  const shown = current.kind === 'idle' ? 'idle' : `${current.kind}${current.kind === 'wrap-up' && current.inherited ? '*' : ''}(${current.call.callId})`;
  return `${shown}${waiting ? ` + waiting(${waiting.callId})` : ''}${owed.length ? ` owed[${owed.map((entry) => entry.call.callId).join(',')}]` : ''}`;
};

const dial = (id: string): CallEvent => ({ type: 'dialRequested', call: call(id, 'outgoing'), at: 1 });
const ringIn = (id: string): CallEvent => ({ type: 'incoming', call: call(id), at: 2 });
const accepted = (id: string): CallEvent => ({ type: 'accepted', callId: id, callSid: `CA-${id}`, at: 4 });
const ended = (id: string, reason: 'completed' | 'canceled' | 'rejected' = 'completed'): CallEvent => ({ type: 'ended', callId: id, reason, at: 9 });
const handedOver = (id: string): CallEvent => ({ type: 'ended', callId: id, reason: 'completed', at: 9, wrapUp: false });
const startFailed = (id: string): CallEvent => ({ type: 'startFailed', callId: id, at: 5 });
const notDue = (id: string): CallEvent => ({ type: 'wrapUpNotDue', callId: id });
const done: CallEvent = { type: 'wrapUpDone' };
/** The supervisor's monitoring leg of `id` ended at 8; the call became theirs afterwards. */
const due = (id: string): CallEvent => ({ type: 'wrapUpDue', call: call(id), answeredAt: 3, endedAt: 8 });

describe('the wrap-up of a call that became the supervisor’s while they were busy', () => {
  it.each<[string, CallEvent[], string]>([
    ['waits beside a call being talked on', [ringIn('i1'), accepted('i1'), due('m1')], 'in-call(i1) owed[m1]'],
    ['and opens after that call’s own wrap-up is done', [ringIn('i1'), accepted('i1'), due('m1'), ended('i1'), done], 'wrap-up*(m1)'],
    ['not before: the call’s own wrap-up comes first', [ringIn('i1'), accepted('i1'), due('m1'), ended('i1')], 'wrap-up(i1) owed[m1]'],
    ['opens at once when the call ends without a wrap-up (handed over)', [ringIn('i1'), accepted('i1'), due('m1'), handedOver('i1')], 'wrap-up*(m1)'],
    ['or when its wrap-up turns out not to be theirs', [ringIn('i1'), accepted('i1'), due('m1'), ended('i1'), notDue('i1')], 'wrap-up*(m1)'],
    ['waits beside a caller ringing, who is not pushed aside', [ringIn('i1'), due('m1')], 'incoming(i1) owed[m1]'],
    ['and opens when that caller gives up', [ringIn('i1'), due('m1'), ended('i1', 'canceled')], 'wrap-up*(m1)'],
    ['or when that call never connects', [ringIn('i1'), due('m1'), startFailed('i1')], 'wrap-up*(m1)'],
    ['waits beside another wrap-up being written', [dial('o1'), accepted('o1'), ended('o1'), due('m1')], 'wrap-up(o1) owed[m1]'],
    ['waits while a caller still waits for their turn', [ringIn('i1'), accepted('i1'), ringIn('i2'), due('m1'), ended('i1')], 'incoming(i2) owed[m1]'],
    ['opens after the calls before it, in the order they became the supervisor’s', [ringIn('i1'), accepted('i1'), due('m1'), due('m2'), handedOver('i1')], 'wrap-up*(m1) owed[m2]'],
    ['and the next one after that', [ringIn('i1'), accepted('i1'), due('m1'), due('m2'), handedOver('i1'), done], 'wrap-up*(m2)'],
    ['is kept once when told twice', [ringIn('i1'), accepted('i1'), due('m1'), due('m1')], 'in-call(i1) owed[m1]'],
    ['nor again once open', [due('m1'), due('m1')], 'wrap-up*(m1)'],
    // Already open, a caller rings or the supervisor dials: it goes back to the front of the queue, not away.
    ['comes back after a call that rang over it', [due('m1'), ringIn('i1')], 'incoming(i1) owed[m1]'],
    ['once that call is done', [due('m1'), ringIn('i1'), accepted('i1'), ended('i1'), done], 'wrap-up*(m1)'],
    ['and after a call dialled from it', [due('m1'), dial('o1'), accepted('o1'), ended('o1'), done], 'wrap-up*(m1)'],
    ['but not after it was done, or found not to be theirs', [due('m1'), due('m2'), done, notDue('m2')], 'idle'],
    ['one found not to be theirs while still owed goes from the queue', [ringIn('i1'), accepted('i1'), due('m1'), due('m2'), notDue('m1')], 'in-call(i1) owed[m2]'],
    ['while the call on the screen stays as it is', [ringIn('i1'), accepted('i1'), ended('i1'), due('m1'), notDue('m1')], 'wrap-up(i1)'],
  ])('%s', (_name, events, expected) => {
    expect(summary(run(events))).toBe(expected);
  });

  it('opens as the call it was: when it was answered and ended, completed', () => {
    const calls = run([ringIn('i1'), accepted('i1'), due('m1'), handedOver('i1')]);
    expect(calls).toEqual({ current: { kind: 'wrap-up', call: call('m1'), answeredAt: 3, endedAt: 8, outcome: 'completed', inherited: true }, waiting: null });
  });

  /** `count` calls that became the supervisor's one after another: m1, m2, … */
  const dues = (count: number, from = 1) => Array.from({ length: count }, (_, index) => due(`m${from + index}`));
  const ids = (count: number) => Array.from({ length: count }, (_, index) => `m${index + 1}`).join(',');

  it(`keeps ${MAX_OWED_WRAP_UPS}, more than a shift’s takeovers, the oldest first`, () => {
    expect(MAX_OWED_WRAP_UPS).toBeGreaterThanOrEqual(10);
    const busy = run([ringIn('i1'), accepted('i1'), ...dues(MAX_OWED_WRAP_UPS)]);
    expect(summary(busy)).toBe(`in-call(i1) owed[${ids(MAX_OWED_WRAP_UPS)}]`);
    expect(busy.owedDropped).toBeUndefined();
  });

  it('counts the ones past the bound, never dropping one unsaid, until the user is through with the rest', () => {
    const full = run([ringIn('i1'), accepted('i1'), ...dues(MAX_OWED_WRAP_UPS + 2)]);
    expect(summary(full)).toBe(`in-call(i1) owed[${ids(MAX_OWED_WRAP_UPS)}]`);
    expect(full.owedDropped).toBe(2);
    // One pushed aside by a call that rings over it, with the queue full: counted too.
    const pushed = run([...dues(MAX_OWED_WRAP_UPS + 1), ringIn('i2')]);
    expect(summary(pushed)).toBe(`incoming(i2) owed[${ids(MAX_OWED_WRAP_UPS)}]`);
    expect(pushed.owedDropped).toBe(1);
    // Told while any is still owed or open; gone once the last is done.
    let calls = run([handedOver('i1')], full);
    for (let index = 1; index < MAX_OWED_WRAP_UPS; index++) calls = transition(calls, done);
    expect(summary(calls)).toBe(`wrap-up*(m${MAX_OWED_WRAP_UPS})`);
    expect(calls.owedDropped).toBe(2);
    calls = transition(calls, done);
    expect(calls).toEqual(idleCalls);
  });
});

describe('owed wrap-ups kept with the phone’s state', () => {
  const busy = () => run([ringIn('i1'), accepted('i1'), due('m1')]);

  it('are remembered across a service-worker restart', () => {
    const memory = phoneMemorySchema.parse(JSON.parse(JSON.stringify({ ...blankPhoneMemory, calls: busy() })));
    expect(summary(memory.calls)).toBe('in-call(i1) owed[m1]');
  });

  it('are not dropped when the phone corrects what was remembered', () => {
    const live = { call: call('i1'), phase: 'in-call' as const, since: 4, muted: true };
    expect(summary(resyncCalls(busy(), [live], 20))).toBe('in-call(i1) owed[m1]');
    const ringing = { call: call('i2'), phase: 'incoming' as const, since: 20, muted: false };
    expect(summary(resyncCalls(run([dial('o1'), accepted('o1'), ended('o1'), due('m1')]), [ringing], 20))).toBe('incoming(i2) owed[m1]');
  });

  it('keep one that was open when a restarted background finds the phone on another call', () => {
    // The worker slept through the open form and wakes for a caller the phone already rings with.
    const ringing = { call: call('i1'), phase: 'incoming' as const, since: 20, muted: false };
    expect(summary(resyncCalls(run([due('m1')]), [ringing], 20))).toBe('incoming(i1) owed[m1]');
    const talking = { call: call('o1', 'outgoing'), phase: 'in-call' as const, since: 20, muted: false };
    expect(summary(resyncCalls(run([ringIn('i1'), accepted('i1'), due('m1'), due('m2'), handedOver('i1')]), [talking], 20))).toBe('in-call(o1) owed[m1,m2]');
  });

  it('open once the phone went away with the call', () => {
    expect(summary(endEveryCall(run([ringIn('i1'), due('m1')]), 20))).toBe('wrap-up*(m1)');
  });

  it('remember how many were not kept', () => {
    const full = run([ringIn('i1'), accepted('i1'), ...Array.from({ length: MAX_OWED_WRAP_UPS + 1 }, (_, index) => due(`m${index}`))]);
    expect(phoneMemorySchema.parse(JSON.parse(JSON.stringify({ ...blankPhoneMemory, calls: full }))).calls.owedDropped).toBe(1);
  });

  it('refuse a remembered state with more than the bound', () => {
    const tooMany = { ...busy(), owed: Array.from({ length: MAX_OWED_WRAP_UPS + 1 }, (_, index) => ({ call: call(`m${index}`), answeredAt: 3, endedAt: 8 })) };
    expect(phoneMemorySchema.safeParse({ ...blankPhoneMemory, calls: tooMany }).success).toBe(false);
  });
});
