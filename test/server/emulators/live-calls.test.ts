import { describe, expect, it } from 'vitest';
import { DIAL_STATUS_WHEN_CHILD_IS_REDIRECTED } from '../../emulators/twilio-call/index.ts';
import { twiml } from './tiny-twiml-server.ts';
import { CUSTOMER, NUMBER, setUpWorld, url } from './twilio-world.ts';

const RING_SATO = twiml('<Dial action="/dial-done" timeout="20"><Client statusCallback="/leg-events" statusCallbackEvent="initiated ringing answered completed"><Identity>sato</Identity><Parameter name="room" value="room-1"/></Client></Dial>');

describe('live endpoints', () => {
  it('rings a device until the test answers it, with the Dial’s parameters', async () => {
    const { twilio } = setUpWorld({ '/voice': RING_SATO, '/dial-done': twiml('<Hangup/>') });
    twilio.device('sato').live();
    const call = twilio.startIncomingCall({ from: CUSTOMER, to: NUMBER, voiceUrl: '/voice' });
    await twilio.advance(10);
    expect(call.hearing()).toEqual({ kind: 'ringback' });
    expect(twilio.device('sato').invites).toMatchObject([{ from: CUSTOMER, to: 'client:sato', customParameters: { room: 'room-1' }, state: 'ringing' }]);
    await twilio.device('sato').answer();
    const rep = twilio.leg(twilio.device('sato').connected[0]!);
    expect(rep).toMatchObject({ direction: 'outbound-dial', parentCallSid: call.sid, status: 'in-progress' });
    expect(call.hearing()).toEqual({ kind: 'call', hears: ['client:sato'] });
    expect(rep.hearing()).toEqual({ kind: 'call', hears: [CUSTOMER] });
    await twilio.advance(30);
    await twilio.device('sato').hangUp();
    expect(call.transcript().requests.at(-1)?.params).toMatchObject({ DialCallStatus: 'completed', DialCallDuration: '30', DialCallSid: rep.sid });
  });

  it.each([
    ['declines', (device: ReturnType<ReturnType<typeof setUpWorld>['twilio']['device']>) => device.decline(3), 'busy'],
    ['is not signed in', (device: ReturnType<ReturnType<typeof setUpWorld>['twilio']['device']>) => device.unregistered(), 'no-answer'],
    ['cannot be reached', (device: ReturnType<ReturnType<typeof setUpWorld>['twilio']['device']>) => device.unreachable(), 'failed'],
    ['lets it ring', (device: ReturnType<ReturnType<typeof setUpWorld>['twilio']['device']>) => device.ignore(), 'no-answer'],
  ])('reports a device that %s to the Dial action', async (_, policy, status) => {
    const { twilio, server } = setUpWorld({ '/voice': RING_SATO, '/dial-done': twiml('<Hangup/>') });
    policy(twilio.device('sato'));
    const call = twilio.startIncomingCall({ from: CUSTOMER, to: NUMBER, voiceUrl: '/voice' });
    await call.finish();
    expect(server.received.find((request) => request.path === '/dial-done')?.params.DialCallStatus).toBe(status);
  });

  it('lets a phone answer and hang up by itself after talking', async () => {
    const { twilio } = setUpWorld({ '/voice': twiml('<Dial action="/dial-done"><Number>+81312345678</Number></Dial>'), '/dial-done': twiml('<Hangup/>') });
    twilio.phone('+81312345678').answerAfter(5).hangUpAfter(42);
    const call = await twilio.startIncomingCall({ from: CUSTOMER, to: NUMBER, voiceUrl: '/voice' }).finish();
    expect(call.dials[0]).toMatchObject({ answeredBy: '+81312345678', talkSeconds: 42, dialCallStatus: 'completed' });
    expect(call.durationSeconds).toBe(47);
  });

  it('takes the caller’s keys live at a Gather, and a hang-up at any time', async () => {
    const { twilio, server } = setUpWorld({ '/voice': twiml('<Gather numDigits="2" action="/menu"><Say>Enter your code.</Say></Gather>'), '/menu': twiml('<Pause length="60"/>') });
    const call = twilio.startIncomingCall({ from: CUSTOMER, to: NUMBER, voiceUrl: '/voice' });
    await twilio.advance(2);
    await call.press('4');
    await twilio.advance(2);
    await call.press('2');
    expect(server.received.at(-1)).toMatchObject({ path: '/menu', params: { Digits: '42' } });
    await twilio.advance(10);
    await call.hangUp();
    expect(call.transcript().outcome).toBe('hung-up');
    expect(call.status).toBe('completed');
  });
});

describe('REST redirects during a <Dial>', () => {
  const routes = {
    '/voice': RING_SATO,
    '/dial-done': (params: Record<string, string>) => twiml(`<Say>Dial ${params.DialCallStatus}</Say><Dial><Conference>room-1</Conference></Dial>`),
    '/into-room': twiml('<Dial><Conference>room-1</Conference></Dial>'),
    '/elsewhere': twiml('<Say>Moved.</Say><Pause length="60"/>'),
  };

  it(`ends the parent’s Dial with ${DIAL_STATUS_WHEN_CHILD_IS_REDIRECTED} when the bridged child is redirected [inferred], and the child keeps running`, async () => {
    const { twilio, rest, server } = setUpWorld(routes);
    twilio.device('sato').answerAfter(2);
    const customer = twilio.startIncomingCall({ from: CUSTOMER, to: NUMBER, voiceUrl: '/voice' });
    await twilio.advance(12);
    const repSid = twilio.device('sato').connected[0]!;
    await rest('POST', `/Calls/${repSid}.json`, { Url: url('/into-room') });
    await twilio.advance(1);
    const action = server.received.find((request) => request.path === '/dial-done');
    expect(action?.params).toMatchObject({ DialCallStatus: DIAL_STATUS_WHEN_CHILD_IS_REDIRECTED, DialCallSid: repSid, DialCallDuration: '10' });
    // Both legs meet again in the room (pattern B, twilio-conference.md §3.2).
    await twilio.advance(3);
    expect(customer.hearing()).toEqual({ kind: 'room', hears: ['client:sato'] });
    expect(twilio.leg(repSid).hearing()).toEqual({ kind: 'room', hears: [CUSTOMER] });
    expect(server.received.find((request) => request.path === '/into-room')?.params).toMatchObject({ CallSid: repSid, Direction: 'outbound-dial', ParentCallSid: customer.sid, CallStatus: 'in-progress' });
    // The child's status callbacks carry on: no `completed` until it really ends.
    expect(server.received.filter((request) => request.path === '/leg-events').map((request) => request.params.CallStatus)).toEqual(['initiated', 'ringing', 'in-progress']);
  });

  it('hangs up the child when the parent is redirected (measured, QIS25), without requesting the Dial action', async () => {
    const { twilio, rest, server } = setUpWorld(routes);
    twilio.device('sato').answerAfter(2);
    const customer = twilio.startIncomingCall({ from: CUSTOMER, to: NUMBER, voiceUrl: '/voice' });
    await twilio.advance(12);
    const repSid = twilio.device('sato').connected[0]!;
    await rest('POST', `/Calls/${customer.sid}.json`, { Url: url('/elsewhere') });
    await twilio.advance(5);
    expect(twilio.leg(repSid).status).toBe('completed');
    expect(twilio.device('sato').invites[0]?.state).toBe('ended');
    expect(customer.transcript().said).toEqual(['Moved.']);
    expect(server.paths()).not.toContain('POST /dial-done');
    expect(server.received.filter((request) => request.path === '/leg-events').at(-1)?.params).toMatchObject({ CallStatus: 'completed', CallDuration: '10' });
  });

  it('cancels a ringing child with Status=canceled, and the Dial reports canceled', async () => {
    const { twilio, rest, server } = setUpWorld(routes);
    twilio.device('sato').live();
    twilio.startIncomingCall({ from: CUSTOMER, to: NUMBER, voiceUrl: '/voice' });
    await twilio.advance(3);
    const [repSid] = twilio.device('sato').ringing;
    const listed = await rest('GET', `/Calls.json?ParentCallSid=${twilio.legs()[0]!.sid}&Status=ringing`);
    expect(listed.body.calls.map((call: { sid: string }) => call.sid)).toEqual([repSid]);
    const canceled = await rest('POST', `/Calls/${repSid}.json`, { Status: 'canceled' });
    expect(canceled.body.status).toBe('canceled');
    await twilio.advance(1);
    expect(server.received.find((request) => request.path === '/dial-done')?.params.DialCallStatus).toBe('canceled');
    expect(twilio.device('sato').invites[0]?.state).toBe('canceled');
  });
});

describe('calls placed with the REST API', () => {
  it('rings the callee and fetches the Url when it answers; REST can hang it up', async () => {
    const { twilio, rest, server } = setUpWorld({ '/outbound': twiml('<Say>Hello from the API.</Say><Pause length="600"/>') });
    twilio.phone('+81312345678').answerAfter(6);
    const created = await rest('POST', '/Calls.json', { To: '+81312345678', From: NUMBER, Url: url('/outbound'), StatusCallback: url('/leg-events'), StatusCallbackEvent: ['initiated', 'answered', 'completed'] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ direction: 'outbound-api', status: 'queued', to: '+81312345678', to_formatted: '03-1234-5678', from: NUMBER, parent_call_sid: null });
    await twilio.advance(10);
    expect(twilio.leg(created.body.sid).hearing()).toEqual({ kind: 'silence' });
    expect((await rest('GET', `/Calls/${created.body.sid}.json`)).body).toMatchObject({ status: 'in-progress', start_time: 'Tue, 24 Nov 2026 00:00:00 +0000' });
    await rest('POST', `/Calls/${created.body.sid}.json`, { Status: 'completed' });
    await twilio.settle();
    const fetched = (await rest('GET', `/Calls/${created.body.sid}.json`)).body;
    expect(fetched).toMatchObject({ status: 'completed', duration: '4', end_time: 'Tue, 24 Nov 2026 00:00:10 +0000' });
    expect(server.received.filter((request) => request.path === '/leg-events').map((request) => request.params.CallStatus)).toEqual(['initiated', 'in-progress', 'completed']);
    expect(server.received.find((request) => request.path === '/outbound')?.params).toMatchObject({ Direction: 'outbound-api', CallStatus: 'in-progress', To: '+81312345678' });
    expect((await rest('POST', `/Calls/${created.body.sid}.json`, { Url: url('/outbound') })).body).toMatchObject({ code: 21220, status: 400 });
  });

  it('runs inline Twiml', async () => {
    const { twilio, rest } = setUpWorld({});
    twilio.device('sato').answerAfter(1);
    const created = await rest('POST', '/Calls.json', { To: 'client:sato', From: NUMBER, Twiml: '<Response><Say>Inline.</Say></Response>' });
    const leg = await twilio.leg(created.body.sid).finish();
    expect(leg.said).toEqual(['Inline.']);
  });
});

describe('a scenario’s DialScript, once the call has moved into a room', () => {
  const routes = {
    '/voice': twiml('<Dial action="/dial-done" timeout="20"><Client>sato</Client></Dial>'),
    '/dial-done': twiml('<Dial><Conference endConferenceOnExit="true" participantLabel="customer">room-1</Conference></Dial>'),
    '/into-room': twiml('<Dial><Conference participantLabel="rep">room-1</Conference></Dial>'),
  };

  it.each([
    ['the rep', 'callee' as const, 'rep', false],
    ['the caller', 'caller' as const, 'customer', true],
  ])('still has %s hang up after talkSeconds, in the room', async (_, hungUpBy, who, customerGone) => {
    const { twilio, rest, server } = setUpWorld(routes);
    const customer = twilio.startIncomingCall({ from: CUSTOMER, to: NUMBER, voiceUrl: '/voice', script: { dial: { answeredBy: 'sato', ringSeconds: 2, talkSeconds: 40, hungUpBy } } });
    await twilio.runUntil(() => twilio.device('sato').connected.length > 0);
    await twilio.advance(10);
    await rest('POST', `/Calls/${twilio.device('sato').connected[0]}.json`, { Url: url('/into-room') });
    await twilio.advance(40);
    const room = twilio.conference('room-1');
    expect(room.describe().split('\n').find((line) => line.includes('participant-leave'))).toBe(`+30s participant-leave ${who} (ParticipantCallStatus=completed ReasonParticipantLeft=participant_hung_up)`);
    expect(server.paths()).toContain('POST /into-room');
    // Left alone, the customer stays in the room (the rep has no endConferenceOnExit).
    expect(customer.ended).toBe(customerGone);
    if (!customerGone) expect(customer.hearing()).toEqual({ kind: 'room', hears: [] });
  });
});

describe('a rep’s browser calling out through a room (twilio-conference.md §3.3)', () => {
  it('puts the rep in a room named by their CallSid, and the customer joins when the server adds them', async () => {
    const { twilio, rest } = setUpWorld({
      '/twilio/voice/outgoing': (params) =>
        twiml(`<Dial><Conference startConferenceOnEnter="true" endConferenceOnExit="true" participantLabel="rep" statusCallback="/conf-events" statusCallbackEvent="join">${params.CallSid}</Conference></Dial>`),
      '/conf-events': async (params) => {
        if (params.ParticipantLabel === 'rep') {
          await rest('POST', `/Conferences/${params.ConferenceSid}/Participants.json`, { From: NUMBER, To: params.To ?? '+81312345678', Label: 'customer', EarlyMedia: 'true', EndConferenceOnExit: 'true' });
        }
        return twiml('');
      },
    });
    twilio.phone('+81312345678').answerAfter(6);
    const rep = twilio.startOutgoingClientCall({ identity: 'sato', params: { To: '+81312345678' } });
    await twilio.advance(3);
    expect(rep.hearing()).toEqual({ kind: 'wait', audio: expect.any(String) });
    await twilio.advance(4);
    expect(rep.hearing()).toEqual({ kind: 'room', hears: ['customer'] });
    await twilio.device('sato').hangUp();
    expect(twilio.conference(rep.sid).reasonEnded).toBe('participant-with-end-conference-on-exit-left');
    await twilio.settle();
    expect(twilio.phone('+81312345678').connected).toEqual([]);
  });
});
