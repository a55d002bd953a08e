import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CrmRuntime } from '../../../server/crm/crm-runtime.ts';
import { OutboxWorker } from '../../../server/crm/outbox-worker.ts';
import { silentLogger } from '../../../server/logger.ts';
import { enqueueCallDelivery, retryParked } from '../../../server/store/crm-outbox.ts';
import { saveCrmSettings } from '../../../server/store/crm-settings.ts';
import { startFakeTwilioRest } from '../../emulators/twilio-rest/fake-twilio-rest.ts';
import { newRecording, type FakeRecording } from '../../emulators/twilio-rest/state.ts';
import type { ZohoEmulator } from '../../emulators/zoho/index.ts';
import { openSharedStores, sharedTestStore } from '../support/store.ts';
import { connect, createClock, createEmulator, enqueueCalls, outboxRows, RECORDING_BYTES, secretBox, TWILIO, ZOHO_SERVER_SETTINGS } from './support.ts';

/**
 * The admin's choice to delete a recording from Twilio once it is attached in the CRM: the worker
 * uploads it (note + attachment in the Zoho emulator), then deletes it through Twilio's REST API (the
 * stateful Twilio fake, reached with the twilio library as in production). A failed deletion is
 * retried on its own: the recording is never uploaded twice.
 */

type Twilio = Awaited<ReturnType<typeof startFakeTwilioRest>>;
beforeAll(() => openSharedStores());

let twilio: Twilio | null = null;
let emulator: ZohoEmulator | null = null;
afterEach(async () => {
  emulator?.close();
  await twilio?.close();
  twilio = null;
});

/** The Twilio fake answers at TWILIO_API_URL (recording media and deletions); everything else is Zoho. */
function routeTwilioMedia(zohoFetch: typeof fetch, twilioUrl: string): typeof fetch {
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    return url.origin === new URL(twilioUrl).origin ? fetch(input, init) : zohoFetch(input, init);
  };
}

async function setup() {
  const clock = createClock();
  const store = await sharedTestStore();
  emulator = createEmulator(clock);
  twilio = await startFakeTwilioRest();
  const account = twilio.fake.addAccount({ sid: TWILIO.accountSid, authToken: TWILIO.authToken });
  const crm = new CrmRuntime(
    { store, secretBox, logger: silentLogger, now: clock.now, twilioApiUrl: twilio.url },
    { zoho: ZOHO_SERVER_SETTINGS, fetch: routeTwilioMedia(emulator.fetch, twilio.url), requestTimeoutMs: 2_000 },
  );
  const worker = new OutboxWorker({ store, crm, logger: silentLogger, now: clock.now, random: () => 0.5 });
  await connect(crm, emulator);

  /** A finished call with a recording on Twilio, queued as the voice engine queues it. */
  const recordedCall = async (media: Uint8Array = RECORDING_BYTES): Promise<{ callSid: string; recording: FakeRecording }> => {
    const [callSid] = await enqueueCalls(store, clock, 1);
    const recording = newRecording(callSid!, media);
    account.recordings.set(recording.sid, recording);
    await store.db.transaction().execute((trx) =>
      enqueueCallDelivery(trx, { callSid: callSid!, kind: 'attach-recording', payload: { recordingSid: recording.sid, durationSeconds: 125 }, now: clock.now() }),
    );
    return { callSid: callSid!, recording };
  };
  const deletes = () => twilio!.fake.requests.filter((request) => request.method === 'DELETE' && request.path.includes('/Recordings/'));
  return { clock, store, crm, worker, account, recordedCall, deletes, emulator, twilio: twilio! };
}

describe('deleting recordings from Twilio after their upload to the CRM', () => {
  it('is off by default: the recording is attached in Zoho and kept on Twilio', async () => {
    const { worker, account, recordedCall, deletes, emulator, store } = await setup();
    const { recording } = await recordedCall();
    await worker.drainOnce();
    expect(emulator.state.notes()).toHaveLength(1);
    expect(emulator.state.attachments).toMatchObject([{ parentModule: 'Notes', size: RECORDING_BYTES.byteLength }]);
    expect(account.recordings.has(recording.sid)).toBe(true);
    expect(deletes()).toEqual([]);
    expect((await outboxRows(store)).map((row) => row.status)).toEqual(['done', 'done']);
  });

  it('when chosen, deletes the recording on Twilio once the note and its attachment are in Zoho', async () => {
    const { worker, account, recordedCall, deletes, emulator, store, clock } = await setup();
    await saveCrmSettings(store.db, { deleteRecordingsAfterUpload: true }, clock.now());
    const { recording } = await recordedCall();
    await worker.drainOnce();
    const note = emulator.state.notes()[0];
    expect(note).toMatchObject({ Note_Title: '通話録音' });
    expect(emulator.state.attachments).toMatchObject([{ parentModule: 'Notes', parentId: note!.id, size: RECORDING_BYTES.byteLength }]);
    expect(account.recordings.has(recording.sid)).toBe(false);
    expect(deletes()).toEqual([{ method: 'DELETE', path: `/2010-04-01/Accounts/${account.account.sid}/Recordings/${recording.sid}.json`, form: {} }]);
    const row = await store.db.selectFrom('crm_recordings').selectAll().where('recording_sid', '=', recording.sid).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ note_id: note!.id, attachment_id: emulator.state.attachments[0]!.id, stored_as: 'file' });
    expect(row.deleted_from_twilio_at).not.toBeNull();
    expect((await outboxRows(store)).map((row) => row.status)).toEqual(['done', 'done']);
  });

  it('takes a recording Twilio no longer has (20404) as deleted', async () => {
    const { worker, twilio, recordedCall, deletes, store, clock, emulator } = await setup();
    await saveCrmSettings(store.db, { deleteRecordingsAfterUpload: true }, clock.now());
    const { recording } = await recordedCall();
    twilio.fake.faults.push({ method: 'DELETE', path: /\/Recordings\//, status: 404, code: 20404, message: 'The requested resource was not found' });
    await worker.drainOnce();
    expect(emulator.state.attachments).toHaveLength(1);
    expect(deletes()).toHaveLength(1);
    expect((await outboxRows(store)).map((row) => row.status)).toEqual(['done', 'done']);
    const row = await store.db.selectFrom('crm_recordings').select('deleted_from_twilio_at').where('recording_sid', '=', recording.sid).executeTakeFirstOrThrow();
    expect(row.deleted_from_twilio_at).not.toBeNull();
  });

  it('retries a deletion Twilio could not do (503) on its own, without uploading the recording again', async () => {
    const { worker, twilio, account, recordedCall, deletes, store, clock, emulator } = await setup();
    await saveCrmSettings(store.db, { deleteRecordingsAfterUpload: true }, clock.now());
    const { recording } = await recordedCall();
    twilio.fake.faults.push({ method: 'DELETE', path: /\/Recordings\//, status: 503, code: 20503, message: 'Service unavailable' });
    await worker.drainOnce();
    expect(emulator.state.attachments).toHaveLength(1);
    expect(account.recordings.has(recording.sid)).toBe(true);
    const [, waiting] = await outboxRows(store);
    expect(waiting).toMatchObject({ kind: 'attach-recording', status: 'pending', last_error: expect.stringContaining('recording_delete_failed') });

    clock.advance(60 * 60_000);
    await worker.drainOnce();
    expect(emulator.state.notes()).toHaveLength(1);
    expect(emulator.state.attachments).toHaveLength(1);
    expect(account.recordings.has(recording.sid)).toBe(false);
    expect(deletes()).toHaveLength(2);
    expect((await outboxRows(store)).map((row) => row.status)).toEqual(['done', 'done']);
  });

  it('parks a deletion Twilio refuses (20003) with the reason; the admin’s retry only deletes', async () => {
    const { worker, twilio, account, recordedCall, store, clock, emulator } = await setup();
    await saveCrmSettings(store.db, { deleteRecordingsAfterUpload: true }, clock.now());
    const { recording } = await recordedCall();
    twilio.fake.faults.push({ method: 'DELETE', path: /\/Recordings\//, status: 401, code: 20003, message: 'Authenticate' });
    await worker.drainOnce();
    const [, parked] = await outboxRows(store);
    expect(parked).toMatchObject({ status: 'parked', last_error: expect.stringContaining('recording_delete_twilio_auth_failed') });
    expect(account.recordings.has(recording.sid)).toBe(true);

    await retryParked(store.db, { now: clock.now() });
    await worker.drainOnce();
    expect(emulator.state.attachments).toHaveLength(1);
    expect(account.recordings.has(recording.sid)).toBe(false);
    expect((await outboxRows(store)).map((row) => row.status)).toEqual(['done', 'done']);
  });

  it('never deletes a recording Zoho holds only as a link to Twilio (too large for Zoho): the link would lead nowhere', async () => {
    const { worker, account, recordedCall, deletes, store, clock, emulator } = await setup();
    await saveCrmSettings(store.db, { deleteRecordingsAfterUpload: true }, clock.now());
    emulator.state.maxUploadBytes = RECORDING_BYTES.byteLength - 1; // Zoho answers 413 to the file
    const { recording } = await recordedCall();
    await worker.drainOnce();
    expect(emulator.state.attachments).toMatchObject([{ bytes: null, attachmentUrl: expect.stringContaining(`/Recordings/${recording.sid}.mp3`) }]);
    expect(emulator.state.notes()[0]?.['Note_Content']).toContain('Twilioに残したまま（削除しません）');
    expect(account.recordings.has(recording.sid)).toBe(true);
    expect(deletes()).toEqual([]);
    const row = await store.db.selectFrom('crm_recordings').selectAll().where('recording_sid', '=', recording.sid).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ stored_as: 'link', deleted_from_twilio_at: null });
    expect((await outboxRows(store)).map((entry) => entry.status)).toEqual(['done', 'done']);
  });

  it('uploads a recording over 20 MB as a file, so deleting it from Twilio loses nothing', async () => {
    const { worker, account, recordedCall, deletes, store, clock, emulator } = await setup();
    await saveCrmSettings(store.db, { deleteRecordingsAfterUpload: true }, clock.now());
    const { recording } = await recordedCall(new Uint8Array(20 * 1024 * 1024 + 1));
    await worker.drainOnce();
    expect(emulator.state.attachments).toMatchObject([{ size: 20 * 1024 * 1024 + 1, attachmentUrl: null }]);
    expect(account.recordings.has(recording.sid)).toBe(false);
    expect(deletes()).toHaveLength(1);
  });

  it('finishes without deleting when the admin turned the choice off before the retry', async () => {
    const { worker, twilio, account, recordedCall, deletes, store, clock } = await setup();
    await saveCrmSettings(store.db, { deleteRecordingsAfterUpload: true }, clock.now());
    const { recording } = await recordedCall();
    twilio.fake.faults.push({ method: 'DELETE', path: /\/Recordings\//, status: 503, code: 20503, message: 'Service unavailable' });
    await worker.drainOnce();
    await saveCrmSettings(store.db, { deleteRecordingsAfterUpload: false }, clock.now());
    clock.advance(60 * 60_000);
    await worker.drainOnce();
    expect(account.recordings.has(recording.sid)).toBe(true);
    expect(deletes()).toHaveLength(1);
    expect((await outboxRows(store)).map((row) => row.status)).toEqual(['done', 'done']);
  });
});
