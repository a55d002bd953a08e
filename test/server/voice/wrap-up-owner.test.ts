import { describe, expect, it } from 'vitest';
import { ownerUnsettled, wrapUpRefusal, type OwnerCandidate } from '../../../server/voice/wrap-up-owner.ts';

const ended = new Date('2026-11-24T01:00:00Z');
const after = (seconds: number) => new Date(ended.getTime() + seconds * 1000);
const facts = (overrides: Partial<Parameters<typeof wrapUpRefusal>[0]> = {}) => ({
  userId: 'sato', ownerId: 'sato', party: true, awaited: null, now: after(5), settleMs: 60_000, ...overrides,
});

describe('whose wrap-up a call takes', () => {
  it.each([
    ['its owner', facts(), null],
    ['a rep who talked on it, when a supervisor has it now', facts({ ownerId: 'kanri' }), 'call_taken_over'],
    ['anyone who talked on it while a leave that could hand it over is awaited', facts({ awaited: { endedAt: ended } }), 'call_owner_pending'],
    ['its owner too while that leave is awaited (it may not stay theirs)', facts({ awaited: { endedAt: null } }), 'call_owner_pending'],
    ['the call as it stands once the minute has passed', facts({ awaited: { endedAt: ended }, now: after(61) }), null],
    ['an admin who was not on it (a correction of the log)', facts({ userId: 'boss', ownerId: 'kanri', party: false }), null],
    ['a call nobody owns', facts({ ownerId: null }), null],
  ] as const)('%s: %s', (_name, input, expected) => {
    expect(wrapUpRefusal(input)).toBe(expected);
  });
});

describe('whether the owner of a room that is over may still change', () => {
  const party = (userId: string, overrides: Partial<OwnerCandidate> = {}): OwnerCandidate => ({
    userId, kind: 'rep', monitor: null, state: 'left', joinedAt: ended, sweptOut: false, ...overrides,
  });
  const kanri = (overrides: Partial<OwnerCandidate> = {}) => party('kanri', { kind: 'supervisor', monitor: 'barge', ...overrides });

  it.each([
    ['the rep only swept out by the room’s end, a supervisor who barged', true, [party('sato', { sweptOut: true }), kanri()], true],
    ['every leave heard', true, [party('sato'), kanri()], false],
    ['a supervisor who only listened', true, [party('sato', { sweptOut: true }), kanri({ monitor: 'listen' })], false],
    ['the rep alone', true, [party('sato', { sweptOut: true })], false],
    ['a room still going', false, [party('sato', { state: 'talking' }), kanri({ state: 'talking' })], false],
  ] as const)('%s: %s', (_name, over, parties, expected) => {
    expect(ownerUnsettled(over, parties)).toBe(expected);
  });
});
