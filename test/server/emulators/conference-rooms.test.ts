import { describe, expect, it } from 'vitest';
import { TWILIO_HOLD_MUSIC } from '../../emulators/twilio-call/index.ts';
import { twiml } from './tiny-twiml-server.ts';
import { conferenceEvents, CUSTOMER, NUMBER, setUpWorld } from './twilio-world.ts';

const ALL_EVENTS = 'start end join leave mute hold modify';
const conference = (attributes: string, room = 'room-1') => `<Dial action="/conf-done"><Conference ${attributes}>${room}</Conference></Dial>`;
const CUSTOMER_TWIML = twiml(conference(`startConferenceOnEnter="false" endConferenceOnExit="true" beep="false" participantLabel="customer" statusCallback="/conf-events" statusCallbackEvent="${ALL_EVENTS}"`));

describe('when a room starts', () => {
  it('keeps a caller alone with Twilio’s wait music until someone with startConferenceOnEnter joins', async () => {
    const { twilio } = setUpWorld({
      '/customer': CUSTOMER_TWIML,
      '/second': twiml(conference('startConferenceOnEnter="false" participantLabel="second"')),
      '/rep': twiml(conference('participantLabel="rep"')),
    });
    const customer = twilio.startIncomingCall({ from: CUSTOMER, to: NUMBER, voiceUrl: '/customer' });
    await twilio.advance(1);
    expect(customer.hearing()).toEqual({ kind: 'wait', audio: TWILIO_HOLD_MUSIC });
    expect(twilio.conference('room-1').status).toBe('init');

    // Two present, but neither may start the room.
    const second = twilio.startIncomingCall({ from: '+819011112222', to: NUMBER, voiceUrl: '/second' });
    await twilio.advance(1);
    expect(twilio.conference('room-1').status).toBe('init');
    expect(second.hearing()).toEqual({ kind: 'wait', audio: TWILIO_HOLD_MUSIC });

    const rep = twilio.startIncomingCall({ from: '+819033334444', to: NUMBER, voiceUrl: '/rep' });
    await twilio.advance(1);
    expect(twilio.conference('room-1').status).toBe('in-progress');
    expect(customer.hearing()).toEqual({ kind: 'room', hears: ['second', 'rep'] });
    expect(rep.hearing()).toEqual({ kind: 'room', hears: ['customer', 'second'] });
  });

  it('does not start with a single participant, even one who may start it', async () => {
    const { twilio } = setUpWorld({ '/voice': twiml(conference('')) });
    const caller = twilio.startIncomingCall({ from: CUSTOMER, to: NUMBER, voiceUrl: '/voice' });
    await twilio.advance(30);
    expect(twilio.conference('room-1').status).toBe('init');
    expect(caller.hearing()).toEqual({ kind: 'wait', audio: TWILIO_HOLD_MUSIC });
  });

  it('plays our own wait TwiML, fetched with POST, and plays silence for an empty waitUrl', async () => {
    const { twilio, server } = setUpWorld({
      '/a': twiml(conference('waitUrl="/wait"', 'room-a')),
      '/b': twiml(conference('waitUrl=""', 'room-b')),
      '/wait': twiml('<Say language="ja-JP">少々お待ちください。</Say><Play loop="0">https://yobidashi.example.jp/media/ringback.mp3</Play>'),
    });
    const a = twilio.startIncomingCall({ from: CUSTOMER, to: NUMBER, voiceUrl: '/a' });
    const b = twilio.startIncomingCall({ from: '+819011112222', to: NUMBER, voiceUrl: '/b' });
    await twilio.settle();
    expect(a.hearing()).toEqual({ kind: 'wait', audio: '少々お待ちください。' });
    await twilio.advance(10);
    expect(a.hearing()).toEqual({ kind: 'wait', audio: 'https://yobidashi.example.jp/media/ringback.mp3' });
    expect(b.hearing()).toEqual({ kind: 'wait', audio: null });
    expect(server.paths()).toEqual(['POST /a', 'POST /b', 'POST /wait']);
  });

  it('refuses a wait document with other verbs than Play, Say, Pause, Redirect (13238), and the caller hears silence', async () => {
    const { twilio } = setUpWorld({ '/voice': twiml(conference('waitUrl="/wait"')), '/wait': twiml('<Gather numDigits="1"><Say>Press 1</Say></Gather>') });
    const caller = twilio.startIncomingCall({ from: CUSTOMER, to: NUMBER, voiceUrl: '/voice' });
    await twilio.advance(5);
    expect(caller.hearing()).toEqual({ kind: 'wait', audio: null });
    expect(caller.transcript().events).toContainEqual(expect.objectContaining({ type: 'error', code: 13238, path: '/wait' }));
  });
});

describe('when a room ends', () => {
  const routes = {
    '/customer': CUSTOMER_TWIML,
    '/rep': twiml(conference('participantLabel="rep" statusCallback="/ignored"')),
    '/guest': twiml(`${conference('participantLabel="guest"').replace(' action="/conf-done"', '')}<Say>After the room.</Say>`),
    '/conf-done': twiml('<Hangup/>'),
  };

  it('ends when the participant with endConferenceOnExit hangs up: every other Dial goes on to its action with DialCallStatus=answered', async () => {
    const { twilio, server } = setUpWorld(routes);
    const customer = twilio.startIncomingCall({ from: CUSTOMER, to: NUMBER, voiceUrl: '/customer' });
    const rep = twilio.startIncomingCall({ from: '+819033334444', to: NUMBER, voiceUrl: '/rep' });
    const guest = twilio.startIncomingCall({ from: '+819055556666', to: NUMBER, voiceUrl: '/guest' });
    await twilio.advance(20);
    await customer.hangUp();

    const room = twilio.conference('room-1');
    expect(room.status).toBe('completed');
    expect(room.reasonEnded).toBe('participant-with-end-conference-on-exit-left');
    expect(room.callSidEnding).toBe(customer.sid);
    expect(conferenceEvents(server)).toEqual([
      '1 participant-join customer',
      '2 participant-join rep',
      '3 conference-start',
      '4 participant-join guest',
      '5 participant-leave customer participant_hung_up',
      '6 participant-leave rep moderator_ended_conference',
      '7 participant-leave guest moderator_ended_conference',
      '8 conference-end participant-with-end-conference-on-exit-left',
    ]);
    const action = server.received.filter((request) => request.path === '/conf-done');
    // The customer hung up: Twilio still requests its action (CallStatus=completed); the rep's Dial just ends.
    expect(action.map((request) => [request.params.CallSid, request.params.DialCallStatus, request.params.CallStatus])).toEqual([
      [customer.sid, 'answered', 'completed'],
      [rep.sid, 'answered', 'in-progress'],
    ]);
    expect(action.every((request) => request.params.DialCallSid === undefined && request.params.DialCallDuration === undefined)).toBe(true);
    expect(guest.transcript().said).toEqual(['After the room.']);
    expect(rep.describe()).toMatchInlineSnapshot(`
      "POST /rep → 200
        conference "room-1" as rep → talking
        left "room-1" (room ended: participant-with-end-conference-on-exit-left)
      POST /conf-done DialCallStatus="answered" → 200
        hangup
      = completed"
    `);
    await twilio.advance(10);
    expect([customer.ended, rep.ended, guest.ended]).toEqual([true, true, true]);
  });

  it('ends when the last participant leaves', async () => {
    const { twilio, server } = setUpWorld({
      '/a': twiml(conference('statusCallback="/conf-events" statusCallbackEvent="start end join leave" participantLabel="a"')),
      '/b': twiml(conference('participantLabel="b"')),
    });
    const a = twilio.startIncomingCall({ from: CUSTOMER, to: NUMBER, voiceUrl: '/a' });
    const b = twilio.startIncomingCall({ from: '+819011112222', to: NUMBER, voiceUrl: '/b' });
    await twilio.advance(5);
    await a.hangUp();
    expect(twilio.conference('room-1').status).toBe('in-progress');
    expect(b.hearing()).toEqual({ kind: 'room', hears: [] });
    await twilio.advance(5);
    await b.hangUp();
    expect(conferenceEvents(server).slice(-3)).toEqual(['4 participant-leave a participant_hung_up', '5 participant-leave b participant_hung_up', '6 conference-end last-participant-left']);
  });

  it('ends on Conference update Status=completed, and the same name then opens a new room', async () => {
    const { twilio, server, rest } = setUpWorld({ ...routes, '/conf-done': twiml('<Say>Goodbye.</Say>') });
    const customer = twilio.startIncomingCall({ from: CUSTOMER, to: NUMBER, voiceUrl: '/customer' });
    const rep = twilio.startIncomingCall({ from: '+819033334444', to: NUMBER, voiceUrl: '/rep' });
    await twilio.advance(5);
    const first = twilio.conference('room-1');
    const ended = await rest('POST', `/Conferences/${first.sid}.json`, { Status: 'completed' });
    expect(ended.body).toMatchObject({ status: 'completed', reason_conference_ended: 'conference-ended-via-api', call_sid_ending_conference: null });
    await twilio.settle();
    expect(conferenceEvents(server).slice(-3)).toEqual(['4 participant-leave customer conference_ended_via_api', '5 participant-leave rep conference_ended_via_api', '6 conference-end conference-ended-via-api']);
    await twilio.advance(2);
    expect(customer.transcript().said).toEqual(['Goodbye.']);
    expect(rep.transcript().said).toEqual(['Goodbye.']);

    twilio.startIncomingCall({ from: '+819077778888', to: NUMBER, voiceUrl: '/rep' });
    await twilio.settle();
    expect(twilio.conference('room-1').sid).not.toBe(first.sid);
    expect(twilio.conferences().map((room) => room.status)).toEqual(['completed', 'init']);
  });
});

describe('the first participant fixes the room’s callbacks', () => {
  it('ignores the statusCallback and events of later participants', async () => {
    const { twilio, server } = setUpWorld({
      '/first': twiml(conference('statusCallback="/conf-events" statusCallbackEvent="join"')),
      '/second': twiml(conference('statusCallback="/other" statusCallbackEvent="start end join leave"')),
    });
    twilio.startIncomingCall({ from: CUSTOMER, to: NUMBER, voiceUrl: '/first' });
    const second = twilio.startIncomingCall({ from: '+819011112222', to: NUMBER, voiceUrl: '/second' });
    await twilio.advance(5);
    await second.hangUp();
    // Only the two joins the first participant asked for; the second's action follows its hang-up.
    expect(server.paths()).toEqual(['POST /first', 'POST /conf-events', 'POST /second', 'POST /conf-events', 'POST /conf-done']);
  });
});

describe('the first participant to join', () => {
  it('fixes the callbacks even when a rep was placed into the room by name before anyone joined', async () => {
    const { twilio, server, rest } = setUpWorld({ '/customer': CUSTOMER_TWIML });
    twilio.device('sato').answerAfter(5);
    await rest('POST', '/Conferences/room-1/Participants.json', { From: NUMBER, To: 'client:sato', Label: 'rep:sato', ConferenceStatusCallback: 'https://yobidashi.example.jp/rep-events' });
    twilio.startIncomingCall({ from: CUSTOMER, to: NUMBER, voiceUrl: '/customer' });
    await twilio.advance(6);
    expect(conferenceEvents(server)).toEqual(['1 participant-join customer', '2 participant-join rep:sato', '3 conference-start']);
    expect(server.paths()).not.toContain('POST /rep-events');
  });
});

describe('participant labels', () => {
  it('refuses a label already in the room (notification 16025): the call skips to the next verb without its action', async () => {
    const { twilio, server } = setUpWorld({
      '/first': twiml(conference('participantLabel="customer"')),
      '/second': twiml(`${conference('participantLabel="customer"')}<Say>Label taken.</Say>`),
    });
    twilio.startIncomingCall({ from: CUSTOMER, to: NUMBER, voiceUrl: '/first' });
    const second = twilio.startIncomingCall({ from: '+819011112222', to: NUMBER, voiceUrl: '/second' });
    await twilio.advance(5);
    expect(second.transcript().said).toEqual(['Label taken.']);
    expect(twilio.conference('room-1').participants().map((participant) => participant.label)).toEqual(['customer']);
    expect(server.paths()).not.toContain('POST /conf-done');
    expect(second.describe()).toMatchInlineSnapshot(`
      "POST /second → 200
        conference "room-1" refused: 16025 Participant label "customer" is already in use in this conference
        say [man en-US] Label taken.
      = completed"
    `);
  });
});

describe('conference status callbacks', () => {
  it('carry every parameter Twilio sends, numbered in order', async () => {
    const { twilio, server } = setUpWorld({ '/customer': CUSTOMER_TWIML, '/rep': twiml(conference('participantLabel="rep" endConferenceOnExit="false"')) });
    const customer = twilio.startIncomingCall({ from: CUSTOMER, to: NUMBER, voiceUrl: '/customer' });
    twilio.startIncomingCall({ from: '+819033334444', to: NUMBER, voiceUrl: '/rep' });
    await twilio.advance(3);
    await customer.hangUp();
    const byEvent = Object.fromEntries(server.received.filter((request) => request.path === '/conf-events').map((request) => [`${request.params.StatusCallbackEvent} ${request.params.ParticipantLabel ?? ''}`.trim(), request.params]));
    const room = twilio.conference('room-1');
    expect(byEvent['participant-join customer']).toEqual({
      AccountSid: 'AC0123456789abcdef0123456789abcdef',
      CallSid: customer.sid,
      Coaching: 'false',
      ConferenceSid: room.sid,
      EndConferenceOnExit: 'true',
      FriendlyName: 'room-1',
      Hold: 'false',
      Muted: 'false',
      ParticipantLabel: 'customer',
      SequenceNumber: '1',
      StartConferenceOnEnter: 'false',
      StatusCallbackEvent: 'participant-join',
      Timestamp: 'Tue, 24 Nov 2026 00:00:00 +0000',
    });
    expect(byEvent['conference-start']).toEqual({
      AccountSid: 'AC0123456789abcdef0123456789abcdef',
      ConferenceSid: room.sid,
      FriendlyName: 'room-1',
      SequenceNumber: '3',
      StatusCallbackEvent: 'conference-start',
      Timestamp: 'Tue, 24 Nov 2026 00:00:00 +0000',
    });
    expect(byEvent['participant-leave rep']).toMatchObject({ ParticipantCallStatus: 'in-progress', ReasonParticipantLeft: 'moderator_ended_conference', SequenceNumber: '5', Timestamp: 'Tue, 24 Nov 2026 00:00:03 +0000' });
    expect(byEvent['conference-end']).toEqual({
      AccountSid: 'AC0123456789abcdef0123456789abcdef',
      CallSidEndingConference: customer.sid,
      ConferenceSid: room.sid,
      FriendlyName: 'room-1',
      ParticipantLabelEndingConference: 'customer',
      Reason: `Participant ${customer.sid} with endConferenceOnExit left the conference`,
      ReasonConferenceEnded: 'participant-with-end-conference-on-exit-left',
      SequenceNumber: '6',
      StatusCallbackEvent: 'conference-end',
      Timestamp: 'Tue, 24 Nov 2026 00:00:03 +0000',
    });
    expect(server.received.filter((request) => request.path === '/conf-events').every((request) => request.signatureValid)).toBe(true);
  });
});
