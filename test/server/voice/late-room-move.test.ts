import { afterEach, describe, expect, it } from 'vitest';
import { CUSTOMER, SALES, teamForFile } from './call-control-support.ts';

/**
 * A call whose move into its room failed because Twilio could not be reached gets into its room
 * later (docs/call-flow.md, "Answer: into the room"): the server tries again in the background, and
 * at once when a control needs the room, against the Twilio call and conference emulator.
 */

const team = teamForFile();
afterEach(() => {
  team.twilio.restFaults.length = 0;
});

const UNREACHABLE = { status: 503, code: 20503, message: 'Service Unavailable' } as const;

/** The next `times` redirects (UpdateCall) fail as when Twilio cannot be reached. */
const redirectsFail = (times: number) => team.twilio.restFaults.push({ method: 'POST', path: /^\/Calls\/CA\w+\.json$/, error: UNREACHABLE, times });

/** Every redirect our server asked of this leg (UpdateCall with a Url), answered or not. */
const redirectsOf = (legSid: string) => team.twilio.restRequests.filter((request) => request.method === 'POST' && request.path === `/Calls/${legSid}.json` && request.form['Url']);

const inRoom = (callSid: string) =>
  team.twilio.conferences().some((room) => room.friendlyName === callSid && room.participants().filter((participant) => participant.status === 'connected').length === 2);

/**
 * 佐藤 answers a customer's call while the redirect into the room fails (the answer's own request
 * and the client's 3 retries: `failures` 4); resolves once they talk on the plain bridge.
 */
async function answeredOutsideRoom(failures = 4) {
  team.twilio.device('sato').answerAfter(3).hangUpAfter(null);
  redirectsFail(failures);
  const call = team.twilio.startIncomingCall({ from: CUSTOMER, to: SALES.number });
  await team.twilio.runUntil(() => team.twilio.device('sato').connected.length === 1, 60);
  const repLeg = team.twilio.device('sato').connected[0]!;
  expect(call.hearing()).toEqual({ kind: 'call', hears: ['client:sato'] });
  expect((await team.act('sato', 'GET', `/api/calls/${call.sid}/live`)).body).toMatchObject({ state: 'not-in-room' });
  return { call, repLeg };
}

describe('a call whose move into its room failed', () => {
  it('is moved by a later try once Twilio answers again, and can then be put on hold', async () => {
    const { call, repLeg } = await answeredOutsideRoom(5);
    expect(redirectsOf(repLeg)).toHaveLength(4);

    // The first try again, 3 s on, finds Twilio still unreachable: still the plain bridge.
    await team.twilio.advance(4);
    await team.settled();
    expect(redirectsOf(repLeg)).toHaveLength(5);
    expect((await team.act('sato', 'GET', `/api/calls/${call.sid}/live`)).body).toMatchObject({ state: 'not-in-room' });

    // The next, 6 s after that, gets through: both legs go into the room.
    await team.twilio.advance(7);
    await team.settled();
    expect(redirectsOf(repLeg).map((request) => request.status)).toEqual([503, 503, 503, 503, 503, 200]);
    await team.twilio.runUntil(() => inRoom(call.sid), 10);
    expect(call.hearing()).toEqual({ kind: 'room', hears: ['rep:sato'] });
    const live = await team.act('sato', 'GET', `/api/calls/${call.sid}/live`);
    expect(live.body).toMatchObject({ state: 'live', recording: { state: 'on' } });
    expect(live.body.parties.map((party: { label: string; state: string }) => `${party.label} ${party.state}`)).toEqual(['customer talking', 'rep:sato talking']);

    expect((await team.act('sato', 'POST', `/api/calls/${call.sid}/hold`)).status).toBe(200);
    await team.twilio.settle();
    expect(call.hearing()).toMatchObject({ kind: 'hold' });
    expect(await team.history(call.sid)).toEqual(['answered sato', 'room-move-failed', 'hold']);
    // Moved: no more tries.
    await team.twilio.advance(120);
    await team.settled();
    expect(redirectsOf(repLeg)).toHaveLength(6);
  });

  it('refuses a hold while outside its room, tries the move at once, and holds on the next click', async () => {
    const { call, repLeg } = await answeredOutsideRoom(Infinity);

    const refused = await team.act('sato', 'POST', `/api/calls/${call.sid}/hold`);
    expect(refused).toMatchObject({ status: 409, body: { error: { code: 'call_moving' } } });
    await team.settled();
    // The click tried at once (Twilio still unreachable): 4 at the answer, 1 now.
    expect(redirectsOf(repLeg)).toHaveLength(5);
    expect(call.hearing()).toEqual({ kind: 'call', hears: ['client:sato'] });

    team.twilio.restFaults.length = 0;
    // Transfer, add and monitoring need the room as much: the same answer, and the same try. Asked
    // together, they still move the call once (the claim: one move in flight per call).
    const [transfer, add] = await Promise.all([
      team.act('sato', 'POST', `/api/calls/${call.sid}/transfer`, { to: { user: 'suzuki' }, mode: 'blind' }),
      team.act('sato', 'POST', `/api/calls/${call.sid}/participants`, { to: { user: 'tanaka' } }),
    ]);
    expect([transfer, add]).toMatchObject([
      { status: 409, body: { error: { code: 'call_moving' } } },
      { status: 409, body: { error: { code: 'call_moving' } } },
    ]);
    await team.settled();
    expect(redirectsOf(repLeg).map((request) => request.status)).toEqual([503, 503, 503, 503, 503, 200]);
    // On its way in: a click is told the same while the legs join.
    expect(await team.act('kanri', 'POST', `/api/calls/${call.sid}/monitor`, { mode: 'listen' })).toMatchObject({ status: 409, body: { error: { code: 'call_moving' } } });
    await team.twilio.runUntil(() => inRoom(call.sid), 10);

    expect((await team.act('sato', 'POST', `/api/calls/${call.sid}/hold`)).status).toBe(200);
    await team.twilio.settle();
    expect(call.hearing()).toMatchObject({ kind: 'hold' });
    expect(redirectsOf(repLeg)).toHaveLength(6);
  });

  it('is tried every 30 s past the back-off for as long as the call lasts, and moves once Twilio answers again', async () => {
    const { call, repLeg } = await answeredOutsideRoom(Infinity);
    const at = () => team.twilio.now().getTime();
    const answeredAt = at();
    const triedAt: number[] = [];
    const watch = async (seconds: number) => {
      for (let second = 0; second < seconds; second += 1) {
        const before = redirectsOf(repLeg).length;
        await team.twilio.advance(1);
        await team.settled();
        if (redirectsOf(repLeg).length > before) triedAt.push(Math.round((at() - answeredAt) / 1000));
      }
    };
    await watch(240);
    // 3, 6, 12, 24 and 30 s apart (each to the second), then every 30 s: the rep has nothing to press.
    expect(triedAt).toEqual([3, 9, 21, 45, 75, 105, 135, 165, 195, 225]);
    expect((await team.act('sato', 'GET', `/api/calls/${call.sid}/live`)).body).toMatchObject({ state: 'not-in-room', recording: { state: 'on' } });

    team.twilio.restFaults.length = 0;
    await watch(30);
    expect(triedAt.at(-1)).toBe(255);
    expect(redirectsOf(repLeg).at(-1)?.status).toBe(200);
    await team.twilio.runUntil(() => inRoom(call.sid), 10);
    expect((await team.act('sato', 'POST', `/api/calls/${call.sid}/hold`)).status).toBe(200);
    // Moved: the tries end.
    const tries = redirectsOf(repLeg).length;
    await watch(90);
    expect(redirectsOf(repLeg)).toHaveLength(tries);
  });

  it('is tried no more once a call still out of its room ends, however long it went on', async () => {
    const { call, repLeg } = await answeredOutsideRoom(Infinity);
    for (let second = 0; second < 200; second += 5) {
      await team.twilio.advance(5);
      await team.settled();
    }
    await call.hangUp();
    await team.twilio.advance(1);
    await team.settled();
    const tries = redirectsOf(repLeg).length;
    team.twilio.restFaults.length = 0;
    for (let second = 0; second < 120; second += 5) {
      await team.twilio.advance(5);
      await team.settled();
    }
    expect(redirectsOf(repLeg)).toHaveLength(tries);
    expect(team.twilio.conferences().filter((room) => room.friendlyName === call.sid)).toEqual([]);
  });

  it('is not tried again once the call ended, while a call still going on is', async () => {
    const { call: ended, repLeg: endedLeg } = await answeredOutsideRoom(4);
    await ended.hangUp();
    await team.twilio.advance(1);
    team.twilio.device('sato').answerAfter(3).hangUpAfter(null);
    const { call: going, repLeg: goingLeg } = await answeredOutsideRoom(4);

    for (let second = 0; second < 90; second += 5) {
      await team.twilio.advance(5);
      await team.settled();
    }
    expect(redirectsOf(endedLeg)).toHaveLength(4);
    expect(redirectsOf(goingLeg).map((request) => request.status)).toEqual([503, 503, 503, 503, 200]);
    expect(inRoom(going.sid)).toBe(true);
    expect(team.twilio.conferences().filter((room) => room.friendlyName === ended.sid)).toEqual([]);
  });

  it('goes on being tried after a pause Twilio refused is put back, though a try read it paused meanwhile', async () => {
    const { call, repLeg } = await answeredOutsideRoom(Infinity);
    team.twilio.restFaults.push({ method: 'POST', path: /^\/Calls\/CA\w+\/Recordings\/Twilio\.CURRENT\.json$/, error: UNREACHABLE, times: Infinity });
    const pausing = team.act('sato', 'POST', `/api/calls/${call.sid}/recording/pause`);
    // The pause is claimed (the call reads paused) while its request to Twilio is tried again and again.
    const recording = async () => (await team.store.db.selectFrom('calls').select('recording').where('call_sid', '=', call.sid).executeTakeFirstOrThrow()).recording;
    while ((await recording()) !== 'paused') await new Promise((resolve) => setTimeout(resolve, 5));
    const before = redirectsOf(repLeg).length;
    // The tries due meanwhile read it paused: no redirect.
    await team.twilio.advance(35);
    await team.settled();
    expect(redirectsOf(repLeg)).toHaveLength(before);
    expect(await pausing).toMatchObject({ status: 502, body: { error: { code: 'twilio_unavailable' } } });
    expect(await recording()).toBe('on');

    team.twilio.restFaults.length = 0;
    for (let second = 0; second < 35; second += 1) {
      await team.twilio.advance(1);
      await team.settled();
    }
    expect(redirectsOf(repLeg).at(-1)?.status).toBe(200);
    await team.twilio.runUntil(() => inRoom(call.sid), 10);
    expect(call.hearing()).toEqual({ kind: 'room', hears: ['rep:sato'] });
  });

  it('keeps the answer in the history when the customer hung up before the server heard it, and never moves the ended call', async () => {
    // Twilio reports the rep's leg late: the customer's hang-up is heard first.
    const late: Request[] = [];
    team.routeWebhooks(async (request) => {
      if (new URL(request.url).pathname === '/twilio/status' && (await request.clone().formData()).get('To') === 'client:sato') {
        late.push(request);
        return new Response('<Response/>', { headers: { 'Content-Type': 'text/xml' } });
      }
      return team.voice.request(request);
    });
    team.twilio.device('sato').answerAfter(3).hangUpAfter(null);
    const call = team.twilio.startIncomingCall({ from: CUSTOMER, to: SALES.number });
    await team.twilio.runUntil(() => team.twilio.device('sato').connected.length === 1, 60);
    const repLeg = team.twilio.device('sato').connected[0]!;
    await team.twilio.advance(5);
    await call.hangUp();
    await team.twilio.advance(5);
    await team.settled();
    expect(late.length).toBeGreaterThan(0);

    team.routeWebhooks(null);
    for (const request of late) expect((await team.voice.request(request)).status).toBe(200);
    await team.settled();
    expect(await team.history(call.sid)).toContain('answered sato');
    expect(redirectsOf(repLeg)).toEqual([]);
    await team.twilio.advance(60);
    await team.settled();
    expect(redirectsOf(repLeg)).toEqual([]);
    expect(team.twilio.conferences().filter((room) => room.friendlyName === call.sid)).toEqual([]);
  });

  it('is not moved while its recording is paused: nothing is recorded while paused, and it moves once resumed', async () => {
    const { call, repLeg } = await answeredOutsideRoom(4);
    await team.twilio.advance(1);
    const paused = await team.act('sato', 'POST', `/api/calls/${call.sid}/recording/pause`);
    expect(paused.status, JSON.stringify(paused.body)).toBe(200);

    // Twilio answers again, the tries come and go: the paused call stays where it is.
    await team.twilio.advance(40);
    await team.settled();
    expect(redirectsOf(repLeg)).toHaveLength(4);
    expect(await team.act('sato', 'POST', `/api/calls/${call.sid}/hold`)).toMatchObject({ status: 409, body: { error: { code: 'resume_recording_first' } } });
    await team.settled();
    expect(redirectsOf(repLeg)).toHaveLength(4);
    expect(team.twilio.conferences().filter((room) => room.friendlyName === call.sid)).toEqual([]);

    const resumed = await team.act('sato', 'POST', `/api/calls/${call.sid}/recording/resume`);
    expect(resumed.status, JSON.stringify(resumed.body)).toBe(200);
    await team.settled();
    expect(redirectsOf(repLeg).at(-1)?.status).toBe(200);
    await team.twilio.runUntil(() => inRoom(call.sid), 10);
    await team.twilio.advance(20);
    await call.hangUp();
    await team.twilio.advance(30);

    // Two recordings of the one call: the plain bridge's until the move, less the 40 s paused, and the room's after it.
    const [room] = team.twilio.conferences().filter((conference) => conference.friendlyName === call.sid);
    expect(room?.recordings).toMatchObject([{ status: 'completed' }]);
    const roomSeconds = room!.recordings[0]!.duration!;
    expect(roomSeconds).toBeGreaterThanOrEqual(20);
    expect(roomSeconds).toBeLessThan(25);
    const stored = await team.store.db.selectFrom('call_recordings').select(['source', 'status', 'duration_seconds']).where('call_sid', '=', call.sid).orderBy('source').execute();
    expect(stored.map((recording) => `${recording.source} ${recording.status}`)).toEqual(['Conference completed', 'DialVerb completed']);
    // 1 s before the pause, none of the 40 s paused, and the instant between the resume and the move.
    expect(stored[1]!.duration_seconds).toBeLessThan(5);
    expect((await team.history(call.sid)).slice(0, 4)).toEqual(['answered sato', 'room-move-failed', 'recording-paused sato', 'recording-resumed sato {"seconds":40}']);

    // The call log shows the one call, with both recordings.
    const log = await team.act('sato', 'GET', '/api/calls');
    const entries = log.body.calls.filter((entry: { callSid: string }) => entry.callSid === call.sid);
    expect(entries).toHaveLength(1);
    expect(entries[0].recordings.map((recording: { source: string }) => recording.source)).toEqual(expect.arrayContaining(['DialVerb', 'Conference']));
  });
});
