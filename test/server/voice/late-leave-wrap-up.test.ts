import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTeam, resetTeam, type Team } from './call-control-support.ts';

/**
 * 佐藤 hangs up on a call 管理 barges into, but Twilio reports 佐藤's leaving only after the customer hung
 * up (the order of its participant-leave and status callbacks is not guaranteed). Until then nobody knows
 * whose call it was at the end; once it comes, the call is 管理's (server/voice/monitoring.ts). One wrap-up,
 * by the owner: 佐藤's is refused, with who has the call, and 佐藤 may keep their words in its history.
 */

let team: Team;
beforeAll(async () => {
  team = await createTeam();
});
afterAll(() => team.close());
beforeEach(() => {
  team.routeWebhooks(null);
  return resetTeam(team);
});

const callRow = (callSid: string) =>
  team.store.db.selectFrom('calls').select(['rep_id', 'answered_by', 'note', 'disposition']).where('call_sid', '=', callSid).executeTakeFirstOrThrow();

/** 佐藤's call, 管理 barging in; 佐藤 hangs up, the customer too, and Twilio's reports of 佐藤's leg are held back. */
async function leftLate() {
  const call = await team.answeredCall();
  team.twilio.device('kanri').answerAfter(1).hangUpAfter(null);
  expect((await team.act('kanri', 'POST', `/api/calls/${call.sid}/monitor`, { mode: 'barge' })).status).toBe(200);
  await team.twilio.advance(3);
  const repLeg = team.twilio.device('sato').connected[0]!;
  const held: Request[] = [];
  team.routeWebhooks(async (request) => {
    const body = new URLSearchParams(await request.clone().text());
    if (body.get('CallSid') === repLeg) {
      held.push(request);
      return new Response('<Response/>', { headers: { 'Content-Type': 'text/xml' } });
    }
    return team.voice.request(request);
  });
  await team.twilio.device('sato').hangUp();
  await team.twilio.advance(2);
  await call.hangUp();
  await team.twilio.advance(3);
  expect(call.ended).toBe(true);
  expect(held.length).toBeGreaterThan(0);
  return {
    call,
    /** Twilio's late reports of 佐藤's leg, as it sends them (signed, to the same URLs). */
    async reportLeave() {
      team.routeWebhooks(null);
      for (const request of held) expect((await team.voice.request(request)).status).toBe(200);
    },
  };
}

describe('a wrap-up of a call whose rep’s leave Twilio reports after the customer’s', () => {
  it('is refused while the leave is still awaited: nobody knows yet whose call it is', async () => {
    const { call, reportLeave } = await leftLate();
    const early = await team.act('sato', 'PATCH', `/api/calls/${call.sid}`, { note: '見積もりを送付', disposition: 'call-back' });
    expect(early).toMatchObject({ status: 409, body: { error: { code: 'call_owner_pending' } } });
    expect(await callRow(call.sid)).toMatchObject({ note: null, disposition: null });

    await reportLeave();
    expect(await callRow(call.sid)).toMatchObject({ rep_id: 'kanri', answered_by: 'sato' });
  });

  it('says so in the live view the rep’s extension reads after the call: pending, then whose it is, by name', async () => {
    const { call, reportLeave } = await leftLate();
    expect((await team.act('sato', 'GET', `/api/calls/${call.sid}/live`)).body).toMatchObject({ ownerId: 'sato', ownerPending: true, parties: [] });
    await reportLeave();
    expect((await team.act('sato', 'GET', `/api/calls/${call.sid}/live`)).body).toMatchObject({ ownerId: 'kanri', ownerName: '管理 美香', ownerPending: false });
  });

  it('is the supervisor’s once the leave comes: the rep’s is refused, naming who has the call, and nothing of it is saved', async () => {
    const { call, reportLeave } = await leftLate();
    await reportLeave();

    const refused = await team.act('sato', 'PATCH', `/api/calls/${call.sid}`, { note: '見積もりを送付', disposition: 'call-back' });
    expect(refused).toMatchObject({ status: 409, body: { error: { code: 'call_taken_over', params: { owner: '管理 美香' } } } });
    expect(await callRow(call.sid)).toMatchObject({ rep_id: 'kanri', note: null, disposition: null });
    const updates = await team.store.db.selectFrom('crm_outbox').select('id').where('call_sid', '=', call.sid).where('kind', '=', 'update-call').execute();
    expect(updates).toEqual([]);

    const owners = await team.act('kanri', 'PATCH', `/api/calls/${call.sid}`, { note: '管理が対応済み', disposition: 'won' });
    expect(owners).toMatchObject({ status: 200, body: { note: '管理が対応済み', disposition: 'won' } });
  });

  it('keeps the rep’s words in the call’s history as theirs when they ask, leaving the owner’s note alone', async () => {
    const { call, reportLeave } = await leftLate();
    await reportLeave();
    expect((await team.act('kanri', 'PATCH', `/api/calls/${call.sid}`, { note: '管理が対応済み' })).status).toBe(200);

    const kept = await team.act('sato', 'POST', `/api/calls/${call.sid}/notes`, { note: '  見積もりを送付  ' });
    expect(kept.status).toBe(200);
    expect((await team.history(call.sid)).at(-1)).toBe('note sato {"note":"見積もりを送付"}');
    expect(await callRow(call.sid)).toMatchObject({ rep_id: 'kanri', note: '管理が対応済み' });
    // On its way to the CRM call record's Description, with the owner's note.
    const updates = await team.store.db.selectFrom('crm_outbox').select('kind').where('call_sid', '=', call.sid).where('kind', '=', 'update-call').execute();
    expect(updates.length).toBeGreaterThan(0);

    // Only for someone who talked on the call, and only words.
    expect((await team.act('tanaka', 'POST', `/api/calls/${call.sid}/notes`, { note: 'x' })).status).toBe(404);
    expect(await team.act('sato', 'POST', `/api/calls/${call.sid}/notes`, { note: '   ' })).toMatchObject({
      status: 400,
      body: { error: { code: 'invalid_input', issues: [expect.objectContaining({ path: 'note' })] } },
    });
  });

  it('is taken as things stand when Twilio never reports the leave (after the minute the CRM log waits too)', async () => {
    const { call } = await leftLate();
    await team.twilio.advance(70);
    const saved = await team.act('sato', 'PATCH', `/api/calls/${call.sid}`, { note: '見積もりを送付' });
    expect(saved).toMatchObject({ status: 200, body: { note: '見積もりを送付' } });
  });
});
