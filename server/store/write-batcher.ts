/**
 * Group commit: writes that arrive in the same turn of the event loop go to the database as one
 * statement, and each caller's promise settles when that statement has committed (or failed). Under
 * load this turns N round trips into one without weakening what a caller is promised.
 */
export function createWriteBatcher<T>(flush: (items: T[]) => Promise<void>, maxBatch = 500): (item: T) => Promise<void> {
  let queue: { item: T; resolve: () => void; reject: (error: unknown) => void }[] = [];
  let scheduled = false;

  async function run(): Promise<void> {
    scheduled = false;
    const batch = queue.slice(0, maxBatch);
    queue = queue.slice(maxBatch);
    if (queue.length > 0) schedule();
    try {
      await flush(batch.map((entry) => entry.item));
      for (const entry of batch) entry.resolve();
    } catch (error) {
      for (const entry of batch) entry.reject(error);
    }
  }

  function schedule(): void {
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => void run());
  }

  return (item) =>
    new Promise<void>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      schedule();
    });
}
