// Virtual time for the Twilio world. Events are timers on a virtual clock, processed one instant at
// a time and in order; calls are processes (async functions) that block on the clock or on their
// mailbox. Time only moves when every process is blocked, so a webhook the emulator is awaiting (and
// any REST request our server makes while handling it) is over before the next event runs.

/** What happens first when several things fall on the same instant: endings, then declines, then answers. */
export const PRIORITY = { ends: 0, normal: 1, answers: 2 } as const;
export type Priority = (typeof PRIORITY)[keyof typeof PRIORITY];

/** More events than this at one instant means a loop that never lets time pass. */
const MAX_EVENTS_PER_INSTANT = 10_000;

interface Timer {
  readonly at: number;
  readonly priority: number;
  readonly seq: number;
  readonly run: () => void;
  cancelled: boolean;
}

export const TIMEOUT = Symbol('timeout');
export type Timeout = typeof TIMEOUT;

export class Scheduler {
  private nowMs: number;
  private readonly timers: Timer[] = [];
  private seq = 0;
  private busy = 0;
  private idleWaiters: (() => void)[] = [];
  private readonly failures: unknown[] = [];
  private readonly pumps: (() => void)[] = [];
  private readonly onTimeAdvance: ((date: Date) => void) | undefined;
  private runs = 0;

  constructor(start: Date, onTimeAdvance?: (date: Date) => void) {
    this.nowMs = start.getTime();
    this.onTimeAdvance = onTimeAdvance;
  }

  now(): Date {
    return new Date(this.nowMs);
  }

  get nowMillis(): number {
    return this.nowMs;
  }

  /** True while `runUntil` drives the clock: processes only run then. */
  get running(): boolean {
    return this.runs > 0;
  }

  /** Runs `run` after `seconds` of virtual time; returns a cancel function. */
  after(seconds: number, run: () => void, priority: number = PRIORITY.normal): () => void {
    const timer: Timer = { at: this.nowMs + Math.round(seconds * 1000), priority, seq: this.seq++, run, cancelled: false };
    let index = this.timers.length;
    while (index > 0 && compare(this.timers[index - 1]!, timer) > 0) index--;
    this.timers.splice(index, 0, timer);
    return () => {
      timer.cancelled = true;
    };
  }

  /** Starts a process. It counts as busy until it blocks on the scheduler or finishes. */
  spawn(body: () => Promise<void>): void {
    this.busy++;
    void (async () => {
      try {
        await body();
      } catch (error) {
        this.failures.push(error);
      } finally {
        this.release();
      }
    })();
  }

  /** Blocks the calling process until `resume` is called (by a timer or another process). */
  block<T>(arm: (resume: (value: T) => void) => void): Promise<T> {
    return new Promise<T>((resolve) => {
      let resumed = false;
      arm((value) => {
        if (resumed) return;
        resumed = true;
        this.busy++;
        resolve(value);
      });
      this.release();
    });
  }

  sleep(seconds: number, priority: number = PRIORITY.normal): Promise<void> {
    return this.block<void>((resume) => this.after(seconds, () => resume(), priority));
  }

  /** Something (the courier) that has work to start whenever the clock is driven. */
  addPump(pump: () => void): void {
    this.pumps.push(pump);
  }

  /**
   * Processes events up to `untilMs` (inclusive), or until `stop()` says so at a quiet moment.
   * Leaves the clock at `untilMs` when it is finite.
   */
  async runUntil(untilMs: number, stop?: () => boolean): Promise<void> {
    if (this.runs > 0) throw new Error('The Twilio emulator is already running: await one advance()/settle() at a time');
    this.runs++;
    let sameInstant = 0;
    try {
      for (;;) {
        for (const pump of this.pumps) pump();
        await this.idle();
        const failure = this.failures.shift();
        if (failure !== undefined) throw failure;
        if (stop?.()) return;
        const next = this.nextTimer();
        if (!next || next.at > untilMs) {
          if (Number.isFinite(untilMs)) this.moveTo(untilMs);
          return;
        }
        this.timers.shift();
        sameInstant = next.at === this.nowMs ? sameInstant + 1 : 0;
        if (sameInstant > MAX_EVENTS_PER_INSTANT) throw new Error(`More than ${MAX_EVENTS_PER_INSTANT} events at ${this.now().toISOString()} without time passing`);
        this.moveTo(next.at);
        next.run();
      }
    } finally {
      this.runs--;
    }
  }

  /** Whether any timer is still pending (a call ringing, a sleep, a recording callback…). */
  get hasPendingEvents(): boolean {
    return this.nextTimer() !== undefined;
  }

  private nextTimer(): Timer | undefined {
    while (this.timers[0]?.cancelled) this.timers.shift();
    return this.timers[0];
  }

  private moveTo(ms: number): void {
    if (ms <= this.nowMs) return;
    this.nowMs = ms;
    this.onTimeAdvance?.(this.now());
  }

  private release(): void {
    this.busy--;
    if (this.busy > 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const waiter of waiters) waiter();
  }

  private async idle(): Promise<void> {
    while (this.busy > 0) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }
}

function compare(a: Timer, b: Timer): number {
  return a.at - b.at || a.priority - b.priority || a.seq - b.seq;
}

/** A process's inbox: notices posted by other processes, timers, REST requests or the test. */
export class Mailbox<N> {
  private readonly scheduler: Scheduler;
  private readonly queue: N[] = [];
  private waiter: ((notice: N | Timeout) => void) | null = null;
  private cancelTimer: (() => void) | null = null;

  constructor(scheduler: Scheduler) {
    this.scheduler = scheduler;
  }

  post(notice: N): void {
    const waiter = this.waiter;
    if (!waiter) {
      this.queue.push(notice);
      return;
    }
    this.waiter = null;
    this.cancelTimer?.();
    this.cancelTimer = null;
    waiter(notice);
  }

  /** The next notice, or TIMEOUT after `seconds` (never with `null`). */
  next(seconds: number | null = null, priority: number = PRIORITY.normal): Promise<N | Timeout> {
    const queued = this.queue.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    return this.scheduler.block<N | Timeout>((resume) => {
      this.waiter = resume;
      if (seconds !== null) {
        this.cancelTimer = this.scheduler.after(seconds, () => {
          this.waiter = null;
          this.cancelTimer = null;
          resume(TIMEOUT);
        }, priority);
      }
    });
  }
}
