import { describe, expect, it } from 'vitest';
import { describeCallbacks } from '../../emulators/twilio-call/index.ts';
import { twiml } from './tiny-twiml-server.ts';
import { CUSTOMER, NUMBER, setUpWorld, url } from './twilio-world.ts';

type Delivery = Parameters<ReturnType<typeof setUpWorld>['twilio']['startIncomingCall']>[0]['callbacks'];

/**
 * A warm transfer as our server runs it (twilio-conference.md §3.1, §4.3). The tiny server reacts to
 * conference events the way ours does, making REST requests while it answers the webhook: rep A is
 * added when the customer joins, and when B joins the customer comes off hold and A is kicked. The
 * test plays rep A: 20 s into the call A puts the customer on hold and consults B.
 */
function warmTransfer(callbacks: Delivery = {}) {
  const world = setUpWorld({
    '/voice': twiml('<Dial action="/done"><Conference startConferenceOnEnter="false" endConferenceOnExit="true" participantLabel="customer" statusCallback="/conf-events" statusCallbackEvent="start end join leave hold">room-1</Conference></Dial>'),
    '/done': twiml('<Hangup/>'),
    '/conf-events': async (params) => {
      if (params.StatusCallbackEvent === 'participant-join' && params.ParticipantLabel === 'customer') {
        await world.rest('POST', `/Conferences/${params.ConferenceSid}/Participants.json`, { From: NUMBER, To: 'client:a', Label: 'rep:a', StatusCallback: url('/leg-events'), StatusCallbackEvent: ['answered', 'completed'] });
      }
      if (params.StatusCallbackEvent === 'participant-join' && params.ParticipantLabel === 'rep:b') {
        await world.rest('POST', `/Conferences/${params.ConferenceSid}/Participants/customer.json`, { Hold: 'false' });
        await world.rest('DELETE', `/Conferences/${params.ConferenceSid}/Participants/rep:a.json`);
      }
      return twiml('');
    },
  });
  const rest = world.rest;
  const run = async () => {
    world.twilio.device('a').answerAfter(3);
    world.twilio.device('b').answerAfter(5).hangUpAfter(60);
    const call = world.twilio.startIncomingCall({ from: CUSTOMER, to: NUMBER, voiceUrl: '/voice', callbacks, hangUpAfter: 120 });
    await world.twilio.advance(23);
    const room = world.twilio.conference('room-1');
    await rest('POST', `/Conferences/${room.sid}/Participants/customer.json`, { Hold: 'true', HoldUrl: url('/hold') });
    await rest('POST', `/Conferences/${room.sid}/Participants.json`, { From: NUMBER, To: 'client:b', Label: 'rep:b', EarlyMedia: 'true' });
    await world.twilio.advance(3);
    const consulting = { customer: call.hearing(), a: world.twilio.leg(world.twilio.device('a').connected[0]!).hearing() };
    return { call: await call.finish(), consulting, room };
  };
  return { ...world, run };
}

describe('REST requests our server makes while it answers a webhook', () => {
  it('are applied at once, and what they cause happens right after the webhook', async () => {
    const world = warmTransfer();
    const { call, room, consulting } = await world.run();
    expect(consulting).toEqual({ customer: { kind: 'hold', audio: null }, a: { kind: 'room', hears: ['rep:b (ringing)'] } });
    expect(room.describe()).toMatchInlineSnapshot(`
      "+0s participant-join customer
      +0s REST POST /Conferences/CF239126bd675bd1223f5db9e0278cdcb2/Participants.json From=+815012345678 To=client:a Label=rep:a StatusCallback=https://yobidashi.example.jp/leg-events StatusCallbackEvent=answered,completed → 201
      +3s participant-join rep:a
      +3s conference-start
      +23s REST POST /Conferences/CF239126bd675bd1223f5db9e0278cdcb2/Participants/customer.json Hold=true HoldUrl=https://yobidashi.example.jp/hold → 200
      +23s participant-hold customer
      +23s REST POST /Conferences/CF239126bd675bd1223f5db9e0278cdcb2/Participants.json From=+815012345678 To=client:b Label=rep:b EarlyMedia=true → 201
      +28s participant-join rep:b
      +28s REST POST /Conferences/CF239126bd675bd1223f5db9e0278cdcb2/Participants/customer.json Hold=false → 200
      +28s participant-unhold customer
      +28s REST DELETE /Conferences/CF239126bd675bd1223f5db9e0278cdcb2/Participants/rep:a.json → 204
      +28s participant-leave rep:a (ParticipantCallStatus=in-progress ReasonParticipantLeft=participant_updated_via_api)
      +88s participant-leave rep:b (ParticipantCallStatus=completed ReasonParticipantLeft=participant_hung_up)
      +120s participant-leave customer (ParticipantCallStatus=completed ReasonParticipantLeft=participant_hung_up)
      +120s conference-end (CallSidEndingConference=CAf7e79d2b47f666309ce301f0b8829f5c ParticipantLabelEndingConference=customer Reason=Participant CAf7e79d2b47f666309ce301f0b8829f5c with endConferenceOnExit left the conference ReasonConferenceEnded=participant-with-end-conference-on-exit-left)"
    `);
    // B hung up after 60 s of talking; the customer stayed alone in the room until hanging up.
    expect(call.durationSeconds).toBe(120);
    expect(describeCallbacks(call.callbacks)).toMatchInlineSnapshot(`
      "/conf-events conference #1 participant-join customer
      /leg-events status CA7d3888 in-progress #0
      /conf-events conference #2 participant-join rep:a
      /conf-events conference #3 conference-start
      /conf-events conference #4 participant-hold customer
      /conf-events conference #5 participant-join rep:b
      /conf-events conference #6 participant-unhold customer
      /conf-events conference #7 participant-leave rep:a (participant_updated_via_api)
      /leg-events status CA7d3888 completed #1 25 s
      /conf-events conference #8 participant-leave rep:b (participant_hung_up)
      /conf-events conference #9 participant-leave customer (participant_hung_up)
      /conf-events conference #10 conference-end (participant-with-end-conference-on-exit-left)"
    `);
  });
});

describe('the same scenario twice', () => {
  it('gives the same SIDs, the same requests in the same order, and the same stories', async () => {
    const once = async () => {
      const world = warmTransfer();
      const { call, room } = await world.run();
      return {
        requests: world.server.received.map((request) => [request.method, request.path, request.params, request.headers['i-twilio-idempotency-token']]),
        rest: world.twilio.restRequests,
        stories: world.twilio.legs().map((leg) => leg.describe()),
        room: room.describe(),
        callSid: call.callSid,
      };
    };
    expect(await once()).toEqual(await once());
  });
});

describe('conference callbacks delivered twice and out of order', () => {
  /** Customer and rep in a room, driven by the test alone (callbacks may not arrive while it runs). */
  async function roomCall(callbacks: Delivery) {
    const world = setUpWorld({
      '/voice': twiml('<Dial><Conference endConferenceOnExit="true" participantLabel="customer" statusCallback="/conf-events" statusCallbackEvent="start end join leave hold mute">room-1</Conference></Dial>'),
      '/rep': twiml('<Dial><Conference participantLabel="rep">room-1</Conference></Dial>'),
    });
    const customer = world.twilio.startIncomingCall({ from: CUSTOMER, to: NUMBER, voiceUrl: '/voice', callbacks, statusCallback: '/status' });
    world.twilio.startIncomingCall({ from: '+819033334444', to: NUMBER, voiceUrl: '/rep' });
    await world.twilio.advance(5);
    const participant = `/Conferences/${world.twilio.conference('room-1').sid}/Participants/customer.json`;
    await world.rest('POST', participant, { Hold: 'true' });
    await world.twilio.advance(5);
    await world.rest('POST', participant, { Hold: 'false', Muted: 'true' });
    await world.twilio.advance(5);
    return { ...world, call: await customer.hangUp().then(() => customer.finish()) };
  }

  it('sends the room’s callbacks with the call’s, twice and shuffled after the call — the same way for the same seed', async () => {
    const order = async () => {
      const { server } = await roomCall({ mode: 'after-call', duplicate: true, shuffleSeed: 5 });
      return server.received.filter((request) => request.path === '/conf-events').map((request) => Number(request.params.SequenceNumber));
    };
    const first = await order();
    expect([...first].sort((a, b) => a - b)).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9]);
    expect(first).not.toEqual([...first].sort((a, b) => a - b));
    expect(await order()).toEqual(first);
  });

  it('keeps them for the test in manual mode, with a retry’s idempotency token', async () => {
    const { call, server, twilio } = await roomCall({ mode: 'manual' });
    expect(server.received.filter((request) => request.path === '/conf-events')).toEqual([]);
    const events = call.callbacks.filter((callback) => callback.kind === 'conference-status');
    expect(events.map((callback) => callback.params.StatusCallbackEvent)).toEqual([
      'participant-join', 'participant-join', 'conference-start', 'participant-hold', 'participant-mute', 'participant-unhold', 'participant-leave', 'participant-leave', 'conference-end',
    ]);
    await twilio.deliver(events.slice(0, 1), { duplicate: true });
    const [once, again] = server.received.filter((request) => request.path === '/conf-events');
    expect(once?.headers['i-twilio-idempotency-token']).toBe(again?.headers['i-twilio-idempotency-token']);
  });
});
