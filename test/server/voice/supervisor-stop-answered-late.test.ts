import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cachedTwilioCredentials } from '../../../server/routes/twilio/credentials.ts';
import { runRoomOperations } from '../../../server/services/call-control/room-operations.ts';
import { loadCallRoom } from '../../../server/store/call-parties.ts';
import { createRoomClient, type RoomClient } from '../../../server/twilio/room-client.ts';
import { planRequest } from '../../../server/voice/call-control.ts';
import { createTeam, inRoom, resetTeam, type Team } from './call-control-support.ts';

/**
 * A supervisor's Stop takes their leg out of the room, then marks it as leaving until Twilio reports
 * it gone (store/call-parties.ts `markLeaving`). Twilio's answer to the take-out can reach us after
 * its report of the leg gone (the REST answer is slow, or retried), and by then the supervisor may
 * have asked for the same call again: the mark is for the leg that was taken out, never for the new
 * one under the same label.
 */

let team: Team;

beforeAll(async () => {
  team = await createTeam();
});
afterAll(() => team.close());
beforeEach(() => resetTeam(team));

const monitor = (callSid: string, mode: 'listen' | 'whisper' | 'barge') => team.act('kanri', 'POST', `/api/calls/${callSid}/monitor`, { mode });

describe('a Stop whose answer from Twilio comes after the supervisor asked for the call again', () => {
  it('marks only the leg it took out: their new leg switches mode at once', async () => {
    const a = await team.answeredCall();
    const kanri = team.twilio.device('kanri').answerAfter(1).hangUpAfter(null);
    expect((await monitor(a.sid, 'listen')).status).toBe(200);
    await team.twilio.advance(3);
    const oldLeg = kanri.connected[0]!;

    // The Stop, as the server plans it from the call it read.
    const room = (await loadCallRoom(team.store.db, a.sid))!;
    const decision = planRequest(room, { id: 'kanri', role: 'supervisor' }, { kind: 'stop-monitor' });
    if (!decision.ok) throw new Error(decision.refusal);
    const twilio = createRoomClient(cachedTwilioCredentials(team.deps), team.deps.twilioApiUrl);
    const slowAnswer: RoomClient = {
      ...twilio,
      async kick(conferenceSid, label) {
        const answer = await twilio.kick(conferenceSid, label);
        // Before this answer reaches the server: Twilio reports the leg gone, and 管理 clicks A again.
        await team.twilio.advance(2);
        expect(team.twilio.leg(oldLeg).ended).toBe(true);
        expect((await monitor(a.sid, 'listen')).status).toBe(200);
        return answer;
      },
    };
    await runRoomOperations(team.deps, slowAnswer, room, decision.plan.operations);
    await team.twilio.advance(3);
    const newLeg = kanri.connected[0]!;
    expect(newLeg).not.toBe(oldLeg);
    expect(inRoom(team.twilio.leg(newLeg))).toEqual(['customer', 'rep:sato']);

    // Their new leg is not one on its way out: a switch of mode is done at once, not held for its "leave".
    const started = performance.now();
    const whisper = await monitor(a.sid, 'whisper');
    expect(whisper.status, JSON.stringify(whisper.body)).toBe(200);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(await team.parties(a.sid)).toContain('sup:kanri monitor talking');
  });
});
