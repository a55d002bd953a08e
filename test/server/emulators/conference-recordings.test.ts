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
