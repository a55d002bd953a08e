import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { sweepRecordings } from '../../../server/crm/recording-sweep.ts';
import { twilioRecordings } from '../../../server/crm/twilio-recordings.ts';
import { silentLogger } from '../../../server/logger.ts';
import { startInboundCall } from '../../../server/store/calls.ts';
import { CUSTOMER, SALES, teamForFile } from './call-control-support.ts';
import { ACCOUNT_SID, AUTH_TOKEN, configureTwilio } from './voice-harness.ts';

/**
 * SALES records its calls. The ring `<Dial record="record-from-answer-dual">` records too, from the
 * answer until the call moves into its room, which then records the whole conversation. That
 * moment's recording goes nowhere (not to the CRM, not in the call log), so it is not left on
 * Twilio: deleted when its callback arrives, whatever the admin chose for recordings in the CRM, or
 * by the recording sweep if Twilio could not be asked then. The `<Dial>` keeps recording because it
 * is the only recording of a call whose move failed.
 */

const team = teamForFile();

const basic = `Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')}`;
/** 200 while Twilio has the recording, 404 once it does not. */
async function onTwilio(recordingSid: string): Promise<number> {
  return (await fetch(`${team.twilioApi!.url}/2010-04-01/Accounts/${ACCOUNT_SID}/Recordings/${recordingSid}.json`, { headers: { authorization: basic } })).status;
}

function sweep() {
  return sweepRecordings({
    db: team.store.db,
    twilio: async () => twilioRecordings({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, apiBaseUrl: team.twilioApi!.url }),
    now: team.clock.now,
    logger: silentLogger,
  });
}

/** 佐藤 answers, they talk half a minute, the caller hangs up; the recordings Twilio reported. */
async function recordedCall(beforeHangUp: () => Promise<void> = async () => {}) {
  const call = await team.answeredCall();
  await team.twilio.advance(30);
  await beforeHangUp();
  await call.hangUp();
  await team.twilio.advance(30);
  const made = team.twilio.callbacks
    .filter((cb) => cb.kind === 'recording-status' && cb.params.RecordingStatus === 'completed')
    .filter((cb) => cb.params.CallSid === call.sid || cb.url.includes(call.sid))
    .map((cb) => ({ sid: cb.params.RecordingSid!, source: cb.params.RecordingSource }));
  expect(made.map((recording) => recording.source).sort()).toEqual(['Conference', 'DialVerb']);
  return { call, ring: made.find((recording) => recording.source === 'DialVerb')!, room: made.find((recording) => recording.source === 'Conference')! };
}

const recordingsOf = (callSid: string) =>
  team.store.db.selectFrom('call_recordings').select(['recording_sid', 'source', 'status']).where('call_sid', '=', callSid).orderBy('source').execute();
const queuedFor = (callSid: string) =>
  team.store.db.selectFrom('crm_outbox').select('recording_sid').where('call_sid', '=', callSid).where('kind', '=', 'attach-recording').execute();

describe('the ring <Dial>’s recording of a call recorded in its room', () => {
  it('is deleted from Twilio when its callback arrives; the room’s recording stays, in the call log and on its way to the CRM', async () => {
    const { call, ring, room } = await recordedCall();
    expect(await onTwilio(ring.sid)).toBe(404);
    expect(await onTwilio(room.sid)).toBe(200);
    expect(await recordingsOf(call.sid)).toEqual([{ recording_sid: room.sid, source: 'Conference', status: 'completed' }]);
    expect(await queuedFor(call.sid)).toEqual([{ recording_sid: room.sid }]);
    expect(await sweep()).toEqual({ recovered: 0, deleted: 0, failed: 0 });
  });

  it('that Twilio could not be asked to delete then is kept out of the call log, and deleted by the next sweep', async () => {
    const { call, ring, room } = await recordedCall(async () => {
      // No Twilio credentials to delete with when the callback comes (the call itself goes on).
      await sql`update app_settings set twilio = '{}'::jsonb`.execute(team.store.db);
    });
    await configureTwilio(team.store, team.deps);
    expect(await onTwilio(ring.sid)).toBe(200);
    expect(await recordingsOf(call.sid)).toEqual([
      { recording_sid: room.sid, source: 'Conference', status: 'completed' },
      { recording_sid: ring.sid, source: 'DialVerb', status: 'superseded' },
    ]);
    expect(await queuedFor(call.sid)).toEqual([{ recording_sid: room.sid }]);
    const logged = await team.act('sato', 'GET', `/api/calls/${call.sid}`);
    expect(logged.body.recordings).toMatchObject([{ recordingSid: room.sid, source: 'Conference' }]);

    expect(await sweep()).toEqual({ recovered: 0, deleted: 1, failed: 0 });
    expect(await onTwilio(ring.sid)).toBe(404);
    expect(await onTwilio(room.sid)).toBe(200);
    // Gone from Twilio, it is forgotten; the next pass has nothing to do.
    expect(await recordingsOf(call.sid)).toEqual([{ recording_sid: room.sid, source: 'Conference', status: 'completed' }]);
    expect(await sweep()).toEqual({ recovered: 0, deleted: 0, failed: 0 });
  });
});

describe('the ring <Dial>’s recording of a call that never reached its room', () => {
  it('is the call’s recording: kept, and queued for the CRM', async () => {
    const callSid = `CA${'7'.repeat(32)}`;
    const recordingSid = `RE${'7'.repeat(32)}`;
    await startInboundCall(team.store.db, { callSid, from: CUSTOMER, to: SALES.number, label: SALES.label ?? null, now: team.clock.now() });
    const { response } = await team.twilio.post('/twilio/recording', {
      AccountSid: ACCOUNT_SID,
      CallSid: callSid,
      ErrorCode: '0',
      RecordingChannels: '2',
      RecordingDuration: '95',
      RecordingSid: recordingSid,
      RecordingSource: 'DialVerb',
      RecordingStartTime: team.clock.now().toUTCString(),
      RecordingStatus: 'completed',
      RecordingTrack: 'both',
      RecordingUrl: `https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT_SID}/Recordings/${recordingSid}`,
    });
    expect(response?.status).toBe(200);
    const known = await team.store.db.selectFrom('call_recordings').select(['status', 'duration_seconds']).where('recording_sid', '=', recordingSid).executeTakeFirstOrThrow();
    expect(known).toEqual({ status: 'completed', duration_seconds: 95 });
    const queued = await team.store.db.selectFrom('crm_outbox').select('recording_sid').where('call_sid', '=', callSid).where('kind', '=', 'attach-recording').execute();
    expect(queued).toEqual([{ recording_sid: recordingSid }]);
    expect(await sweep()).toMatchObject({ deleted: 0 });
  });
});
