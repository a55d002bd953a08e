/**
 * Group commit: one write in flight at a time, and everything that arrives meanwhile goes to the
 * database together, as one statement, as soon as it is done. Each caller's promise settles when the
 * statement holding its item has committed (or failed), so nobody is promised more than a lone write
 * would give. The busier the server, the larger the batches: under load N round trips (and N trips
 * through triggers and indexes) become one, and an idle server writes after one turn of the event loop.
 */
export interface WriteBatcherOptions {
  /** The most items in one statement. */
  maxBatch?: number;
  /**
   * Whether a failed batch's error is one that a single item can cause (the database refused the
   * data of one row). Then the batch is written again item by item, so that only that item's caller
   * fails and the calls batched with it are stored. Other errors (the database unreachable) fail the
   * whole batch at once, without trying each item against a database that is not there.
   */
  oneItemsFault?: (error: unknown) => boolean;
}

export function createWriteBatcher<T>(flush: (items: T[]) => Promise<void>, options: WriteBatcherOptions = {}): (item: T) => Promise<void> {
  const maxBatch = options.maxBatch ?? 500;
  let queue: { item: T; resolve: () => void; reject: (error: unknown) => void }[] = [];
  let writing = false;

  async function write(batch: typeof queue): Promise<void> {
    try {
      await flush(batch.map((entry) => entry.item));
      for (const entry of batch) entry.resolve();
    } catch (error) {
      if (batch.length > 1 && options.oneItemsFault?.(error)) {
        const alone = await Promise.allSettled(batch.map((entry) => flush([entry.item])));
        alone.forEach((result, index) => (result.status === 'fulfilled' ? batch[index]!.resolve() : batch[index]!.reject(result.reason)));
      } else {
        for (const entry of batch) entry.reject(error);
      }
    }
  }

  async function drain(): Promise<void> {
    writing = true;
    while (queue.length > 0) {
      // Requests that came in during the last write are parsed in this turn of the event loop: they join.
      // (Waiting longer, by a timer or until the queue stops growing, measured no better: bench/voice.ts.)
      await new Promise((turn) => setImmediate(turn));
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(maxBatch);
      await write(batch);
    }
    writing = false;
  }

  return (item) =>
    new Promise<void>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      if (!writing) void drain();
    });
}
