import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OutboxWorker } from '../../../server/crm/outbox-worker.ts';
import { sweepRecordings, type RecordingSweepOptions } from '../../../server/crm/recording-sweep.ts';
import { twilioRecordings } from '../../../server/crm/twilio-recordings.ts';
import { silentLogger } from '../../../server/logger.ts';
import { instantAt } from '../../../server/voice/business-hours.ts';
import { createClock } from '../support/app.ts';
import { NIGHT_LINE } from './phone-numbers.ts';
import { ACCOUNT_SID, AUTH_TOKEN, createVoiceHarness, type VoiceHarness } from './voice-harness.ts';

/**
 * A voicemail is left; the `<Record>` action reaches us with its RecordingSid, but the recording
 * status callback (`completed`) is lost (the server was restarting; Twilio retries once at most).
 * The recording is complete on Twilio. The recording sweep (crm/recording-sweep.ts, run by the
 * outbox worker's passes) asks Twilio for recordings still in progress after a few minutes, and
 * applies what Twilio says: the follow-up can play the message, the CRM gets it.
 */

const CALLERS = ['+819077778888', '+819066665555'];

let h: VoiceHarness;
const clock = createClock();
let token: string;

beforeAll(async () => {
  h = await createVoiceHarness({ clock });
  await h.addUser({ id: 'sato', name: '佐藤 花子', email: 'sato@example.jp' });
  await h.addNumber(NIGHT_LINE);
  token = await h.signIn('sato@example.jp');
});
afterAll(() => h.close());
beforeEach(async () => {
  await sql`truncate calls, call_legs, call_recordings, follow_ups, follow_up_calls, crm_outbox`.execute(h.store.db);
  clock.set(instantAt('2026-11-24', '22:00', 'Asia/Tokyo'));
});

/** A caller leaves a 14-second message; every callback reaches us but the recording's status. */
async function voicemailWithLostCallback(from = CALLERS[0]!) {
  const call = await h.twilio.incomingCall({ from, to: NIGHT_LINE.number, script: { record: { seconds: 14 } }, callbacks: { mode: 'manual' } });
  const callbacks = h.twilio.callbacks.filter((cb) => cb.params.CallSid === call.callSid);
  expect(callbacks.some((cb) => cb.kind === 'recording-status')).toBe(true);
  await h.twilio.deliver(callbacks.filter((cb) => cb.kind !== 'recording-status'));
  return { call, recordingSid: call.recordings[0]!.recordingSid };
}

function sweep(options: Partial<RecordingSweepOptions> = {}) {
  return sweepRecordings({
    db: h.store.db,
    twilio: async () => twilioRecordings({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, apiBaseUrl: h.twilioApi!.url }),
    now: clock.now,
    logger: silentLogger,
    ...options,
  });
}

const fetched = () => h.twilio.restRequests.filter((request) => request.method === 'GET' && /^\/Recordings\/RE\w+\.json$/.test(request.path));
const recordingRow = (recordingSid: string) =>
  h.store.db.selectFrom('call_recordings').select(['status', 'duration_seconds']).where('recording_sid', '=', recordingSid).executeTakeFirstOrThrow();
const followUps = async () =>
  ((await (await h.call('GET', '/api/follow-ups', { token })).json()) as { followUps: { id: string; kind: string; hasRecording: boolean }[] }).followUps;

describe('a voicemail whose recording callback was lost', () => {
  it('is found complete on Twilio a few minutes later: it plays from the follow-up and is queued for the CRM', async () => {
    const { call, recordingSid } = await voicemailWithLostCallback();
    expect(await recordingRow(recordingSid)).toMatchObject({ status: 'in-progress' });
    const asked = fetched().length;

    // Within the first minutes the callback may still come: Twilio is not asked.
    clock.advance(60);
    expect(await sweep()).toEqual({ recovered: 0, deleted: 0, failed: 0 });
    expect(fetched()).toHaveLength(asked);

    clock.advance(5 * 60);
    expect(await sweep()).toEqual({ recovered: 1, deleted: 0, failed: 0 });
    expect(fetched()).toHaveLength(asked + 1);
    expect(await recordingRow(recordingSid)).toEqual({ status: 'completed', duration_seconds: 14 });
    const [followUp] = await followUps();
    expect(followUp).toMatchObject({ kind: 'voicemail', hasRecording: true });
    expect((await h.call('GET', `/api/follow-ups/${followUp!.id}/recording`, { token })).status).toBe(200);
    const queued = await h.store.db.selectFrom('crm_outbox').select(['kind', 'status']).where('call_sid', '=', call.callSid).where('kind', '=', 'attach-recording').execute();
    expect(queued).toEqual([{ kind: 'attach-recording', status: 'pending' }]);

    // Known now: the next pass asks nothing.
    clock.advance(60);
    expect(await sweep()).toEqual({ recovered: 0, deleted: 0, failed: 0 });
    expect(fetched()).toHaveLength(asked + 1);
  });

  it('is caught up a bounded number per pass', async () => {
    const first = await voicemailWithLostCallback(CALLERS[0]);
    const second = await voicemailWithLostCallback(CALLERS[1]);
    clock.advance(10 * 60);
    expect(await sweep({ perPass: 1 })).toMatchObject({ recovered: 1 });
    expect(await sweep({ perPass: 1 })).toMatchObject({ recovered: 1 });
    expect(await sweep({ perPass: 1 })).toMatchObject({ recovered: 0 });
    expect([await recordingRow(first.recordingSid), await recordingRow(second.recordingSid)]).toMatchObject([{ status: 'completed' }, { status: 'completed' }]);
  });

  it('that Twilio no longer has is marked deleted and never offered for playback', async () => {
    const { recordingSid } = await voicemailWithLostCallback();
    await twilioRecordings({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, apiBaseUrl: h.twilioApi!.url }).deleteRecording(recordingSid);
    clock.advance(10 * 60);
    expect(await sweep()).toMatchObject({ recovered: 1, failed: 0 });
    expect(await recordingRow(recordingSid)).toMatchObject({ status: 'deleted' });
    expect(await followUps()).toMatchObject([{ kind: 'voicemail', hasRecording: false }]);
  });

  it('is caught up by the outbox worker’s passes about once a minute, with no CRM connected', async () => {
    const { recordingSid } = await voicemailWithLostCallback();
    let sweeps = 0;
    const worker = new OutboxWorker({
      store: h.store,
      crm: { connected: async () => null },
      logger: silentLogger,
      now: clock.now,
      sweep: () => {
        sweeps++;
        return sweep();
      },
    });
    clock.advance(6 * 60);
    await worker.drainOnce();
    expect(await recordingRow(recordingSid)).toMatchObject({ status: 'completed' });
    clock.advance(30);
    await worker.drainOnce();
    expect(sweeps).toBe(1);
    clock.advance(30);
    await worker.drainOnce();
    expect(sweeps).toBe(2);
  });
});
