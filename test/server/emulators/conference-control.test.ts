import { describe, expect, it } from 'vitest';
import { DEFAULT_HOLD_AUDIO, REASON_WHEN_KICKED, REASON_WHEN_REDIRECTED, TWILIO_HOLD_MUSIC } from '../../emulators/twilio-call/index.ts';
import { twiml } from './tiny-twiml-server.ts';
import { conferenceEvents, CUSTOMER, customerInRoom, NUMBER, setUpWorld, url } from './twilio-world.ts';

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

  it('plays Twilio’s hold-music playlist reached by <Redirect> from our hold TwiML, without asking our server for it', async () => {
    const { twilio, rest, customer, server, participant } = await customerInRoom({ '/hold': twiml(`<Redirect method="GET">${TWILIO_HOLD_MUSIC}</Redirect>`) });
    await rest('POST', participant('customer'), { Hold: 'true', HoldUrl: url('/hold') });
    await twilio.advance(30);
    expect(customer.hearing()).toEqual({ kind: 'hold', audio: TWILIO_HOLD_MUSIC });
    // Twilio fetches its own playlist; our server is asked for the hold TwiML once.
    expect(server.paths().map((path) => path.split('?')[0]).filter((path) => path !== 'POST /conf-events')).toEqual(['POST /voice', 'GET /hold']);
    expect(customer.transcript().events.filter((event) => event.type === 'error')).toEqual([]);
  });

  it('refuses a <Play> of that playlist, which is TwiML and not audio (12300): the held customer hears silence', async () => {
    const { twilio, rest, customer, participant } = await customerInRoom({ '/hold': twiml(`<Play loop="0">${TWILIO_HOLD_MUSIC}</Play>`) });
    await rest('POST', participant('customer'), { Hold: 'true', HoldUrl: url('/hold') });
    await twilio.settle();
    expect(customer.hearing()).toEqual({ kind: 'hold', audio: null });
    expect(customer.transcript().events).toContainEqual(expect.objectContaining({ type: 'error', code: 12300, path: TWILIO_HOLD_MUSIC }));
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
