import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { callerLookupForVoice, matchCaller, type CallerMatchResult } from '../../../server/crm/caller-match.ts';
import { ZOHO_SEARCH_SETTLE_MS } from '../../../server/crm/zoho/search-settle.ts';
import { silentLogger } from '../../../server/logger.ts';
import { claimAnswer, recordParentStatus, recordRecording, settleCall, startInboundCall, updateCallNotes } from '../../../server/store/calls.ts';
import { deleteCrmConnection } from '../../../server/store/crm-connection.ts';
import { enqueueCallDelivery } from '../../../server/store/crm-outbox.ts';
import type { ZohoEmulator } from '../../emulators/zoho/index.ts';
import { SEED_IDS, SEED_USERS } from '../../fixtures/zoho/seed.ts';
import { openSharedStores, sharedTestStore } from '../support/store.ts';
import { connect, createClock, createEmulator, enqueueCalls, outboxRows, RECORDING_BYTES, RECORDING_URL, serverInstance } from './support.ts';

beforeAll(() => openSharedStores());

let emulator: ZohoEmulator | null = null;
afterEach(() => emulator?.close());

async function setup() {
  const store = await sharedTestStore();
  const clock = createClock();
  emulator = createEmulator(clock);
  const server = serverInstance(store, emulator, clock);
  await connect(server.crm, emulator);
  await store.db
    .insertInto('users')
    .values({ id: 'sato', name: '佐藤', email: 'sato@example.jp', role: 'rep', password_hash: null, crm_user_id: SEED_USERS[0].id, updated_at: clock.now() })
    .execute();
  return { store, clock, emulator, ...server };
}

const YAMADA = '+81312345678';

describe('who is calling', () => {
  it('finds a known contact, with a link a rep can open', async () => {
    const { crm } = await setup();
    expect(await matchCaller(crm, YAMADA)).toEqual({
      status: 'matched',
      record: { module: 'Contacts', id: SEED_IDS.yamada, name: '山田 太郎', url: `https://crm.zoho.jp/crm/org90000001/tab/Contacts/${SEED_IDS.yamada}` },
      others: [],
      // The org the ids are in, kept with them (org-switch.ts): the token's api_domain host and the org's id.
      org: 'www.zohoapis.jp/90000001',
    });
  });

  it.each([
    ['a number nobody has', '+81355550000', { status: 'none' }],
    ['a withheld number', '+266696687', { status: 'none' }],
  ])('says "new caller" for %s', async (_label, from, expected) => {
    const { crm } = await setup();
    expect(await matchCaller(crm, from)).toEqual(expected);
  });

  it('says so when no CRM is connected', async () => {
    const { crm, store } = await setup();
    await deleteCrmConnection(store.db);
    expect(await matchCaller(crm, YAMADA)).toEqual({ status: 'not-connected' });
  });

  it('rings without waiting past the budget, then fills the match in on the call', async () => {
    const { crm, store, clock, emulator } = await setup();
    await startInboundCall(store.db, { callSid: 'CA_LATE', from: YAMADA, to: '+815012345678', label: '代表', now: clock.now() });
    emulator.faults.add({ kind: 'slow', delayMs: 200 }, Infinity, { path: /\/search$/ });
    const lookup = callerLookupForVoice({ db: store.db, logger: silentLogger }, crm, { budgetMs: 50 });
    expect(await lookup(YAMADA, 'CA_LATE')).toEqual({ status: 'pending' });

    await expect.poll(async () => (await store.db.selectFrom('calls').select('crm_record').executeTakeFirst())?.crm_record, { timeout: 3000 }).toMatchObject({
      module: 'Contacts',
      id: SEED_IDS.yamada,
      name: '山田 太郎',
    });
  });

  it('hands the late answer to onLateMatch', async () => {
    const { crm, emulator } = await setup();
    emulator.faults.add({ kind: 'slow', delayMs: 200 }, Infinity, { path: /\/search$/ });
    const late = new Promise<CallerMatchResult>((resolve) => void matchCaller(crm, YAMADA, { budgetMs: 20, onLateMatch: resolve }));
    expect(await late).toMatchObject({ status: 'matched', record: { name: '山田 太郎' } });
  });
});

describe('a call from the call log, into Zoho', () => {
  it('ends as an Inbound call on the contact, owned by the rep, with the recording in a note and the rep’s note added later', async () => {
    const { store, clock, emulator, crm, worker } = await setup();
    const sid = 'CA0000000000000000000000000000A001';
    const start = clock.now();
    await startInboundCall(store.db, { callSid: sid, from: YAMADA, to: '+815012345678', label: '代表', now: start });
    const lookup = callerLookupForVoice({ db: store.db, logger: silentLogger }, crm);
    expect(await lookup(YAMADA, sid)).toMatchObject({ status: 'matched', name: '山田 太郎', module: 'Contacts' });
    clock.advance(20_000);
    await claimAnswer(store.db, sid, 'sato', clock.now());
    clock.advance(125_000);
    // The hook: the final status and the outbox entry commit together.
    await store.db.transaction().execute(async (trx) => {
      await recordParentStatus(trx, { callSid: sid, status: 'completed', sequenceNumber: 3, at: clock.now(), durationSeconds: 145 });
      await enqueueCallDelivery(trx, { callSid: sid, kind: 'log-call', now: clock.now() });
    });
    await store.db.transaction().execute(async (trx) => {
      await recordRecording(trx, { recordingSid: 'RE0123456789abcdef0123456789abcdef', callSid: sid, url: RECORDING_URL, status: 'completed', durationSeconds: 125, channels: 2, source: 'DialVerb', at: clock.now() });
      await enqueueCallDelivery(trx, { callSid: sid, kind: 'attach-recording', now: clock.now() });
    });

    expect(await worker.drainOnce()).toMatchObject({ delivered: 2, parked: 0 });
    const [zohoCall] = emulator.state.calls();
    expect(zohoCall).toMatchObject({
      Subject: '着信: 山田 太郎',
      Call_Type: 'Inbound',
      Call_Start_Time: '2026-11-24T12:00:00+09:00',
      Call_Duration: '02:05',
      Who_Id: { id: SEED_IDS.yamada },
      Owner: { id: SEED_USERS[0].id },
      Caller_ID: YAMADA,
    });
    const [note] = emulator.state.notes();
    expect(note).toMatchObject({ Note_Title: '通話録音', Parent_Id: { module: { api_name: 'Calls' }, id: zohoCall!.id } });
    expect(emulator.state.attachments).toHaveLength(1);
    expect(emulator.state.attachments[0]).toMatchObject({ parentModule: 'Notes', parentId: note!.id, size: RECORDING_BYTES.byteLength });

    clock.advance(60_000);
    await store.db.transaction().execute(async (trx) => {
      await updateCallNotes(trx, sid, { note: '見積もり送付済み', disposition: '折り返し' }, clock.now());
      await enqueueCallDelivery(trx, { callSid: sid, kind: 'update-call', now: clock.now() });
    });
    expect(await worker.drainOnce()).toMatchObject({ delivered: 1 });
    expect(emulator.state.calls()).toHaveLength(1);
    expect(emulator.state.calls()[0]?.['Description']).toBe(`メモ: 見積もり送付済み\n対応結果: 折り返し\n[yobidashi:${sid}]`);
    expect(emulator.state.calls()[0]?.['Call_Result'] ?? null).toBeNull();

    // A disposition the extension offers with a Zoho counterpart also sets the Call_Result picklist.
    clock.advance(60_000);
    await store.db.transaction().execute(async (trx) => {
      await updateCallNotes(trx, sid, { note: '見積もり送付済み', disposition: 'call-back' }, clock.now());
      await enqueueCallDelivery(trx, { callSid: sid, kind: 'update-call', now: clock.now() });
    });
    expect(await worker.drainOnce()).toMatchObject({ delivered: 1 });
    expect(emulator.state.calls()[0]?.['Call_Result']).toBe('Requested call back');
  });

  it('logs a call whose matched contact Zoho no longer has without the link, saying so once, also after the rep’s note', async () => {
    const { store, clock, emulator, crm, worker } = await setup();
    const sid = 'CA0000000000000000000000000000A009';
    await startInboundCall(store.db, { callSid: sid, from: YAMADA, to: '+815012345678', label: '代表', now: clock.now() });
    expect(await callerLookupForVoice({ db: store.db, logger: silentLogger }, crm)(YAMADA, sid)).toMatchObject({ status: 'matched', module: 'Contacts' });
    await claimAnswer(store.db, sid, 'sato', clock.now());
    clock.advance(60_000);
    await store.db.transaction().execute(async (trx) => {
      await recordParentStatus(trx, { callSid: sid, status: 'completed', sequenceNumber: 3, at: clock.now(), durationSeconds: 60 });
      await enqueueCallDelivery(trx, { callSid: sid, kind: 'log-call', now: clock.now() });
    });
    // A rep merges the duplicate 山田 太郎 away before the worker runs: Zoho deletes this contact.
    emulator.state.module('Contacts')!.delete(SEED_IDS.yamada);

    expect(await worker.drainOnce()).toMatchObject({ delivered: 1, parked: 0 });
    const unlinked = `紐付けなし: 照合した連絡先（ID ${SEED_IDS.yamada}）が Zoho にないため、レコードに紐付けずに記録しました。`;
    expect(emulator.state.calls()).toHaveLength(1);
    expect(emulator.state.calls()[0]).toMatchObject({ Subject: '着信: 山田 太郎', Owner: { id: SEED_USERS[0].id }, Description: `${unlinked}\n[yobidashi:${sid}]` });
    expect(emulator.state.calls()[0]).not.toHaveProperty('Who_Id');
    // The call log no longer offers the dead link; it keeps the name.
    const { crm_record } = await store.db.selectFrom('calls').select('crm_record').where('call_sid', '=', sid).executeTakeFirstOrThrow();
    expect(crm_record).toMatchObject({ name: '山田 太郎', unlinked_module: 'Contacts', unlinked_id: SEED_IDS.yamada });
    expect(crm_record).not.toHaveProperty('id');

    await store.db.transaction().execute(async (trx) => {
      await updateCallNotes(trx, sid, { note: '名刺を再登録予定', disposition: null }, clock.now());
      await enqueueCallDelivery(trx, { callSid: sid, kind: 'update-call', now: clock.now() });
    });
    expect(await worker.drainOnce()).toMatchObject({ delivered: 1 });
    expect(emulator.state.calls()).toHaveLength(1);
    expect(emulator.state.calls()[0]?.['Description']).toBe(`メモ: 名刺を再登録予定\n${unlinked}\n[yobidashi:${sid}]`);
  });

  it.each([
    ['before the call was logged', 'before'],
    ['after the call was logged, before its recording', 'after'],
  ] as const)('puts the recording on the call whose contact Zoho deleted %s', async (_label, when) => {
    const { store, clock, emulator, crm, worker } = await setup();
    const sid = 'CA0000000000000000000000000000A010';
    await startInboundCall(store.db, { callSid: sid, from: YAMADA, to: '+815012345678', label: '代表', now: clock.now() });
    expect(await callerLookupForVoice({ db: store.db, logger: silentLogger }, crm)(YAMADA, sid)).toMatchObject({ status: 'matched', module: 'Contacts' });
    await claimAnswer(store.db, sid, 'sato', clock.now());
    clock.advance(60_000);
    await store.db.transaction().execute(async (trx) => {
      await recordParentStatus(trx, { callSid: sid, status: 'completed', sequenceNumber: 3, at: clock.now(), durationSeconds: 60 });
      await enqueueCallDelivery(trx, { callSid: sid, kind: 'log-call', now: clock.now() });
    });
    if (when === 'after') expect(await worker.drainOnce()).toMatchObject({ delivered: 1 });
    emulator.state.module('Contacts')!.delete(SEED_IDS.yamada);
    await store.db.transaction().execute(async (trx) => {
      await recordRecording(trx, { recordingSid: 'RE0123456789abcdef0123456789abcdef', callSid: sid, url: RECORDING_URL, status: 'completed', durationSeconds: 55, channels: 2, source: 'DialVerb', at: clock.now() });
      await enqueueCallDelivery(trx, { callSid: sid, kind: 'attach-recording', now: clock.now() });
    });

    expect(await worker.drainOnce()).toMatchObject({ delivered: when === 'after' ? 1 : 2, parked: 0 });
    // The recording hangs off the Zoho call, never off the caller's record: a dead link does not touch it.
    const [zohoCall] = emulator.state.calls();
    const [note] = emulator.state.notes();
    expect(note).toMatchObject({ Note_Title: '通話録音', Parent_Id: { module: { api_name: 'Calls' }, id: zohoCall!.id } });
    expect(emulator.state.attachments).toMatchObject([{ parentModule: 'Notes', parentId: note!.id, size: RECORDING_BYTES.byteLength }]);
    expect((await outboxRows(store)).map((row) => `${row.kind} ${row.status}`)).toEqual(['log-call done', 'attach-recording done']);
  });

  it('logs a call matched in the org connected before a reconnect to another org, without the old org’s link, after one refusal', async () => {
    const { store, clock, emulator, crm, worker } = await setup();
    await enqueueCalls(store, clock, 1, () => ({ related: { module: 'Leads', id: SEED_IDS.yamada } }));
    // The admin connects another org, which has none of the old org's records.
    for (const module of ['Contacts', 'Leads', 'Accounts', 'Deals']) emulator.state.module(module)!.clear();
    await connect(crm, emulator);
    expect(await worker.drainOnce()).toMatchObject({ delivered: 1, parked: 0 });
    expect(emulator.state.calls()).toHaveLength(1);
    expect(emulator.state.calls()[0]).not.toHaveProperty('What_Id');
    expect(emulator.state.calls()[0]?.['Description']).toContain(`紐付けなし: 照合した見込み客（ID ${SEED_IDS.yamada}）が Zoho にないため`);
    // The old org's id costs one refused create (one API credit), then the call is logged without it.
    expect(emulator.state.requests.filter((request) => request.method === 'POST' && request.path === '/crm/v8/Calls')).toHaveLength(2);
  });

  it('waits with the recording and the note until the call itself is in Zoho', async () => {
    const { store, clock, emulator, worker } = await setup();
    const sid = 'CA0000000000000000000000000000A002';
    await startInboundCall(store.db, { callSid: sid, from: YAMADA, to: '+815012345678', label: null, now: clock.now() });
    await settleCall(store.db, sid, 'missed', { reason: 'no-answer' });
    await recordParentStatus(store.db, { callSid: sid, status: 'completed', sequenceNumber: 1, at: clock.now(), durationSeconds: 30 });
    await enqueueCallDelivery(store.db, { callSid: sid, kind: 'update-call', now: clock.now() });
    await enqueueCallDelivery(store.db, { callSid: sid, kind: 'log-call', now: clock.now() });
    emulator.faults.add({ kind: 'status', status: 503 }, 1, { method: 'POST' });

    await worker.drainOnce();
    expect((await outboxRows(store)).map((row) => [row.kind, row.status, row.attempts])).toEqual([
      ['update-call', 'pending', 0],
      ['log-call', 'pending', 1],
    ]);
    // A 503 to a create may hide a call Zoho wrote: it is searched for over the settle window first.
    clock.advance(ZOHO_SEARCH_SETTLE_MS);
    await worker.drainOnce();
    expect((await outboxRows(store)).map((row) => row.status)).toEqual(['done', 'done']);
    expect(emulator.state.calls()).toMatchObject([{ Call_Type: 'Missed', Subject: '不在着信: 03-1234-5678' }]);
  });

  it.each([
    ['a withheld caller nobody answered', { from: '+266696687', status: 'missed' as const, reason: 'no-answer' }, { Subject: '不在着信: 非通知', Call_Type: 'Missed' }],
    ['a voicemail', { from: '+81355550000', status: 'voicemail' as const, reason: null }, { Subject: '留守番電話: 03-5555-0000', Call_Type: 'Missed' }],
  ])('logs %s as Missed', async (_label, call, expected) => {
    const { store, clock, emulator, worker } = await setup();
    await startInboundCall(store.db, { callSid: 'CA_MISSED', from: call.from, to: '+815012345678', label: null, now: clock.now() });
    await store.db.transaction().execute(async (trx) => {
      await settleCall(trx, 'CA_MISSED', call.status, { reason: call.reason });
      await enqueueCallDelivery(trx, { callSid: 'CA_MISSED', kind: 'log-call', now: clock.now() });
    });
    await worker.drainOnce();
    expect(emulator.state.calls()).toMatchObject([expected]);
  });

  it('does not log a call to a number that is not in service', async () => {
    const { store, clock, emulator, worker } = await setup();
    await startInboundCall(store.db, { callSid: 'CA_NIS', from: YAMADA, to: '+815000000000', label: null, now: clock.now() });
    await settleCall(store.db, 'CA_NIS', 'failed', { reason: 'not-in-service' });
    await enqueueCallDelivery(store.db, { callSid: 'CA_NIS', kind: 'log-call', now: clock.now() });
    expect(await worker.drainOnce()).toMatchObject({ skipped: 1, delivered: 0 });
    expect(emulator.state.calls()).toHaveLength(0);
  });
});

describe('the running worker', () => {
  it('sends a call queued while it runs, when woken, and stops cleanly', async () => {
    const { store, clock, emulator, worker } = await setup();
    worker.start();
    try {
      await startInboundCall(store.db, { callSid: 'CA_RUNNING', from: YAMADA, to: '+815012345678', label: null, now: clock.now() });
      await store.db.transaction().execute(async (trx) => {
        await settleCall(trx, 'CA_RUNNING', 'missed', { reason: 'no-answer' });
        await enqueueCallDelivery(trx, { callSid: 'CA_RUNNING', kind: 'log-call', now: clock.now() });
      });
      worker.wake();
      await expect.poll(() => emulator.state.calls().length, { timeout: 3000 }).toBe(1);
    } finally {
      await worker.stop();
    }
    expect((await outboxRows(store)).map((row) => row.status)).toEqual(['done']);
  });
});
