import { describe, expect, it } from 'vitest';
import { InstanceRateLimit } from '../../../server/security/rate-limit.ts';

const t0 = new Date('2026-12-04T10:00:00+09:00');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

describe('a limit counted in one instance’s memory', () => {
  it('allows `limit` hits a window, then refuses and says when to come back', () => {
    const limit = new InstanceRateLimit({ limit: 3, windowSeconds: 60 });
    expect([0, 1, 2].map((s) => limit.hit('token:sato', at(s)).allowed)).toEqual([true, true, true]);
    expect(limit.hit('token:sato', at(20))).toEqual({ allowed: false, hits: 4, retryAfterSeconds: 40 });
    expect(limit.hit('token:sato', at(59.5))).toMatchObject({ allowed: false, retryAfterSeconds: 1 });
  });

  it('counts each key apart, and starts a new window once the last one has passed', () => {
    const limit = new InstanceRateLimit({ limit: 1, windowSeconds: 60 });
    expect(limit.hit('token:sato', at(0)).allowed).toBe(true);
    expect(limit.hit('token:suzuki', at(1)).allowed).toBe(true);
    expect(limit.hit('token:sato', at(2)).allowed).toBe(false);
    expect(limit.hit('token:sato', at(60))).toEqual({ allowed: true, hits: 1, retryAfterSeconds: 60 });
  });

  it('keeps at most maxKeys counters: the least recently counted go first', () => {
    const limit = new InstanceRateLimit({ limit: 1, windowSeconds: 60 }, { maxKeys: 2 });
    limit.hit('a', at(0));
    limit.hit('b', at(0));
    limit.hit('c', at(0));
    expect(limit.hit('a', at(1)).allowed).toBe(true); // forgotten, counted afresh
    expect(limit.hit('c', at(1)).allowed).toBe(false);
  });

  it('a clock that steps back does not stretch the window', () => {
    const limit = new InstanceRateLimit({ limit: 1, windowSeconds: 60 });
    limit.hit('k', at(30));
    expect(limit.hit('k', at(10)).allowed).toBe(true);
  });
});
