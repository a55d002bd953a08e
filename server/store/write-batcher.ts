/**
 * Group commit: one write in flight at a time, and everything that arrives meanwhile goes to the
 * database together, as one statement, as soon as it is done. Each caller's promise settles when the
 * statement holding its item has committed (or failed), so nobody is promised more than a lone write
 * would give. The busier the server, the larger the batches: under load N round trips (and N trips
 * through triggers and indexes) become one, and an idle server writes after one turn of the event loop.
 */
export function createWriteBatcher<T>(flush: (items: T[]) => Promise<void>, maxBatch = 500): (item: T) => Promise<void> {
  let queue: { item: T; resolve: () => void; reject: (error: unknown) => void }[] = [];
  let writing = false;

  async function drain(): Promise<void> {
    writing = true;
    while (queue.length > 0) {
      // Requests that came in during the last write are parsed in this turn of the event loop: they join.
      // (Waiting longer, by a timer or until the queue stops growing, measured no better: bench/voice.ts.)
      await new Promise((turn) => setImmediate(turn));
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(maxBatch);
      try {
        await flush(batch.map((entry) => entry.item));
        for (const entry of batch) entry.resolve();
      } catch (error) {
        for (const entry of batch) entry.reject(error);
      }
    }
    writing = false;
  }

  return (item) =>
    new Promise<void>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      if (!writing) void drain();
    });
}
