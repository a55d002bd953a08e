import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { CallHandle } from '../../emulators/twilio-call/index.ts';
import { CUSTOMER, teamForFile } from './call-control-support.ts';

/**
 * "No missed caller forgotten" (store/follow-ups.ts) after a transfer: 佐藤 answers, then hands the
 * caller on. A caller whom the handover left with nobody of ours — on hold while the blind transfer
 * still rang, or at the voicemail greeting after nobody took it — and who hung up without leaving a
 * message is a missed call to follow up, though 佐藤 answered first. A caller still with a rep is not.
 */

const team = teamForFile({
  reset: async (team) => void (await sql`truncate follow_ups, follow_up_calls, crm_outbox`.execute(team.store.db)),
});

async function followUpsOf(callSid: string) {
  const { db } = team.store;
  return {
    followUps: await db.selectFrom('follow_ups').select(['kind', 'caller_number', 'first_call_sid']).execute(),
    links: await db.selectFrom('follow_up_calls').select(['call_sid', 'kind']).execute(),
    tasks: await db.selectFrom('crm_outbox').select('call_sid').where('kind', '=', 'create-task').execute(),
    call: await db.selectFrom('calls').select(['status', 'reason']).where('call_sid', '=', callSid).executeTakeFirstOrThrow(),
  };
}

/** Twilio sends the parent call's final status callback again (its retry). */
async function retryFinalStatus(call: CallHandle) {
  const final = team.twilio.callbacks.filter((cb) => cb.kind === 'call-status' && cb.params.CallSid === call.sid && cb.params.CallStatus === 'completed');
  expect(final.length).toBeGreaterThan(0);
  await team.twilio.deliver(final);
}

describe('a caller a failed transfer left with nobody of ours', () => {
  it('who hangs up at the voicemail greeting gets one missed-call follow-up', async () => {
    const call = await team.answeredCall();
    team.twilio.device('suzuki').decline(2);
    team.twilio.device('sato').ignore(); // 佐藤 has stepped away: the ring-back goes unanswered
    expect((await team.act('sato', 'POST', `/api/calls/${call.sid}/transfer`, { to: { user: 'suzuki' }, mode: 'blind' })).status).toBe(200);
    await team.twilio.runUntil(() => call.hearing().kind === 'say', 120);
    expect(call.hearing().kind).toBe('say'); // the unavailable message, before the beep
    await call.hangUp();
    await team.twilio.advance(30);
    await retryFinalStatus(call);

    expect(await team.history(call.sid)).toEqual(expect.arrayContaining(['transfer-failed suzuki {"outcome":"busy"}', 'recall-failed sato {"outcome":"no-answer"}']));
    expect(await followUpsOf(call.sid)).toEqual({
      followUps: [{ kind: 'missed', caller_number: CUSTOMER, first_call_sid: call.sid }],
      links: [{ call_sid: call.sid, kind: 'missed' }],
      tasks: [{ call_sid: call.sid }],
      // Answered (talk time counted), and why it still needs a call back.
      call: { status: 'completed', reason: 'transfer-failed' },
    });
  });

  it('who hangs up on hold while the blind transfer still rings gets one missed-call follow-up', async () => {
    const call = await team.answeredCall();
    expect((await team.act('sato', 'POST', `/api/calls/${call.sid}/transfer`, { to: { user: 'suzuki' }, mode: 'blind' })).status).toBe(200);
    await team.twilio.advance(6); // 鈴木's phone rings; the caller hears hold music alone
    expect(team.twilio.device('sato').connected).toEqual([]);
    await call.hangUp();
    await team.twilio.advance(30);
    await retryFinalStatus(call);

    const { followUps, links, tasks, call: logged } = await followUpsOf(call.sid);
    expect({ followUps, links, tasks, call: logged }).toEqual({
      followUps: [{ kind: 'missed', caller_number: CUSTOMER, first_call_sid: call.sid }],
      links: [{ call_sid: call.sid, kind: 'missed' }],
      tasks: [{ call_sid: call.sid }],
      call: { status: 'completed', reason: 'transfer-failed' },
    });
  });

  it('who leaves a message keeps one voicemail follow-up', async () => {
    const call = await team.answeredCall();
    team.twilio.device('suzuki').decline(2);
    team.twilio.device('sato').ignore();
    expect((await team.act('sato', 'POST', `/api/calls/${call.sid}/transfer`, { to: { user: 'suzuki' }, mode: 'blind' })).status).toBe(200);
    await call.finish(300);
    await team.twilio.advance(30);

    const { followUps, links, tasks } = await followUpsOf(call.sid);
    expect({ followUps, links, tasks }).toEqual({
      followUps: [{ kind: 'voicemail', caller_number: CUSTOMER, first_call_sid: call.sid }],
      links: [{ call_sid: call.sid, kind: 'voicemail' }],
      tasks: [{ call_sid: call.sid }],
    });
  });
});

describe('a caller still with one of us has nothing to follow up', () => {
  it('when the colleague took the blind transfer', async () => {
    const call = await team.answeredCall();
    team.twilio.device('suzuki').answerAfter(2).hangUpAfter(null);
    await team.act('sato', 'POST', `/api/calls/${call.sid}/transfer`, { to: { user: 'suzuki' }, mode: 'blind' });
    await team.twilio.advance(10);
    expect(call.hearing()).toEqual({ kind: 'room', hears: ['rep:suzuki'] });
    await call.hangUp();
    await team.twilio.advance(30);

    expect(await followUpsOf(call.sid)).toEqual({ followUps: [], links: [], tasks: [], call: { status: 'completed', reason: null } });
  });

  it('when they hang up during a consult, their rep still on the line', async () => {
    const call = await team.answeredCall();
    team.twilio.device('suzuki').answerAfter(2).hangUpAfter(null);
    await team.act('sato', 'POST', `/api/calls/${call.sid}/transfer`, { to: { user: 'suzuki' }, mode: 'warm' });
    await team.twilio.advance(5);
    await call.hangUp();
    await team.twilio.advance(30);

    expect(await followUpsOf(call.sid)).toEqual({ followUps: [], links: [], tasks: [], call: { status: 'completed', reason: null } });
  });
});
