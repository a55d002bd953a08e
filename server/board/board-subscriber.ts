import type { BoardEvent } from '../../contract/live-board.ts';

/** One server-sent event as it goes on the wire. */
export interface StreamEvent {
  event: BoardEvent['event'];
  data: string;
  /** On the last event of a batch only: the feed horizon the batch brings the client to (resume with it as Last-Event-ID). */
  id?: string;
}

export type CloseReason = 'slow' | 'server-closing' | 'signed-out' | 'disconnected';

/**
 * A batch of events as they go on the wire. Only the last carries the id: a client keeps the last id
 * it saw, so one cut off mid-batch resumes from the batch before and gets the rest again.
 */
export function streamEvents(events: readonly BoardEvent[], id: string): StreamEvent[] {
  return events.map((event, index) => ({ event: event.event, data: JSON.stringify(event.data), ...(index === events.length - 1 ? { id } : {}) }));
}

/**
 * One client's events waiting to be written. Bounded: a client that lets more than `limit` events
 * pile up (a stalled connection) is closed rather than buffered without end; it reconnects with its
 * Last-Event-ID and gets only what changed.
 */
export class BoardSubscriber {
  readonly userId: string;
  readonly #limit: number;
  #queue: StreamEvent[] = [];
  #wake: (() => void) | null = null;
  #closed: CloseReason | null = null;

  constructor(userId: string, limit: number) {
    this.userId = userId;
    this.#limit = limit;
  }

  get closed(): CloseReason | null {
    return this.#closed;
  }

  push(events: readonly StreamEvent[]): void {
    if (this.#closed || events.length === 0) return;
    if (this.#queue.length + events.length > this.#limit) {
      this.close('slow');
      return;
    }
    this.#queue.push(...events);
    this.#signal();
  }

  close(reason: CloseReason): void {
    if (this.#closed) return;
    this.#closed = reason;
    this.#queue = [];
    this.#signal();
  }

  /** The events queued so far; an empty list after `idleMs` without any (time for a keep-alive), or once closed. */
  async next(idleMs: number): Promise<StreamEvent[]> {
    if (this.#queue.length === 0 && !this.#closed) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, idleMs);
        this.#wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.#wake = null;
    }
    const taken = this.#queue;
    this.#queue = [];
    return taken;
  }

  #signal(): void {
    this.#wake?.();
  }
}
