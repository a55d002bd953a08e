import { describe, expect, it } from 'vitest';
import type { Route } from '../../../server/phone-config/schema.ts';
import { hasWaitingLine } from '../../../server/voice/waiting-line.ts';

const LINE = { enabled: true, announceSeconds: 30, maxWaitSeconds: 300, priority: 0, voicemailKey: '1', callbackKey: '2' };
const ring = (users: string[], queue?: typeof LINE | { enabled: false }) =>
  ({ type: 'ring', users, strategy: 'simultaneous', ringSeconds: 20, repeat: false, ...(queue ? { queue } : {}) }) as const;

describe('whether a number has a waiting line (what the board and the popup show)', () => {
  const ivr: Route = {
    type: 'ivr',
    menu: [
      { key: 1, label: '営業', action: ring(['sato']) },
      { key: 2, label: 'サポート', action: { type: 'menu', menu: [{ key: 1, label: '製品', action: ring(['suzuki'], LINE) }] } },
    ],
  } as Route;

  it('finds a line deep in the IVR, for the reps of that ring action only', () => {
    expect(hasWaitingLine(ivr)).toBe(true);
    expect(hasWaitingLine(ivr, 'suzuki')).toBe(true);
    expect(hasWaitingLine(ivr, 'sato')).toBe(false);
  });

  it('counts a switched-off line as none', () => {
    const direct = { ...ring(['sato'], { enabled: false }), cycles: 1 } as unknown as Route;
    expect(hasWaitingLine(direct)).toBe(false);
    expect(hasWaitingLine({ ...ring(['sato'], LINE), cycles: 1 } as unknown as Route, 'sato')).toBe(true);
  });
});
