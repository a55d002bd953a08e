import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CUSTOMER, createTeam, resetTeam, type Team } from './call-control-support.ts';

let team: Team;
beforeAll(async () => {
  team = await createTeam();
});
afterAll(() => team.close());
beforeEach(() => resetTeam(team));

describe('hold', () => {
  it('puts the caller on hold with the number’s music and back, and keeps how long', async () => {
    const call = await team.answeredCall();
    const held = await team.act('sato', 'POST', `/api/calls/${call.sid}/hold`);
    expect(held.status).toBe(200);
    await team.twilio.settle();
    expect(call.hearing()).toEqual({ kind: 'hold', audio: 'https://twimlets.com/holdmusic?Bucket=com.twilio.music.classical' });
    expect(team.twilio.device('sato').connected).toHaveLength(1);

    await team.twilio.advance(80);
    const live = await team.act('sato', 'GET', `/api/calls/${call.sid}/live`);
    expect(live.body).toMatchObject({ state: 'live', customerNumber: CUSTOMER, hold: { since: expect.any(String) } });
    expect(live.body.parties.map((party: { label: string; state: string }) => `${party.label} ${party.state}`)).toEqual(['customer held', 'rep:sato talking']);

    expect((await team.act('sato', 'POST', `/api/calls/${call.sid}/resume`)).status).toBe(200);
    await team.twilio.settle();
    expect(call.hearing()).toEqual({ kind: 'room', hears: ['rep:sato'] });
    expect(await team.history(call.sid)).toEqual(['answered sato', 'hold', 'resume {"seconds":80}']);
  });

  it('is refused to anyone not on the call, without saying the call exists', async () => {
    const call = await team.answeredCall();
    const refused = await team.act('tanaka', 'POST', `/api/calls/${call.sid}/hold`);
    expect(refused).toMatchObject({ status: 404, body: { error: { code: 'call_not_found' } } });
    expect(call.hearing()).toEqual({ kind: 'room', hears: ['rep:sato'] });
  });
});

describe('blind transfer', () => {
  it('to a colleague: the rep leaves at once, the caller waits on hold and then talks to the colleague', async () => {
    const call = await team.answeredCall();
    team.twilio.device('suzuki').live();
    const sent = await team.act('sato', 'POST', `/api/calls/${call.sid}/transfer`, { to: { user: 'suzuki' }, mode: 'blind', note: '見積もりの件です' });
    expect(sent.status).toBe(200);
    await team.twilio.advance(5);
    expect(team.twilio.device('sato').connected).toEqual([]);
    expect(call.hearing()).toMatchObject({ kind: 'hold' });
    const [invite] = team.twilio.device('suzuki').invites;
    expect(invite?.customParameters).toMatchObject({
      callerNumber: CUSTOMER,
      calledLabel: '営業直通',
      parentCallSid: call.sid,
      invitePurpose: 'transfer',
      invitedBy: 'sato',
      invitedByName: '佐藤 花子',
      transferNote: '見積もりの件です',
    });

    await team.twilio.device('suzuki').answer();
    await team.twilio.settle();
    expect(call.hearing()).toEqual({ kind: 'room', hears: ['rep:suzuki'] });
    const row = await team.store.db.selectFrom('calls').select(['rep_id', 'answered_by']).where('call_sid', '=', call.sid).executeTakeFirstOrThrow();
    expect(row).toEqual({ rep_id: 'suzuki', answered_by: null });

    // The first rep has gone; the caller stays with the colleague until the colleague hangs up.
    await team.twilio.advance(30);
    expect(call.ended).toBe(false);
    await team.twilio.device('suzuki').hangUp();
    await call.finish();
    expect(await team.history(call.sid)).toEqual([
      'answered sato',
      'transfer sato suzuki {"note":"見積もりの件です"}',
      'hold',
      'left sato',
      'transfer-answered suzuki',
      'resume {"seconds":5}',
      'left suzuki',
      'customer-left',
      'room-ended {"reason":"conference-ended-via-api"}',
    ]);
  });
});
