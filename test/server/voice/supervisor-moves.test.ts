import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CallHandle } from '../../emulators/twilio-call/index.ts';
import { SALES, createTeam, inRoom, resetTeam, type Team } from './call-control-support.ts';

/**
 * A supervisor monitoring one call (A, 佐藤's) who clicks Listen, Whisper or Barge on another (B,
 * 鈴木's): one click moves them, as in Flex or Aircall. Their leg of A is taken back as Stop does, B
 * rings their phone once, and they are never on two legs. Not when leaving A would end it, or when
 * A is theirs now (server/voice/monitoring.ts).
 */

let team: Team;
/** A second line, ringing 鈴木 alone: B is always 鈴木's. */
const SUPPORT = { ...SALES, number: '+815022220000', label: 'サポート直通', route: { ...SALES.route, users: ['suzuki'] } };
const OTHER_CUSTOMER = '+819033334444';
/** A third line, ringing 田中 alone: C is always 田中's. */
const DESK = { ...SALES, number: '+815033330000', label: '窓口', route: { ...SALES.route, users: ['tanaka'] } };

beforeAll(async () => {
  team = await createTeam();
  await team.addNumber(SUPPORT);
  await team.addNumber(DESK);
});
afterAll(() => team.close());
beforeEach(() => {
  team.routeWebhooks(null);
  return resetTeam(team);
});

/** 鈴木 answers another customer's call to SUPPORT (田中 one to DESK); resolves once both talk in its room. */
async function suzukisCall(rep: 'suzuki' | 'tanaka' = 'suzuki'): Promise<CallHandle> {
  team.twilio.device(rep).answerAfter(3).hangUpAfter(null);
  const call = team.twilio.startIncomingCall(rep === 'suzuki' ? { from: OTHER_CUSTOMER, to: SUPPORT.number } : { from: '+819055556666', to: DESK.number });
  const talking = () =>
    team.twilio.conferences().some((room) => room.friendlyName === call.sid && room.participants().filter((p) => p.status === 'connected').length === 2);
  await team.twilio.runUntil(talking, 60);
  if (!talking()) throw new Error(`the call did not reach its room:\n${call.describe()}`);
  return call;
}

const monitor = (callSid: string, mode: 'listen' | 'whisper' | 'barge') => team.act('kanri', 'POST', `/api/calls/${callSid}/monitor`, { mode });

/** 管理 as every live call shows them: `callSid mode` for each call they monitor. */
async function monitoredByKanri(): Promise<string[]> {
  const { body } = await team.act('kanri', 'GET', '/api/calls/live');
  return body.calls.flatMap((call: { callSid: string; parties: { userId: string | null; monitor: string | null }[] }) =>
    call.parties.filter((party) => party.userId === 'kanri').map((party) => `${call.callSid} ${party.monitor}`),
  );
}

/** The calls that rang 管理's phone since `from` (invites are counted over the whole file). */
const kanriRungFor = (from: number) => team.twilio.device('kanri').invites.slice(from).map((invite) => invite.customParameters['parentCallSid']);

/** Two answered calls, 管理 in A in `mode` on their answered leg. */
async function monitoringA(mode: 'listen' | 'whisper' | 'barge') {
  const invitesBefore = team.twilio.device('kanri').invites.length;
  const a = await team.answeredCall();
  const b = await suzukisCall();
  team.twilio.device('kanri').answerAfter(1).hangUpAfter(null);
  expect((await monitor(a.sid, mode)).status).toBe(200);
  await team.twilio.advance(3);
  expect(team.twilio.device('kanri').connected).toHaveLength(1);
  return { a, b, legA: team.twilio.device('kanri').connected[0]!, invitesBefore };
}

describe('a supervisor monitoring call A who clicks call B', () => {
  it.each(['listen', 'whisper', 'barge'] as const)('moves from %s on A to B in one click: A without them, one leg to B', async (modeA) => {
    const { a, b, legA, invitesBefore } = await monitoringA(modeA);

    const moved = await monitor(b.sid, 'listen');
    expect(moved.status).toBe(200);
    expect(moved.body.callSid).toBe(b.sid);
    await team.twilio.advance(3);

    // Their leg of A was taken back; B rang their phone once and is the only leg they have.
    expect(team.twilio.leg(legA).ended).toBe(true);
    const kanri = team.twilio.device('kanri');
    expect(kanriRungFor(invitesBefore)).toEqual([a.sid, b.sid]);
    expect(kanri.connected).toHaveLength(1);
    expect(kanri.ringing).toEqual([]);
    expect(inRoom(team.twilio.leg(kanri.connected[0]!))).toEqual(['customer', 'rep:suzuki']);
    // A goes on between 佐藤 and the customer; nobody hears 管理 on B.
    expect(inRoom(a)).toEqual(['rep:sato']);
    expect(a.ended).toBe(false);
    expect(inRoom(b)).toEqual(['rep:suzuki']);
    expect(await monitoredByKanri()).toEqual([`${b.sid} listen`]);
    expect((await team.history(a.sid)).slice(-2)).toEqual(['monitor-stop kanri', 'left kanri']);
    expect(await team.history(b.sid)).toEqual(['answered suzuki', 'monitor kanri {"mode":"listen"}']);
  });

  it('cancels A’s leg still ringing their phone before B rings it: never two legs ringing', async () => {
    const a = await team.answeredCall();
    const b = await suzukisCall();
    const invitesBefore = team.twilio.device('kanri').invites.length;
    const kanri = team.twilio.device('kanri').ignore().hangUpAfter(null);
    expect((await monitor(a.sid, 'listen')).status).toBe(200);
    await team.twilio.advance(1);
    const legA = kanri.ringing[0]!;

    expect((await monitor(b.sid, 'whisper')).status).toBe(200);
    await team.twilio.advance(1);
    expect(team.twilio.leg(legA).ended).toBe(true);
    expect(kanri.ringing).toHaveLength(1);
    expect(kanriRungFor(invitesBefore)).toEqual([a.sid, b.sid]);
    expect(await team.parties(a.sid)).toContain('sup:kanri monitor failed');

    await kanri.answer();
    await team.twilio.advance(2);
    expect(kanri.connected).toHaveLength(1);
    expect(inRoom(team.twilio.leg(team.twilio.device('suzuki').connected[0]!))).toEqual(['customer', 'sup:kanri']);
    expect(await monitoredByKanri()).toEqual([`${b.sid} whisper`]);
  });

  it('is refused, and stays on A, when A is theirs now (they barged in and the rep left)', async () => {
    const { a, b, legA, invitesBefore } = await monitoringA('barge');
    expect((await team.act('sato', 'POST', `/api/calls/${a.sid}/leave`)).status).toBe(200);
    await team.twilio.advance(2);
    expect(inRoom(a)).toEqual(['sup:kanri']);

    const refused = await monitor(b.sid, 'listen');
    expect(refused).toMatchObject({ status: 409, body: { error: { code: 'monitored_call_is_yours' } } });
    await team.twilio.advance(3);
    expect(team.twilio.device('kanri').connected).toEqual([legA]);
    expect(kanriRungFor(invitesBefore)).toEqual([a.sid]);
    expect(inRoom(a)).toEqual(['sup:kanri']);
    expect(inRoom(b)).toEqual(['rep:suzuki']);
    expect(await team.parties(b.sid)).toEqual(['customer customer talking', 'rep:suzuki answer talking']);
  });

  it('a supervisor on a call of their own as its rep still has to finish it first', async () => {
    const invitesBefore = team.twilio.device('kanri').invites.length;
    const b = await suzukisCall();
    // 管理 answers a customer's call themselves (SALES rings 佐藤 alone, so 佐藤 hands it over).
    const a = await team.answeredCall();
    team.twilio.device('kanri').answerAfter(2).hangUpAfter(null);
    expect((await team.act('sato', 'POST', `/api/calls/${a.sid}/transfer`, { to: { user: 'kanri' }, mode: 'blind' })).status).toBe(200);
    await team.twilio.advance(5);
    expect(inRoom(a)).toEqual(['rep:kanri']);

    expect(await monitor(b.sid, 'listen')).toMatchObject({ status: 409, body: { error: { code: 'go_online_to_monitor' } } });
    expect(inRoom(a)).toEqual(['rep:kanri']);
    expect(kanriRungFor(invitesBefore)).toEqual([a.sid]);
  });
});

/**
 * Holds Twilio's reports about one leg (its room events and its status) until `report()`, which sends
 * them as Twilio would have (signed, to the same URLs); every other webhook reaches the server.
 */
function holdReportsOf(legSid: string) {
  const held: Request[] = [];
  team.routeWebhooks(async (request) => {
    if (new URLSearchParams(await request.clone().text()).get('CallSid') === legSid) {
      held.push(request);
      return new Response('<Response/>', { headers: { 'Content-Type': 'text/xml' } });
    }
    return team.voice.request(request);
  });
  return {
    held,
    async report() {
      team.routeWebhooks(null);
      for (const request of held.splice(0)) expect((await team.voice.request(request)).status).toBe(200);
    },
  };
}

/** Whether `answer` is still unanswered after a moment of real time (the server is waiting on Twilio). */
async function stillWaiting(answer: Promise<unknown>): Promise<boolean> {
  const moment = new Promise<'waiting'>((resolve) => setTimeout(() => resolve('waiting'), 300));
  return (await Promise.race([answer.then(() => 'answered' as const), moment])) === 'waiting';
}

describe('a supervisor who goes back to call A before Twilio reported their leg of A gone', () => {
  it.each(['listen', 'whisper', 'barge'] as const)(
    'is put on A again (%s) once the report arrives after the request: B taken back first, one leg to A',
    async (mode) => {
      const { a, b, legA, invitesBefore } = await monitoringA('listen');
      const reports = holdReportsOf(legA);
      expect((await monitor(b.sid, 'listen')).status).toBe(200);
      await team.twilio.advance(3);
      const kanri = team.twilio.device('kanri');
      const legB = kanri.connected[0]!;
      expect(team.twilio.leg(legA).ended).toBe(true);
      // Twilio has taken the leg out, but its report is not in: the server still lists 管理 on A.
      expect(await team.parties(a.sid)).toContain('sup:kanri monitor talking');

      const back = monitor(a.sid, mode);
      expect(await stillWaiting(back)).toBe(true);
      await reports.report();
      const answer = await back;
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      expect(answer.body.callSid).toBe(a.sid);
      await team.twilio.advance(3);

      expect(team.twilio.leg(legB).ended).toBe(true);
      expect(kanriRungFor(invitesBefore)).toEqual([a.sid, b.sid, a.sid]);
      expect(kanri.ringing).toEqual([]);
      expect(kanri.connected).toHaveLength(1);
      expect(inRoom(team.twilio.leg(kanri.connected[0]!))).toEqual(['customer', 'rep:sato']);
      expect(inRoom(b)).toEqual(['rep:suzuki']);
      expect(await monitoredByKanri()).toEqual([`${a.sid} ${mode}`]);
      expect((await team.history(a.sid)).slice(-3)).toEqual(['monitor-stop kanri', 'left kanri', `monitor kanri ${mode === 'whisper' ? 'sato ' : ''}{"mode":"${mode}"}`]);
      expect((await team.history(b.sid)).slice(-2)).toEqual(['monitor-stop kanri', 'left kanri']);
    },
  );

  it('is put on A again at once when Twilio has not even sent the report yet (the leg still being cancelled)', async () => {
    const a = await team.answeredCall();
    const b = await suzukisCall();
    const invitesBefore = team.twilio.device('kanri').invites.length;
    const kanri = team.twilio.device('kanri').ignore().hangUpAfter(null);
    expect((await monitor(a.sid, 'listen')).status).toBe(200);
    await team.twilio.advance(1);
    const legA = kanri.ringing[0]!;
    expect((await monitor(b.sid, 'listen')).status).toBe(200);
    // No time passes at Twilio: A's cancelled leg and B's ringing one are not reported yet.
    const back = monitor(a.sid, 'whisper');
    expect(await stillWaiting(back)).toBe(true);
    await team.twilio.settle();
    expect((await back).status).toBe(200);
    await team.twilio.advance(1);

    expect(team.twilio.leg(legA).ended).toBe(true);
    expect(kanriRungFor(invitesBefore)).toEqual([a.sid, b.sid, a.sid]);
    expect(kanri.ringing).toHaveLength(1);
    expect(await team.parties(b.sid)).toContain('sup:kanri monitor failed');
    await kanri.answer();
    await team.twilio.advance(2);
    expect(kanri.connected).toHaveLength(1);
    expect(inRoom(team.twilio.leg(team.twilio.device('sato').connected[0]!))).toEqual(['customer', 'sup:kanri']);
    expect(await monitoredByKanri()).toEqual([`${a.sid} whisper`]);
  });

  it('is put back on a call they just stopped, once Twilio reports the old leg gone', async () => {
    const { a, legA } = await monitoringA('listen');
    const reports = holdReportsOf(legA);
    expect((await team.act('kanri', 'DELETE', `/api/calls/${a.sid}/monitor`)).status).toBe(200);
    await team.twilio.advance(2);
    const back = monitor(a.sid, 'listen');
    expect(await stillWaiting(back)).toBe(true);
    await reports.report();
    expect((await back).status).toBe(200);
    await team.twilio.advance(3);
    const kanri = team.twilio.device('kanri');
    expect(kanri.connected).toHaveLength(1);
    expect(kanri.connected[0]).not.toBe(legA);
    expect(await monitoredByKanri()).toEqual([`${a.sid} listen`]);
  });

  it('is still on A, and switches mode there at once, when they answered A before the cancel reached it', async () => {
    const a = await team.answeredCall();
    const b = await suzukisCall();
    const kanri = team.twilio.device('kanri').ignore().hangUpAfter(null);
    expect((await monitor(a.sid, 'listen')).status).toBe(200);
    await team.twilio.advance(1);
    const legA = kanri.ringing[0]!;
    const reports = holdReportsOf(legA);
    await kanri.answer();
    await team.twilio.advance(1);
    expect(await team.parties(a.sid)).toContain('sup:kanri monitor ringing');
    // The server cancels a leg it believes rings; Twilio leaves an answered leg as it is.
    expect((await monitor(b.sid, 'listen')).status).toBe(200);
    await team.twilio.advance(1);
    expect(team.twilio.leg(legA).ended).toBe(false);
    await reports.report();
    expect(await team.parties(a.sid)).toContain('sup:kanri monitor talking');

    const switched = monitor(a.sid, 'whisper');
    expect(await stillWaiting(switched)).toBe(false);
    expect((await switched).status).toBe(200);
    expect(await monitoredByKanri()).toContain(`${a.sid} whisper`);
    expect(team.twilio.leg(legA).ended).toBe(false);
  });

  it('moving on to C before any report is in: A’s leg, already leaving, is not taken back twice; B’s ringing one is', async () => {
    const { a, b, legA, invitesBefore } = await monitoringA('listen');
    const c = await suzukisCall('tanaka');
    const kanri = team.twilio.device('kanri').ignore().hangUpAfter(null);
    expect((await monitor(b.sid, 'listen')).status).toBe(200);
    // Twilio has reported nothing since: 管理 is still listed on A (their phone says on A's call) and B rings.
    expect((await monitor(c.sid, 'listen')).status).toBe(200);
    await team.twilio.advance(1);

    expect(team.twilio.leg(legA).ended).toBe(true);
    expect(kanriRungFor(invitesBefore)).toEqual([a.sid, b.sid, c.sid]);
    expect(kanri.ringing).toHaveLength(1);
    expect((await team.history(a.sid)).filter((line) => line === 'monitor-stop kanri')).toHaveLength(1);
    expect(await team.parties(b.sid)).toContain('sup:kanri monitor failed');
    await kanri.answer();
    await team.twilio.advance(2);
    expect(await monitoredByKanri()).toEqual([`${c.sid} listen`]);
  });

  it('is told to try again in a moment, and stays on B, when the report does not come in time', async () => {
    const { a, b, legA, invitesBefore } = await monitoringA('listen');
    const reports = holdReportsOf(legA);
    expect((await monitor(b.sid, 'listen')).status).toBe(200);
    await team.twilio.advance(3);
    const kanri = team.twilio.device('kanri');
    const legB = kanri.connected[0]!;
    const partiesOfB = await team.parties(b.sid);

    expect(await monitor(a.sid, 'listen')).toMatchObject({ status: 409, body: { error: { code: 'still_leaving_call' } } });
    await team.twilio.advance(3);
    expect(kanri.connected).toEqual([legB]);
    expect(kanriRungFor(invitesBefore)).toEqual([a.sid, b.sid]);
    expect(await team.parties(b.sid)).toEqual(partiesOfB);

    // Once the report is in, the same click works.
    await reports.report();
    expect((await monitor(a.sid, 'listen')).status).toBe(200);
    await team.twilio.advance(3);
    expect(kanriRungFor(invitesBefore)).toEqual([a.sid, b.sid, a.sid]);
    expect(await monitoredByKanri()).toEqual([`${a.sid} listen`]);
  });
});
