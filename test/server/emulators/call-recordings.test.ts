import { describe, expect, it } from 'vitest';
import { ACCOUNT_SID, twiml } from './tiny-twiml-server.ts';
import { CUSTOMER, NUMBER, setUpWorld } from './twilio-world.ts';

/**
 * A call's own recordings (UpdateCallRecording, `…/Calls/{CallSid}/Recordings/{Sid}.json`, twilio_api_v2010):
 * the `<Dial record>` of a two-leg call is the parent call's, under way from the answer to the end of the
 * bridge, and can be paused (skipping or silencing the pause), resumed and stopped through `Twilio.CURRENT`.
 */

const REP_PHONE = '+819055556666';
const RECORDED_DIAL = twiml(
  `<Dial record="record-from-answer-dual" recordingStatusCallback="/rec" recordingStatusCallbackEvent="completed"><Number>${REP_PHONE}</Number></Dial>`,
);

async function bridgedCall() {
  const world = setUpWorld({ '/voice': RECORDED_DIAL });
  world.twilio.phone(REP_PHONE).answerAfter(5).hangUpAfter(null);
  const call = world.twilio.startIncomingCall({ from: CUSTOMER, to: NUMBER, voiceUrl: '/voice' });
  await world.twilio.advance(10);
  return { ...world, call, current: `/Calls/${call.sid}/Recordings/Twilio.CURRENT.json` };
}

const completed = (server: { received: readonly { path: string; params: Record<string, string> }[] }) =>
  server.received.filter((request) => request.path === '/rec' && request.params.RecordingStatus === 'completed').map((request) => request.params);

describe('a call’s <Dial record> recording over REST', () => {
  it('is the parent call’s from the answer: paused with skip, resumed, and completed without the pause', async () => {
    const { twilio, rest, server, call, current } = await bridgedCall();
    const fetched = await rest('GET', current);
    expect(fetched).toMatchObject({ status: 200, body: { call_sid: call.sid, conference_sid: null, source: 'DialVerb', channels: 2, status: 'in-progress', duration: null, track: 'both' } });
    expect(fetched.body.uri).toBe(`/2010-04-01/Accounts/${ACCOUNT_SID}/Calls/${call.sid}/Recordings/${fetched.body.sid}.json`);
    expect(Object.keys(fetched.body).sort()).toEqual([
      'account_sid', 'api_version', 'call_sid', 'channels', 'conference_sid', 'date_created', 'date_updated', 'duration', 'encryption_details',
      'error_code', 'price', 'price_unit', 'sid', 'source', 'start_time', 'status', 'track', 'uri',
    ]);

    expect(await rest('POST', current, { Status: 'paused', PauseBehavior: 'skip' })).toMatchObject({ status: 200, body: { sid: fetched.body.sid, status: 'paused' } });
    await twilio.advance(20);
    expect(await rest('POST', current, { Status: 'in-progress' })).toMatchObject({ status: 200, body: { status: 'in-progress' } });
    await twilio.advance(15);
    await call.hangUp();

    // 5 s before the pause and 15 s after it; the 20 s paused are not in it.
    expect(completed(server)).toEqual([expect.objectContaining({ CallSid: call.sid, RecordingSid: fetched.body.sid, RecordingSource: 'DialVerb', RecordingDuration: '20' })]);
    const listed = await rest('GET', `/Calls/${call.sid}/Recordings.json`);
    expect(listed.body.recordings).toMatchObject([{ sid: fetched.body.sid, status: 'completed', duration: '20' }]);
  });

  it('keeps a silenced pause in the length, and a stop ends the recording while the call goes on', async () => {
    const { twilio, rest, server, call, current } = await bridgedCall();
    await rest('POST', current, { Status: 'paused' });
    await twilio.advance(10);
    await rest('POST', current, { Status: 'in-progress' });
    await twilio.advance(10);
    expect(await rest('POST', current, { Status: 'stopped' })).toMatchObject({ status: 200, body: { status: 'stopped' } });
    await twilio.advance(30);
    expect(call.ended).toBe(false);
    // Stopped: nothing is under way any more.
    expect(await rest('POST', current, { Status: 'in-progress' })).toMatchObject({ status: 404, body: { code: 20404, status: 404 } });
    await call.hangUp();
    expect(completed(server).map((params) => params.RecordingDuration)).toEqual(['25']);
  });

  it('answers 404 for Twilio.CURRENT with no recording under way: before the answer, without record, and once the call ended', async () => {
    const world = setUpWorld({ '/voice': RECORDED_DIAL, '/plain': twiml(`<Dial><Number>${REP_PHONE}</Number></Dial>`) });
    world.twilio.phone(REP_PHONE).answerAfter(5).hangUpAfter(null);
    const call = world.twilio.startIncomingCall({ from: CUSTOMER, to: NUMBER, voiceUrl: '/voice' });
    await world.twilio.advance(2);
    const current = `/Calls/${call.sid}/Recordings/Twilio.CURRENT.json`;
    expect(await world.rest('POST', current, { Status: 'paused', PauseBehavior: 'skip' })).toMatchObject({ status: 404, body: { code: 20404 } });
    await world.twilio.advance(5);
    expect((await world.rest('POST', current, { Status: 'paused', PauseBehavior: 'skip' })).status).toBe(200);
    await call.hangUp();
    expect(await world.rest('POST', current, { Status: 'in-progress' })).toMatchObject({ status: 404, body: { code: 20404 } });

    const plain = world.twilio.startIncomingCall({ from: CUSTOMER, to: NUMBER, voiceUrl: '/plain' });
    await world.twilio.advance(10);
    expect((await world.rest('GET', `/Calls/${plain.sid}/Recordings/Twilio.CURRENT.json`)).status).toBe(404);
    expect((await world.rest('POST', `/Calls/CA${'0'.repeat(32)}/Recordings/Twilio.CURRENT.json`, { Status: 'paused' })).status).toBe(404);
  });

  it('takes only paused, in-progress and stopped as a new status, and only skip or silence as the pause', async () => {
    const { rest, current } = await bridgedCall();
    for (const Status of ['completed', 'processing', 'absent']) {
      expect(await rest('POST', current, { Status }), Status).toMatchObject({ status: 400, body: { status: 400 } });
    }
    expect(await rest('POST', current, {})).toMatchObject({ status: 400 });
    expect(await rest('POST', current, { Status: 'paused', PauseBehavior: 'mute' })).toMatchObject({ status: 400 });
    expect((await rest('GET', current)).body).toMatchObject({ status: 'in-progress' });
    // Absolute: pausing twice is one pause.
    await rest('POST', current, { Status: 'paused', PauseBehavior: 'skip' });
    expect(await rest('POST', current, { Status: 'paused', PauseBehavior: 'skip' })).toMatchObject({ status: 200, body: { status: 'paused' } });
  });
});

describe('a REST fault a test sets', () => {
  it('answers the next matching request with Twilio’s error, as many times as asked, then serves again', async () => {
    const { twilio, rest, current } = await bridgedCall();
    twilio.restFaults.push({ method: 'POST', path: /\/Recordings\/Twilio\.CURRENT\.json$/, error: { status: 503, code: 20503, message: 'Service Unavailable' }, times: 2 });
    expect(await rest('POST', current, { Status: 'paused' })).toMatchObject({ status: 503, body: { code: 20503, status: 503 } });
    expect((await rest('GET', current)).status).toBe(200);
    expect((await rest('POST', current, { Status: 'paused' })).status).toBe(503);
    expect(await rest('POST', current, { Status: 'paused' })).toMatchObject({ status: 200, body: { status: 'paused' } });
  });
});
