import { describe, expect, it } from 'vitest';
import { createChecklistModel, firstBrokenCheck } from '@/models/checklist-model';

describe("why can't I call", () => {
  it.each([
    [[{ id: 'signed-in', ok: true }, { id: 'microphone', ok: false }, { id: 'token', ok: false }], 'microphone'],
    [[{ id: 'outgoing-number', ok: false }, { id: 'server', ok: false }], 'server'],
    [[{ id: 'signed-in', ok: true }, { id: 'device', ok: null }], null],
  ] as const)('reports the first broken link in chain order', (results, broken) => {
    expect(firstBrokenCheck(results)).toBe(broken);
  });

  it('lists every link in order, unreported ones as not checked', async () => {
    const model = createChecklistModel(async () => [{ id: 'signed-in', ok: false }]);
    await model.run();
    expect(model.results.value.map((result) => [result.id, result.ok])).toEqual([
      ['signed-in', false],
      ['microphone', null],
      ['server', null],
      ['token', null],
      ['online', null],
      ['device', null],
      ['outgoing-number', null],
    ]);
    expect(model.broken.value).toBe('signed-in');
  });
});
