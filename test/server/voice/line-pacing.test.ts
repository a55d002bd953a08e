import { describe, expect, it } from 'vitest';
import { TWILIO_PATHS } from '../../../server/voice/flow-state.ts';
import { callersToBringBack, mayFreeRep, onTheWay, type WaitingCaller } from '../../../server/voice/line-pacing.ts';
import type { RingSpec } from '../../../server/voice/ring-plan.ts';
import { nextCheckAt } from '../../../server/voice/waiting-line.ts';

const NOW = new Date('2026-11-24T10:00:00+09:00');
const seconds = (n: number) => new Date(NOW.getTime() + n * 1000);

const sequential = (users: string[]): RingSpec => ({ strategy: 'sequential', users, ringSeconds: 20, cycles: 1 });
const simultaneous = (users: string[]): RingSpec => ({ strategy: 'simultaneous', users, ringSeconds: 20, cycles: 1 });

/** A caller resting in line: their next announcement a minute away. */
const caller = (spec: RingSpec, more: Partial<WaitingCaller> = {}): WaitingCaller => ({
  users: spec.users,
  spec,
  ringAfter: null,
  nextCheckAt: seconds(60),
  onTheWay: false,
  ...more,
});

describe('which callers one pass of the pacer brings back to the line', () => {
  const both = ['sato', 'suzuki'];
  const online = new Set(both);

  it.each([
    ['sequential: two reps free, each for one caller, in the same pass', [caller(sequential(both)), caller(sequential(both))], both, [true, true]],
    ['sequential: one rep free, for the first caller only', [caller(sequential(both)), caller(sequential(both))], ['suzuki'], [true, false]],
    ['simultaneous: the first caller rings (and holds) both', [caller(simultaneous(both)), caller(sequential(both))], both, [true, false]],
    ['a caller on their way still takes their rep, and is not brought back twice', [caller(sequential(both), { onTheWay: true }), caller(sequential(both))], ['sato'], [false, false]],
    ['a caller on their way takes one rep under sequential ringing: the next goes to the caller behind', [caller(sequential(both), { onTheWay: true }), caller(sequential(both))], both, [false, true]],
    ['a caller who may not ring again yet leaves the rep to the caller behind', [caller(sequential(both), { ringAfter: seconds(10) }), caller(sequential(both))], ['sato'], [false, true]],
    ['a caller whose ring action is gone takes their reps and hears so', [caller(sequential(both), { spec: null }), caller(sequential(both))], both, [true, false]],
    ['nobody free: nobody due before their announcement', [caller(sequential(both)), caller(sequential(both))], [], [false, false]],
    ['an announcement due', [caller(sequential(both), { nextCheckAt: NOW })], [], [true]],
    ['nobody of theirs online', [caller(sequential(['kato']))], [], [true]],
  ])('%s', (_name, line, free, expected) => {
    expect(callersToBringBack(line, { free, online }, NOW)).toEqual(expected);
  });

  it('gives a sequential caller the first free rep in ring order', () => {
    const line = [caller(sequential(['sato', 'suzuki'])), caller(sequential(['suzuki']))];
    expect(callersToBringBack(line, { free: ['suzuki', 'sato'], online }, NOW)).toEqual([true, false]);
    expect(callersToBringBack(line, { free: ['sato', 'suzuki'], online }, NOW)).toEqual([true, true]);
  });
});

describe('whether a caller’s leg is on its way back to the line', () => {
  const schedule = { enqueuedAt: seconds(-90), announceSeconds: 60, maxWaitSeconds: 600 };
  const announcedAt = seconds(-30);

  it.each([
    ['resting in line (their last visit set their next check)', announcedAt, nextCheckAt(schedule, announcedAt), false],
    ['brought back a moment ago', announcedAt, seconds(15), true],
    ['brought back before their first visit was over', null, seconds(15), true],
    ['brought back, and the guard ran out', announcedAt, seconds(0), false],
  ])('%s', (_name, announced, next, expected) => {
    expect(onTheWay({ ...schedule, announcedAt: announced, nextCheckAt: next }, NOW)).toBe(expected);
  });
});

describe('which requests from Twilio may have freed a rep', () => {
  it.each([
    [TWILIO_PATHS.status, { CallStatus: 'completed' }, true],
    [TWILIO_PATHS.status, { CallStatus: 'no-answer' }, true],
    [TWILIO_PATHS.status, { CallStatus: 'in-progress' }, false],
    [TWILIO_PATHS.participant, { CallStatus: 'busy' }, true],
    [TWILIO_PATHS.conference, { StatusCallbackEvent: 'participant-leave' }, true],
    [TWILIO_PATHS.conference, { StatusCallbackEvent: 'conference-end' }, true],
    [TWILIO_PATHS.conference, { StatusCallbackEvent: 'participant-join' }, false],
    [TWILIO_PATHS.ring, { DialCallStatus: 'no-answer' }, true],
    [TWILIO_PATHS.outgoingDialed, { DialCallStatus: 'completed' }, true],
    [TWILIO_PATHS.queueWait, {}, false],
    [TWILIO_PATHS.voice, {}, false],
  ])('%s %o → %s', (path, params, expected) => {
    expect(mayFreeRep(path, params)).toBe(expected);
  });
});
