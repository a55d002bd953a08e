import { describe, expect, it } from 'vitest';
import { teamForFile } from '../voice/call-control-support.ts';

/**
 * A call handed from rep to rep, as the rep table and the board's today counts tell it (README
 * "Analytics"): answered by whoever answered it first, a transfer taken for whoever took it over,
 * and each rep's own talk time in the room, the caller's hold not counted.
 */
const team = teamForFile();

interface RepRow {
  rep: string;
  answered: number;
  transfersTaken: number;
  avgWaitSeconds: number | null;
  talkSeconds: number;
}

async function figures() {
  const analytics = await team.act('kanri', 'GET', '/api/analytics?preset=today');
  const board = await team.act('kanri', 'GET', '/api/board');
  const byRep = Object.fromEntries(analytics.body.byRep.map((row: RepRow) => [row.rep, row]));
  const cards = Object.fromEntries(board.body.reps.map((card: { id: string }) => [card.id, card]));
  return { byRep, cards, totals: analytics.body.totals };
}

describe('a transferred call in the rep table and on the board', () => {
  it('blind transfer: answered and 60 s for the rep who answered, a transfer taken and 30 s for the colleague', async () => {
    const call = await team.answeredCall();
    await team.twilio.advance(60);
    team.twilio.device('suzuki').live();
    expect((await team.act('sato', 'POST', `/api/calls/${call.sid}/transfer`, { to: { user: 'suzuki' }, mode: 'blind' })).status).toBe(200);
    await team.twilio.advance(3);
    await team.twilio.device('suzuki').answer();
    await team.twilio.settle();

    // 佐藤 is done with the call while 鈴木 talks: his part counts now, and he is wrapping it up.
    const during = await figures();
    expect(during.cards.sato).toMatchObject({ state: 'wrap-up', call: { callSid: call.sid }, today: { answered: 1, missed: 0, talkSeconds: 60 } });
    expect(during.cards.suzuki).toMatchObject({ state: 'on-call', today: { answered: 0, talkSeconds: 0 } });

    await team.twilio.advance(30);
    await team.twilio.device('suzuki').hangUp();
    await call.finish();

    const after = await figures();
    expect(after.byRep.sato).toMatchObject({ answered: 1, transfersTaken: 0, avgWaitSeconds: 3, avgTalkSeconds: 60, talkSeconds: 60 });
    expect(after.byRep.suzuki).toMatchObject({ answered: 0, transfersTaken: 1, avgWaitSeconds: null, avgTalkSeconds: 30, talkSeconds: 30 });
    expect(after.cards.sato.today).toEqual({ answered: 1, missed: 0, talkSeconds: 60 });
    expect(after.cards.suzuki.today).toEqual({ answered: 0, missed: 0, talkSeconds: 30 });
    // The call itself: answered once, talked from the answer to the end (the 3 s on hold included).
    expect(after.totals).toMatchObject({ calls: 1, answered: 1, avgWaitSeconds: 3, avgTalkSeconds: 93 });
  });

  it('warm transfer: the consult and the colleague’s own hold are nobody’s talk time', async () => {
    const call = await team.answeredCall();
    await team.twilio.advance(40);
    team.twilio.device('suzuki').live();
    expect((await team.act('sato', 'POST', `/api/calls/${call.sid}/transfer`, { to: { user: 'suzuki' }, mode: 'warm' })).status).toBe(200);
    await team.twilio.advance(5);
    await team.twilio.device('suzuki').answer();
    await team.twilio.settle();
    await team.twilio.advance(20);
    expect((await team.act('sato', 'POST', `/api/calls/${call.sid}/transfer/complete`)).status).toBe(200);
    await team.twilio.settle();
    await team.twilio.advance(50);
    expect((await team.act('suzuki', 'POST', `/api/calls/${call.sid}/hold`)).status).toBe(200);
    await team.twilio.settle();
    await team.twilio.advance(10);
    expect((await team.act('suzuki', 'POST', `/api/calls/${call.sid}/resume`)).status).toBe(200);
    await team.twilio.settle();
    await team.twilio.advance(20);
    await team.twilio.device('suzuki').hangUp();
    await call.finish();
    expect(await team.history(call.sid)).toEqual(expect.arrayContaining(['answered sato', 'consult-complete sato suzuki', 'resume {"seconds":10}']));

    const { byRep, cards } = await figures();
    expect(byRep.sato).toMatchObject({ answered: 1, transfersTaken: 0, talkSeconds: 40 });
    expect(byRep.suzuki).toMatchObject({ answered: 0, transfersTaken: 1, talkSeconds: 70 });
    expect(cards.sato.today).toEqual({ answered: 1, missed: 0, talkSeconds: 40 });
    expect(cards.suzuki.today).toEqual({ answered: 0, missed: 0, talkSeconds: 70 });
  });

  it('a call transferred and not taken comes back to the rep who answered it: one answered call, no transfer taken', async () => {
    const call = await team.answeredCall();
    await team.twilio.advance(20);
    team.twilio.device('suzuki').decline(2);
    team.twilio.device('sato').answerAfter(2);
    expect((await team.act('sato', 'POST', `/api/calls/${call.sid}/transfer`, { to: { user: 'suzuki' }, mode: 'blind' })).status).toBe(200);
    await team.twilio.advance(10);
    await team.twilio.settle();
    await team.twilio.advance(15);
    await team.twilio.device('sato').hangUp();
    await call.finish();
    expect(await team.history(call.sid)).toEqual(expect.arrayContaining(['answered sato', 'recall-answered sato', 'resume {"seconds":4}']));

    const { byRep } = await figures();
    // 20 s, then the caller on hold 4 s (鈴木 declining, 佐藤 rung back), then 21 s.
    expect(byRep.sato).toMatchObject({ answered: 1, transfersTaken: 0, talkSeconds: 41 });
    expect(byRep.suzuki).toBeUndefined();
  });
});
