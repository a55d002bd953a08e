import { describe, expect, it } from 'vitest';
import { PARTICIPANT_CREATES_PER_SECOND } from '../../emulators/twilio-call/index.ts';
import { customerInRoom, NUMBER, setUpWorld, url } from './twilio-world.ts';

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
