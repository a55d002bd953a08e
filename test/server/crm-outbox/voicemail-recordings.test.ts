import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connectZoho } from '../../../server/crm/connect-zoho.ts';
import { CrmRuntime } from '../../../server/crm/crm-runtime.ts';
import { OutboxWorker } from '../../../server/crm/outbox-worker.ts';
import { silentLogger } from '../../../server/logger.ts';
import { saveCrmSettings } from '../../../server/store/crm-settings.ts';
import { instantAt } from '../../../server/voice/business-hours.ts';
import { mp3Bytes } from '../../emulators/twilio-call/index.ts';
import { createZohoEmulator, type ZohoEmulator } from '../../emulators/zoho/index.ts';
import { createClock } from '../support/app.ts';
import { openSharedStores, sharedTestStore } from '../support/store.ts';
import { NIGHT_LINE } from '../voice/phone-numbers.ts';
import { ACCOUNT_SID, AUTH_TOKEN, createVoiceHarness, type VoiceHarness } from '../voice/voice-harness.ts';
import { OAUTH_CLIENT, outboxRows, ZOHO_SERVER_SETTINGS } from './support.ts';

/**
 * A voicemail on its way to the CRM when the admin chose "delete recordings from Twilio once they
 * are in the CRM": the rep plays it from the "to call back" list before calling back, so it stays on
 * Twilio while its follow-up is open, and is deleted there once the rep ticks the follow-up off.
 * The whole path: the Twilio call emulator (calls and REST API), the real application, the outbox
 * worker, the Zoho emulator. In Zoho it is a note of its own kind: 「留守番電話」.
 */

const CALLER = '+819077778888';

beforeAll(() => openSharedStores());

let h: VoiceHarness | null = null;
let zoho: ZohoEmulator | null = null;
afterEach(async () => {
  zoho?.close();
  await h?.close();
  h = null;
});

async function setup() {
  const clock = createClock();
  const store = await sharedTestStore();
  const harness = (h = await createVoiceHarness({ store, clock }));
  await harness.addUser({ id: 'sato', name: '佐藤 花子', email: 'sato@example.jp' });
  await harness.addNumber(NIGHT_LINE);
  const token = await harness.signIn('sato@example.jp');
  const emulator = (zoho = createZohoEmulator({ now: () => clock.now().getTime() }));
  emulator.state.registerClient(OAUTH_CLIENT.clientId, OAUTH_CLIENT.clientSecret);
  const twilioOrigin = new URL(harness.twilioApi!.url).origin;
  // Recording downloads and deletions go to the emulated Twilio REST API (TWILIO_API_URL), the rest to Zoho.
  const route: typeof fetch = async (input, init) =>
    new URL(input instanceof Request ? input.url : String(input)).origin === twilioOrigin ? fetch(input, init) : emulator.fetch(input, init);
  const crm = new CrmRuntime(
    { store, secretBox: harness.deps.secretBox, logger: silentLogger, now: clock.now, twilioApiUrl: harness.twilioApi!.url },
    { zoho: ZOHO_SERVER_SETTINGS, fetch: route, requestTimeoutMs: 2_000 },
  );
  await connectZoho(crm, { dataCentre: 'JP', client: OAUTH_CLIENT, keepClient: true, code: emulator.state.issueGrantCode(OAUTH_CLIENT.clientId), connectedBy: null });
  const worker = new OutboxWorker({ store, crm, logger: silentLogger, now: clock.now, random: () => 0.5 });

  const basic = `Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')}`;
  /** What Twilio answers for the recording now: 200 while it has it, 404 once deleted. */
  const onTwilio = async (recordingSid: string) =>
    (await fetch(`${harness.twilioApi!.url}/2010-04-01/Accounts/${ACCOUNT_SID}/Recordings/${recordingSid}.json`, { headers: { authorization: basic } })).status;
  const deletes = () => harness.twilio.restRequests.filter((request) => request.method === 'DELETE' && request.path.startsWith('/Recordings/'));
  const followUps = async () =>
    ((await (await harness.call('GET', '/api/follow-ups', { token })).json()) as { followUps: { id: string; kind: string; hasRecording: boolean }[] }).followUps;

  /** A caller leaves a 14-second message at night; the worker sends the call, the message and the task. */
  async function voicemail(options: { send: boolean } = { send: true }) {
    clock.set(instantAt('2026-11-24', '22:00', 'Asia/Tokyo'));
    const call = await harness.twilio.incomingCall({ from: CALLER, to: NIGHT_LINE.number, script: { record: { seconds: 14 } } });
    const recordingSid = call.recordings[0]!.recordingSid;
    if (options.send) expect(await worker.drainOnce()).toMatchObject({ delivered: 3, retried: 0, parked: 0 });
    return { call, recordingSid };
  }
  return { clock, store, harness, token, emulator, worker, onTwilio, deletes, followUps, voicemail };
}

describe('a voicemail, with recordings deleted from Twilio once in the CRM', () => {
  it('is in Zoho as a voicemail note, and still plays from the follow-up while it is open', async () => {
    const { store, harness, token, emulator, onTwilio, deletes, followUps, voicemail, clock } = await setup();
    await saveCrmSettings(store.db, { deleteRecordingsAfterUpload: true }, clock.now());
    const { recordingSid } = await voicemail();

    const [note, ...others] = emulator.state.notes();
    expect(others).toEqual([]);
    expect(note).toMatchObject({ Note_Title: '留守番電話', Note_Content: expect.stringContaining(`留守番電話のメッセージ（00:14）を添付しました。\n録音ID: ${recordingSid}`) });
    expect(emulator.state.attachments).toMatchObject([{ parentModule: 'Notes', parentId: note!.id }]);
    expect(deletes()).toEqual([]);
    expect(await onTwilio(recordingSid)).toBe(200);

    const [followUp] = await followUps();
    expect(followUp).toMatchObject({ kind: 'voicemail', hasRecording: true });
    const play = await harness.call('GET', `/api/follow-ups/${followUp!.id}/recording`, { token });
    expect(play.status).toBe(200);
    expect(new Uint8Array(await play.arrayBuffer())).toEqual(mp3Bytes());
  });

  it('is deleted from Twilio once the rep ticks its follow-up off, without being uploaded again', async () => {
    const { store, harness, token, emulator, worker, onTwilio, deletes, followUps, voicemail, clock } = await setup();
    await saveCrmSettings(store.db, { deleteRecordingsAfterUpload: true }, clock.now());
    const { recordingSid } = await voicemail();
    const [followUp] = await followUps();

    clock.advance(3600);
    expect((await harness.call('POST', `/api/follow-ups/${followUp!.id}/done`, { token })).status).toBe(200);
    expect(await worker.drainOnce()).toMatchObject({ delivered: 2, retried: 0, parked: 0 }); // the task closed, the recording deleted
    expect(deletes()).toMatchObject([{ method: 'DELETE', path: `/Recordings/${recordingSid}.json` }]);
    expect(await onTwilio(recordingSid)).toBe(404);
    const row = await store.db.selectFrom('crm_recordings').select('deleted_from_twilio_at').where('recording_sid', '=', recordingSid).executeTakeFirstOrThrow();
    expect(row.deleted_from_twilio_at).toEqual(clock.now());
    expect(emulator.state.notes()).toHaveLength(1);
    expect(emulator.state.attachments).toHaveLength(1);
    expect((await outboxRows(store)).map((entry) => `${entry.kind} ${entry.status}`).sort()).toEqual([
      'attach-recording done',
      'close-task done',
      'create-task done',
      'log-call done',
    ]);

    // Nothing more to do: a second pass, or the rep ticking it off again, deletes nothing twice.
    await harness.call('POST', `/api/follow-ups/${followUp!.id}/done`, { token });
    expect(await worker.drainOnce()).toMatchObject({ delivered: 0 });
    expect(deletes()).toHaveLength(1);
  });

  it('stays on Twilio after the follow-up is ticked off when the admin keeps recordings there', async () => {
    const { harness, token, worker, onTwilio, deletes, followUps, voicemail } = await setup();
    const { recordingSid } = await voicemail();
    const [followUp] = await followUps();
    await harness.call('POST', `/api/follow-ups/${followUp!.id}/done`, { token });
    await worker.drainOnce();
    expect(deletes()).toEqual([]);
    expect(await onTwilio(recordingSid)).toBe(200);
  });

  it('ticked off before it reached the CRM, is deleted from Twilio right after its upload', async () => {
    const { store, harness, token, emulator, worker, onTwilio, deletes, followUps, voicemail, clock } = await setup();
    await saveCrmSettings(store.db, { deleteRecordingsAfterUpload: true }, clock.now());
    const { recordingSid } = await voicemail({ send: false });
    const [followUp] = await followUps();
    expect((await harness.call('POST', `/api/follow-ups/${followUp!.id}/done`, { token })).status).toBe(200);
    await worker.drainOnce();
    expect(emulator.state.attachments).toHaveLength(1);
    expect(deletes()).toHaveLength(1);
    expect(await onTwilio(recordingSid)).toBe(404);
  });
});

describe('a voicemail whose message Twilio is still processing when the call ends', () => {
  /** The call's own callbacks reach us at once; the recording's `completed` is held back (Twilio still processing the media). */
  async function voicemailBeingProcessed(harness: VoiceHarness) {
    const call = await harness.twilio.incomingCall({ from: CALLER, to: NIGHT_LINE.number, script: { record: { seconds: 14 } }, callbacks: { mode: 'manual' } });
    const callbacks = harness.twilio.callbacks.filter((cb) => cb.params.CallSid === call.callSid);
    await harness.twilio.deliver(callbacks.filter((cb) => cb.kind !== 'recording-status'));
    return { call, recordingCallbacks: callbacks.filter((cb) => cb.kind === 'recording-status') };
  }

  it('reaches the CRM as soon as Twilio says the message is ready, once, with no failed attempt before', async () => {
    const { store, harness, emulator, worker, clock } = await setup();
    clock.set(instantAt('2026-11-24', '22:00', 'Asia/Tokyo'));
    const { call, recordingCallbacks } = await voicemailBeingProcessed(harness);

    // The call and the follow-up's task go; the message has nothing to send yet, so nothing is tried.
    expect(await worker.drainOnce()).toMatchObject({ delivered: 2, retried: 0, parked: 0 });
    expect(emulator.state.attachments).toEqual([]);

    // Twilio's `completed` (sent twice, as its retry can): the very next pass sends it.
    expect(recordingCallbacks.map((cb) => cb.params.RecordingStatus)).toEqual(['completed']);
    await harness.twilio.deliver(recordingCallbacks, { duplicate: true });
    expect(await worker.drainOnce()).toMatchObject({ delivered: 1, retried: 0, parked: 0 });
    expect(emulator.state.attachments).toHaveLength(1);
    const attach = (await outboxRows(store)).filter((entry) => entry.kind === 'attach-recording');
    expect(attach).toMatchObject([{ call_sid: call.callSid, status: 'done', attempts: 1, last_error: null }]);
  });
});
