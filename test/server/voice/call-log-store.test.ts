import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  addRang,
  claimAnswer,
  recordLegStatus,
  recordParentStatus,
  recordRecording,
  settleCall,
  startInboundCall,
  startOutboundCall,
} from '../../../server/store/calls.ts';
import { decodeCursor, getCall, listCalls } from '../../../server/store/calls-query.ts';
import type { Store } from '../../../server/store/database.ts';
import { createTestStore, engines } from '../support/store.ts';

const PARENT = `CA${'0'.repeat(31)}1`;
const LEG = `CA${'0'.repeat(31)}2`;
const at = (seconds: number) => new Date(Date.UTC(2026, 10, 24, 0, 0, seconds));

describe.each(engines)('the call log on %s', (engine) => {
  let store: Store;
  beforeAll(async () => {
    store = await createTestStore(engine);
  });
  afterAll(() => store.close());
  beforeEach(async () => {
    await sql`truncate calls, call_legs, call_recordings`.execute(store.db);
    await startInboundCall(store.db, { callSid: PARENT, from: '+819011112222', to: '+81312345678', label: '代表', now: at(0) });
  });

  it('keeps one row per call when the first webhook is retried', async () => {
    await startInboundCall(store.db, { callSid: PARENT, from: '+819011112222', to: '+81312345678', label: '代表', now: at(5) });
    const { calls } = await listCalls(store.db, {}, { cursor: null, limit: 10 });
    expect(calls.map((c) => [c.callSid, c.startedAt])).toEqual([[PARENT, at(0).toISOString()]]);
  });

  it('stores calls that arrive together in one write, each as it came, and a retry among them once', async () => {
    const sid = (n: number) => `CA${'a'.repeat(31)}${n}`;
    const label = 'O\'Brien "本社" \\ 代表 📞';
    await Promise.all([
      startInboundCall(store.db, { callSid: sid(1), from: '+819011112222', to: '+81312345678', label, now: at(1), inMenu: true }),
      startInboundCall(store.db, { callSid: sid(2), from: 'Anonymous', to: '+81676543210', label: null, now: at(2) }),
      startInboundCall(store.db, { callSid: sid(1), from: '+819099999999', to: '+81312345678', label: 'retry', now: at(3), inMenu: true }),
    ]);
    const rows = await store.db
      .selectFrom('calls')
      .select(['call_sid', 'direction', 'from_number', 'to_number', 'number_called', 'number_label', 'ivr_path', 'started_at', 'ivr_keys', 'ivr_state', 'status', 'rang'])
      .where('call_sid', 'in', [sid(1), sid(2)])
      .orderBy('call_sid')
      .execute();
    expect(rows).toEqual([
      { call_sid: sid(1), direction: 'inbound', from_number: '+819011112222', to_number: '+81312345678', number_called: '+81312345678', number_label: label, ivr_path: [], started_at: at(1), ivr_keys: '', ivr_state: 'menu', status: 'in-progress', rang: [] },
      { call_sid: sid(2), direction: 'inbound', from_number: 'Anonymous', to_number: '+81676543210', number_called: '+81676543210', number_label: null, ivr_path: [], started_at: at(2), ivr_keys: null, ivr_state: null, status: 'in-progress', rang: [] },
    ]);
  });

  it('fails only the call whose text the database cannot store, not the calls written with it', async () => {
    const sid = (n: number) => `CA${'b'.repeat(31)}${n}`;
    const written = await Promise.allSettled([
      startInboundCall(store.db, { callSid: sid(1), from: '+819011112222', to: '+81312345678', label: '代表', now: at(1) }),
      startInboundCall(store.db, { callSid: sid(2), from: 'sip:a\u0000b@example.jp', to: '+81312345678', label: '代表', now: at(2) }),
      startInboundCall(store.db, { callSid: sid(3), from: '+819033334444', to: '+81312345678', label: '代表', now: at(3) }),
    ]);
    expect(written.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const stored = await store.db.selectFrom('calls').select('call_sid').where('call_sid', 'in', [sid(1), sid(2), sid(3)]).orderBy('call_sid').execute();
    expect(stored.map((row) => row.call_sid)).toEqual([sid(1), sid(3)]);
  });

  it('orders leg callbacks by SequenceNumber, whatever order and however often they arrive', async () => {
    const leg = { callSid: LEG, parentCallSid: PARENT, repId: 'sato', to: 'client:sato', durationSeconds: null };
    const events = [
      { status: 'completed', sequenceNumber: 3, at: at(40), durationSeconds: 30 },
      { status: 'ringing', sequenceNumber: 1, at: at(2) },
      { status: 'in-progress', sequenceNumber: 2, at: at(10) },
      { status: 'completed', sequenceNumber: 3, at: at(40), durationSeconds: 30 },
      { status: 'initiated', sequenceNumber: 0, at: at(1) },
    ];
    for (const event of events) await recordLegStatus(store.db, { ...leg, ...event });
    const call = await getCall(store.db, PARENT);
    expect(call?.legs).toEqual([
      { callSid: LEG, rep: 'sato', to: 'client:sato', status: 'completed', answeredAt: at(10).toISOString(), durationSeconds: 30 },
    ]);
  });

  it('never lowers a status: completed stays completed, whatever arrives later', async () => {
    await settleCall(store.db, PARENT, 'completed');
    await settleCall(store.db, PARENT, 'missed');
    await settleCall(store.db, PARENT, 'voicemail');
    expect((await getCall(store.db, PARENT))?.status).toBe('completed');
  });

  it('counts a parent call that nobody answered as missed, and one a rep answered as completed', async () => {
    await recordParentStatus(store.db, { callSid: PARENT, status: 'completed', sequenceNumber: 0, at: at(60), durationSeconds: 60 });
    expect(await getCall(store.db, PARENT)).toMatchObject({ status: 'missed', endedAt: at(60).toISOString(), durationSeconds: 60 });

    const other = `CA${'0'.repeat(31)}9`;
    await startInboundCall(store.db, { callSid: other, from: 'Anonymous', to: '+81312345678', label: null, now: at(0) });
    expect(await claimAnswer(store.db, other, 'suzuki', at(5))).toBe(true);
    expect(await claimAnswer(store.db, other, 'sato', at(6))).toBe(false);
    await recordParentStatus(store.db, { callSid: other, status: 'completed', sequenceNumber: 0, at: at(60), durationSeconds: 60 });
    expect(await getCall(store.db, other)).toMatchObject({ status: 'completed', rep: 'suzuki', from: null, fromAnonymous: true });
  });

  it('records who rang, each rep once, in order', async () => {
    await addRang(store.db, PARENT, ['sato']);
    await addRang(store.db, PARENT, ['suzuki', 'sato']);
    expect((await getCall(store.db, PARENT))?.rang).toEqual(['sato', 'suzuki']);
  });

  it('keeps a recording final once completed, and ignores duplicates', async () => {
    const recording = { recordingSid: `RE${'1'.repeat(32)}`, callSid: PARENT, url: 'https://api.twilio.com/rec', channels: 2, source: 'DialVerb', at: at(70) };
    await recordRecording(store.db, { ...recording, status: 'completed', durationSeconds: 55 });
    await recordRecording(store.db, { ...recording, status: 'in-progress', durationSeconds: null });
    await recordRecording(store.db, { ...recording, status: 'completed', durationSeconds: 55 });
    expect((await getCall(store.db, PARENT))?.recordings).toEqual([
      { recordingSid: recording.recordingSid, url: recording.url, status: 'completed', durationSeconds: 55, source: 'DialVerb' },
    ]);
  });

  it('pages through calls newest first with a cursor, and filters', async () => {
    for (let i = 1; i <= 5; i++) {
      await startOutboundCall(store.db, {
        callSid: `CA${'0'.repeat(30)}1${i}`,
        repId: i % 2 ? 'sato' : 'suzuki',
        to: '+819099990000',
        callerId: '+81312345678',
        crmRecord: { module: 'Leads', id: String(i) },
        now: at(i * 10),
      });
    }
    const first = await listCalls(store.db, {}, { cursor: null, limit: 4 });
    expect(first.calls.map((c) => c.crmRecord?.id ?? 'in')).toEqual(['5', '4', '3', '2']);
    const second = await listCalls(store.db, {}, { cursor: decodeCursor(first.nextCursor!), limit: 4 });
    expect(second.calls.map((c) => c.crmRecord?.id ?? 'in')).toEqual(['1', 'in']);
    expect(second.nextCursor).toBeNull();

    const sato = await listCalls(store.db, { visibleTo: 'sato', direction: 'outbound' }, { cursor: null, limit: 10 });
    expect(sato.calls.map((c) => c.crmRecord?.id)).toEqual(['5', '3', '1']);
    const window = await listCalls(store.db, { from: at(20), to: at(40) }, { cursor: null, limit: 10 });
    expect(window.calls.map((c) => c.crmRecord?.id)).toEqual(['3', '2']);
    const byNumber = await listCalls(store.db, { number: '+819011112222' }, { cursor: null, limit: 10 });
    expect(byNumber.calls.map((c) => c.callSid)).toEqual([PARENT]);
  });
});
