import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { restClient } from '../emulators/twilio-world.ts';
import { CUSTOMER, OUTSIDE, SALES, createTeam, resetTeam, type Team } from './call-control-support.ts';
import { ACCOUNT_SID, AUTH_TOKEN } from './voice-harness.ts';

/**
 * Pausing a call's recording while the customer reads out a card number (PCI), against the Twilio
 * call and conference emulator: what Twilio is asked, what every party of the call sees, and what
 * the recording keeps (docs/call-flow.md, "Pause the recording").
 */

let team: Team;
beforeAll(async () => {
  team = await createTeam();
  await team.addNumber({ ...SALES, number: UNRECORDED, label: 'サポート', record: false });
});
afterAll(() => team.close());
beforeEach(() => resetTeam(team));

const UNRECORDED = '+815011119999';

/** Twilio's UpdateConferenceRecording requests on this call's room: method, path and the exact form. */
const recordingUpdates = (callSid: string) => {
  const room = `/Conferences/${team.twilio.conference(callSid).sid}/Recordings/`;
  return team.twilio.restRequests.filter((request) => request.path.startsWith(room)).map((request) => ({ method: request.method, path: request.path, form: request.form }));
};

const pause = (user: Parameters<Team['act']>[0], callSid: string) => team.act(user, 'POST', `/api/calls/${callSid}/recording/pause`);
const resume = (user: Parameters<Team['act']>[0], callSid: string) => team.act(user, 'POST', `/api/calls/${callSid}/recording/resume`);

async function storedRecordings(callSid: string) {
  return team.store.db.selectFrom('call_recordings').select(['status', 'duration_seconds', 'source']).where('call_sid', '=', callSid).execute();
}

describe('pausing the recording', () => {
  it('pauses with PauseBehavior=skip and resumes, once per click, and the recording leaves the pause out', async () => {
    const call = await team.answeredCall();
    const conferenceSid = team.twilio.conference(call.sid).sid;
    await team.twilio.advance(20);
    expect((await team.act('sato', 'GET', `/api/calls/${call.sid}/live`)).body.recording).toEqual({ state: 'on' });

    const paused = await pause('sato', call.sid);
    expect(paused.status, JSON.stringify(paused.body)).toBe(200);
    expect(paused.body.recording).toEqual({ state: 'paused', since: expect.any(String), by: 'sato' });
    expect(recordingUpdates(call.sid)).toEqual([
      { method: 'POST', path: `/Conferences/${conferenceSid}/Recordings/Twilio.CURRENT.json`, form: { Status: 'paused', PauseBehavior: 'skip' } },
    ]);
    expect(team.twilio.conference(call.sid).recordings.map((recording) => recording.status)).toEqual(['paused']);

    // A second click (or the popup opened again) asks Twilio nothing more.
    expect((await pause('sato', call.sid)).body.recording).toMatchObject({ state: 'paused', by: 'sato' });
    expect(recordingUpdates(call.sid)).toHaveLength(1);

    // Hold and resume while paused: the pause stays.
    await team.act('sato', 'POST', `/api/calls/${call.sid}/hold`);
    await team.twilio.advance(10);
    await team.act('sato', 'POST', `/api/calls/${call.sid}/resume`);
    await team.twilio.advance(30);
    expect((await team.act('sato', 'GET', `/api/calls/${call.sid}/live`)).body.recording).toMatchObject({ state: 'paused' });

    const resumed = await resume('sato', call.sid);
    expect(resumed.status).toBe(200);
    expect(resumed.body.recording).toEqual({ state: 'on' });
    expect(recordingUpdates(call.sid).at(-1)).toEqual({ method: 'POST', path: `/Conferences/${conferenceSid}/Recordings/Twilio.CURRENT.json`, form: { Status: 'in-progress' } });
    expect((await resume('sato', call.sid)).status).toBe(200);
    expect(recordingUpdates(call.sid)).toHaveLength(2);

    await team.twilio.advance(25);
    await call.hangUp();
    await team.twilio.advance(5);
    const [recording] = team.twilio.conference(call.sid).recordings;
    // 20 s before the pause and 25 s after it; the 40 s paused are not in it.
    expect(recording).toMatchObject({ status: 'completed', duration: 45 });
    expect(await storedRecordings(call.sid)).toContainEqual({ status: 'completed', duration_seconds: 45, source: 'Conference' });
    expect(await team.history(call.sid)).toEqual(expect.arrayContaining(['recording-paused sato', 'recording-resumed sato {"seconds":40}']));
  });

  it('is one state for everyone on the call: a colleague in a 3-way and a supervisor see it and may resume it', async () => {
    const call = await team.answeredCall();
    team.twilio.device('suzuki').answerAfter(2).hangUpAfter(null);
    expect((await team.act('sato', 'POST', `/api/calls/${call.sid}/participants`, { to: { user: 'suzuki' } })).status).toBe(200);
    await team.twilio.advance(5);
    expect((await pause('sato', call.sid)).status).toBe(200);

    const seenBySuzuki = await team.act('suzuki', 'GET', `/api/calls/${call.sid}/live`);
    expect(seenBySuzuki.body.recording).toMatchObject({ state: 'paused', by: 'sato' });
    const list = await team.act('kanri', 'GET', '/api/calls/live');
    expect(list.body.calls.find((live: { callSid: string }) => live.callSid === call.sid).recording).toMatchObject({ state: 'paused', by: 'sato' });

    // 佐藤 leaves the 3-way: 鈴木 keeps the call, still paused, and resumes it.
    expect((await team.act('sato', 'POST', `/api/calls/${call.sid}/leave`)).status).toBe(200);
    await team.twilio.advance(3);
    expect((await team.act('suzuki', 'GET', `/api/calls/${call.sid}/live`)).body.recording).toMatchObject({ state: 'paused' });
    expect((await resume('suzuki', call.sid)).body.recording).toEqual({ state: 'on' });
    expect(await team.history(call.sid)).toEqual(expect.arrayContaining(['recording-paused sato', expect.stringMatching(/^recording-resumed suzuki \{"seconds":\d+\}$/)]));
  });

  it('two of a 3-way pressing Pause together: paused once, by whoever got there first, and the history says so once', async () => {
    const call = await team.answeredCall();
    team.twilio.device('suzuki').answerAfter(2).hangUpAfter(null);
    expect((await team.act('sato', 'POST', `/api/calls/${call.sid}/participants`, { to: { user: 'suzuki' } })).status).toBe(200);
    await team.twilio.advance(5);
    const [bySato, bySuzuki] = await Promise.all([pause('sato', call.sid), pause('suzuki', call.sid)]);
    expect([bySato.status, bySuzuki.status]).toEqual([200, 200]);
    expect(bySato.body.recording).toEqual(bySuzuki.body.recording);
    expect(recordingUpdates(call.sid)).toHaveLength(1);
    await team.twilio.advance(30);
    expect((await resume('sato', call.sid)).status).toBe(200);
    const history = (await team.history(call.sid)).filter((line) => line.startsWith('recording-'));
    expect(history).toEqual([`recording-paused ${bySato.body.recording.by}`, `recording-resumed sato {"seconds":30}`]);
  });

  it('lets a supervisor monitoring the call pause it, not one who is not on it, and tells a rep not on it nothing', async () => {
    const call = await team.answeredCall();
    expect(await pause('kanri', call.sid)).toMatchObject({ status: 403, body: { error: { code: 'not_a_party' } } });
    expect(await pause('tanaka', call.sid)).toMatchObject({ status: 404, body: { error: { code: 'call_not_found' } } });
    expect(recordingUpdates(call.sid)).toEqual([]);

    team.twilio.device('kanri').answerAfter(1).hangUpAfter(null);
    expect((await team.act('kanri', 'POST', `/api/calls/${call.sid}/monitor`, { mode: 'listen' })).status).toBe(200);
    await team.twilio.advance(3);
    expect((await pause('kanri', call.sid)).body.recording).toMatchObject({ state: 'paused', by: 'kanri' });
    expect((await team.act('sato', 'GET', `/api/calls/${call.sid}/live`)).body.recording).toMatchObject({ state: 'paused', by: 'kanri' });
  });

  it('keeps the pause across a blind transfer: the colleague who takes the call sees it paused', async () => {
    const call = await team.answeredCall();
    expect((await pause('sato', call.sid)).status).toBe(200);
    team.twilio.device('suzuki').answerAfter(2).hangUpAfter(null);
    expect((await team.act('sato', 'POST', `/api/calls/${call.sid}/transfer`, { to: { user: 'suzuki' }, mode: 'blind' })).status).toBe(200);
    await team.twilio.advance(6);
    expect(team.twilio.conference(call.sid).recordings.map((recording) => recording.status)).toEqual(['paused']);
    expect((await team.act('suzuki', 'GET', `/api/calls/${call.sid}/live`)).body).toMatchObject({ ownerId: 'suzuki', recording: { state: 'paused', by: 'sato' } });
  });

  it('still gives the call its recording when the call ends while paused', async () => {
    const call = await team.answeredCall();
    await team.twilio.advance(30);
    expect((await pause('sato', call.sid)).status).toBe(200);
    await team.twilio.advance(60);
    await call.hangUp();
    await team.twilio.advance(5);
    expect(await storedRecordings(call.sid)).toContainEqual({ status: 'completed', duration_seconds: 30, source: 'Conference' });
    const queued = await team.store.db.selectFrom('crm_outbox').select('kind').where('call_sid', '=', call.sid).where('kind', '=', 'attach-recording').execute();
    expect(queued).toHaveLength(1);
  });
});

describe('when the recording cannot be paused', () => {
  it('an unrecorded call has no recording to pause: no button state, nothing asked of Twilio', async () => {
    team.twilio.device('sato').answerAfter(3).hangUpAfter(null);
    const call = team.twilio.startIncomingCall({ from: CUSTOMER, to: UNRECORDED });
    await team.twilio.runUntil(() => team.twilio.conferences().some((room) => room.friendlyName === call.sid && room.participants().filter((p) => p.status === 'connected').length === 2), 60);
    expect((await team.act('sato', 'GET', `/api/calls/${call.sid}/live`)).body).toMatchObject({ state: 'live', recording: null });
    expect(await pause('sato', call.sid)).toMatchObject({ status: 409, body: { error: { code: 'call_not_recorded' } } });
    expect(recordingUpdates(call.sid)).toEqual([]);
  });

  it('Twilio has no recording under way (stopped elsewhere): a clear refusal, and the state does not flip', async () => {
    const call = await team.answeredCall();
    const conferenceSid = team.twilio.conference(call.sid).sid;
    const twilioConsole = restClient(team.twilio, `${ACCOUNT_SID}:${AUTH_TOKEN}`, ACCOUNT_SID);
    expect((await twilioConsole('POST', `/Conferences/${conferenceSid}/Recordings/Twilio.CURRENT.json`, { Status: 'stopped' })).status).toBe(200);

    expect(await pause('sato', call.sid)).toMatchObject({ status: 409, body: { error: { code: 'recording_not_active' } } });
    expect((await team.act('sato', 'GET', `/api/calls/${call.sid}/live`)).body.recording).toEqual({ state: 'on' });
    expect(await team.history(call.sid)).not.toContainEqual(expect.stringMatching(/^recording-/));
  });

  it('the room ended before the pause reached Twilio: “the call ended”, and the state does not flip', async () => {
    const call = await team.answeredCall();
    // The call ended at Twilio, and none of its reports has reached us yet: the server still thinks it is live.
    team.routeWebhooks(async () => new Response('<Response/>', { headers: { 'Content-Type': 'text/xml' } }));
    await call.hangUp();
    await team.twilio.advance(2);
    expect(await pause('sato', call.sid)).toMatchObject({ status: 409, body: { error: { code: 'call_ended' } } });
    team.routeWebhooks(null);
    const row = await sql<{ recording: string | null }>`select recording from calls where call_sid = ${call.sid}`.execute(team.store.db);
    expect(row.rows[0]?.recording).toBe('on');
  });
});

/** Twilio's UpdateCallRecording requests on the call itself (its `<Dial record>`): method, path and the exact form. */
const callRecordingUpdates = (callSid: string) =>
  team.twilio.restRequests.filter((request) => request.path.startsWith(`/Calls/${callSid}/Recordings/`)).map((request) => ({ method: request.method, path: request.path, form: request.form }));

const recordingLines = async (callSid: string) => (await team.history(callSid)).filter((line) => line.startsWith('recording-'));

describe('a pause everyone of ours has left: only a person lifts it', () => {
  it('stays paused when the rep hands the customer to an outside number (a payment line), to the end', async () => {
    const call = await team.answeredCall();
    await team.twilio.advance(20);
    expect((await pause('sato', call.sid)).status).toBe(200);
    await team.twilio.advance(30);
    team.twilio.phone(OUTSIDE).answerAfter(4).hangUpAfter(null);
    expect((await team.act('sato', 'POST', `/api/calls/${call.sid}/transfer`, { to: { number: '03-5555-1234' }, mode: 'blind' })).status).toBe(200);
    await team.twilio.advance(10);
    expect(call.hearing()).toEqual({ kind: 'room', hears: ['guest:1'] });

    // Nobody of ours is on the call: Twilio is asked nothing, and everyone sees it paused.
    expect(recordingUpdates(call.sid).map((update) => update.form.Status)).toEqual(['paused']);
    expect(team.twilio.conference(call.sid).recordings.map((recording) => recording.status)).toEqual(['paused']);
    const row = await sql<{ recording: string }>`select recording from calls where call_sid = ${call.sid}`.execute(team.store.db);
    expect(row.rows[0]?.recording).toBe('paused');
    const list = await team.act('kanri', 'GET', '/api/calls/live');
    expect(list.body.calls.find((live: { callSid: string }) => live.callSid === call.sid).recording).toMatchObject({ state: 'paused', by: 'sato' });

    // The customer pays on the outside line and hangs up: none of it is in the recording.
    await team.twilio.advance(60);
    await call.hangUp();
    await team.twilio.advance(5);
    expect(team.twilio.conference(call.sid).recordings).toMatchObject([{ status: 'completed', duration: 20 }]);
    expect(await recordingLines(call.sid)).toEqual(['recording-paused sato']);
  });

  it('stays paused when the last of ours leaves a 3-way with an outside party, a listening supervisor included', async () => {
    const call = await team.answeredCall();
    team.twilio.phone(OUTSIDE).answerAfter(2).hangUpAfter(null);
    expect((await team.act('sato', 'POST', `/api/calls/${call.sid}/participants`, { to: { number: '03-5555-1234' } })).status).toBe(200);
    team.twilio.device('kanri').answerAfter(1).hangUpAfter(null);
    expect((await team.act('kanri', 'POST', `/api/calls/${call.sid}/monitor`, { mode: 'listen' })).status).toBe(200);
    await team.twilio.advance(5);
    expect((await pause('sato', call.sid)).status).toBe(200);
    await team.twilio.advance(10);

    expect((await team.act('sato', 'POST', `/api/calls/${call.sid}/leave`)).status).toBe(200);
    await team.twilio.advance(3);
    expect((await team.act('kanri', 'DELETE', `/api/calls/${call.sid}/monitor`)).status).toBe(200);
    await team.twilio.advance(3);
    expect(call.hearing()).toEqual({ kind: 'room', hears: ['guest:1'] });

    expect(recordingUpdates(call.sid).map((update) => update.form.Status)).toEqual(['paused']);
    expect(team.twilio.conference(call.sid).recordings.map((recording) => recording.status)).toEqual(['paused']);
    const list = await team.act('kanri', 'GET', '/api/calls/live');
    expect(list.body.calls.find((live: { callSid: string }) => live.callSid === call.sid).recording).toMatchObject({ state: 'paused', by: 'sato' });
    expect(await recordingLines(call.sid)).toEqual(['recording-paused sato']);
  });

  it('a supervisor who joins the handed-out call may resume it: recorded again, and the history says who and after how long', async () => {
    const call = await team.answeredCall();
    const conferenceSid = team.twilio.conference(call.sid).sid;
    await team.twilio.advance(20);
    expect((await pause('sato', call.sid)).status).toBe(200);
    team.twilio.phone(OUTSIDE).answerAfter(4).hangUpAfter(null);
    expect((await team.act('sato', 'POST', `/api/calls/${call.sid}/transfer`, { to: { number: '03-5555-1234' }, mode: 'blind' })).status).toBe(200);
    await team.twilio.advance(10);
    expect(team.twilio.conference(call.sid).recordings.map((recording) => recording.status)).toEqual(['paused']);

    // Before joining, 管理 is not on the call and may not touch it.
    expect(await resume('kanri', call.sid)).toMatchObject({ status: 403, body: { error: { code: 'not_a_party' } } });
    team.twilio.device('kanri').answerAfter(1).hangUpAfter(null);
    const listen = await team.act('kanri', 'POST', `/api/calls/${call.sid}/monitor`, { mode: 'listen' });
    expect(listen.status, JSON.stringify(listen.body)).toBe(200);
    await team.twilio.advance(5);
    expect((await team.act('kanri', 'GET', `/api/calls/${call.sid}/live`)).body.recording).toMatchObject({ state: 'paused', by: 'sato' });

    const resumed = await resume('kanri', call.sid);
    expect(resumed.status, JSON.stringify(resumed.body)).toBe(200);
    expect(resumed.body.recording).toEqual({ state: 'on' });
    expect(recordingUpdates(call.sid).at(-1)).toEqual({ method: 'POST', path: `/Conferences/${conferenceSid}/Recordings/Twilio.CURRENT.json`, form: { Status: 'in-progress' } });
    expect(team.twilio.conference(call.sid).recordings.map((recording) => recording.status)).toEqual(['in-progress']);
    const list = await team.act('kanri', 'GET', '/api/calls/live');
    expect(list.body.calls.find((live: { callSid: string }) => live.callSid === call.sid).recording).toEqual({ state: 'on' });
    // Paused 15 s: the 10 s of the transfer, then 管理 joining.
    expect(await recordingLines(call.sid)).toEqual(['recording-paused sato', 'recording-resumed kanri {"seconds":15}']);

    await team.twilio.advance(30);
    await call.hangUp();
    await team.twilio.advance(5);
    // 20 s before the pause, 30 s after 管理 resumed it.
    expect(team.twilio.conference(call.sid).recordings).toMatchObject([{ status: 'completed', duration: 50 }]);
  });
});

describe('a call whose move into its room failed (Twilio unreachable when the rep answered)', () => {
  afterEach(() => {
    team.twilio.restFaults.length = 0;
  });

  /**
   * 佐藤 answers while every redirect into the room fails, and goes on failing (the server's later
   * tries too: test/server/voice/late-room-move.test.ts): the call stays the ring <Dial>'s plain bridge.
   */
  async function plainCall(to = SALES.number) {
    team.twilio.device('sato').answerAfter(3).hangUpAfter(null);
    team.twilio.restFaults.push({ method: 'POST', path: /^\/Calls\/CA\w+\.json$/, error: { status: 503, code: 20503, message: 'Service Unavailable' }, times: Infinity });
    const call = team.twilio.startIncomingCall({ from: CUSTOMER, to });
    await team.twilio.runUntil(() => team.twilio.device('sato').connected.length === 1, 60);
    await team.twilio.advance(5);
    expect(team.twilio.conferences().filter((room) => room.friendlyName === call.sid)).toEqual([]);
    return call;
  }

  it('pauses and resumes the call’s own recording, and the recording leaves the pause out', async () => {
    const call = await plainCall();
    const live = await team.act('sato', 'GET', `/api/calls/${call.sid}/live`);
    expect(live.body).toMatchObject({ state: 'not-in-room', recording: { state: 'on' }, ownerId: 'sato' });
    expect(live.body.parties.map((party: { kind: string; userId: string | null; state: string }) => [party.kind, party.userId, party.state])).toEqual([
      ['customer', null, 'talking'],
      ['rep', 'sato', 'talking'],
    ]);
    await team.twilio.advance(10);

    const paused = await pause('sato', call.sid);
    expect(paused.status, JSON.stringify(paused.body)).toBe(200);
    expect(paused.body.recording).toEqual({ state: 'paused', since: expect.any(String), by: 'sato' });
    expect(callRecordingUpdates(call.sid)).toEqual([
      { method: 'POST', path: `/Calls/${call.sid}/Recordings/Twilio.CURRENT.json`, form: { Status: 'paused', PauseBehavior: 'skip' } },
    ]);
    expect((await pause('sato', call.sid)).status).toBe(200);
    expect(callRecordingUpdates(call.sid)).toHaveLength(1);
    await team.twilio.advance(30);

    const resumed = await resume('sato', call.sid);
    expect(resumed.body.recording).toEqual({ state: 'on' });
    expect(callRecordingUpdates(call.sid).at(-1)).toEqual({ method: 'POST', path: `/Calls/${call.sid}/Recordings/Twilio.CURRENT.json`, form: { Status: 'in-progress' } });
    expect(await recordingLines(call.sid)).toEqual(['recording-paused sato', 'recording-resumed sato {"seconds":30}']);
    // Nobody else may touch it: a colleague learns nothing of the call, a supervisor is not on it.
    expect(await pause('suzuki', call.sid)).toMatchObject({ status: 404, body: { error: { code: 'call_not_found' } } });
    expect(await pause('kanri', call.sid)).toMatchObject({ status: 403, body: { error: { code: 'not_a_party' } } });

    await team.twilio.advance(20);
    await call.hangUp();
    await team.twilio.advance(30);
    const stored = await storedRecordings(call.sid);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ status: 'completed', source: 'DialVerb' });
    // About 5 s before the live view, 10 s more, then 20 s after the resume; the 30 s paused are not in it.
    expect(stored[0]!.duration_seconds).toBeGreaterThanOrEqual(30);
    expect(stored[0]!.duration_seconds).toBeLessThan(45);
  });

  it('keeps its refusals true: not recorded, no recording under way, and a call that ended', async () => {
    const unrecorded = await plainCall(UNRECORDED);
    expect((await team.act('sato', 'GET', `/api/calls/${unrecorded.sid}/live`)).body).toMatchObject({ state: 'not-in-room', recording: null });
    expect(await pause('sato', unrecorded.sid)).toMatchObject({ status: 409, body: { error: { code: 'call_not_recorded' } } });
    await unrecorded.hangUp();
    await team.twilio.advance(30);

    const call = await plainCall();
    const twilioConsole = restClient(team.twilio, `${ACCOUNT_SID}:${AUTH_TOKEN}`, ACCOUNT_SID);
    expect((await twilioConsole('POST', `/Calls/${call.sid}/Recordings/Twilio.CURRENT.json`, { Status: 'stopped' })).status).toBe(200);
    expect(await pause('sato', call.sid)).toMatchObject({ status: 409, body: { error: { code: 'recording_not_active' } } });
    expect((await team.act('sato', 'GET', `/api/calls/${call.sid}/live`)).body.recording).toEqual({ state: 'on' });

    // The call ended at Twilio, and none of its reports has reached us yet.
    team.routeWebhooks(async () => new Response('<Response/>', { headers: { 'Content-Type': 'text/xml' } }));
    await call.hangUp();
    await team.twilio.advance(2);
    expect(await pause('sato', call.sid)).toMatchObject({ status: 409, body: { error: { code: 'call_ended' } } });
    team.routeWebhooks(null);
    expect(await recordingLines(call.sid)).toEqual([]);
  });
});
