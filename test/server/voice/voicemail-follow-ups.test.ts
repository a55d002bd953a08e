import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { twilioRecordings } from '../../../server/crm/twilio-recordings.ts';
import { saveAttachedRecording, saveRecordingDeleted } from '../../../server/store/crm-recordings.ts';
import { instantAt } from '../../../server/voice/business-hours.ts';
import { mp3Bytes } from '../../emulators/twilio-call/index.ts';
import { createClock } from '../support/app.ts';
import { NIGHT_LINE } from './phone-numbers.ts';
import { ACCOUNT_SID, AUTH_TOKEN, createVoiceHarness, type VoiceHarness } from './voice-harness.ts';

/**
 * A voicemail left for reps who asked to be told: it shows in their "to call back" list with its
 * recording, which the server streams from Twilio (the emulator's REST API) to signed-in reps only.
 */

const CALLER = '+819077778888';

let h: VoiceHarness;
const clock = createClock();
let tokens: { sato: string; tanaka: string };

beforeAll(async () => {
  h = await createVoiceHarness({ clock });
  await h.addUser({ id: 'sato', name: '佐藤 花子', email: 'sato@example.jp' });
  await h.addUser({ id: 'tanaka', name: '田中 次郎', email: 'tanaka@example.jp' });
  await h.addNumber(NIGHT_LINE);
  tokens = { sato: await h.signIn('sato@example.jp'), tanaka: await h.signIn('tanaka@example.jp') };
});
afterAll(() => h.close());
beforeEach(async () => {
  await sql`truncate calls, call_legs, call_recordings, follow_ups, follow_up_calls, crm_outbox, crm_recordings`.execute(h.store.db);
});

async function voicemailAtNight() {
  clock.set(instantAt('2026-11-24', '22:00', 'Asia/Tokyo'));
  const call = await h.twilio.incomingCall({ from: CALLER, to: NIGHT_LINE.number, script: { record: { seconds: 14 } } });
  expect(call.recordings).toMatchObject([{ source: 'RecordVerb', duration: 14 }]);
  const list = (await (await h.call('GET', '/api/follow-ups', { token: tokens.sato })).json()) as { followUps: { id: string }[] };
  return { call, followUp: list.followUps[0]! };
}

describe('a voicemail for reps who are told of them', () => {
  it('is in the responsible rep’s list with its recording, marked to notify', async () => {
    const { call, followUp } = await voicemailAtNight();
    expect(followUp).toMatchObject({ kind: 'voicemail', callerNumber: CALLER, numberLabel: 'お客様窓口', lastCallSid: call.callSid, hasRecording: true, notify: true, mine: true, calls: 1 });
  });

  it('plays for the rep in the extension, streamed by the server from Twilio', async () => {
    const { followUp } = await voicemailAtNight();
    const origin = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';
    const response = await h.call('GET', `/api/follow-ups/${followUp.id}/recording`, { token: tokens.sato, headers: { Origin: origin } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('audio/mpeg');
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe(origin);
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(mp3Bytes());
    const fetched = h.twilio.restRequests.filter((request) => request.path.startsWith('/Recordings/'));
    expect(fetched).toMatchObject([{ method: 'GET', status: 200 }]);
  });

  it('is not for a rep who does not take that number’s calls, nor for anyone signed out', async () => {
    const { followUp } = await voicemailAtNight();
    expect((await h.call('GET', `/api/follow-ups/${followUp.id}/recording`, { token: tokens.tanaka })).status).toBe(404);
    expect((await h.call('GET', `/api/follow-ups/${followUp.id}/recording`)).status).toBe(401);
  });

  it('is not offered for playback once it is no longer on Twilio (deleted after its upload to the CRM)', async () => {
    const { call, followUp } = await voicemailAtNight();
    const recordingSid = call.recordings[0]!.recordingSid;
    // What a deletion after the upload leaves: the CRM has the file, Twilio has nothing.
    await saveAttachedRecording(h.store.db, { callSid: call.callSid, recordingSid, noteId: 'note-1', attachmentId: 'att-1', storedAs: 'file', now: clock.now() });
    expect(await twilioRecordings({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, apiBaseUrl: h.twilioApi!.url }).deleteRecording(recordingSid)).toBe('deleted');
    await saveRecordingDeleted(h.store.db, { recordingSid, now: clock.now() });

    const list = (await (await h.call('GET', '/api/follow-ups', { token: tokens.sato })).json()) as { followUps: { id: string; hasRecording: boolean }[] };
    expect(list.followUps).toMatchObject([{ id: followUp.id, kind: 'voicemail', hasRecording: false }]);
    const play = await h.call('GET', `/api/follow-ups/${followUp.id}/recording`, { token: tokens.sato });
    expect({ status: play.status, body: await play.json() }).toMatchObject({ status: 404, body: { error: { code: 'recording_not_found' } } });
  });
});
