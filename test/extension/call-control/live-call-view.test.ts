import { describe, expect, it } from 'vitest';
import { liveCallSchema } from '@/call-control/live-call';
import { liveCallViewSchema } from '@/call-control/live-call-view-schema';
import { canControl, othersStay, toLiveCallView, yourConsult } from '@/call-control/live-call-view';
import { consult, customer, kanri, liveCall, outside, sato, suzuki } from './live-call-fixtures';

describe('the call card’s view of a call in its room', () => {
  it('lists who is on the call for the rep, marks the rep, and keeps no user ids', () => {
    const view = toLiveCallView(liveCall({ parties: [customer(), sato(), kanri('listen')] }), 'sato');
    expect(view.parties.map(({ kind, name, number, state, monitor, you }) => ({ kind, name, number, state, monitor, you }))).toEqual([
      { kind: 'customer', name: null, number: '+819011112222', state: 'talking', monitor: null, you: false },
      { kind: 'rep', name: '佐藤 花子', number: null, state: 'talking', monitor: null, you: true },
      { kind: 'supervisor', name: '管理 美香', number: null, state: 'talking', monitor: 'listen', you: false },
    ]);
    expect(JSON.stringify(view)).not.toMatch(/"(sato|kanri)"|rep:sato|sup:kanri/);
    expect(view.owner).toEqual({ name: '佐藤 花子', you: true });
    expect(liveCallViewSchema.safeParse(view).success).toBe(true);
  });

  it('turns the server’s times into instants: answered, and on hold since', () => {
    const view = toLiveCallView(liveCall({ hold: { since: '2026-11-24T00:01:00.000Z' }, parties: [customer('held'), sato()] }), 'sato');
    expect(view.answeredAt).toBe(Date.parse('2026-11-24T00:00:05.000Z'));
    expect(view.hold).toEqual({ since: Date.parse('2026-11-24T00:01:00.000Z') });
  });

  it('names the colleague of a consult and says whose it is', () => {
    expect(toLiveCallView(consult('ringing'), 'sato').handover).toEqual({ purpose: 'consult', state: 'ringing', name: '鈴木 一郎', number: null, yours: true });
    expect(yourConsult(toLiveCallView(consult('talking'), 'sato'))).toMatchObject({ state: 'talking' });
    // 鈴木 sees the same consult, but it is not theirs to complete or cancel.
    expect(yourConsult(toLiveCallView(consult('talking'), 'suzuki'))).toBeNull();
  });

  it('shows a supervisor their own monitoring mode', () => {
    expect(toLiveCallView(liveCall({ parties: [customer(), sato(), kanri('whisper')] }), 'kanri').monitoring).toBe('whisper');
    expect(toLiveCallView(liveCall(), 'kanri').monitoring).toBeNull();
  });

  it.each([
    ['a two-party call', liveCall(), false],
    ['a 3-way call with a colleague', liveCall({ parties: [customer(), sato(), suzuki('add', 'talking')] }), true],
    ['a 3-way call with an outside number', liveCall({ parties: [customer(), sato(), outside('talking')] }), true],
    ['an added party still ringing', liveCall({ parties: [customer(), sato(), outside('ringing')] }), false],
    ['a supervisor only listening', liveCall({ parties: [customer(), sato(), kanri('listen')] }), false],
    ['a supervisor who joined the conversation', liveCall({ parties: [customer(), sato(), kanri('barge')] }), true],
  ])('whether leaving leaves the customer with someone: %s', (_name, call, expected) => {
    expect(othersStay(toLiveCallView(call, 'sato'))).toBe(expected);
  });

  it.each([
    ['the rep on a live call', liveCall(), 'sato', true],
    ['a call not yet in its room', liveCall({ state: 'joining' }), 'sato', false],
    ['a call that never moved into a room', liveCall({ state: 'not-in-room', parties: [] }), 'sato', false],
    ['the customer gone', liveCall({ parties: [sato()] }), 'sato', false],
    ['a supervisor listening in', liveCall({ parties: [customer(), sato(), kanri('listen')] }), 'kanri', false],
  ])('hold, transfer and add are offered to %s: %s', (_name, call, me, expected) => {
    expect(canControl(toLiveCallView(call, me))).toBe(expected);
  });

  it('reads the server’s answer, and tolerates fields a newer server adds', () => {
    const parsed = liveCallSchema.parse({ ...consult('ringing'), recording: true, parties: consult('ringing').parties.map((party) => ({ ...party, extra: 1 })) });
    expect(parsed.handover?.purpose).toBe('consult');
    expect(liveCallSchema.safeParse({ ...liveCall(), state: 'exploded' }).success).toBe(false);
  });
});
