import { sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CrmRuntime } from '../../../server/crm/crm-runtime.ts';
import { OutboxWorker } from '../../../server/crm/outbox-worker.ts';
import { silentLogger } from '../../../server/logger.ts';
import { enqueueCallDelivery } from '../../../server/store/crm-outbox.ts';
import { migrateToLatest, type Engine, type Store } from '../../../server/store/database.ts';
import { migrations } from '../../../server/store/migrations/index.ts';
import { startFakeTwilioRest } from '../../emulators/twilio-rest/fake-twilio-rest.ts';
import { newRecording } from '../../emulators/twilio-rest/state.ts';
import type { ZohoEmulator } from '../../emulators/zoho/index.ts';
import { createTestStore, engines, openSharedStores, sharedTestStore } from '../support/store.ts';
import { connect, createClock, createEmulator, enqueueCalls, outboxRows, RECORDING_BYTES, secretBox, TWILIO, ZOHO_SERVER_SETTINGS } from './support.ts';

/**
 * Every recording reaches Zoho once: one note, one attachment. Zoho has no idempotency key, so a
 * create it applied without answering (a timeout, a reset, a crash before its id was saved) is looked
 * for before it is made again; a call with two recordings (the room's, then a voicemail after a failed
 * transfer) gets both, each once, however often Twilio repeats its callbacks.
 */

type Twilio = Awaited<ReturnType<typeof startFakeTwilioRest>>;
beforeAll(() => openSharedStores(engines));

describe.each(engines)('recordings in the CRM exactly once, on %s', (engine: Engine) => {
  let twilio: Twilio | null = null;
  let emulator: ZohoEmulator | null = null;
  const extraStores: Store[] = [];
  afterEach(async () => {
    emulator?.close();
    await twilio?.close();
    twilio = null;
    for (const store of extraStores.splice(0)) await store.close();
  });

  /** `lose` may drop Zoho's answer to a request it has applied (a connection reset). */
  async function setup(lose: (request: Request) => boolean = () => false) {
    const clock = createClock();
    const store = await sharedTestStore(engine);
    emulator = createEmulator(clock);
    twilio = await startFakeTwilioRest();
    const account = twilio.fake.addAccount({ sid: TWILIO.accountSid, authToken: TWILIO.authToken });
    const twilioOrigin = new URL(twilio.url).origin;
    const zohoFetch = emulator.fetch;
    const fetchFn: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      if (new URL(request.url).origin === twilioOrigin) return fetch(input, init);
      const response = await zohoFetch(input, init);
      if (lose(request)) throw Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) });
      return response;
    };
    const crm = new CrmRuntime(
      { store, secretBox, logger: silentLogger, now: clock.now, twilioApiUrl: twilio.url },
      { zoho: ZOHO_SERVER_SETTINGS, fetch: fetchFn, requestTimeoutMs: 300 },
    );
    const worker = new OutboxWorker({ store, crm, logger: silentLogger, now: clock.now, random: () => 0.5 });
    await connect(crm, emulator);
    const zoho = emulator;

    /** A recording of `callSid` on Twilio, queued as the voice engine's recording callback queues it. */
    const queueRecording = async (callSid: string, sid?: string) => {
      const recording = newRecording(callSid, RECORDING_BYTES, sid ? { sid } : {});
      account.recordings.set(recording.sid, recording);
      await enqueueRecording(callSid, recording.sid);
      return recording.sid;
    };
    const enqueueRecording = (callSid: string, recordingSid: string) =>
      store.db.transaction().execute((trx) =>
        enqueueCallDelivery(trx, { callSid, kind: 'attach-recording', payload: { recordingSid, durationSeconds: 125 }, now: clock.now() }),
      );
    /** The state a crash mid-delivery leaves: the entry still claimed by a worker that is gone. */
    const crashedWhileSending = (recordingSid: string) =>
      store.db
        .updateTable('crm_outbox')
        .set({ status: 'sending', claimed_by: 'crashed-worker', claimed_until: new Date(clock.ms - 1), attempts: 1 })
        .where('recording_sid', '=', recordingSid)
        .execute();
    const uploads = () => zoho.state.requests.filter((request) => request.method === 'POST' && request.path.endsWith('/Attachments'));
    return { clock, store, worker, emulator: zoho, queueRecording, enqueueRecording, crashedWhileSending, uploads };
  }

  it('creates the note once when Zoho applied the create but its answer never came', async () => {
    const { worker, emulator, clock, store, queueRecording } = await setup();
    const [callSid] = await enqueueCalls(store, clock, 1);
    await queueRecording(callSid!);
    emulator.faults.add({ kind: 'accept-then-hang' }, 1, { method: 'POST', path: /\/Notes$/ });
    await worker.drainOnce();
    expect(emulator.state.notes()).toHaveLength(1);
    expect(emulator.state.attachments).toHaveLength(0);

    clock.advance(60 * 60_000);
    await worker.drainOnce();
    expect(emulator.state.notes()).toHaveLength(1);
    expect(emulator.state.attachments).toMatchObject([{ parentId: emulator.state.notes()[0]!.id }]);
    expect((await outboxRows(store)).map((row) => row.status)).toEqual(['done', 'done']);
  });

  it('creates the note once when the server crashed before saving its id', async () => {
    const { worker, emulator, clock, store, queueRecording, crashedWhileSending } = await setup();
    const [callSid] = await enqueueCalls(store, clock, 1);
    const recordingSid = await queueRecording(callSid!);
    emulator.faults.add({ kind: 'status', status: 503 }, 1, { method: 'POST', path: /\/Attachments$/ });
    await worker.drainOnce();
    expect(emulator.state.notes()).toHaveLength(1);
    await store.db.deleteFrom('crm_recordings').execute(); // the note id never reached the database
    await crashedWhileSending(recordingSid);

    await worker.drainOnce();
    expect(emulator.state.notes()).toHaveLength(1);
    expect(emulator.state.attachments).toHaveLength(1);
    const saved = await store.db.selectFrom('crm_recordings').selectAll().executeTakeFirstOrThrow();
    expect(saved).toMatchObject({ recording_sid: recordingSid, note_id: emulator.state.notes()[0]!.id, stored_as: 'file' });
  });

  it('uploads the recording once when Zoho applied the upload but the connection was reset', async () => {
    let lost = false;
    const { worker, emulator, clock, store, queueRecording, uploads } = await setup((request) => {
      if (lost || request.method !== 'POST' || !request.url.endsWith('/Attachments')) return false;
      return (lost = true);
    });
    const [callSid] = await enqueueCalls(store, clock, 1);
    await queueRecording(callSid!);
    await worker.drainOnce();
    expect(emulator.state.attachments).toHaveLength(1);

    clock.advance(60 * 60_000);
    await worker.drainOnce();
    expect(uploads()).toHaveLength(1);
    expect(emulator.state.attachments).toHaveLength(1);
    expect((await outboxRows(store)).map((row) => row.status)).toEqual(['done', 'done']);
  });

  it('uploads the recording once when the server crashed before saving the upload', async () => {
    const { worker, emulator, clock, store, queueRecording, crashedWhileSending, uploads } = await setup();
    const [callSid] = await enqueueCalls(store, clock, 1);
    const recordingSid = await queueRecording(callSid!);
    await worker.drainOnce();
    await store.db.updateTable('crm_recordings').set({ attachment_id: null, stored_as: null }).execute();
    await crashedWhileSending(recordingSid);

    await worker.drainOnce();
    expect(uploads()).toHaveLength(1);
    const saved = await store.db.selectFrom('crm_recordings').selectAll().executeTakeFirstOrThrow();
    expect(saved).toMatchObject({ attachment_id: emulator.state.attachments[0]!.id, stored_as: 'file' });
  });

  it("delivers both recordings of one call (the room's and the voicemail's), each once, whatever Twilio repeats", async () => {
    const { worker, emulator, clock, store, queueRecording, enqueueRecording } = await setup();
    const [callSid] = await enqueueCalls(store, clock, 1);
    const room = await queueRecording(callSid!);
    await enqueueRecording(callSid!, room); // Twilio retried the callback before the first was sent
    const voicemail = await queueRecording(callSid!, `RE${'5'.repeat(32)}`);
    await worker.drainOnce();
    await enqueueRecording(callSid!, voicemail); // …and again after it was sent
    await worker.drainOnce();

    const entries = (await outboxRows(store)).filter((row) => row.kind === 'attach-recording');
    expect(entries.map((row) => [row.recording_sid, row.status])).toEqual([
      [room, 'done'],
      [voicemail, 'done'],
    ]);
    // The two are sent side by side: compare them per recording, in no particular order.
    const deliveries = emulator.state.notes().map((note) => ({
      names: [room, voicemail].filter((sid) => String(note['Note_Content']).includes(sid)),
      files: emulator.state.attachments.filter((attachment) => attachment.parentId === note.id).map((attachment) => attachment.fileName),
    }));
    expect(deliveries.sort((a, b) => String(a.names).localeCompare(String(b.names)))).toEqual(
      [room, voicemail].sort().map((sid) => ({ names: [sid], files: [`${callSid}-${sid}.mp3`] })),
    );
    expect(emulator.state.attachments).toHaveLength(2);
  });

  it('moves a database with recordings already under way to one entry and one record per recording', async () => {
    const store = await createTestStore(engine, { migrate: false });
    extraStores.push(store);
    const before = new Migrator({
      db: store.db,
      provider: { getMigrations: async () => Object.fromEntries(Object.entries(migrations).filter(([name]) => name < '0014')) },
      migrationTableName: 'schema_migrations',
      migrationLockTableName: 'schema_migrations_lock',
    });
    expect((await before.migrateToLatest()).error).toBeUndefined();
    const at = '2026-11-24T03:00:00Z';
    const sid = (n: number) => `RE${String(n).padStart(32, '0')}`;
    await sql`
      insert into crm_outbox (call_sid, kind, payload, status, next_attempt_at, created_at, updated_at) values
        ('CA1', 'log-call', '{}', 'done', ${at}, ${at}, ${at}),
        ('CA1', 'attach-recording', ${JSON.stringify({ recordingSid: sid(1) })}, 'done', ${at}, ${at}, ${at}),
        ('CA2', 'log-call', '{}', 'done', ${at}, ${at}, ${at}),
        ('CA2', 'attach-recording', ${JSON.stringify({ recordingSid: sid(2) })}, 'pending', ${at}, ${at}, ${at}),
        ('CA3', 'attach-recording', '{}', 'pending', ${at}, ${at}, ${at})`.execute(store.db);
    await sql`
      insert into crm_call_records (call_sid, zoho_call_id, note_id, recording_sid, recording_attachment_id, recording_deleted_at, created_at, updated_at) values
        ('CA1', '5001', 'N1', ${sid(1)}, 'A1', ${at}, ${at}, ${at}),
        ('CA2', '5002', 'N2', null, null, null, ${at}, ${at}),
        ('CA3', '5003', null, null, null, null, ${at}, ${at})`.execute(store.db);

    await migrateToLatest(store.db);

    const outbox = await store.db.selectFrom('crm_outbox').select(['call_sid', 'kind', 'recording_sid']).orderBy('id').execute();
    expect(outbox.map((row) => [row.call_sid, row.kind, row.recording_sid])).toEqual([
      ['CA1', 'log-call', ''],
      ['CA1', 'attach-recording', sid(1)],
      ['CA2', 'log-call', ''],
      ['CA2', 'attach-recording', sid(2)],
      ['CA3', 'attach-recording', ''],
    ]);
    const recordings = await store.db.selectFrom('crm_recordings').selectAll().orderBy('recording_sid').execute();
    expect(recordings.map((row) => [row.recording_sid, row.call_sid, row.note_id, row.attachment_id, row.stored_as, row.deleted_from_twilio_at !== null])).toEqual([
      [sid(1), 'CA1', 'N1', 'A1', null, true],
      [sid(2), 'CA2', 'N2', null, null, false],
    ]);
    expect(await store.db.selectFrom('crm_call_records').selectAll().orderBy('call_sid').execute()).toMatchObject([
      { call_sid: 'CA1', zoho_call_id: '5001' },
      { call_sid: 'CA2', zoho_call_id: '5002' },
      { call_sid: 'CA3', zoho_call_id: '5003' },
    ]);

    // A second recording of CA1 now gets an entry of its own.
    await store.db.transaction().execute((trx) =>
      enqueueCallDelivery(trx, { callSid: 'CA1', kind: 'attach-recording', payload: { recordingSid: sid(9) }, now: new Date(at) }),
    );
    expect(await store.db.selectFrom('crm_outbox').select('recording_sid').where('call_sid', '=', 'CA1').where('kind', '=', 'attach-recording').orderBy('id').execute()).toEqual([
      { recording_sid: sid(1) },
      { recording_sid: sid(9) },
    ]);
  });
});
