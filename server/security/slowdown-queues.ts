import { setTimeout as timer } from 'node:timers/promises';
import pLimit, { type LimitFunction } from 'p-limit';

export interface SlowdownQueueLimits {
  /** Addresses with attempts in line at once; an attempt from a further address is refused. */
  maxAddresses: number;
  /** Attempts in one address's line, the one waiting included; a further one is refused. */
  maxQueuedPerAddress: number;
}

/** An attempt that waited its turn and its delay, or one refused (a line full) with how long to stay away. */
export type SlowdownTurn = { waited: true } | { waited: false; retryAfterMs: number };

interface Line {
  /** One delay at a time: the next attempt's delay starts when the one before has passed. */
  turns: LimitFunction;
  queued: number;
  /** The delays of the attempts in line, added up: the longest an attempt joining now would wait. */
  queuedMs: number;
}

/**
 * Slowed-down attempts from one address take turns: each waits its own delay after the delay of the
 * attempt before it has passed, so attempts sent side by side are slowed as much as attempts sent one
 * after another. Held in this instance's memory, bounded: a line ends with its last attempt, and lines
 * (and attempts per line) past the limits are refused, never kept.
 */
export class SlowdownQueues {
  readonly #limits: SlowdownQueueLimits;
  readonly #sleep: (ms: number) => Promise<unknown>;
  readonly #lines = new Map<string, Line>();

  constructor(limits: SlowdownQueueLimits, sleep: (ms: number) => Promise<unknown> = timer) {
    this.#limits = limits;
    this.#sleep = sleep;
  }

  /** Addresses with attempts in line now. */
  get addresses(): number {
    return this.#lines.size;
  }

  async wait(address: string, delayMs: number): Promise<SlowdownTurn> {
    let line = this.#lines.get(address);
    if (!line) {
      if (this.#lines.size >= this.#limits.maxAddresses) return { waited: false, retryAfterMs: delayMs };
      line = { turns: pLimit(1), queued: 0, queuedMs: 0 };
      this.#lines.set(address, line);
    }
    if (line.queued >= this.#limits.maxQueuedPerAddress) return { waited: false, retryAfterMs: line.queuedMs };
    line.queued++;
    line.queuedMs += delayMs;
    try {
      await line.turns(() => this.#sleep(delayMs));
    } finally {
      line.queued--;
      line.queuedMs -= delayMs;
      if (line.queued === 0) this.#lines.delete(address);
    }
    return { waited: true };
  }
}
