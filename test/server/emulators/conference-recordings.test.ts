import { describe, expect, it } from 'vitest';
import { twiml } from './tiny-twiml-server.ts';
import { CUSTOMER, NUMBER, setUpWorld } from './twilio-world.ts';

const RECORDED_ROOM = (label: string) =>
  twiml(`<Dial><Conference participantLabel="${label}" record="record-from-start" recordingStatusCallback="/rec" recordingStatusCallbackEvent="in-progress completed absent" endConferenceOnExit="${label === 'customer'}">room-1</Conference></Dial>`);

describe('room recordings', () => {
  it('records the room from the moment it starts, skips a paused stretch, and reports it to the first participant’s callback', async () => {
    const { twilio, rest, server } = setUpWorld({ '/customer': RECORDED_ROOM('customer'), '/rep': RECORDED_ROOM('rep') });
    const customer = twilio.startIncomingCall({ from: CUSTOMER, to: NUMBER, voiceUrl: '/customer' });
    await twilio.advance(10);
    twilio.startIncomingCall({ from: '+819033334444', to: NUMBER, voiceUrl: '/rep' });
    await twilio.advance(20);
    const room = twilio.conference('room-1');

    // Pause while the customer reads out card details, without recording the pause.
    const paused = await rest('POST', `/Conferences/${room.sid}/Recordings/Twilio.CURRENT.json`, { Status: 'paused', PauseBehavior: 'skip' });
    expect(paused.body).toMatchObject({ status: 'paused', source: 'Conference', channels: 1, conference_sid: room.sid });
    await twilio.advance(15);
    await rest('POST', `/Conferences/${room.sid}/Recordings/Twilio.CURRENT.json`, { Status: 'in-progress' });
    await twilio.advance(25);
    await customer.hangUp();

    const callbacks = server.received.filter((request) => request.path === '/rec').map((request) => request.params);
    expect(callbacks).toEqual([
      expect.objectContaining({ RecordingStatus: 'in-progress', RecordingDuration: '-1', RecordingStartTime: 'Tue, 24 Nov 2026 00:00:10 +0000' }),
      {
        AccountSid: 'AC0123456789abcdef0123456789abcdef',
        ConferenceSid: room.sid,
        ErrorCode: '0',
        RecordingChannels: '1',
        RecordingDuration: '45',
        RecordingSid: paused.body.sid,
        RecordingSource: 'Conference',
        RecordingStartTime: 'Tue, 24 Nov 2026 00:00:10 +0000',
        RecordingStatus: 'completed',
        RecordingUrl: `https://api.twilio.com/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Recordings/${paused.body.sid}`,
      },
    ]);
    const listed = await rest('GET', `/Conferences/${room.sid}/Recordings.json`);
    expect(listed.body.recordings).toMatchObject([{ sid: paused.body.sid, status: 'completed', duration: '45' }]);
  });

  it('answers 404 for Twilio.CURRENT when no recording is under way: before the room starts, and once it ended', async () => {
    const { twilio, rest } = setUpWorld({ '/customer': RECORDED_ROOM('customer'), '/rep': RECORDED_ROOM('rep') });
    const customer = twilio.startIncomingCall({ from: CUSTOMER, to: NUMBER, voiceUrl: '/customer' });
    await twilio.advance(5);
    const current = () => `/Conferences/${twilio.conference('room-1').sid}/Recordings/Twilio.CURRENT.json`;
    // One participant: the room has not started, so nothing records yet.
    expect(await rest('POST', current(), { Status: 'paused', PauseBehavior: 'skip' })).toMatchObject({ status: 404, body: { code: 20404, status: 404 } });
    twilio.startIncomingCall({ from: '+819033334444', to: NUMBER, voiceUrl: '/rep' });
    await twilio.advance(5);
    expect(await rest('POST', current(), { Status: 'paused', PauseBehavior: 'skip' })).toMatchObject({ status: 200, body: { status: 'paused' } });
    await customer.hangUp();
    expect(await rest('POST', current(), { Status: 'in-progress' })).toMatchObject({ status: 404, body: { code: 20404 } });
    expect((await rest('GET', current())).status).toBe(404);
  });

  it('takes only paused, in-progress and stopped as a new status, and only skip or silence as the pause', async () => {
    const { twilio, rest } = setUpWorld({ '/customer': RECORDED_ROOM('customer'), '/rep': RECORDED_ROOM('rep') });
    twilio.startIncomingCall({ from: CUSTOMER, to: NUMBER, voiceUrl: '/customer' });
    twilio.startIncomingCall({ from: '+819033334444', to: NUMBER, voiceUrl: '/rep' });
    await twilio.advance(5);
    const current = `/Conferences/${twilio.conference('room-1').sid}/Recordings/Twilio.CURRENT.json`;
    for (const Status of ['completed', 'processing', 'absent']) {
      expect(await rest('POST', current, { Status }), Status).toMatchObject({ status: 400, body: { status: 400 } });
    }
    expect(await rest('POST', current, {})).toMatchObject({ status: 400 });
    expect(await rest('POST', current, { Status: 'paused', PauseBehavior: 'mute' })).toMatchObject({ status: 400 });
    // Nothing refused changed the recording.
    expect((await rest('GET', current)).body).toMatchObject({ status: 'in-progress' });
    // Absolute: pausing twice is one pause, resuming a recording that records changes nothing.
    await rest('POST', current, { Status: 'paused', PauseBehavior: 'skip' });
    expect(await rest('POST', current, { Status: 'paused', PauseBehavior: 'skip' })).toMatchObject({ status: 200, body: { status: 'paused' } });
    expect(await rest('POST', current, { Status: 'in-progress' })).toMatchObject({ status: 200, body: { status: 'in-progress' } });
    expect(await rest('POST', current, { Status: 'in-progress' })).toMatchObject({ status: 200, body: { status: 'in-progress' } });
  });

  it('keeps a silenced pause in the duration, and completes a recording whose room ends while paused without the skipped part', async () => {
    const { twilio, rest, server } = setUpWorld({ '/customer': RECORDED_ROOM('customer'), '/rep': RECORDED_ROOM('rep') });
    const customer = twilio.startIncomingCall({ from: CUSTOMER, to: NUMBER, voiceUrl: '/customer' });
    twilio.startIncomingCall({ from: '+819033334444', to: NUMBER, voiceUrl: '/rep' });
    await twilio.advance(10);
    const current = `/Conferences/${twilio.conference('room-1').sid}/Recordings/Twilio.CURRENT.json`;
    // Twilio's default PauseBehavior is silence: the pause is in the recording, as silence.
    await rest('POST', current, { Status: 'paused' });
    await twilio.advance(10);
    await rest('POST', current, { Status: 'in-progress' });
    await twilio.advance(10);
    await rest('POST', current, { Status: 'paused', PauseBehavior: 'skip' });
    await twilio.advance(30);
    await customer.hangUp();
    const completed = server.received.filter((request) => request.path === '/rec' && request.params.RecordingStatus === 'completed');
    expect(completed.map((request) => request.params.RecordingDuration)).toEqual(['30']);
  });

  it('reports absent when the room never started', async () => {
    const { twilio, server } = setUpWorld({ '/customer': RECORDED_ROOM('customer') });
    const customer = twilio.startIncomingCall({ from: CUSTOMER, to: NUMBER, voiceUrl: '/customer' });
    await twilio.advance(10);
    await customer.hangUp();
    expect(server.received.filter((request) => request.path === '/rec').map((request) => request.params.RecordingStatus)).toEqual(['absent']);
  });
});

describe('a participant’s own recording', () => {
  it('records a leg placed with Record=true from its answer to its hang-up, and reports it', async () => {
    const { twilio, rest, server } = setUpWorld({ '/customer': RECORDED_ROOM('customer') });
    twilio.startIncomingCall({ from: CUSTOMER, to: NUMBER, voiceUrl: '/customer' });
    twilio.device('sato').answerAfter(3).hangUpAfter(30);
    await rest('POST', '/Conferences/room-1/Participants.json', { From: NUMBER, To: 'client:sato', Record: 'true', RecordingStatusCallback: 'https://yobidashi.example.jp/leg-rec' });
    await twilio.advance(40);
    expect(server.received.find((request) => request.path === '/leg-rec')?.params).toMatchObject({ RecordingSource: 'OutboundAPI', RecordingDuration: '30', RecordingStatus: 'completed', RecordingChannels: '1' });
    expect(twilio.conference('room-1').recordings).toHaveLength(1);
  });
});

describe('recordings over REST', () => {
  it('serves a recording’s JSON and its media as a small valid mp3 or wav, and deletes it', async () => {
    const { twilio, rest } = setUpWorld({ '/voice': twiml('<Record maxLength="60"/>') });
    const call = await twilio.startIncomingCall({ from: CUSTOMER, to: NUMBER, voiceUrl: '/voice', record: { seconds: 12 } }).finish();
    const [recording] = call.recordings;
    const path = `/Recordings/${recording!.recordingSid}`;
    expect((await rest('GET', `${path}.json`)).body).toMatchObject({ sid: recording!.recordingSid, call_sid: call.callSid, duration: '12', source: 'RecordVerb', status: 'completed', conference_sid: null });

    const media = async (extension: string) => {
      const response = await twilio.rest.fetch(new Request(`https://api.twilio.com/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef${path}${extension}`, {
        headers: { Authorization: `Basic ${Buffer.from('AC0123456789abcdef0123456789abcdef:9a1c2e3f4b5d6a7b8c9d0e1f2a3b4c5d').toString('base64')}` },
      }));
      return { type: response.headers.get('content-type'), bytes: new Uint8Array(await response.arrayBuffer()) };
    };
    const mp3 = await media('.mp3');
    expect(mp3.type).toBe('audio/mpeg');
    expect([...mp3.bytes.slice(0, 2)]).toEqual([0xff, 0xfb]);
    const wav = await media('.wav');
    expect(wav.type).toBe('audio/x-wav');
    expect(Buffer.from(wav.bytes.slice(0, 4)).toString('ascii')).toBe('RIFF');
    expect(Buffer.from(wav.bytes.slice(8, 12)).toString('ascii')).toBe('WAVE');
    expect((await media('')).type).toBe('audio/x-wav');

    expect((await rest('DELETE', `${path}.json`)).status).toBe(204);
    expect((await rest('GET', `${path}.json`)).body).toMatchObject({ code: 20404, status: 404 });
  });
});
