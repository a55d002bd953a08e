import { describe, expect, it } from 'vitest';
import { DEFAULT_HOLD_AUDIO, PARTICIPANT_CREATES_PER_SECOND, REASON_WHEN_KICKED, REASON_WHEN_REDIRECTED } from '../../emulators/twilio-call/index.ts';
import { twiml } from './tiny-twiml-server.ts';
import { conferenceEvents, CUSTOMER, NUMBER, setUpWorld, url } from './twilio-world.ts';

const ALL_EVENTS = 'start end join leave mute hold modify';
const customerTwiml = (attributes = '') =>
  twiml(`<Dial action="/conf-done"><Conference startConferenceOnEnter="false" endConferenceOnExit="true" beep="false" participantLabel="customer" statusCallback="/conf-events" statusCallbackEvent="${ALL_EVENTS}" ${attributes}>room-1</Conference></Dial>`);

/** A customer waiting in `room-1`, and reps added by the REST API (pattern A, twilio-conference.md §3.1). */
async function customerInRoom(routes: Parameters<typeof setUpWorld>[0] = {}) {
  const world = setUpWorld({
    '/voice': customerTwiml(),
    '/rep': twiml('<Dial><Conference participantLabel="rep">room-1</Conference></Dial>'),
    '/conf-done': twiml('<Say>Thank you.</Say><Hangup/>'),
    ...routes,
  });
  const customer = world.twilio.startIncomingCall({ from: CUSTOMER, to: NUMBER, voiceUrl: '/voice' });
  await world.twilio.settle();
  const room = world.twilio.conference('room-1');
  const add = (identity: string, form: Record<string, string> = {}) =>
    world.rest('POST', `/Conferences/${room.sid}/Participants.json`, { From: NUMBER, To: `client:${identity}`, Label: `rep:${identity}`, ...form });
  const participant = (label: string) => `/Conferences/${room.sid}/Participants/${encodeURIComponent(label)}.json`;
  return { ...world, customer, room, add, participant };
}

describe('hold', () => {
  it('plays the hold audio to the held customer, who neither hears nor is heard by the room', async () => {
    const { twilio, rest, server, customer, add, participant } = await customerInRoom({ '/hold': twiml('<Play loop="0">https://yobidashi.example.jp/media/hold.mp3</Play>') });
    twilio.device('sato').answerAfter(2);
    const { body: sato } = await add('sato');
    await twilio.advance(2);
    expect(customer.hearing()).toEqual({ kind: 'room', hears: ['rep:sato'] });

    const held = await rest('POST', participant('customer'), { Hold: 'true', HoldUrl: url('/hold') });
    expect(held.body).toMatchObject({ hold: true, label: 'customer', status: 'connected' });
    await twilio.settle();
    expect(customer.hearing()).toEqual({ kind: 'hold', audio: 'https://yobidashi.example.jp/media/hold.mp3' });
    expect(twilio.leg(sato.call_sid).hearing()).toEqual({ kind: 'room', hears: [] });
    // HoldMethod defaults to GET (unlike WaitMethod).
    expect(server.received.find((request) => request.path.startsWith('/hold'))).toMatchObject({ method: 'GET', signatureValid: true, params: { CallSid: customer.sid } });

    await rest('POST', participant('customer'), { Hold: 'false' });
    expect(customer.hearing()).toEqual({ kind: 'room', hears: ['rep:sato'] });
    await twilio.settle();
    expect(conferenceEvents(server).slice(-2)).toEqual(['4 participant-hold customer', '5 participant-unhold customer']);
  });

  it(`plays ${DEFAULT_HOLD_AUDIO} without a HoldUrl [unverified], and reports nothing for a repeated Hold=true`, async () => {
    const { twilio, rest, customer, server, participant } = await customerInRoom();
    await rest('POST', participant('customer'), { Hold: 'true' });
    await rest('POST', participant('customer'), { Hold: 'true' });
    await twilio.settle();
    expect(customer.hearing()).toEqual({ kind: 'hold', audio: DEFAULT_HOLD_AUDIO });
    expect(conferenceEvents(server)).toEqual(['1 participant-join customer', '2 participant-hold customer']);
  });
});

describe('mute and coaching', () => {
  it('takes a supervisor from listening to whispering to barging in', async () => {
    const { twilio, rest, server, customer, add, participant } = await customerInRoom();
    twilio.device('sato').answerAfter(1);
    twilio.device('boss').answerAfter(1);
    const { body: sato } = await add('sato');
    await twilio.advance(2);
    const { body: boss } = await add('boss', { Label: 'sup:boss', Muted: 'true', Beep: 'false' });
    await twilio.advance(2);
    const hears = () => ({ customer: customer.hearing(), sato: twilio.leg(sato.call_sid).hearing(), boss: twilio.leg(boss.call_sid).hearing() });

    // Listen: the supervisor hears both, nobody hears the supervisor.
    expect(hears()).toEqual({
      customer: { kind: 'room', hears: ['rep:sato'] },
      sato: { kind: 'room', hears: ['customer'] },
      boss: { kind: 'room', hears: ['customer', 'rep:sato'] },
    });
    // Whisper: only the coached rep hears the supervisor.
    await rest('POST', participant('sup:boss'), { Muted: 'false', Coaching: 'true', CallSidToCoach: sato.call_sid });
    expect(hears()).toMatchObject({ customer: { hears: ['rep:sato'] }, sato: { hears: ['customer', 'sup:boss'] } });
    // Barge: everyone hears the supervisor.
    const barged = await rest('POST', participant('sup:boss'), { Coaching: 'false' });
    expect(barged.body).toMatchObject({ coaching: false, call_sid_to_coach: null, muted: false });
    expect(hears()).toMatchObject({ customer: { hears: ['rep:sato', 'sup:boss'] }, sato: { hears: ['customer', 'sup:boss'] } });

    // A muted rep is heard by nobody.
    await rest('POST', participant('rep:sato'), { Muted: 'true' });
    expect(customer.hearing()).toEqual({ kind: 'room', hears: ['sup:boss'] });
    await twilio.settle();
    expect(conferenceEvents(server).slice(3)).toEqual([
      '4 participant-join sup:boss',
      '5 participant-unmute sup:boss',
      '6 participant-modify sup:boss',
      '7 participant-modify sup:boss',
      '8 participant-mute rep:sato',
    ]);
    const modify = server.received.find((request) => request.params.StatusCallbackEvent === 'participant-modify');
    expect(modify?.params).toMatchObject({ Coaching: 'true', CallSidToCoach: sato.call_sid, Muted: 'false' });
  });

  it('lets a coach join by TwiML, and refuses to coach a call that is not in the room (13240)', async () => {
    const { twilio, add } = await customerInRoom({
      '/coach': (_params, request) => {
        const query = new URLSearchParams(request.path.split('?')[1]);
        return twiml(`<Dial action="/coach-done"><Conference coach="${query.get('coach')}" participantLabel="${query.get('label')}">room-1</Conference></Dial>`);
      },
      '/coach-done': (params) => twiml(`<Say>${params.DialCallStatus}</Say>`),
    });
    twilio.device('sato').answerAfter(1);
    const { body: sato } = await add('sato');
    await twilio.advance(1);
    const coach = twilio.startIncomingCall({ from: '+819099990000', to: NUMBER, voiceUrl: `/coach?coach=${sato.call_sid}&label=sup` });
    await twilio.advance(1);
    expect(twilio.leg(sato.call_sid).hearing()).toEqual({ kind: 'room', hears: ['customer', 'sup'] });
    expect(twilio.conference('room-1').participant('sup')).toMatchObject({ coaching: true, callSidToCoach: sato.call_sid });

    const stranger = twilio.startIncomingCall({ from: '+819099990001', to: NUMBER, voiceUrl: `/coach?coach=CA${'0'.repeat(32)}&label=stranger` });
    await twilio.advance(2);
    expect(stranger.transcript().said).toEqual(['failed']);
    expect(stranger.transcript().events).toContainEqual({ type: 'conference', conference: expect.objectContaining({ kind: 'refused', code: 13240 }) });
    expect(coach.ended).toBe(false);
  });
});

describe('taking participants out', () => {
  it(`kicks a rep (DELETE): participant-leave with ${REASON_WHEN_KICKED} [unverified], and a leg placed by REST hangs up`, async () => {
    const { twilio, rest, server, customer, add, participant } = await customerInRoom();
    twilio.device('sato').answerAfter(1);
    const { body: sato } = await add('sato');
    await twilio.advance(5);
    expect((await rest('DELETE', participant('rep:sato'))).status).toBe(204);
    await twilio.settle();
    expect(twilio.leg(sato.call_sid).status).toBe('completed');
    expect(twilio.device('sato').connected).toEqual([]);
    expect(customer.hearing()).toEqual({ kind: 'room', hears: [] });
    expect(conferenceEvents(server).at(-1)).toBe(`4 participant-leave rep:sato ${REASON_WHEN_KICKED}`);
    // The participant is gone: another DELETE is a 404 [unverified].
    expect((await rest('DELETE', participant('rep:sato'))).body).toMatchObject({ code: 20404, status: 404 });
  });

  it('lets a kicked TwiML participant carry on with its Dial action', async () => {
    const { twilio, rest, participant } = await customerInRoom({ '/rep': twiml('<Dial action="/rep-done"><Conference participantLabel="rep">room-1</Conference></Dial>'), '/rep-done': twiml('<Say>You left the room.</Say>') });
    const rep = twilio.startIncomingCall({ from: '+819033334444', to: NUMBER, voiceUrl: '/rep' });
    await twilio.advance(3);
    await rest('DELETE', participant('rep'));
    await twilio.advance(3);
    expect(rep.transcript().said).toEqual(['You left the room.']);
    expect(rep.transcript().requests.at(-1)?.params).toMatchObject({ DialCallStatus: 'answered' });
  });

  it(`takes a leg out of its room when REST redirects it (${REASON_WHEN_REDIRECTED} [inferred])`, async () => {
    const { twilio, rest, server, customer } = await customerInRoom({ '/voicemail': twiml('<Say>Please leave a message.</Say><Hangup/>') });
    await twilio.advance(20);
    const redirected = await rest('POST', `/Calls/${customer.sid}.json`, { Url: url('/voicemail') });
    expect(redirected.body).toMatchObject({ sid: customer.sid, status: 'in-progress' });
    expect(twilio.conference('room-1').participants()).toEqual([]);
    await twilio.advance(5);
    expect(customer.transcript().said).toEqual(['Please leave a message.']);
    // The redirect replaces the Dial: its action is not requested.
    expect(server.paths()).not.toContain('POST /conf-done');
    expect(conferenceEvents(server).slice(-2)).toEqual([`2 participant-leave customer ${REASON_WHEN_REDIRECTED}`, '3 conference-end participant-with-end-conference-on-exit-left']);
    expect(customer.describe()).toMatchInlineSnapshot(`
      "POST /voice → 200
        conference "room-1" as customer (startConferenceOnEnter=false, endConferenceOnExit) → waiting
        REST POST /Calls/CAf7e79d2b47f666309ce301f0b8829f5c.json Url=https://yobidashi.example.jp/voicemail → 200
        left "room-1" (participant_updated_via_api)
        redirected by REST to /voicemail
      POST /voicemail → 200
        say [man en-US] Please leave a message.
        hangup
      = completed"
    `);
  });
});

describe('adding participants with the REST API', () => {
  it('rings the client with the custom parameters of To=client:name?k=v, and the leg reports its progress', async () => {
    const { twilio, server, add } = await customerInRoom();
    twilio.device('sato').answerAfter(4);
    const created = await add('sato?crmId=42&room=room-1', {
      Label: 'rep:sato',
      StatusCallback: url('/leg-events'),
      StatusCallbackEvent: 'initiated',
      EarlyMedia: 'true',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'queued', label: 'rep:sato', queue_time: '0', start_conference_on_enter: true, end_conference_on_exit: false });
    await twilio.advance(1);
    expect(twilio.device('sato').invites).toEqual([
      { callSid: created.body.call_sid, from: NUMBER, to: 'client:sato', customParameters: { crmId: '42', room: 'room-1' }, at: '2026-11-24T00:00:00.000Z', state: 'ringing' },
    ]);
    expect(twilio.conference('room-1').participant('rep:sato')).toMatchObject({ status: 'ringing', hearing: { kind: 'ringing' } });
    await twilio.advance(3);
    expect(twilio.device('sato').invites[0]?.state).toBe('answered');
    expect(server.received.find((request) => request.path === '/leg-events')?.params).toMatchObject({ CallStatus: 'initiated', Direction: 'outbound-api', To: 'client:sato', From: NUMBER });
  });

  it(`places at most ${PARTICIPANT_CREATES_PER_SECOND} participant per second, queueing the rest`, async () => {
    const { twilio, server, add } = await customerInRoom();
    const created = [];
    for (const identity of ['a', 'b', 'c']) created.push((await add(identity, { StatusCallback: url('/leg-events'), StatusCallbackEvent: 'initiated' })).body);
    expect(created.map((participant) => participant.queue_time)).toEqual(['0', '1000', '2000']);
    await twilio.advance(5);
    const initiated = server.received.filter((request) => request.path === '/leg-events').map((request) => [request.params.CallSid, request.params.Timestamp]);
    expect(initiated).toEqual(created.map((participant, index) => [participant.call_sid, `Tue, 24 Nov 2026 00:00:0${index} +0000`]));
  });

  it('reports a rep who does not answer as participant-leave with participant_add_failed [unverified]', async () => {
    const { twilio, server, add, customer } = await customerInRoom();
    twilio.device('sato').decline(3);
    twilio.device('suzuki').ignore();
    await add('sato');
    await add('suzuki', { Timeout: '10' });
    await twilio.advance(15);
    const leaves = server.received.filter((request) => request.params.StatusCallbackEvent === 'participant-leave').map((request) => [request.params.ParticipantLabel, request.params.ParticipantCallStatus, request.params.ReasonParticipantLeft]);
    expect(leaves).toEqual([
      ['rep:sato', 'busy', 'participant_add_failed'],
      ['rep:suzuki', 'no-answer', 'participant_add_failed'],
    ]);
    expect(customer.hearing()).toEqual({ kind: 'wait', audio: expect.any(String) });
  });

  it('creates a room when added by name, but refuses a CF SID whose room has ended', async () => {
    const { twilio, rest } = setUpWorld({});
    twilio.device('sato').answerAfter(1);
    const byName = await rest('POST', '/Conferences/transfer-1/Participants.json', { From: NUMBER, To: 'client:sato', Label: 'rep:sato' });
    expect(byName.status).toBe(201);
    const room = twilio.conference('transfer-1');
    expect(byName.body.conference_sid).toBe(room.sid);
    await twilio.advance(2);
    await twilio.device('sato').hangUp();
    expect(room.status).toBe('completed');

    const bySid = await rest('POST', `/Conferences/${room.sid}/Participants.json`, { From: NUMBER, To: 'client:sato' });
    expect(bySid.body).toEqual({ code: 20404, message: `The requested resource /2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Conferences/${room.sid}/Participants.json was not found`, more_info: 'https://www.twilio.com/docs/errors/20404', status: 404 });
    const again = await rest('POST', '/Conferences/transfer-1/Participants.json', { From: NUMBER, To: 'client:sato' });
    expect(again.body.conference_sid).not.toBe(room.sid);
  });

  it('lists only current participants, and fetches them by CallSid or label', async () => {
    const { twilio, rest, add, room, customer, participant } = await customerInRoom();
    twilio.device('sato').answerAfter(1);
    twilio.device('suzuki').answerAfter(1);
    await add('sato');
    await add('suzuki');
    await twilio.advance(3);
    await twilio.device('sato').hangUp();
    const list = await rest('GET', `/Conferences/${room.sid}/Participants.json`);
    expect(list.body.participants.map((entry: { label: string }) => entry.label)).toEqual(['customer', 'rep:suzuki']);
    expect(list.body).toMatchObject({ page: 0, page_size: 50, next_page_uri: null, start: 0, end: 1 });
    expect((await rest('GET', `/Conferences/${room.sid}/Participants/${customer.sid}.json`)).body.label).toBe('customer');
    expect((await rest('GET', participant('rep:suzuki'))).body.status).toBe('connected');
    expect((await rest('GET', `/Conferences/${room.sid}/Participants.json?Hold=true`)).body.participants).toEqual([]);
  });
});

describe('more of the room', () => {
  it('plays an announcement to the whole room, then reports announcement-end', async () => {
    const { twilio, rest, room, server } = await customerInRoom({ '/announce': twiml('<Say>This call is recorded.</Say>') });
    twilio.startIncomingCall({ from: '+819033334444', to: NUMBER, voiceUrl: '/rep' });
    await twilio.settle();
    await rest('POST', `/Conferences/${room.sid}.json`, { AnnounceUrl: url('/announce') });
    await twilio.settle();
    expect(twilio.conference('room-1').participant('customer')?.hearing).toMatchObject({ kind: 'room', announcement: 'This call is recorded.' });
    await twilio.advance(5);
    expect(twilio.conference('room-1').participant('customer')?.hearing).toEqual({ kind: 'room', hears: ['rep'] });
    // The first participant asked for no `announcement` events.
    expect(server.received.filter((request) => request.params.StatusCallbackEvent === 'announcement-end')).toEqual([]);
    expect(twilio.conference('room-1').describe()).toContain('announcement-end');
  }, 10_000);

  it('refuses a REST participant whose Label is taken [unverified]', async () => {
    const { add } = await customerInRoom();
    expect((await add('sato', { Label: 'customer' })).body).toMatchObject({ code: 16025, status: 400 });
  });

  it('turns away a caller when the room is full [unverified], and lets a caller leave with * (hangupOnStar)', async () => {
    const { twilio } = setUpWorld({
      '/small': twiml('<Dial action="/after" hangupOnStar="true"><Conference maxParticipants="2">small</Conference></Dial>'),
      '/after': (params) => twiml(`<Say>${params.DialCallStatus}</Say><Pause length="60"/>`),
    });
    const first = twilio.startIncomingCall({ from: CUSTOMER, to: NUMBER, voiceUrl: '/small' });
    twilio.startIncomingCall({ from: '+819011112222', to: NUMBER, voiceUrl: '/small' });
    const third = twilio.startIncomingCall({ from: '+819033334444', to: NUMBER, voiceUrl: '/small' });
    await twilio.advance(2);
    expect(third.transcript().said).toEqual(['failed']);
    await first.press('*');
    await twilio.advance(2);
    expect(first.transcript().said).toEqual(['answered']);
    expect(twilio.conference('small').participants()).toHaveLength(1);
  });
});
