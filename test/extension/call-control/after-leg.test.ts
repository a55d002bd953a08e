import { describe, expect, it } from 'vitest';
import { afterLegEnded, afterServerView, showsLeft } from '@/call-control/after-leg';
import { handsOver } from '@/call-control/call-actions';
import { toLiveCallView } from '@/call-control/live-call-view';
import { acceptsByItself, MONITOR_ACCEPT_WINDOW_MS } from '@/call-control/monitor-request';
import type { CallInfo } from '@/phone/call-info';
import { CALL_SID, consult, customer, kanri, kanriTookOver, liveCall, sato, suzuki } from './live-call-fixtures';

const asSato = (call: Parameters<typeof toLiveCallView>[0]) => toLiveCallView(call, 'sato');
const asSuzuki = (call: Parameters<typeof toLiveCallView>[0]) => toLiveCallView(call, 'suzuki');
const asKanri = (call: Parameters<typeof toLiveCallView>[0]) => toLiveCallView(call, 'kanri');
const monitorLeg = { purpose: 'monitor' as const, byId: 'kanri', byName: '管理 美香', note: null };

describe('who gets the after-call note when their leg ends', () => {
  it.each([
    ['the rep of a two-party call', { invite: null, handedOver: false, view: asSato(liveCall()) }, 'wrap-up'],
    ['a plain call that never was in a room', { invite: null, handedOver: false, view: null }, 'wrap-up'],
    ['the rep who made a blind transfer', { invite: null, handedOver: true, view: asSato(liveCall()) }, 'no-wrap-up'],
    ['a supervisor’s monitoring leg', { invite: { purpose: 'monitor' as const, byId: 'kanri', byName: '管理 美香', note: null }, handedOver: false, view: null }, 'no-wrap-up'],
    // Others were on the call: whether it went on without the rep is for the server to say.
    ['the rep who hung up during a 3-way call', { invite: null, handedOver: false, view: asSato(liveCall({ parties: [customer(), sato(), suzuki('add', 'talking')] })) }, 'ask-server'],
    ['the rep who hung up during a consult (which completes it)', { invite: null, handedOver: false, view: asSato(consult('talking')) }, 'ask-server'],
    ['the colleague of a consult, cancelled', { invite: null, handedOver: false, view: asSuzuki(consult('talking')) }, 'ask-server'],
    ['the rep alone with the customer and a listening supervisor', { invite: null, handedOver: false, view: asSato(liveCall({ parties: [customer(), sato(), kanri('listen')] })) }, 'wrap-up'],
    ['a supervisor who took the call over (they barged in, the rep left)', { invite: monitorLeg, handedOver: false, view: asKanri(liveCall({ ownerId: 'kanri', parties: [customer(), kanriTookOver()] })) }, 'wrap-up'],
    ['a supervisor still barging in on the rep’s call', { invite: monitorLeg, handedOver: false, view: asKanri(liveCall({ parties: [customer(), sato(), kanri('barge')] })) }, 'no-wrap-up'],
    ['the rep who hung up on a supervisor barging in', { invite: null, handedOver: false, view: asSato(liveCall({ parties: [customer(), sato(), kanri('barge')] })) }, 'ask-server'],
  ])('%s', (_name, input, expected) => {
    expect(afterLegEnded(input)).toBe(expected);
  });

  it('reads the server once it has seen the rep leave: the call went on, or ended as theirs or not', () => {
    const goesOn = asSato(liveCall({ ownerId: 'suzuki', parties: [customer(), suzuki('add', 'talking')] }));
    expect(showsLeft(goesOn)).toBe(true);
    expect(afterServerView(goesOn)).toBe('no-wrap-up');
    expect(showsLeft(asSato(liveCall()))).toBe(false);

    const endedAsTheirs = asSato(liveCall({ state: 'ended', parties: [] }));
    expect(afterServerView(endedAsTheirs)).toBe('wrap-up');
    // The colleague who was only added: the customer hung up; the owner writes the note.
    expect(afterServerView(asSuzuki(liveCall({ state: 'ended', parties: [] })))).toBe('no-wrap-up');
  });

  it('leaves the note to the supervisor who took the call over, not to the rep who left it', () => {
    const tookOver = liveCall({ ownerId: 'kanri', parties: [customer(), kanriTookOver()] });
    expect(showsLeft(asSato(tookOver))).toBe(true);
    expect(afterServerView(asSato(tookOver))).toBe('no-wrap-up');
    expect(afterServerView(asKanri(liveCall({ ownerId: 'kanri', state: 'ended', parties: [] })))).toBe('wrap-up');
  });

  it.each([
    [{ kind: 'transfer', to: { user: 'suzuki' }, mode: 'blind' } as const, true],
    [{ kind: 'transfer', to: { user: 'suzuki' }, mode: 'warm' } as const, false],
    [{ kind: 'complete-transfer' } as const, true],
    [{ kind: 'cancel-transfer' } as const, false],
    [{ kind: 'leave' } as const, true],
    [{ kind: 'hold' } as const, false],
  ])('%o hands the call over: %s', (action, expected) => {
    expect(handsOver(action)).toBe(expected);
  });
});

describe('a supervisor’s monitoring leg is answered by itself only when this browser asked for it', () => {
  const leg = (overrides: Partial<CallInfo> = {}): CallInfo => ({
    callId: 'leg-1', direction: 'incoming', number: '+819011112222', calledNumber: '+815011110000', calledLabel: '営業直通', ivrPath: [],
    callSid: CALL_SID, record: null, invite: { purpose: 'monitor', byId: 'kanri', byName: '管理 美香', note: null }, ...overrides,
  });
  const asked = { callSid: CALL_SID, at: 1_000_000 };

  it.each([
    ['the leg of the call asked for, a moment later', leg(), asked, 1_000_000 + 2_000, true],
    ['asked for too long ago', leg(), asked, 1_000_000 + MONITOR_ACCEPT_WINDOW_MS + 1, false],
    ['nothing asked for', leg(), null, 1_000_000, false],
    ['another call’s monitoring leg', leg({ callSid: 'CA99999999999999999999999999999999' }), asked, 1_000_500, false],
    ['a transfer of the same call', leg({ invite: { purpose: 'transfer', byId: 'sato', byName: '佐藤 花子', note: null } }), asked, 1_000_500, false],
    ['an ordinary incoming call', leg({ invite: null }), asked, 1_000_500, false],
  ])('%s: %s', (_name, call, request, now, expected) => {
    expect(acceptsByItself(call, request, now)).toBe(expected);
  });
});
