import { afterEach, describe, expect, it } from 'vitest';
import { CUSTOMER, SALES, teamForFile } from './call-control-support.ts';

/**
 * A call on its way into its room (`joining`) as the call card and the supervisor's list see it: the
 * customer and the rep were answered and talk on the ring `<Dial>`'s bridge until the room takes
 * them, so they are listed as talking, not ringing (server/services/call-control/live-view.ts).
 */

const team = teamForFile();
afterEach(() => {
  team.twilio.restFaults.length = 0;
});

const UNREACHABLE = { status: 503, code: 20503, message: 'Service Unavailable' } as const;

const partiesOf = (body: { parties: { label: string; state: string }[] }) => body.parties.map((party) => `${party.label} ${party.state}`);

describe('a call moving into its room', () => {
  it('lists the customer and the rep as talking since the answer while a late move takes them in', async () => {
    team.twilio.device('sato').answerAfter(3).hangUpAfter(null);
    // The redirect at the answer and the client's 3 retries fail: the call stays the plain bridge.
    team.twilio.restFaults.push({ method: 'POST', path: /^\/Calls\/CA\w+\.json$/, error: UNREACHABLE, times: 4 });
    const call = team.twilio.startIncomingCall({ from: CUSTOMER, to: SALES.number });
    await team.twilio.runUntil(() => team.twilio.device('sato').connected.length === 1, 60);
    const answeredAt = (await team.act('sato', 'GET', `/api/calls/${call.sid}/live`)).body.answeredAt as string;

    // A click tries the move at once; Twilio answers this time, and the legs are on their way in.
    expect(await team.act('sato', 'POST', `/api/calls/${call.sid}/hold`)).toMatchObject({ status: 409, body: { error: { code: 'call_moving' } } });
    await team.settled();
    const moving = (await team.act('sato', 'GET', `/api/calls/${call.sid}/live`)).body;
    expect(moving.state).toBe('joining');
    expect(partiesOf(moving)).toEqual(['customer talking', 'rep:sato talking']);
    expect(moving.parties.map((party: { since: string | null }) => party.since)).toEqual([answeredAt, answeredAt]);
    // The supervisor's list says the same.
    const listed = (await team.act('kanri', 'GET', '/api/calls/live')).body.calls.find((live: { callSid: string }) => live.callSid === call.sid);
    expect(partiesOf(listed)).toEqual(['customer talking', 'rep:sato talking']);
    // What the room's events go by stays as Twilio reported it: neither leg has joined yet.
    expect(await team.parties(call.sid)).toEqual(['customer customer ringing', 'rep:sato answer ringing']);

    await team.twilio.runUntil(() => team.twilio.conferences().some((room) => room.friendlyName === call.sid && room.participants().length === 2), 10);
    await team.twilio.advance(1);
    await team.settled();
    const live = (await team.act('sato', 'GET', `/api/calls/${call.sid}/live`)).body;
    expect(live.state).toBe('live');
    expect(partiesOf(live)).toEqual(['customer talking', 'rep:sato talking']);
  });
});
