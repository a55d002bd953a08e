import type { Kysely } from 'kysely';
import { up as finishUnloggedUpdates } from '../../../server/store/migrations/0016_finish_unlogged_updates.ts';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { callFromSnapshot, type CallSnapshot } from '../../../server/crm/call-log.ts';
import { OUTBOX_DEFAULTS, backoffDelayMs } from '../../../server/crm/outbox-worker.ts';
import { ZOHO_SEARCH_SETTLE_MS } from '../../../server/crm/zoho/calls.ts';
import { settleCall, startOutboundCall } from '../../../server/store/calls.ts';
import { claimDueEntries, enqueueCallDelivery, outboxCounts, retryParked } from '../../../server/store/crm-outbox.ts';
import { deleteCrmConnection } from '../../../server/store/crm-connection.ts';
import { openDatabase, type Engine, type Store } from '../../../server/store/database.ts';
import type { ZohoEmulator } from '../../emulators/zoho/index.ts';
import { engines, openSharedStores, sharedTestStore } from '../support/store.ts';
import { connect, createClock, createEmulator, enqueueCalls, outboxRows, serverInstance, zohoCallsBySid, type Clock } from './support.ts';

const HOUR = 3_600_000;

beforeAll(() => openSharedStores(engines));

describe.each(engines)('the CRM outbox on %s', (engine: Engine) => {
  let emulator: ZohoEmulator | null = null;
  const extraStores: Store[] = [];
  afterEach(async () => {
    emulator?.close();
    for (const store of extraStores.splice(0)) await store.close();
  });

  async function setup(options: { concurrencyLimit?: number; maxAttempts?: number } = {}) {
    const store = await sharedTestStore(engine);
    const clock = createClock();
    emulator = createEmulator(clock, options.concurrencyLimit);
    const server = serverInstance(store, emulator, clock, { maxAttempts: options.maxAttempts });
    await connect(server.crm, emulator);
    return { store, clock, emulator, ...server };
  }

  function expectEachOnce(sids: string[], zoho: ZohoEmulator) {
    const counts = zohoCallsBySid(zoho);
    expect([...counts.entries()].filter(([, n]) => n !== 1)).toEqual([]);
    expect([...counts.keys()].sort()).toEqual([...sids].sort());
  }

  async function drainFor(clock: Clock, worker: { drainOnce(): Promise<unknown> }, rounds: number, stepMs: number) {
    for (let round = 0; round < rounds; round++) {
      await worker.drainOnce();
      clock.advance(stepMs);
    }
  }

  it('delivers every call once Zoho is back after a long outage, backing off exponentially meanwhile', async () => {
    const { store, clock, emulator, worker } = await setup();
    const sids = await enqueueCalls(store, clock, 4);
    emulator.faults.add({ kind: 'status', status: 503 }, Infinity);

    const waits: number[] = [];
    for (let attempt = 1; attempt <= 6; attempt++) {
      await worker.drainOnce();
      const [row] = await outboxRows(store);
      waits.push(new Date(row!.next_attempt_at).getTime() - clock.ms);
      clock.advance(HOUR);
    }
    // random() = 0.5: half of base · 2^(n−1).
    expect(waits).toEqual([2_500, 5_000, 10_000, 20_000, 40_000, 80_000]);
    expect((await outboxRows(store)).map((row) => [row.status, row.attempts])).toEqual(Array(4).fill(['pending', 6]));
    expect(emulator.state.calls()).toHaveLength(0);

    emulator.faults.clear();
    const report = await worker.drainOnce();
    expect(report).toMatchObject({ delivered: 4, parked: 0 });
    expectEachOnce(sids, emulator);
    expect((await outboxRows(store)).every((row) => row.status === 'done' && row.zoho_record_id)).toBe(true);
  });

  it('waits out a 429 storm without counting attempts or sending while Zoho asked it to wait', async () => {
    const { store, clock, emulator, worker } = await setup({ maxAttempts: 2 });
    const sids = await enqueueCalls(store, clock, 8);
    emulator.faults.add({ kind: 'rate-limit', retryAfterSeconds: 30 }, 14, { method: 'POST' });

    await worker.drainOnce();
    const sentBeforeWaiting = emulator.state.requests.length;
    clock.advance(10_000);
    // Inside Zoho's 30 s the worker sends nothing at all.
    await worker.drainOnce();
    expect(emulator.state.requests.length).toBe(sentBeforeWaiting);
    for (let round = 0; round < 10; round++) {
      clock.advance(25_000);
      await worker.drainOnce();
    }
    expectEachOnce(sids, emulator);
    const rows = await outboxRows(store);
    expect(rows.map((row) => row.status)).toEqual(Array(8).fill('done'));
    expect(Math.max(...rows.map((row) => row.attempts))).toBe(1);
  });

  it('never runs more requests at once than Zoho allows', async () => {
    const { store, clock, emulator, worker } = await setup({ concurrencyLimit: 5 });
    const sids = await enqueueCalls(store, clock, 15);
    emulator.faults.add({ kind: 'slow', delayMs: 30 }, Infinity);
    const report = await worker.drainOnce();
    expect(report).toMatchObject({ delivered: 15, retried: 0 });
    expectEachOnce(sids, emulator);
  });

  it('does not create a call twice when Zoho accepted it but the answer timed out', async () => {
    const { store, clock, emulator, worker } = await setup();
    const sids = await enqueueCalls(store, clock, 3);
    emulator.faults.add({ kind: 'accept-then-hang' }, 1, { method: 'POST', path: /\/Calls$/ });
    const first = await worker.drainOnce();
    expect(first).toMatchObject({ delivered: 2, retried: 1 });
    expect(emulator.state.calls()).toHaveLength(3);
    expect((await outboxRows(store)).find((row) => row.status === 'pending')?.last_error).toMatch(/^request_ambiguous/);

    clock.advance(HOUR);
    expect(await worker.drainOnce()).toMatchObject({ delivered: 1 });
    expectEachOnce(sids, emulator);
  });

  it('does not create a call twice when Zoho’s search lags behind the create it never answered', async () => {
    const { store, clock, emulator, worker } = await setup();
    emulator.state.searchLagMs = 90_000;
    const sids = await enqueueCalls(store, clock, 1);
    emulator.faults.add({ kind: 'accept-then-hang' }, 1, { method: 'POST', path: /\/Calls$/ });
    expect(await worker.drainOnce()).toMatchObject({ delivered: 0, retried: 1 });
    expect(emulator.state.calls()).toHaveLength(1);

    // Retries come every 20 s; for 90 s the search shows nothing, and nothing is created meanwhile.
    for (let elapsed = 20_000; elapsed <= 80_000; elapsed += 20_000) {
      clock.advance(20_000);
      expect(await worker.drainOnce()).toMatchObject({ delivered: 0, retried: 1 });
      expect(emulator.state.calls()).toHaveLength(1);
    }
    clock.advance(20_000);
    expect(await worker.drainOnce()).toMatchObject({ delivered: 1 });
    expectEachOnce(sids, emulator);
    expect((await outboxRows(store))[0]).toMatchObject({ status: 'done', attempts: 2, unconfirmed_since: null });
  });

  it.each([500, 502, 504] as const)('does not create a call twice when Zoho wrote it but answered %i and its search lags', async (status) => {
    const { store, clock, emulator, worker } = await setup();
    emulator.state.searchLagMs = 30_000;
    const sids = await enqueueCalls(store, clock, 1);
    emulator.faults.add({ kind: 'accept-then-status', status }, 1, { method: 'POST', path: /\/Calls$/ });
    expect(await worker.drainOnce()).toMatchObject({ delivered: 0, retried: 1 });
    expect(emulator.state.calls()).toHaveLength(1);
    const [sent] = await outboxRows(store);
    expect(sent?.last_error).toMatch(status === 500 ? /^INTERNAL_ERROR/ : /^server_error/);
    expect(sent?.unconfirmed_since).not.toBeNull();

    // The retry's search shows nothing for 30 s: it looks again rather than create a second call.
    clock.advance(new Date(sent!.next_attempt_at).getTime() - clock.ms);
    expect(await worker.drainOnce()).toMatchObject({ delivered: 0, retried: 1 });
    expect(emulator.state.calls()).toHaveLength(1);
    clock.advance(30_000);
    expect(await worker.drainOnce()).toMatchObject({ delivered: 1 });
    expectEachOnce(sids, emulator);
    expect((await outboxRows(store))[0]).toMatchObject({ status: 'done', unconfirmed_since: null });
  });

  it('creates the call once the settle window has passed when the unanswered send never landed', async () => {
    const { store, clock, emulator, worker } = await setup();
    const sids = await enqueueCalls(store, clock, 1);
    emulator.faults.add({ kind: 'accept-then-hang' }, 1, { method: 'POST', path: /\/Calls$/ });
    await worker.drainOnce();
    emulator.state.module('Calls')!.clear(); // as if the request never reached Zoho
    await drainFor(clock, worker, 9, 20_000);
    expect(emulator.state.calls()).toHaveLength(0);
    expect((await outboxRows(store))[0]?.last_error).toMatch(/^awaiting_crm_search/);
    clock.advance(ZOHO_SEARCH_SETTLE_MS);
    expect(await worker.drainOnce()).toMatchObject({ delivered: 1 });
    expectEachOnce(sids, emulator);
  });

  it('restarts the search window at every send without an answer', async () => {
    const { store, clock, emulator, worker } = await setup();
    emulator.state.searchLagMs = 90_000;
    const sids = await enqueueCalls(store, clock, 1);
    emulator.faults.add({ kind: 'accept-then-hang' }, 2, { method: 'POST', path: /\/Calls$/ });
    await worker.drainOnce();
    emulator.state.module('Calls')!.clear(); // the first send never landed after all
    clock.advance(ZOHO_SEARCH_SETTLE_MS + 1);
    await worker.drainOnce(); // nothing found over the window: created again, and again no answer
    expect(emulator.state.calls()).toHaveLength(1);
    // That second send is what the search must show before anything else is created.
    await drainFor(clock, worker, 4, 20_000);
    expect(emulator.state.calls()).toHaveLength(1);
    clock.advance(20_000);
    expect(await worker.drainOnce()).toMatchObject({ delivered: 1 });
    expectEachOnce(sids, emulator);
  });

  it('gives a delivery still in flight at shutdown back at once, and the next instance finds it in Zoho', async () => {
    const { store, clock, emulator, worker } = await setup();
    const sids = await enqueueCalls(store, clock, 1);
    emulator.faults.add({ kind: 'slow', delayMs: 150 }, 1, { method: 'POST', path: /\/Calls$/ });
    const draining = worker.drainOnce();
    await vi.waitFor(() => expect(emulator.state.requests.some((request) => request.method === 'POST')).toBe(true));
    await worker.stop({ graceMs: 10 });
    const [released] = await outboxRows(store);
    expect(released).toMatchObject({ status: 'pending', claimed_by: null, attempts: 0 });
    expect(released?.unconfirmed_since).not.toBeNull();
    expect(new Date(released!.next_attempt_at).getTime()).toBe(clock.ms);
    await draining;

    const next = serverInstance(store, emulator, clock);
    clock.advance(ZOHO_SEARCH_SETTLE_MS);
    expect(await next.worker.drainOnce()).toMatchObject({ delivered: 1 });
    expectEachOnce(sids, emulator);
  });

  it('refreshes an access token that expires mid-batch once, and delivers every call once', async () => {
    const { store, clock, emulator, worker } = await setup();
    const sids = await enqueueCalls(store, clock, 10);
    emulator.faults.add({ kind: 'slow', delayMs: 40 }, 5);
    const refreshesBefore = emulator.state.counters.refreshes;
    const draining = worker.drainOnce();
    setTimeout(() => emulator.state.expireAccessTokens(), 10);
    expect(await draining).toMatchObject({ delivered: 10, retried: 0 });
    expectEachOnce(sids, emulator);
    expect(emulator.state.counters.refreshes - refreshesBefore).toBe(1);
  });

  it('delivers a full outbox after a restart, including the calls a crashed instance had sent', async () => {
    const { store, clock, emulator, crm } = await setup();
    const sids = await enqueueCalls(store, clock, 12);
    // The first instance claims a batch, gets two calls into Zoho, and dies before recording it.
    const claimed = await claimDueEntries(store.db, { workerId: 'crashed', now: clock.now(), leaseMs: OUTBOX_DEFAULTS.leaseMs, limit: 5 });
    const adapter = await crm.adapter();
    for (const entry of claimed.slice(0, 2)) {
      const snapshot = entry.payload['call'] as CallSnapshot;
      await adapter!.deliverCall({ call: callFromSnapshot(snapshot), attempts: 0 });
    }

    const restartedStore = engine === 'postgres' ? await openDatabase({ url: (store as Store & { url: string }).url }) : store;
    if (restartedStore !== store) extraStores.push(restartedStore);
    const restarted = serverInstance(restartedStore, emulator, clock);
    expect(await restarted.worker.drainOnce()).toMatchObject({ delivered: 7 });
    // The dead instance's claims come back when its lease runs out.
    clock.advance(OUTBOX_DEFAULTS.leaseMs + 1);
    expect(await restarted.worker.drainOnce()).toMatchObject({ delivered: 5 });
    expectEachOnce(sids, emulator);
  });

  it('lets two instances drain one outbox together, each call sent by exactly one of them', async () => {
    const { store, clock, emulator, worker } = await setup();
    const sids = await enqueueCalls(store, clock, 30);
    const otherStore = engine === 'postgres' ? await openDatabase({ url: (store as Store & { url: string }).url }) : store;
    if (otherStore !== store) extraStores.push(otherStore);
    const other = serverInstance(otherStore, emulator, clock);
    emulator.faults.add({ kind: 'slow', delayMs: 5 }, Infinity);

    const [a, b] = await Promise.all([worker.drainOnce(), other.worker.drainOnce()]);
    expect(a.delivered + b.delivered).toBe(30);
    if (engine === 'postgres') expect(Math.min(a.delivered, b.delivered)).toBeGreaterThan(0);
    expectEachOnce(sids, emulator);
    const posts = emulator.state.requests.filter((request) => request.method === 'POST' && request.path === '/crm/v8/Calls');
    expect(posts).toHaveLength(30);
  });

  it('never hands one entry to two claimers, however their claims overlap', async () => {
    const { store, clock } = await setup();
    await enqueueCalls(store, clock, 60);
    const otherStore = engine === 'postgres' ? await openDatabase({ url: (store as Store & { url: string }).url }) : store;
    if (otherStore !== store) extraStores.push(otherStore);
    const claim = (db: Store['db'], workerId: string) => claimDueEntries(db, { workerId, now: clock.now(), leaseMs: 60_000, limit: 3 });
    const rounds = await Promise.all(Array.from({ length: 24 }, (_, i) => (i % 2 ? claim(otherStore.db, `b${i}`) : claim(store.db, `a${i}`))));
    const ids = rounds.flat().map((entry) => entry.id);
    expect(ids.length).toBeGreaterThan(0);
    expect(new Set(ids).size).toBe(ids.length);
    const rows = await outboxRows(store);
    expect(rows.filter((row) => row.status === 'sending')).toHaveLength(ids.length);
    expect(rows.every((row) => row.attempts <= 1)).toBe(true);
  });

  it('parks an entry after the last attempt and delivers it once when the admin retries', async () => {
    const { store, clock, emulator, worker } = await setup({ maxAttempts: 3 });
    const sids = await enqueueCalls(store, clock, 2);
    emulator.faults.add({ kind: 'status', status: 500 }, Infinity, { method: 'POST' });
    await drainFor(clock, worker, 4, HOUR);
    const parked = await outboxRows(store);
    expect(parked.map((row) => [row.status, row.attempts])).toEqual([['parked', 3], ['parked', 3]]);
    expect(parked[0]?.last_error).toMatch(/^gave up after 3 attempts: INTERNAL_ERROR/);

    // Parked entries stay put.
    clock.advance(24 * HOUR);
    expect(await worker.drainOnce()).toMatchObject({ delivered: 0 });

    emulator.faults.clear();
    expect(await retryParked(store.db, { now: clock.now() })).toHaveLength(2);
    expect(await worker.drainOnce()).toMatchObject({ delivered: 2 });
    expectEachOnce(sids, emulator);
  });

  it('parks a call Zoho refuses at once, naming the field', async () => {
    const { store, clock, emulator, worker } = await setup();
    await enqueueCalls(store, clock, 2, (n) => (n === 2 ? { callResult: '成約' } : {}));
    expect(await worker.drainOnce()).toMatchObject({ delivered: 1, parked: 1 });
    const rows = await outboxRows(store);
    expect(rows[1]).toMatchObject({ status: 'parked', attempts: 1 });
    expect(rows[1]?.last_error).toMatch(/^INVALID_DATA: .*\(Call_Result\)/);
    expect(emulator.state.calls()).toHaveLength(1);
  });

  it.each([
    ['before its call was skipped', ['update-call', 'log-call']],
    ['after its call was skipped', ['log-call', 'update-call']],
  ] as const)('ends a note queued %s (a call the CRM never logs) instead of keeping it pending for ever', async (when, order) => {
    const { store, clock, emulator, worker } = await setup();
    // Refused before dialling (toll-fraud guard): its log-call is skipped, so Zoho never has a record to update.
    const callSid = 'CA0000000000000000000000000000R001';
    await startOutboundCall(store.db, { callSid, repId: 'sato', to: '+12125551234', callerId: '+81312345678', crmRecord: null, now: clock.now() });
    await settleCall(store.db, callSid, 'failed', { reason: 'country-not-allowed' });
    for (const kind of order) {
      await enqueueCallDelivery(store.db, { callSid, kind, now: clock.now() });
      await worker.drainOnce();
    }
    // The note API queues none once its call is skipped: one queued after is from before it knew, and
    // migration 0016 ends those.
    if (when === 'after its call was skipped') await finishUnloggedUpdates(store.db as Kysely<unknown>);
    expect((await outboxRows(store)).map((row) => [row.kind, row.status])).toEqual(
      expect.arrayContaining([
        ['log-call', 'done'],
        ['update-call', 'done'],
      ]),
    );
    expect(await outboxCounts(store.db)).toMatchObject({ pending: 0, sending: 0, parked: 0 });
    expect(emulator.state.calls()).toHaveLength(0);
  });

  it('keeps the note of a call Zoho refused waiting for the admin’s retry, not ended with it', async () => {
    const { store, clock, worker } = await setup();
    const [callSid] = await enqueueCalls(store, clock, 1, () => ({ callResult: '成約' }));
    await enqueueCallDelivery(store.db, { callSid: callSid!, kind: 'update-call', now: clock.now() });
    expect(await worker.drainOnce()).toMatchObject({ delivered: 0, parked: 1 });
    await worker.drainOnce();
    expect((await outboxRows(store)).map((row) => [row.kind, row.status])).toEqual([
      ['log-call', 'parked'],
      ['update-call', 'pending'],
    ]);
  });

  it('keeps calls made while no CRM is connected, unattempted, and sends them once one is', async () => {
    const { store, clock, emulator, worker, crm } = await setup();
    await deleteCrmConnection(store.db);
    const sids = await enqueueCalls(store, clock, 3);
    expect(await worker.drainOnce()).toEqual({ delivered: 0, skipped: 0, retried: 0, parked: 0 });
    expect((await outboxRows(store)).map((row) => [row.status, row.attempts])).toEqual(Array(3).fill(['pending', 0]));

    await connect(crm, emulator);
    expect(await worker.drainOnce()).toMatchObject({ delivered: 3 });
    expectEachOnce(sids, emulator);
  });

  it('puts deliveries on hold when the grant is revoked, without parking them', async () => {
    const { store, clock, emulator, worker, crm } = await setup();
    const sids = await enqueueCalls(store, clock, 2);
    emulator.state.expireAccessTokens();
    // Revoke every refresh token the emulator knows (the admin removed the app in Zoho).
    const refreshToken = await store.db.selectFrom('crm_connection').select('refresh_token_sealed').executeTakeFirstOrThrow();
    const { secretBox } = crm.deps;
    emulator.state.revokeRefreshToken(secretBox.open(refreshToken.refresh_token_sealed));

    await worker.drainOnce();
    expect((await outboxRows(store)).map((row) => [row.status, row.attempts])).toEqual(Array(2).fill(['pending', 0]));
    expect((await crm.connection())?.problem).toMatch(/^oauth_revoked/);
    expect(emulator.state.calls()).toHaveLength(0);

    await connect(crm, emulator);
    expect(await worker.drainOnce()).toMatchObject({ delivered: 2 });
    expectEachOnce(sids, emulator);
  });
});

describe('backoff', () => {
  it.each([
    [1, 1, 5_000],
    [2, 1, 10_000],
    [5, 0.999_999, 79_999],
    [20, 0.5, HOUR / 2],
    [30, 1, HOUR],
    [3, 0, 1_000],
  ])('attempt %i with random %d waits %i ms (full jitter, capped at an hour, at least a second)', (attempt, random, expected) => {
    expect(backoffDelayMs(attempt, random, { baseDelayMs: 5_000, maxDelayMs: HOUR })).toBe(expected);
  });
});
