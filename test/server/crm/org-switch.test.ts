import { sql } from 'kysely';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { callerLookupForVoice } from '../../../server/crm/caller-match.ts';
import type { CrmRuntime } from '../../../server/crm/crm-runtime.ts';
import { silentLogger } from '../../../server/logger.ts';
import { addRang, claimAnswer, recordParentStatus, recordRecording, setCallCrmRecord, startInboundCall, updateCallNotes } from '../../../server/store/calls.ts';
import { enqueueCallDelivery, outboxCounts } from '../../../server/store/crm-outbox.ts';
import { saveCrmSettings } from '../../../server/store/crm-settings.ts';
import type { Store } from '../../../server/store/database.ts';
import { completeFollowUp, recordFollowUp } from '../../../server/store/follow-ups.ts';
import type { ZohoEmulator } from '../../emulators/zoho/index.ts';
import { SEED_IDS, SEED_USERS } from '../../fixtures/zoho/seed.ts';
import { connect, OTHER_ORG, outboxRows, RECORDING_URL, twoOrgWorld, type Clock } from '../crm-outbox/support.ts';
import { openSharedStores, sharedTestStore } from '../support/store.ts';

/**
 * The admin connects another Zoho org (or the same org in another data centre) while calls matched in
 * the previous one still wait in the outbox: none of the previous org's ids is sent to the new one
 * (server/crm/org-switch.ts). Two emulated orgs, each its own Zoho; the server's requests go to the one
 * connected last, as they would to the accounts server and API domain of the new grant.
 */

beforeAll(() => openSharedStores());

const YAMADA = '+81312345678';
const RECORDING_SID = 'RE0123456789abcdef0123456789abcdef';
let opened: ZohoEmulator[] = [];
afterEach(() => {
  for (const emulator of opened) emulator.close();
  opened = [];
});

async function setup() {
  const store = await sharedTestStore();
  return { store, ...(await twoOrgWorld(store, opened)) };
}

/** An answered call from 山田 太郎, matched while it rang, ended and queued for the CRM. */
async function answeredCall(store: Store, clock: Clock, crm: CrmRuntime, sid: string) {
  await startInboundCall(store.db, { callSid: sid, from: YAMADA, to: '+815012345678', label: '代表', now: clock.now() });
  expect(await callerLookupForVoice({ db: store.db, logger: silentLogger }, crm)(YAMADA, sid)).toMatchObject({ status: 'matched', id: SEED_IDS.yamada });
  await claimAnswer(store.db, sid, 'sato', clock.now());
  clock.advance(60_000);
  await store.db.transaction().execute(async (trx) => {
    await recordParentStatus(trx, { callSid: sid, status: 'completed', sequenceNumber: 3, at: clock.now(), durationSeconds: 60 });
    await enqueueCallDelivery(trx, { callSid: sid, kind: 'log-call', now: clock.now() });
  });
}

/** A missed call from 山田 太郎, matched while it rang: a follow-up for sato, and the call queued for the CRM. */
async function missedCall(store: Store, clock: Clock, crm: CrmRuntime, sid: string) {
  await startInboundCall(store.db, { callSid: sid, from: YAMADA, to: '+815012345678', label: '代表', now: clock.now() });
  await addRang(store.db, sid, ['sato']);
  expect(await callerLookupForVoice({ db: store.db, logger: silentLogger }, crm)(YAMADA, sid)).toMatchObject({ status: 'matched' });
  await store.db.transaction().execute(async (trx) => {
    await recordParentStatus(trx, { callSid: sid, status: 'completed', sequenceNumber: 3, at: clock.now(), durationSeconds: 20 });
    await recordFollowUp(trx, sid, { now: clock.now(), dueHours: 4 });
    await enqueueCallDelivery(trx, { callSid: sid, kind: 'log-call', now: clock.now() });
  });
}

const posts = (emulator: ZohoEmulator, path: string) => emulator.state.requests.filter((request) => request.method === 'POST' && request.path === path);

/** What the admin's delivery view reads: nothing parked, no entry with an error. */
async function expectNoDeliveryErrors(store: Store) {
  expect((await outboxCounts(store.db)).parked).toBe(0);
  const rows = await outboxRows(store);
  expect(rows.map((row) => [row.kind, row.status, row.last_error])).toEqual(rows.map((row) => [row.kind, 'done', null]));
}

describe('a call matched in the org connected before', () => {
  it('is logged in the new org without the link at once, its history saying why, also after the rep’s note; no delivery error', async () => {
    const { store, clock, crm, worker, connectAnother } = await setup();
    const sid = 'CA0000000000000000000000000000B001';
    await answeredCall(store, clock, crm, sid);
    const next = await connectAnother({ org: OTHER_ORG });

    expect(await worker.drainOnce()).toMatchObject({ delivered: 1, parked: 0, retried: 0 });
    // One create, without the old org's id: no refused request first.
    expect(posts(next, '/crm/v8/Calls')).toHaveLength(1);
    const [logged] = next.state.calls();
    expect(logged).not.toHaveProperty('Who_Id');
    const why = `紐付けなし: 照合した連絡先（ID ${SEED_IDS.yamada}）は以前に接続していた Zoho の組織のレコードのため、紐付けずに記録`;
    // In the history's own style (the time in the org's zone: 12:01 JST), before the CallSid marker.
    expect(logged).toMatchObject({ Subject: '着信: 山田 太郎', Owner: { id: SEED_USERS[0].id }, Description: `通話の経過:\n12:01 ${why}\n[yobidashi:${sid}]` });
    // The call log keeps the name and which record it was, no longer a link; the reason is in the history.
    const row = await store.db.selectFrom('calls').select(['crm_record', 'crm_org']).where('call_sid', '=', sid).executeTakeFirstOrThrow();
    expect(row.crm_record).toEqual({ name: '山田 太郎', unlinked_module: 'Contacts', unlinked_id: SEED_IDS.yamada, unlinked_reason: 'other-org' });
    expect(row.crm_org).toBe('www.zohoapis.jp/90000001');
    const history = await store.db.selectFrom('call_events').select(['kind', 'details']).where('call_sid', '=', sid).where('kind', '=', 'crm-other-org').execute();
    expect(history).toEqual([{ kind: 'crm-other-org', details: { module: 'Contacts', id: SEED_IDS.yamada } }]);
    await expectNoDeliveryErrors(store);

    await store.db.transaction().execute(async (trx) => {
      await updateCallNotes(trx, sid, { note: '新しい組織で登録し直す', disposition: null }, clock.now());
      await enqueueCallDelivery(trx, { callSid: sid, kind: 'update-call', now: clock.now() });
    });
    expect(await worker.drainOnce()).toMatchObject({ delivered: 1, parked: 0 });
    // Said once: no "no longer in Zoho" line besides the history's.
    expect(next.state.calls()[0]?.['Description']).toBe(`通話の経過:\n12:01 ${why}\nメモ: 新しい組織で登録し直す\n[yobidashi:${sid}]`);
    await expectNoDeliveryErrors(store);
  });

  it('is logged without the link when the same org id is connected in another data centre', async () => {
    const { store, clock, crm, worker, connectAnother } = await setup();
    const sid = 'CA0000000000000000000000000000B002';
    await answeredCall(store, clock, crm, sid);
    // The same org id and the very same record ids, in the EU data centre: still not the org the match was made in.
    const next = await connectAnother({ dataCentre: 'EU' });
    expect(next.state.module('Contacts')!.has(SEED_IDS.yamada)).toBe(true);

    expect(await worker.drainOnce()).toMatchObject({ delivered: 1, parked: 0 });
    expect(next.state.calls()[0]).not.toHaveProperty('Who_Id');
    expect(next.state.calls()[0]?.['Description']).toContain(`照合した連絡先（ID ${SEED_IDS.yamada}）は以前に接続していた Zoho の組織のレコードのため`);
    await expectNoDeliveryErrors(store);
  });

  it('keeps the org with a match that came after the ring’s budget too', async () => {
    const { store, clock, crm, first } = await setup();
    const sid = 'CA0000000000000000000000000000B008';
    await startInboundCall(store.db, { callSid: sid, from: YAMADA, to: '+815012345678', label: '代表', now: clock.now() });
    first.faults.add({ kind: 'slow', delayMs: 200 }, Infinity, { path: /\/search$/ });
    expect(await callerLookupForVoice({ db: store.db, logger: silentLogger }, crm, { budgetMs: 50 })(YAMADA, sid)).toEqual({ status: 'pending' });
    await expect
      .poll(async () => store.db.selectFrom('calls').select(['crm_org', sql<string | null>`crm_record->>'id'`.as('id')]).where('call_sid', '=', sid).executeTakeFirst(), { timeout: 3000 })
      .toEqual({ crm_org: 'www.zohoapis.jp/90000001', id: SEED_IDS.yamada });
  });

  it('keeps its link when the admin connects the same org again', async () => {
    const { store, clock, crm, worker, first } = await setup();
    const sid = 'CA0000000000000000000000000000B003';
    await answeredCall(store, clock, crm, sid);
    await connect(crm, first);

    expect(await worker.drainOnce()).toMatchObject({ delivered: 1, parked: 0 });
    expect(first.state.calls()[0]).toMatchObject({ Who_Id: { id: SEED_IDS.yamada } });
    expect(first.state.calls()[0]?.['Description']).not.toContain('紐付けなし');
  });

  it('matched before the org was kept with the match: sent as before, refused once, then logged without the link', async () => {
    const { store, clock, worker, connectAnother } = await setup();
    const sid = 'CA0000000000000000000000000000B004';
    await startInboundCall(store.db, { callSid: sid, from: YAMADA, to: '+815012345678', label: '代表', now: clock.now() });
    await setCallCrmRecord(store.db, sid, { module: 'Contacts', id: SEED_IDS.yamada, name: '山田 太郎', url: 'https://crm.zoho.jp/crm/org90000001/tab/Contacts/1' });
    await claimAnswer(store.db, sid, 'sato', clock.now());
    clock.advance(60_000);
    await store.db.transaction().execute(async (trx) => {
      await recordParentStatus(trx, { callSid: sid, status: 'completed', sequenceNumber: 3, at: clock.now(), durationSeconds: 60 });
      await enqueueCallDelivery(trx, { callSid: sid, kind: 'log-call', now: clock.now() });
    });
    const next = await connectAnother({ org: OTHER_ORG });

    expect(await worker.drainOnce()).toMatchObject({ delivered: 1, parked: 0 });
    expect(posts(next, '/crm/v8/Calls')).toHaveLength(2);
    expect(next.state.calls()[0]?.['Description']).toContain(`照合した連絡先（ID ${SEED_IDS.yamada}）が Zoho にないため`);
  });
});

describe('what was written in the org connected before', () => {
  it('a follow-up’s task for a caller matched there is created in the new org without the link, saying why', async () => {
    const { store, clock, crm, worker, first, connectAnother } = await setup();
    await missedCall(store, clock, crm, 'CA0000000000000000000000000000B005');
    // The call is logged in the first org; its task does not get there (Zoho waits the worker out).
    first.faults.add({ kind: 'rate-limit', retryAfterSeconds: 60 }, 1, { method: 'POST', path: /\/Tasks$/ });
    expect(await worker.drainOnce()).toMatchObject({ delivered: 1, retried: 1 });
    expect(first.state.calls()[0]).toMatchObject({ Who_Id: { id: SEED_IDS.yamada } });
    const next = await connectAnother({ org: OTHER_ORG });

    clock.advance(120_000);
    expect(await worker.drainOnce()).toMatchObject({ delivered: 1, parked: 0 });
    expect(posts(next, '/crm/v8/Tasks')).toHaveLength(1);
    const [task] = next.state.tasks();
    expect(task).toMatchObject({ Subject: '折り返し電話: 山田 太郎 様', Owner: { id: SEED_USERS[0].id } });
    expect(task).not.toHaveProperty('Who_Id');
    expect(task?.['Description']).toContain(
      `紐付けなし: 照合した連絡先（ID ${SEED_IDS.yamada}）は以前に接続していた Zoho の組織のレコードのため、レコードに紐付けずに作成しました。\n[yobidashi-task:`,
    );
    await expectNoDeliveryErrors(store);
  });

  it('a task created there is not closed in the new org when the follow-up is ticked off: it is out of reach', async () => {
    const { store, clock, crm, worker, first, connectAnother } = await setup();
    await missedCall(store, clock, crm, 'CA0000000000000000000000000000B006');
    expect(await worker.drainOnce()).toMatchObject({ delivered: 2 });
    expect(first.state.tasks()).toHaveLength(1);
    const next = await connectAnother({ org: OTHER_ORG });

    const [followUp] = await store.db.selectFrom('follow_ups').select('id').execute();
    await completeFollowUp(store.db, { id: 'sato', seesAll: true }, String(followUp!.id), clock.now());
    expect(await worker.drainOnce()).toMatchObject({ delivered: 0, skipped: 1, parked: 0 });
    expect(next.state.requests.filter((request) => request.path.includes('/Tasks'))).toEqual([]);
    await expectNoDeliveryErrors(store);
  });

  it('a recording of a call logged there is not attached in the new org, and stays on Twilio; nor is the rep’s later note sent', async () => {
    const { store, clock, crm, worker, first, connectAnother } = await setup();
    const sid = 'CA0000000000000000000000000000B007';
    await answeredCall(store, clock, crm, sid);
    await saveCrmSettings(store.db, { deleteRecordingsAfterUpload: true }, clock.now());
    expect(await worker.drainOnce()).toMatchObject({ delivered: 1 });
    expect(first.state.calls()).toHaveLength(1);
    const next = await connectAnother({ org: OTHER_ORG });

    await store.db.transaction().execute(async (trx) => {
      await recordRecording(trx, { recordingSid: RECORDING_SID, callSid: sid, url: RECORDING_URL, status: 'completed', durationSeconds: 55, channels: 2, source: 'DialVerb', at: clock.now() });
      await enqueueCallDelivery(trx, { callSid: sid, kind: 'attach-recording', now: clock.now() });
      await updateCallNotes(trx, sid, { note: '見積もり送付済み', disposition: null }, clock.now());
      await enqueueCallDelivery(trx, { callSid: sid, kind: 'update-call', now: clock.now() });
    });
    expect(await worker.drainOnce()).toMatchObject({ delivered: 0, skipped: 2, parked: 0 });
    expect(next.state.requests.filter((request) => request.method !== 'GET')).toEqual([]);
    expect(next.state.notes()).toEqual([]);
    expect(await store.db.selectFrom('crm_recordings').selectAll().execute()).toEqual([]);
    await expectNoDeliveryErrors(store);
  });
});
