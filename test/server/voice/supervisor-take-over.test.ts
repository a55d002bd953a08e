import { describe, expect, it } from 'vitest';
import { OUTSIDE, inRoom, teamForFile } from './call-control-support.ts';

/**
 * A supervisor barges into 佐藤's call and 佐藤 then leaves (hangs up, or presses Leave): the
 * supervisor is the one talking with the customer, so the call becomes theirs (server/voice/monitoring.ts).
 * A supervisor who only listens or whispers never gets it: the call ends rather than leave the customer
 * in silence.
 */

const team = teamForFile({
  prepare: (team) => team.addUser({ id: 'kantoku', name: '監督 健', email: 'kantoku@example.jp', role: 'supervisor' }),
});

const owners = (callSid: string) =>
  team.store.db.selectFrom('calls').select(['rep_id', 'answered_by']).where('call_sid', '=', callSid).executeTakeFirstOrThrow();

/** 佐藤 answered; 管理 (the supervisor) joins the call in `mode`. */
async function monitored(mode: 'listen' | 'whisper' | 'barge') {
  const call = await team.answeredCall();
  team.twilio.device('kanri').answerAfter(1).hangUpAfter(null);
  expect((await team.act('kanri', 'POST', `/api/calls/${call.sid}/monitor`, { mode })).status).toBe(200);
  await team.twilio.advance(3);
  return call;
}

describe('a barging supervisor the rep leaves with the customer', () => {
  it.each([
    ['hangs up', async () => team.twilio.device('sato').hangUp()],
    ['presses Leave', async (callSid: string) => expect((await team.act('sato', 'POST', `/api/calls/${callSid}/leave`)).status).toBe(200)],
  ])('takes the call over when the rep %s: theirs in the live view, with a rep’s controls', async (_, leave) => {
    const call = await monitored('barge');
    await leave(call.sid);
    await team.twilio.advance(2);
    expect(inRoom(call)).toEqual(['sup:kanri']);

    expect(await owners(call.sid)).toEqual({ rep_id: 'kanri', answered_by: 'sato' });
    const live = await team.act('kanri', 'GET', `/api/calls/${call.sid}/live`);
    expect(live.body).toMatchObject({ ownerId: 'kanri', state: 'live' });
    expect(live.body.parties).toEqual([
      expect.objectContaining({ label: 'customer', state: 'talking' }),
      expect.objectContaining({ label: 'sup:kanri', kind: 'rep', purpose: 'monitor', monitor: null, name: '管理 美香', state: 'talking' }),
    ]);
    expect((await team.act('kanri', 'GET', '/api/calls/live')).body.calls).toEqual([expect.objectContaining({ callSid: call.sid, ownerId: 'kanri' })]);
    expect(await team.history(call.sid)).toEqual(['answered sato', 'monitor kanri {"mode":"barge"}', 'left sato', 'take-over kanri sato']);

    // Hold and resume, as the rep could.
    expect((await team.act('kanri', 'POST', `/api/calls/${call.sid}/hold`)).status).toBe(200);
    await team.twilio.advance(2);
    expect((await team.act('kanri', 'GET', `/api/calls/${call.sid}/live`)).body.hold).not.toBeNull();
    expect((await team.act('kanri', 'POST', `/api/calls/${call.sid}/resume`)).status).toBe(200);
    await team.twilio.advance(2);
    expect(inRoom(call)).toEqual(['sup:kanri']);

    // Leaving it ends the call, as the last of us leaving always does.
    expect((await team.act('kanri', 'POST', `/api/calls/${call.sid}/leave`)).status).toBe(200);
    await team.twilio.advance(3);
    expect(call.ended).toBe(true);
    expect(await owners(call.sid)).toEqual({ rep_id: 'kanri', answered_by: 'sato' });
    // The board has the supervisor wrapping the call up, as the rep who finished it.
    const board = await team.act('kanri', 'GET', '/api/board');
    expect(board.body.reps.find((card: { id: string }) => card.id === 'kanri')).toMatchObject({ state: 'wrap-up', call: { callSid: call.sid } });
    // Their after-call note is taken, as the rep's would be.
    const wrapUp = await team.act('kanri', 'PATCH', `/api/calls/${call.sid}`, { note: '見積もりを送付', disposition: 'call-back' });
    expect(wrapUp).toMatchObject({ status: 200, body: { note: '見積もりを送付', disposition: 'call-back' } });
  });

  it('takes the customer the rep left on hold off it', async () => {
    const call = await monitored('barge');
    expect((await team.act('sato', 'POST', `/api/calls/${call.sid}/hold`)).status).toBe(200);
    await team.twilio.advance(2);
    expect((await team.act('sato', 'POST', `/api/calls/${call.sid}/leave`)).status).toBe(200);
    await team.twilio.advance(3);
    expect(inRoom(call)).toEqual(['sup:kanri']);
    expect((await team.act('kanri', 'GET', `/api/calls/${call.sid}/live`)).body).toMatchObject({ ownerId: 'kanri', hold: null });
  });

  it('transfers it to a colleague, who then owns it', async () => {
    const call = await monitored('barge');
    await team.twilio.device('sato').hangUp();
    await team.twilio.advance(2);
    team.twilio.device('suzuki').answerAfter(2).hangUpAfter(null);
    expect((await team.act('kanri', 'POST', `/api/calls/${call.sid}/transfer`, { to: { user: 'suzuki' }, mode: 'blind' })).status).toBe(200);
    await team.twilio.advance(10);
    expect(inRoom(call)).toEqual(['rep:suzuki']);
    expect((await owners(call.sid)).rep_id).toBe('suzuki');
  });

  it('does not take a call the rep is handing to a colleague: the colleague gets it when they answer', async () => {
    const call = await monitored('barge');
    team.twilio.device('suzuki').answerAfter(4).hangUpAfter(null);
    expect((await team.act('sato', 'POST', `/api/calls/${call.sid}/transfer`, { to: { user: 'suzuki' }, mode: 'blind' })).status).toBe(200);
    await team.twilio.advance(2);
    expect((await owners(call.sid)).rep_id).toBe('sato');
    expect((await team.act('kanri', 'GET', `/api/calls/${call.sid}/live`)).body.parties).toContainEqual(
      expect.objectContaining({ label: 'sup:kanri', kind: 'supervisor', monitor: 'barge' }),
    );
    await team.twilio.advance(10);
    expect((await owners(call.sid)).rep_id).toBe('suzuki');
    expect(await team.history(call.sid)).not.toContain('take-over kanri sato');
  });
});

describe('a barging supervisor left the last of us with the customer in other ways', () => {
  it.each([
    ['while they barge: the rep is not rung back', 'transfer-failed suzuki {"outcome":"busy"}', async (callSid: string) => {
      team.twilio.device('kanri').answerAfter(1).hangUpAfter(null);
      expect((await team.act('kanri', 'POST', `/api/calls/${callSid}/monitor`, { mode: 'barge' })).status).toBe(200);
      await team.twilio.advance(3);
      expect((await team.act('sato', 'POST', `/api/calls/${callSid}/transfer`, { to: { user: 'suzuki' }, mode: 'blind' })).status).toBe(200);
    }],
    ['and they barge in while it rings the rep back, who does not answer', 'recall-failed sato {"outcome":"no-answer"}', async (callSid: string) => {
      expect((await team.act('sato', 'POST', `/api/calls/${callSid}/transfer`, { to: { user: 'suzuki' }, mode: 'blind' })).status).toBe(200);
      await team.twilio.advance(4);
      team.twilio.device('kanri').answerAfter(1).hangUpAfter(null);
      expect((await team.act('kanri', 'POST', `/api/calls/${callSid}/monitor`, { mode: 'barge' })).status).toBe(200);
    }],
  ])('when the rep’s blind transfer fails %s: the supervisor has it, the customer is not sent to voicemail', async (_, failed, scenario) => {
    const call = await team.answeredCall();
    team.twilio.device('suzuki').decline(2);
    team.twilio.device('sato').ignore();
    await scenario(call.sid);
    await team.twilio.advance(60);
    expect(call.ended).toBe(false);
    expect(call.hearing()).toEqual({ kind: 'room', hears: ['sup:kanri'] });
    expect((await owners(call.sid)).rep_id).toBe('kanri');
    expect((await team.act('kanri', 'GET', `/api/calls/${call.sid}/live`)).body).toMatchObject({ ownerId: 'kanri', hold: null, handover: null });
    const history = await team.history(call.sid);
    // The customer the transfer held is taken off hold: the supervisor is there for them.
    expect(history.slice(history.indexOf(failed))).toEqual([failed, 'take-over kanri sato', expect.stringMatching(/^resume /)]);
  });

  it('when the colleague the rep was consulting declines after the rep hung up: the supervisor has it, with no ring-back or voicemail', async () => {
    const call = await monitored('barge');
    team.twilio.device('suzuki').decline(4);
    expect((await team.act('sato', 'POST', `/api/calls/${call.sid}/transfer`, { to: { user: 'suzuki' }, mode: 'warm' })).status).toBe(200);
    await team.twilio.advance(1);
    await team.twilio.device('sato').hangUp();
    await team.twilio.advance(10);
    expect(call.ended).toBe(false);
    expect(call.hearing()).toEqual({ kind: 'room', hears: ['sup:kanri'] });
    expect((await team.act('kanri', 'GET', `/api/calls/${call.sid}/live`)).body).toMatchObject({ ownerId: 'kanri', hold: null, handover: null });
    // Their leaving made the consult a blind transfer, which then failed: the supervisor is there.
    expect((await team.history(call.sid)).slice(-3)).toEqual(['transfer-failed suzuki {"outcome":"busy"}', 'take-over kanri sato', expect.stringMatching(/^resume /)]);
  });

  it('when the rep left while the supervisor’s phone still rang: the call is theirs once they join', async () => {
    const call = await team.answeredCall();
    team.twilio.device('kanri').answerAfter(3).hangUpAfter(null);
    expect((await team.act('kanri', 'POST', `/api/calls/${call.sid}/monitor`, { mode: 'barge' })).status).toBe(200);
    await team.twilio.advance(1);
    expect((await team.act('sato', 'POST', `/api/calls/${call.sid}/leave`)).status).toBe(200);
    await team.twilio.advance(1);
    expect(call.ended).toBe(false); // someone who talks is on the way
    await team.twilio.advance(5);
    expect(inRoom(call)).toEqual(['sup:kanri']);
    expect((await owners(call.sid)).rep_id).toBe('kanri');
    expect((await team.act('kanri', 'POST', `/api/calls/${call.sid}/hold`)).status).toBe(200);
  });

  it('when they barge into a call the rep left to an outside party: nobody of ours had it', async () => {
    const call = await team.answeredCall();
    team.twilio.phone(OUTSIDE).answerAfter(2).hangUpAfter(null);
    expect((await team.act('sato', 'POST', `/api/calls/${call.sid}/participants`, { to: { number: '03-5555-1234' } })).status).toBe(200);
    await team.twilio.advance(4);
    expect((await team.act('sato', 'POST', `/api/calls/${call.sid}/leave`)).status).toBe(200);
    await team.twilio.advance(2);
    expect((await owners(call.sid)).rep_id).toBe('sato');

    team.twilio.device('kanri').answerAfter(1).hangUpAfter(null);
    expect((await team.act('kanri', 'POST', `/api/calls/${call.sid}/monitor`, { mode: 'barge' })).status).toBe(200);
    await team.twilio.advance(3);
    expect((await owners(call.sid)).rep_id).toBe('kanri');
    await team.twilio.phone(OUTSIDE).hangUp();
    await team.twilio.advance(2);
    expect(inRoom(call)).toEqual(['sup:kanri']);
    expect((await owners(call.sid)).rep_id).toBe('kanri');
    expect((await team.history(call.sid)).filter((line) => line.startsWith('take-over'))).toEqual(['take-over kanri sato']);
  });
});

describe('two supervisors barging when the rep leaves', () => {
  it('the first to barge takes the call; when they leave it, the other has it', async () => {
    const kantoku = await team.signIn('kantoku@example.jp');
    const asKantoku = async (method: string, path: string, body?: unknown) => {
      await team.goOnline('kantoku');
      const response = await team.call(method, path, { token: kantoku, ...(body === undefined ? {} : { body }) });
      return { status: response.status, body: (await response.json()) as { parties?: unknown[] } };
    };
    const call = await monitored('barge');
    team.twilio.device('kantoku').answerAfter(1).hangUpAfter(null);
    expect((await asKantoku('POST', `/api/calls/${call.sid}/monitor`, { mode: 'barge' })).status).toBe(200);
    await team.twilio.advance(3);

    await team.twilio.device('sato').hangUp();
    await team.twilio.advance(2);
    expect(inRoom(call)).toEqual(['sup:kanri', 'sup:kantoku']);
    expect((await owners(call.sid)).rep_id).toBe('kanri');
    expect((await asKantoku('GET', `/api/calls/${call.sid}/live`)).body.parties).toContainEqual(
      expect.objectContaining({ label: 'sup:kantoku', kind: 'supervisor', monitor: 'barge' }),
    );

    expect((await team.act('kanri', 'POST', `/api/calls/${call.sid}/leave`)).status).toBe(200);
    await team.twilio.advance(3);
    expect(call.ended).toBe(false);
    expect(inRoom(call)).toEqual(['sup:kantoku']);
    expect((await owners(call.sid)).rep_id).toBe('kantoku');
    expect((await team.history(call.sid)).filter((line) => line.startsWith('take-over'))).toEqual(['take-over kanri sato', 'take-over kantoku kanri']);
  });
});

describe('a supervisor only listening or whispering when the rep leaves', () => {
  it.each(['listen', 'whisper'] as const)('(%s) does not get the call: it ends, and the customer is not left waiting in silence', async (mode) => {
    const call = await monitored(mode);
    await team.twilio.device('sato').hangUp();
    await team.twilio.advance(3);
    expect(call.ended).toBe(true);
    expect(team.twilio.device('kanri').connected).toEqual([]);
    expect(await owners(call.sid)).toEqual({ rep_id: 'sato', answered_by: 'sato' });
    expect(await team.history(call.sid)).not.toContain('take-over kanri sato');
  });
});
