import { describe, expect, it } from 'vitest';
import { nextRingStep, type RingPresence, type RingSpec, type RingStep } from '../../../server/voice/ring-plan.ts';
import { heldAsBusy, nextLineRing } from '../../../server/voice/waiting-line.ts';

const sequential = (users: string[], cycles = 1): RingSpec => ({ strategy: 'sequential', users, ringSeconds: 20, cycles });
const simultaneous = (users: string[]): RingSpec => ({ strategy: 'simultaneous', users, ringSeconds: 30, cycles: 1 });
const online = (ringable: string[], busy: string[] = []): RingPresence => ({ ringable, busy });

/** Follows a plan to its end as if nobody ever answered; presence may change before each step. */
function ringOut(spec: RingSpec, presenceAt: (step: number) => RingPresence): string[] {
  const rung: string[] = [];
  let step: RingStep = nextRingStep(spec, presenceAt(0), null);
  for (let n = 1; step.kind === 'dial' && n < 50; n++) {
    rung.push(step.clients.join('+'));
    step = nextRingStep(spec, presenceAt(n), step.next);
  }
  rung.push(step.kind);
  return rung;
}

describe('ring plans', () => {
  it.each([
    ['sequential, online order', sequential(['a', 'b', 'c']), online(['c', 'a', 'b']), ['c', 'a', 'b', 'no-answer']],
    ['sequential, only reps of the action', sequential(['a', 'b']), online(['x', 'b', 'a']), ['b', 'a', 'no-answer']],
    ['sequential, repeat → exactly 2 cycles', sequential(['a', 'b'], 2), online(['a', 'b']), ['a', 'b', 'a', 'b', 'no-answer']],
    ['never more than 2 cycles', sequential(['a'], 5), online(['a']), ['a', 'a', 'no-answer']],
    ['simultaneous rings all at once', simultaneous(['a', 'b', 'c']), online(['b', 'a']), ['b+a', 'no-answer']],
    ['nobody online', sequential(['a', 'b']), online([]), ['unavailable']],
    ['nobody of the action online', simultaneous(['a']), online(['x']), ['unavailable']],
    ['everyone eligible busy', sequential(['a', 'b']), online([], ['b']), ['busy']],
    ['busy reps of other actions do not count', sequential(['a']), online([], ['x']), ['unavailable']],
    ['busy rep skipped while others ring', sequential(['a', 'b']), online(['a'], ['b']), ['a', 'no-answer']],
  ])('%s', (_name, spec, presence, expected) => {
    expect(ringOut(spec, () => presence)).toEqual(expected);
  });

  it('splits more than 10 reps into batches of 10, in online order', () => {
    const reps = Array.from({ length: 23 }, (_, i) => `r${i + 1}`);
    const batches = ringOut(simultaneous(reps), () => online(reps)).map((batch) => batch.split('+').length);
    expect(batches).toEqual([10, 10, 3, 1]);
    const first = nextRingStep(simultaneous(reps), online(reps), null);
    expect(first).toMatchObject({ kind: 'dial', timeout: 30, clients: reps.slice(0, 10) });
  });

  it('skips reps who went offline during the sequence', () => {
    const presence = (step: number) => (step === 0 ? online(['a', 'b', 'c']) : online(['a', 'c']));
    expect(ringOut(sequential(['a', 'b', 'c']), presence)).toEqual(['a', 'c', 'no-answer']);
  });

  it('includes reps who came online in the next cycle, not the current one', () => {
    const presence = (step: number) => (step === 0 ? online(['a', 'b']) : online(['a', 'b', 'c']));
    expect(ringOut(sequential(['a', 'b', 'c'], 2), presence)).toEqual(['a', 'b', 'a', 'b', 'c', 'no-answer']);
  });

  it('ends the plan when everyone left before the second cycle', () => {
    const presence = (step: number) => (step < 2 ? online(['a', 'b']) : online([]));
    expect(ringOut(sequential(['a', 'b'], 2), presence)).toEqual(['a', 'b', 'no-answer']);
  });

  it('rings each rep for ringSeconds and carries the position', () => {
    expect(nextRingStep(sequential(['a', 'b'], 2), online(['a', 'b']), { cycle: 1, queue: ['a', 'b'], index: 2 })).toEqual({
      kind: 'dial',
      clients: ['a'],
      timeout: 20,
      next: { cycle: 2, queue: ['a', 'b'], index: 1 },
    });
  });
});

describe('ring plans with a waiting line', () => {
  it.each([
    ['the only rep rings for a caller from the line: busy, not "nobody online"', sequential(['a']), online(['a']), ['a'], 'busy'],
    ['another rep is free: rung', simultaneous(['a', 'b']), online(['a', 'b']), ['a'], 'dial'],
    ['nobody online at all stays unavailable', sequential(['a']), online([]), ['a'], 'unavailable'],
  ])('a new caller while %s', (_name, spec, presence, held, kind) => {
    expect(nextRingStep(spec, heldAsBusy(presence, new Set(held)), null).kind).toBe(kind);
  });

  it('sequential from the line holds only the rep it dials, one step at a time', () => {
    const spec = sequential(['a', 'b', 'c']);
    const first = nextLineRing(spec, ['b', 'a', 'c'], null);
    expect(first).toMatchObject({ clients: ['b'], hold: ['b'] });
    // Next step: 'a' took a caller behind meanwhile, so the plan moves on to 'c'.
    expect(nextLineRing(spec, ['b', 'c'], first!.next)).toMatchObject({ clients: ['c'], hold: ['c'] });
    expect(nextLineRing(spec, ['b', 'a'], { ...first!.next, index: 3 })).toBeNull();
  });

  it('simultaneous from the line holds every rep it may ring', () => {
    expect(nextLineRing(simultaneous(['a', 'b', 'c']), ['c', 'a'], null)).toMatchObject({ clients: ['c', 'a'], hold: ['c', 'a'] });
    expect(nextLineRing(simultaneous(['a']), [], null)).toBeNull();
  });
});
