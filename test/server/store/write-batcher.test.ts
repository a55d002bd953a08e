import { describe, expect, it } from 'vitest';
import { createWriteBatcher } from '../../../server/store/write-batcher.ts';

/** A flush the test finishes by hand, recording each batch it was given. */
function manualFlush() {
  const batches: string[][] = [];
  const pending: { resolve: () => void; reject: (error: unknown) => void }[] = [];
  const flush = (items: string[]) =>
    new Promise<void>((resolve, reject) => {
      batches.push(items);
      pending.push({ resolve, reject });
    });
  return { batches, pending, flush };
}

const turn = () => new Promise((done) => setImmediate(done));

describe('group commit (write-batcher)', () => {
  it('writes what arrives in one turn as one batch, and settles each caller only after it committed', async () => {
    const { batches, pending, flush } = manualFlush();
    const write = createWriteBatcher(flush);
    const settled: string[] = [];
    for (const item of ['CA1', 'CA2', 'CA3']) void write(item).then(() => settled.push(item));
    await turn();
    await turn();
    expect(batches).toEqual([['CA1', 'CA2', 'CA3']]);
    expect(settled).toEqual([]);
    pending[0]!.resolve();
    await turn();
    expect(settled).toEqual(['CA1', 'CA2', 'CA3']);
  });

  it('keeps one write in flight: what arrives meanwhile goes together in the next one', async () => {
    const { batches, pending, flush } = manualFlush();
    const write = createWriteBatcher(flush);
    void write('CA1');
    await turn();
    await turn();
    for (const item of ['CA2', 'CA3', 'CA4']) void write(item);
    await turn();
    await turn();
    expect(batches).toEqual([['CA1']]);
    pending[0]!.resolve();
    await turn();
    await turn();
    expect(batches).toEqual([['CA1'], ['CA2', 'CA3', 'CA4']]);
  });

  it('fails only the callers of the batch that failed, and goes on with the next', async () => {
    const { batches, pending, flush } = manualFlush();
    const write = createWriteBatcher(flush);
    const first = write('CA1');
    await turn();
    await turn();
    const second = write('CA2');
    pending[0]!.reject(new Error('unique violation'));
    await expect(first).rejects.toThrow('unique violation');
    await turn();
    await turn();
    expect(batches).toEqual([['CA1'], ['CA2']]);
    pending[1]!.resolve();
    await expect(second).resolves.toBeUndefined();
  });

  it('writes a batch again item by item when one item can be at fault, so only its caller fails', async () => {
    const written: string[][] = [];
    const refused = Object.assign(new Error('invalid byte sequence'), { code: '22021' });
    const write = createWriteBatcher(
      async (items: string[]) => {
        written.push(items);
        if (items.includes('CA2')) throw refused;
      },
      { oneItemsFault: (error) => error === refused },
    );
    const results = await Promise.allSettled(['CA1', 'CA2', 'CA3'].map(write));
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(results[1]).toMatchObject({ reason: refused });
    expect(written).toEqual([['CA1', 'CA2', 'CA3'], ['CA1'], ['CA2'], ['CA3']]);
  });

  it('fails the whole batch at once when no single item is at fault (the database unreachable)', async () => {
    const written: string[][] = [];
    const unreachable = new Error('connect ECONNREFUSED');
    const write = createWriteBatcher(
      async (items: string[]) => {
        written.push(items);
        throw unreachable;
      },
      { oneItemsFault: (error) => error !== unreachable },
    );
    const results = await Promise.allSettled(['CA1', 'CA2'].map(write));
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    expect(written).toEqual([['CA1', 'CA2']]);
  });

  it('splits a queue longer than the largest batch, in arrival order', async () => {
    const written: string[][] = [];
    const write = createWriteBatcher(async (items: string[]) => void written.push(items), { maxBatch: 2 });
    await Promise.all(['CA1', 'CA2', 'CA3', 'CA4', 'CA5'].map(write));
    expect(written).toEqual([['CA1', 'CA2'], ['CA3', 'CA4'], ['CA5']]);
  });
});
