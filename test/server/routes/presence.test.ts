import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';

let t: TestApp;
const tokens: Record<string, string> = {};
beforeEach(async () => {
  t = await createTestApp();
  await t.addUser({ id: 'admin', email: 'admin@example.jp', role: 'admin' });
  for (const id of ['sato', 'suzuki', 'tanaka']) {
    await t.addUser({ id, email: `${id}@example.jp` });
    tokens[id] = await t.signIn(`${id}@example.jp`);
  }
  tokens.admin = await t.signIn('admin@example.jp');
});
afterEach(() => t.close());

const goOnline = async (id: string, available = true) =>
  (await t.call('POST', '/api/presence', { token: tokens[id], body: { available } })).json() as Promise<{
    available: boolean;
    order: number | null;
  }>;
const adminView = async () =>
  (await t.call('GET', '/api/presence', { token: tokens.admin })).json() as Promise<{
    reps: { id: string; status: string; since: string | null }[];
    ringOrder: string[];
  }>;

describe('presence', () => {
  it('keeps the order in which reps went online and tells each rep their place', async () => {
    expect(await goOnline('suzuki')).toMatchObject({ available: true, order: 1 });
    t.clock.advance(1);
    expect(await goOnline('sato')).toMatchObject({ available: true, order: 2 });
    t.clock.advance(1);
    await goOnline('tanaka');
    expect((await adminView()).ringOrder).toEqual(['suzuki', 'sato', 'tanaka']);
  });

  it('keeps a rep in place while heartbeats arrive, and drops them when they stop', async () => {
    await goOnline('sato');
    await goOnline('suzuki');
    for (let i = 0; i < 5; i++) {
      t.clock.advance(30);
      await goOnline('sato');
      await goOnline('suzuki');
    }
    expect((await adminView()).ringOrder).toEqual(['sato', 'suzuki']);
    t.clock.advance(60);
    await goOnline('suzuki');
    t.clock.advance(40);
    const view = await adminView();
    expect(view.ringOrder).toEqual(['suzuki']);
    expect(view.reps.find((r) => r.id === 'sato')?.status).toBe('offline');
  });

  it('shows admins who is online, offline or on a call, and since when', async () => {
    await goOnline('sato');
    await t.store.db.updateTable('presence').set({ on_call_sid: 'CA1', on_call_since: t.clock.now() }).where('user_id', '=', 'sato').execute();
    await goOnline('suzuki');
    await goOnline('suzuki', false);
    const view = await adminView();
    expect(view.reps.map((r) => [r.id, r.status])).toEqual([
      ['admin', 'offline'],
      ['sato', 'on-call'],
      ['suzuki', 'offline'],
      ['tanaka', 'offline'],
    ]);
    expect(view.reps.find((r) => r.id === 'sato')?.since).toBe(t.clock.now().toISOString());
  });

  it('refuses a body without "available"', async () => {
    const response = await t.call('POST', '/api/presence', { token: tokens.sato, body: { online: true } });
    expect(response.status).toBe(400);
  });

  it('tells a rep their outgoing number and presence in /api/me', async () => {
    await goOnline('sato');
    const me = (await (await t.call('GET', '/api/me', { token: tokens.sato })).json()) as Record<string, unknown>;
    expect(me).toMatchObject({ user: { id: 'sato' }, outgoingNumber: null, presence: { available: true, onCall: false } });
  });
});
