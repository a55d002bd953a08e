import { describe, expect, it } from 'vitest';
import { CUSTOMER, OUTSIDE, SALES, teamForFile, type Team } from './call-control-support.ts';

const team = teamForFile();

describe('hold', () => {
  it('puts the caller on hold with the number’s music and back, and keeps how long', async () => {
    const call = await team.answeredCall();
    const held = await team.act('sato', 'POST', `/api/calls/${call.sid}/hold`);
    expect(held.status).toBe(200);
    await team.twilio.settle();
    // Twilio's playlist, reached by <Redirect>: a <Play> of it (TwiML, not audio) would be silence and error 12300.
    expect(call.hearing()).toEqual({ kind: 'hold', audio: 'https://twimlets.com/holdmusic?Bucket=com.twilio.music.classical' });
    expect(call.transcript().events.filter((event) => event.type === 'error')).toEqual([]);
    expect(team.twilio.device('sato').connected).toHaveLength(1);

    await team.twilio.advance(80);
    const live = await team.act('sato', 'GET', `/api/calls/${call.sid}/live`);
    expect(live.body).toMatchObject({ state: 'live', customerNumber: CUSTOMER, hold: { since: expect.any(String) } });
    expect(live.body.parties.map((party: { label: string; state: string }) => `${party.label} ${party.state}`)).toEqual(['customer held', 'rep:sato talking']);
    // The supervisors' live board shows it too.
    const board = await team.act('kanri', 'GET', '/api/board');
    expect(board.body.reps.find((rep: { id: string }) => rep.id === 'sato')).toMatchObject({ state: 'on-hold' });

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
    expect(row).toEqual({ rep_id: 'suzuki', answered_by: 'sato' });

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

describe('blind transfer nobody takes', () => {
  it('rings the transferring rep back, then takes the caller to voicemail if they do not answer either', async () => {
    const call = await team.answeredCall();
    team.twilio.device('suzuki').decline(2);
    team.twilio.device('sato').ignore(); // 佐藤 has stepped away from the desk
    expect((await team.act('sato', 'POST', `/api/calls/${call.sid}/transfer`, { to: { user: 'suzuki' }, mode: 'blind' })).status).toBe(200);
    await team.twilio.advance(5);
    // Declined: 佐藤 is rung back with a card that says so.
    const [recall] = team.twilio.device('sato').invites.slice(-1);
    expect(recall?.customParameters).toMatchObject({ invitePurpose: 'recall', parentCallSid: call.sid });
    const transcript = await call.finish(300);
    expect(transcript.requests.map((request) => request.path.split('?')[0])).toContain('/twilio/room/voicemail');
    expect(transcript.said).toEqual(expect.arrayContaining(['申し訳ございません。現在、担当者が電話に出ることができません。', '発信音の後に、お名前とご用件をお話しください。']));
    expect(transcript.recordings).toContainEqual(expect.objectContaining({ source: 'RecordVerb' }));
    expect(await team.history(call.sid)).toEqual(expect.arrayContaining([
      'transfer sato suzuki',
      'transfer-failed suzuki {"outcome":"busy"}',
      'recall sato',
      'recall-failed sato {"outcome":"no-answer"}',
    ]));
  });

  it('to an outside number (after the toll-fraud guard): the caller and that number talk without us', async () => {
    const call = await team.answeredCall();
    team.twilio.phone(OUTSIDE).answerAfter(4).hangUpAfter(null);
    const refused = await team.act('sato', 'POST', `/api/calls/${call.sid}/transfer`, { to: { number: '0990-123-456' }, mode: 'blind' });
    expect(refused).toMatchObject({ status: 400, body: { error: { code: 'destination_not_allowed' } } });
    expect((await team.act('sato', 'POST', `/api/calls/${call.sid}/transfer`, { to: { number: '03-5555-1234' }, mode: 'blind' })).status).toBe(200);
    await team.twilio.advance(10);
    expect(call.hearing()).toEqual({ kind: 'room', hears: ['guest:1'] });
    const outside = team.twilio.legs().find((leg) => leg.to === OUTSIDE);
    expect(outside?.from).toBe(SALES.number);
  });
});

describe('warm transfer (consult)', () => {
  it('the caller waits on hold while the reps talk; complete hands the caller over', async () => {
    const call = await team.answeredCall();
    team.twilio.device('suzuki').answerAfter(4).hangUpAfter(null);
    const consult = await team.act('sato', 'POST', `/api/calls/${call.sid}/transfer`, { to: { user: 'suzuki' }, mode: 'warm' });
    expect(consult.body.handover).toMatchObject({ purpose: 'consult', state: 'ringing', userId: 'suzuki' });
    await team.twilio.advance(1);
    const sato = team.twilio.leg(team.twilio.device('sato').connected[0]!);
    expect(sato.hearing()).toEqual({ kind: 'room', hears: ['rep:suzuki (ringing)'] }); // early media
    await team.twilio.advance(6);
    expect(call.hearing()).toMatchObject({ kind: 'hold' });
    expect(sato.hearing()).toEqual({ kind: 'room', hears: ['rep:suzuki'] });

    const early = await team.act('tanaka', 'POST', `/api/calls/${call.sid}/transfer/complete`);
    expect(early.status).toBe(404);
    const completed = await team.act('sato', 'POST', `/api/calls/${call.sid}/transfer/complete`);
    expect(completed.status).toBe(200);
    await team.twilio.advance(2);
    expect(call.hearing()).toEqual({ kind: 'room', hears: ['rep:suzuki'] });
    expect(sato.ended).toBe(true);
    const row = await team.store.db.selectFrom('calls').select(['rep_id', 'answered_by']).where('call_sid', '=', call.sid).executeTakeFirstOrThrow();
    expect(row).toEqual({ rep_id: 'suzuki', answered_by: 'sato' });
  });

  it('once complete, the colleague owns the call like any other: holds, resumes and transfers it on', async () => {
    const call = await team.answeredCall();
    team.twilio.device('suzuki').answerAfter(2).hangUpAfter(null);
    team.twilio.device('tanaka').answerAfter(2).hangUpAfter(null);
    await team.act('sato', 'POST', `/api/calls/${call.sid}/transfer`, { to: { user: 'suzuki' }, mode: 'warm' });
    await team.twilio.advance(5);
    const completed = await team.act('sato', 'POST', `/api/calls/${call.sid}/transfer/complete`);
    expect(completed.body).toMatchObject({ ownerId: 'suzuki', handover: null });
    await team.twilio.advance(3);

    expect((await team.act('suzuki', 'POST', `/api/calls/${call.sid}/hold`)).status).toBe(200);
    await team.twilio.settle();
    expect(call.hearing()).toMatchObject({ kind: 'hold' });
    expect((await team.act('suzuki', 'POST', `/api/calls/${call.sid}/resume`)).status).toBe(200);
    await team.twilio.settle();
    expect(call.hearing()).toEqual({ kind: 'room', hears: ['rep:suzuki'] });

    expect((await team.act('suzuki', 'POST', `/api/calls/${call.sid}/transfer`, { to: { user: 'tanaka' }, mode: 'blind' })).status).toBe(200);
    await team.twilio.advance(5);
    expect(call.hearing()).toEqual({ kind: 'room', hears: ['rep:tanaka'] });
  });

  it('the history tells the handover once, and nothing of the consult when the colleague hangs up later', async () => {
    const call = await team.answeredCall();
    team.twilio.device('suzuki').answerAfter(2).hangUpAfter(null);
    await team.act('sato', 'POST', `/api/calls/${call.sid}/transfer`, { to: { user: 'suzuki' }, mode: 'warm' });
    await team.twilio.advance(5);
    expect((await team.act('sato', 'POST', `/api/calls/${call.sid}/transfer/complete`)).status).toBe(200);
    await team.twilio.advance(30);
    await team.twilio.device('suzuki').hangUp();
    await call.finish();
    expect(await team.history(call.sid)).toEqual([
      'answered sato',
      'consult sato suzuki',
      'hold',
      'consult-answered suzuki',
      'consult-complete sato suzuki',
      'resume {"seconds":5}',
      'left sato',
      'left suzuki',
      'customer-left',
      'room-ended {"reason":"conference-ended-via-api"}',
    ]);
  });

  it('a consulting rep who hangs up hands the call over the same way', async () => {
    const call = await team.answeredCall();
    team.twilio.device('suzuki').answerAfter(2).hangUpAfter(null);
    await team.act('sato', 'POST', `/api/calls/${call.sid}/transfer`, { to: { user: 'suzuki' }, mode: 'warm' });
    await team.twilio.advance(5);
    await team.twilio.device('sato').hangUp();
    await team.twilio.advance(3);
    expect(call.hearing()).toEqual({ kind: 'room', hears: ['rep:suzuki'] });
    expect((await team.act('suzuki', 'POST', `/api/calls/${call.sid}/hold`)).status).toBe(200);
    expect((await team.act('suzuki', 'POST', `/api/calls/${call.sid}/resume`)).status).toBe(200);
    await team.twilio.device('suzuki').hangUp();
    await call.finish();
    const history = await team.history(call.sid);
    expect(history.filter((line) => line.startsWith('consult-'))).toEqual(['consult-answered suzuki', 'consult-complete sato suzuki']);
  });

  it('cancel brings the rep back to the caller and lets the colleague go', async () => {
    const call = await team.answeredCall();
    team.twilio.device('suzuki').answerAfter(2).hangUpAfter(null);
    await team.act('sato', 'POST', `/api/calls/${call.sid}/transfer`, { to: { user: 'suzuki' }, mode: 'warm' });
    await team.twilio.advance(5);
    expect((await team.act('sato', 'POST', `/api/calls/${call.sid}/transfer/cancel`)).status).toBe(200);
    await team.twilio.advance(2);
    expect(call.hearing()).toEqual({ kind: 'room', hears: ['rep:sato'] });
    expect(team.twilio.device('suzuki').connected).toEqual([]);
  });

  it.each([
    ['declines', (team: Team) => team.twilio.device('suzuki').decline(3), 'busy'],
    ['does not answer', (team: Team) => team.twilio.device('suzuki').ignore(), 'no-answer'],
  ])('when the colleague %s, the rep is back with the caller, who never dropped', async (_, colleague, outcome) => {
    const call = await team.answeredCall();
    colleague(team);
    await team.act('sato', 'POST', `/api/calls/${call.sid}/transfer`, { to: { user: 'suzuki' }, mode: 'warm' });
    await team.twilio.advance(40);
    expect(call.ended).toBe(false);
    expect(call.hearing()).toEqual({ kind: 'room', hears: ['rep:sato'] });
    expect(await team.history(call.sid)).toContain(`consult-failed suzuki {"outcome":"${outcome}"}`);
  });

  it('the caller hanging up during the consult ends the call for everyone', async () => {
    const call = await team.answeredCall();
    team.twilio.device('suzuki').answerAfter(2).hangUpAfter(null);
    await team.act('sato', 'POST', `/api/calls/${call.sid}/transfer`, { to: { user: 'suzuki' }, mode: 'warm' });
    await team.twilio.advance(5);
    await call.hangUp();
    await team.twilio.advance(2);
    expect(team.twilio.device('sato').connected).toEqual([]);
    expect(team.twilio.device('suzuki').connected).toEqual([]);
    const parties = await team.parties(call.sid);
    expect(parties.every((party) => party.endsWith(' left'))).toBe(true);
    expect((await team.act('sato', 'POST', `/api/calls/${call.sid}/transfer/complete`)).body.error.code).toBe('call_not_live');
  });
});

describe('the call log after a transfer', () => {
  it('shows each rep who talked the call and its history; a rep who was only rung sees neither', async () => {
    const call = await team.answeredCall();
    team.twilio.device('suzuki').answerAfter(2).hangUpAfter(null);
    await team.act('sato', 'POST', `/api/calls/${call.sid}/transfer`, { to: { user: 'suzuki' }, mode: 'blind', note: '請求の件' });
    await team.twilio.advance(10);
    await call.hangUp();
    await team.twilio.advance(3);
    for (const rep of ['sato', 'suzuki'] as const) {
      const entry = await team.act(rep, 'GET', `/api/calls/${call.sid}`);
      expect(entry.body).toMatchObject({ involvement: 'party', rep: 'suzuki' });
      expect(entry.body.history.map((item: { kind: string }) => item.kind)).toContain('transfer');
    }
    const stranger = await team.act('tanaka', 'GET', `/api/calls/${call.sid}`);
    expect(stranger.status).toBe(404);
  });
});
