import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SlowdownQueues, type SlowdownTurn } from '../../../server/security/slowdown-queues.ts';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** Waits on the global timer, which the fake timers drive. */
const fakeSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function queues(limits: { maxAddresses?: number; maxQueuedPerAddress?: number } = {}) {
  return new SlowdownQueues({ maxAddresses: limits.maxAddresses ?? 100, maxQueuedPerAddress: limits.maxQueuedPerAddress ?? 10 }, fakeSleep);
}

/** Starts a wait and records when (in fake milliseconds from the start) it was answered, and how. */
function track(waiting: Promise<SlowdownTurn>, answers: { label: string; at: number; turn: SlowdownTurn }[], label: string, start: number) {
  void waiting.then((turn) => answers.push({ label, at: Date.now() - start, turn }));
}

describe('slowed-down attempts from one address', () => {
  it('take turns: each waits its own delay after the one before it has passed', async () => {
    const slowdowns = queues();
    const answers: { label: string; at: number; turn: SlowdownTurn }[] = [];
    const start = Date.now();
    track(slowdowns.wait('203.0.113.9', 1_000), answers, 'first', start);
    track(slowdowns.wait('203.0.113.9', 2_000), answers, 'second', start);
    track(slowdowns.wait('203.0.113.9', 4_000), answers, 'third', start);
    await vi.runAllTimersAsync();
    expect(answers.map(({ label, at, turn }) => [label, at, turn.waited])).toEqual([
      ['first', 1_000, true],
      ['second', 3_000, true],
      ['third', 7_000, true],
    ]);
  });

  it('do not hold up another address', async () => {
    const slowdowns = queues();
    const answers: { label: string; at: number; turn: SlowdownTurn }[] = [];
    const start = Date.now();
    track(slowdowns.wait('203.0.113.9', 10_000), answers, 'busy address', start);
    track(slowdowns.wait('198.51.100.7', 1_000), answers, 'other address', start);
    await vi.runAllTimersAsync();
    expect(answers.map(({ label, at }) => [label, at])).toEqual([
      ['other address', 1_000],
      ['busy address', 10_000],
    ]);
  });

  it('are refused past the length of their line, told to come back once the line has passed', async () => {
    const slowdowns = queues({ maxQueuedPerAddress: 3 });
    const answers: { label: string; at: number; turn: SlowdownTurn }[] = [];
    const start = Date.now();
    for (const [index, delay] of [1_000, 2_000, 4_000, 8_000].entries()) track(slowdowns.wait('203.0.113.9', delay), answers, `#${index + 1}`, start);
    await vi.advanceTimersByTimeAsync(0);
    expect(answers).toEqual([{ label: '#4', at: 0, turn: { waited: false, retryAfterMs: 7_000 } }]);
    // Once a place is free, the address may queue again.
    await vi.advanceTimersByTimeAsync(1_000);
    track(slowdowns.wait('203.0.113.9', 8_000), answers, '#5', start);
    await vi.runAllTimersAsync();
    expect(answers.map(({ label, at, turn }) => [label, at, turn.waited])).toEqual([
      ['#4', 0, false],
      ['#1', 1_000, true],
      ['#2', 3_000, true],
      ['#3', 7_000, true],
      ['#5', 15_000, true],
    ]);
  });

  it('are refused from a further address while as many addresses as allowed have lines; a line gone frees its place', async () => {
    const slowdowns = queues({ maxAddresses: 2 });
    const first = slowdowns.wait('203.0.113.1', 1_000);
    const second = slowdowns.wait('203.0.113.2', 5_000);
    expect(await slowdowns.wait('203.0.113.3', 2_000)).toEqual({ waited: false, retryAfterMs: 2_000 });
    // Another attempt from an address already in line still queues.
    const again = slowdowns.wait('203.0.113.1', 2_000);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(await Promise.all([first, again])).toEqual([{ waited: true }, { waited: true }]);
    expect(slowdowns.addresses).toBe(1);
    const third = slowdowns.wait('203.0.113.3', 2_000);
    await vi.runAllTimersAsync();
    expect(await Promise.all([second, third])).toEqual([{ waited: true }, { waited: true }]);
    expect(slowdowns.addresses).toBe(0);
  });
});
