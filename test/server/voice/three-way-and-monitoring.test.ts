import { describe, expect, it } from 'vitest';
import { CUSTOMER, OUTSIDE, teamForFile, type Team } from './call-control-support.ts';

/** Who a leg hears in its room, in alphabetical order (the order of joining does not matter). */
const inRoom = (leg: { hearing(): { kind: string; hears?: readonly string[] } }) => {
  const hearing = leg.hearing();
  return hearing.kind === 'room' ? [...(hearing.hears ?? [])].sort() : hearing;
};
const team = teamForFile();

describe('adding a party (3-way)', () => {
  it('rings a colleague into the conversation; the rep who added them may leave and the others carry on', async () => {
    const call = await team.answeredCall();
    team.twilio.device('tanaka').answerAfter(3).hangUpAfter(null);
    const added = await team.act('sato', 'POST', `/api/calls/${call.sid}/participants`, { to: { user: 'tanaka' } });
    expect(added.status).toBe(200);
    await team.twilio.advance(5);
    expect(inRoom(call)).toEqual(['rep:sato', 'rep:tanaka']);

    expect((await team.act('sato', 'POST', `/api/calls/${call.sid}/leave`)).status).toBe(200);
    await team.twilio.advance(2);
    expect(inRoom(call)).toEqual(['rep:tanaka']);
    const live = await team.act('tanaka', 'GET', `/api/calls/${call.sid}/live`);
    expect(live.body).toMatchObject({ ownerId: 'tanaka', parties: [{ label: 'customer' }, { label: 'rep:tanaka', name: '田中 次郎', state: 'talking' }] });
  });

  it('an outside party can leave, and then the rep; the room ends with the last of us', async () => {
    const call = await team.answeredCall();
    team.twilio.phone(OUTSIDE).answerAfter(3).hangUpAfter(20);
    await team.act('sato', 'POST', `/api/calls/${call.sid}/participants`, { to: { number: '03-5555-1234' } });
    await team.twilio.advance(5);
    expect(inRoom(call)).toEqual(['guest:1', 'rep:sato']);
    await team.twilio.advance(20);
    expect(inRoom(call)).toEqual(['rep:sato']);
    await team.twilio.device('sato').hangUp();
    await call.finish();
    expect(await team.history(call.sid)).toEqual([
      'answered sato',
      'add sato +81355551234',
      'add-answered +81355551234',
      'left +81355551234',
      'left sato',
      'customer-left',
      'room-ended {"reason":"conference-ended-via-api"}',
    ]);
  });

  it.each([
    ['a colleague', (team: Team) => team.twilio.device('tanaka').ignore(), { user: 'tanaka' }, 'tanaka'],
    ['an outside number', (team: Team) => team.twilio.phone(OUTSIDE).ignore(), { number: '03-5555-1234' }, OUTSIDE],
  ])('if the rep leaves while %s still rings and it is never answered, the call ends rather than leave the caller alone', async (_, party, to, subject) => {
    const call = await team.answeredCall();
    party(team);
    expect((await team.act('sato', 'POST', `/api/calls/${call.sid}/participants`, { to })).status).toBe(200);
    await team.twilio.advance(2);
    expect((await team.act('sato', 'POST', `/api/calls/${call.sid}/leave`)).status).toBe(200);
    await team.twilio.advance(2);
    // Still ringing: whoever answers takes the caller.
    expect(call.ended).toBe(false);
    await team.twilio.advance(60);
    expect(call.ended).toBe(true);
    expect(await team.history(call.sid)).toEqual([
      'answered sato',
      `add sato ${subject}`,
      'left sato',
      `add-failed ${subject} {"outcome":"no-answer"}`,
      'customer-left',
      'room-ended {"reason":"conference-ended-via-api"}',
    ]);
  });

  it('an added party who never answers changes nothing for the rep still on the call', async () => {
    const call = await team.answeredCall();
    team.twilio.phone(OUTSIDE).decline(3);
    await team.act('sato', 'POST', `/api/calls/${call.sid}/participants`, { to: { number: '03-5555-1234' } });
    await team.twilio.advance(40);
    expect(call.ended).toBe(false);
    expect(inRoom(call)).toEqual(['rep:sato']);
  });

  it('the customer leaving ends the call for the others', async () => {
    const call = await team.answeredCall();
    team.twilio.device('tanaka').answerAfter(2).hangUpAfter(null);
    await team.act('sato', 'POST', `/api/calls/${call.sid}/participants`, { to: { user: 'tanaka' } });
    await team.twilio.advance(4);
    await call.hangUp();
    await team.twilio.advance(2);
    expect(team.twilio.device('sato').connected).toEqual([]);
    expect(team.twilio.device('tanaka').connected).toEqual([]);
  });
});

describe('a supervisor', () => {
  it('listens unheard, whispers to the rep only, then barges in', async () => {
    const call = await team.answeredCall();
    team.twilio.device('kanri').answerAfter(1).hangUpAfter(null);
    const listen = await team.act('kanri', 'POST', `/api/calls/${call.sid}/monitor`, { mode: 'listen' });
    expect(listen.status).toBe(200);
    await team.twilio.advance(3);
    expect(team.twilio.device('kanri').invites[0]?.customParameters).toMatchObject({ invitePurpose: 'monitor', parentCallSid: call.sid, callerNumber: CUSTOMER });
    const sato = team.twilio.leg(team.twilio.device('sato').connected[0]!);
    const kanri = team.twilio.leg(team.twilio.device('kanri').connected[0]!);
    expect(inRoom(kanri)).toEqual(['customer', 'rep:sato']);
    expect(inRoom(call)).toEqual(['rep:sato']);
    expect(inRoom(sato)).toEqual(['customer']);

    expect((await team.act('kanri', 'POST', `/api/calls/${call.sid}/monitor`, { mode: 'whisper' })).status).toBe(200);
    await team.twilio.settle();
    expect(inRoom(sato)).toEqual(['customer', 'sup:kanri']);
    expect(inRoom(call)).toEqual(['rep:sato']);

    await team.act('kanri', 'POST', `/api/calls/${call.sid}/monitor`, { mode: 'barge' });
    await team.twilio.settle();
    expect(inRoom(call)).toEqual(['rep:sato', 'sup:kanri']);

    // The rep sees who is monitoring, and how.
    const live = await team.act('sato', 'GET', `/api/calls/${call.sid}/live`);
    expect(live.body.parties).toContainEqual(expect.objectContaining({ label: 'sup:kanri', kind: 'supervisor', monitor: 'barge', name: '管理 美香' }));
    expect(await team.history(call.sid)).toEqual([
      'answered sato',
      'monitor kanri {"mode":"listen"}',
      'monitor kanri sato {"mode":"whisper"}',
      'monitor kanri {"mode":"barge"}',
    ]);
  });

  it('is the only one who may monitor, and sees every live call', async () => {
    const call = await team.answeredCall();
    expect((await team.act('tanaka', 'POST', `/api/calls/${call.sid}/monitor`, { mode: 'listen' })).status).toBe(403);
    const calls = await team.act('kanri', 'GET', '/api/calls/live');
    expect(calls.body.calls).toEqual([expect.objectContaining({ callSid: call.sid, ownerId: 'sato', state: 'live' })]);
    const tanakas = await team.act('tanaka', 'GET', '/api/calls/live');
    expect(tanakas.body.calls).toEqual([]);
  });

  it('must be online to monitor (their phone takes the listening leg)', async () => {
    const call = await team.answeredCall();
    await team.goOffline('kanri');
    const refused = await team.call('POST', `/api/calls/${call.sid}/monitor`, { token: team.tokens.kanri, body: { mode: 'listen' } });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ error: { code: 'go_online_to_monitor' } });
  });
});
