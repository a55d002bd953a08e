import { describe, expect, it } from 'vitest';
import { OUTSIDE, inRoom, teamForFile } from './call-control-support.ts';

/**
 * A supervisor's monitoring while the call moves: a rep rung back or handed the call is on a new leg,
 * and the whisper must reach the rep who has the call now; the mode the server shows is the one
 * Twilio applies; a supervisor never leaves the caller in a silent room; Stop works while their own
 * monitoring leg still rings.
 */

const team = teamForFile();

/** 佐藤 transfers to 鈴木, who declines; 佐藤 answers the ring-back and is back on the call on a new leg. */
async function rungBack(callSid: string): Promise<void> {
  team.twilio.device('suzuki').decline(2);
  team.twilio.device('sato').answerAfter(2).hangUpAfter(null);
  expect((await team.act('sato', 'POST', `/api/calls/${callSid}/transfer`, { to: { user: 'suzuki' }, mode: 'blind' })).status).toBe(200);
  await team.twilio.advance(10);
}

const lastCoached = () => team.twilio.restRequests.filter((request) => request.form['CallSidToCoach']).at(-1)?.form['CallSidToCoach'];
const supervisor = (callSid: string) => team.twilio.conference(callSid).participant('sup:kanri');
const monitorShown = async (callSid: string) =>
  (await team.act('kanri', 'GET', `/api/calls/${callSid}/live`)).body.parties.find((party: { label: string }) => party.label === 'sup:kanri')?.monitor;

describe('whispering to a rep who came back on a new leg', () => {
  it('a supervisor joining to whisper after the ring-back coaches the rep on the call, not their old leg', async () => {
    const call = await team.answeredCall();
    await rungBack(call.sid);
    expect(inRoom(call)).toEqual(['rep:sato']);

    team.twilio.device('kanri').answerAfter(1).hangUpAfter(null);
    expect((await team.act('kanri', 'POST', `/api/calls/${call.sid}/monitor`, { mode: 'whisper' })).status).toBe(200);
    expect(lastCoached()).toBe(team.twilio.device('sato').connected[0]);
    await team.twilio.advance(3);
    expect(inRoom(team.twilio.leg(team.twilio.device('sato').connected[0]!))).toEqual(['customer', 'sup:kanri']);
    expect(inRoom(call)).toEqual(['rep:sato']);
  });

  it('a listening supervisor switching to whisper after the ring-back is heard by the rep', async () => {
    const call = await team.answeredCall();
    await rungBack(call.sid);
    team.twilio.device('kanri').answerAfter(1).hangUpAfter(null);
    expect((await team.act('kanri', 'POST', `/api/calls/${call.sid}/monitor`, { mode: 'listen' })).status).toBe(200);
    await team.twilio.advance(3);

    expect((await team.act('kanri', 'POST', `/api/calls/${call.sid}/monitor`, { mode: 'whisper' })).status).toBe(200);
    await team.twilio.settle();
    expect(inRoom(team.twilio.leg(team.twilio.device('sato').connected[0]!))).toEqual(['customer', 'sup:kanri']);
    expect(inRoom(call)).toEqual(['rep:sato']);
    expect(await monitorShown(call.sid)).toBe('whisper');
  });
});

describe('a whisper follows the call', () => {
  it('to the colleague who answers a transfer; asking for whisper again keeps coaching them', async () => {
    const call = await team.answeredCall();
    team.twilio.device('kanri').answerAfter(1).hangUpAfter(null);
    expect((await team.act('kanri', 'POST', `/api/calls/${call.sid}/monitor`, { mode: 'whisper' })).status).toBe(200);
    await team.twilio.advance(3);

    team.twilio.device('suzuki').answerAfter(2).hangUpAfter(null);
    expect((await team.act('sato', 'POST', `/api/calls/${call.sid}/transfer`, { to: { user: 'suzuki' }, mode: 'blind' })).status).toBe(200);
    await team.twilio.advance(10);
    const suzuki = team.twilio.leg(team.twilio.device('suzuki').connected[0]!);
    expect(inRoom(suzuki)).toEqual(['customer', 'sup:kanri']);
    expect(inRoom(call)).toEqual(['rep:suzuki']);
    expect(supervisor(call.sid)?.callSidToCoach).toBe(suzuki.sid);

    // The supervisor's screen already says whisper; asking again must not undo anything.
    expect((await team.act('kanri', 'POST', `/api/calls/${call.sid}/monitor`, { mode: 'whisper' })).status).toBe(200);
    await team.twilio.settle();
    expect(inRoom(suzuki)).toEqual(['customer', 'sup:kanri']);
    expect(await monitorShown(call.sid)).toBe('whisper');
  });

  it('to the colleague a consult hands the call to', async () => {
    const call = await team.answeredCall();
    team.twilio.device('kanri').answerAfter(1).hangUpAfter(null);
    await team.act('kanri', 'POST', `/api/calls/${call.sid}/monitor`, { mode: 'whisper' });
    await team.twilio.advance(3);
    team.twilio.device('suzuki').answerAfter(2).hangUpAfter(null);
    await team.act('sato', 'POST', `/api/calls/${call.sid}/transfer`, { to: { user: 'suzuki' }, mode: 'warm' });
    await team.twilio.advance(4);
    expect((await team.act('sato', 'POST', `/api/calls/${call.sid}/transfer/complete`)).status).toBe(200);
    await team.twilio.advance(3);
    const suzuki = team.twilio.leg(team.twilio.device('suzuki').connected[0]!);
    expect(inRoom(suzuki)).toEqual(['customer', 'sup:kanri']);
    expect(inRoom(call)).toEqual(['rep:suzuki']);
  });

  it('and with no rep left to coach, the supervisor goes back to listening', async () => {
    const call = await team.answeredCall();
    team.twilio.device('kanri').answerAfter(1).hangUpAfter(null);
    await team.act('kanri', 'POST', `/api/calls/${call.sid}/monitor`, { mode: 'whisper' });
    team.twilio.phone(OUTSIDE).answerAfter(2).hangUpAfter(null);
    await team.act('sato', 'POST', `/api/calls/${call.sid}/participants`, { to: { number: '03-5555-1234' } });
    await team.twilio.advance(5);
    expect((await team.act('sato', 'POST', `/api/calls/${call.sid}/leave`)).status).toBe(200);
    await team.twilio.advance(2);

    expect(inRoom(call)).toEqual(['guest:1']);
    expect(supervisor(call.sid)).toMatchObject({ muted: true, coaching: false });
    expect(await monitorShown(call.sid)).toBe('listen');
  });
});

describe('a mode switch Twilio refused', () => {
  it('leaves the mode Twilio still applies, on the server as at Twilio', async () => {
    const call = await team.answeredCall();
    team.twilio.device('kanri').answerAfter(1).hangUpAfter(null);
    expect((await team.act('kanri', 'POST', `/api/calls/${call.sid}/monitor`, { mode: 'listen' })).status).toBe(200);
    await team.twilio.advance(3);

    // 佐藤 hangs up, and Twilio's reports of it are late: the server still sees them on the call.
    const late: Request[] = [];
    team.routeWebhooks((request) => {
      late.push(request);
      return new Response('<Response/>', { headers: { 'Content-Type': 'text/xml' } });
    });
    await team.twilio.device('sato').hangUp();
    const refused = await team.act('kanri', 'POST', `/api/calls/${call.sid}/monitor`, { mode: 'whisper' });
    expect(refused.status).toBe(502);
    expect(supervisor(call.sid)).toMatchObject({ muted: true, coaching: false });
    expect(await monitorShown(call.sid)).toBe('listen');

    team.routeWebhooks(null);
    for (const request of late) await team.voice.request(request);
    await team.twilio.advance(2);
    // Only a listener was left: the room ends, as when the last voice leaves.
    expect(call.ended).toBe(true);
  });
});

describe('a barging supervisor left alone with the caller', () => {
  it('has taken the call over, so may not go back to listening (the caller would hear nobody), and ends the call by stopping', async () => {
    const call = await team.answeredCall();
    team.twilio.device('kanri').answerAfter(1).hangUpAfter(null);
    expect((await team.act('kanri', 'POST', `/api/calls/${call.sid}/monitor`, { mode: 'barge' })).status).toBe(200);
    await team.twilio.advance(3);
    expect((await team.act('sato', 'POST', `/api/calls/${call.sid}/leave`)).status).toBe(200);
    await team.twilio.advance(2);
    expect(inRoom(call)).toEqual(['sup:kanri']);

    // The call is theirs now (supervisor-take-over.test.ts): they talk on it as its rep.
    const listen = await team.act('kanri', 'POST', `/api/calls/${call.sid}/monitor`, { mode: 'listen' });
    expect(listen).toMatchObject({ status: 409, body: { error: { code: 'caller_would_be_alone' } } });
    await team.twilio.advance(5);
    expect(inRoom(call)).toEqual(['sup:kanri']);
    expect(supervisor(call.sid)).toMatchObject({ muted: false, coaching: false });
    expect(await monitorShown(call.sid)).toBeNull();

    expect((await team.act('kanri', 'DELETE', `/api/calls/${call.sid}/monitor`)).status).toBe(200);
    await team.twilio.advance(2);
    expect(call.ended).toBe(true);
  });
});

describe('stopping monitoring while the monitoring leg still rings', () => {
  it('is accepted and the supervisor’s phone stops ringing at once', async () => {
    const call = await team.answeredCall();
    team.twilio.device('kanri').ignore();
    expect((await team.act('kanri', 'POST', `/api/calls/${call.sid}/monitor`, { mode: 'listen' })).status).toBe(200);
    await team.twilio.advance(2);
    expect(team.twilio.device('kanri').ringing).toHaveLength(1);
    const leg = team.twilio.device('kanri').ringing[0]!;

    const stop = await team.act('kanri', 'DELETE', `/api/calls/${call.sid}/monitor`);
    expect(stop.status).toBe(200);
    const cancel = team.twilio.restRequests.at(-1);
    expect(cancel).toMatchObject({ method: 'POST', path: `/Calls/${leg}.json`, form: { Status: 'canceled' } });
    await team.twilio.advance(1);
    expect(team.twilio.device('kanri').ringing).toEqual([]);
    expect(team.twilio.leg(leg).ended).toBe(true);
    expect(await team.parties(call.sid)).toContain('sup:kanri monitor failed');
    expect(inRoom(call)).toEqual(['rep:sato']);
    expect(await team.history(call.sid)).toEqual(['answered sato', 'monitor kanri {"mode":"listen"}', 'monitor-stop kanri']);
  });
});
