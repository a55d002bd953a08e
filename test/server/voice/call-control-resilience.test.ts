import type { KyselyPlugin } from 'kysely';
import { describe, expect, it } from 'vitest';
import { capturedLog } from '../support/captured-log.ts';
import { teamForFile, type Team } from './call-control-support.ts';
import { unreachableStore, voiceApp } from './voice-harness.ts';

const team = teamForFile();

const roomCallbacks = (sid: string) => team.twilio.conferences().filter((room) => room.friendlyName === sid).flatMap((room) => room.callbacks);

describe('no call state in memory', () => {
  it('a restarted server finishes a transfer the old one started', async () => {
    const call = await team.answeredCall();
    team.twilio.device('suzuki').answerAfter(6).hangUpAfter(null);
    expect((await team.act('sato', 'POST', `/api/calls/${call.sid}/transfer`, { to: { user: 'suzuki' }, mode: 'blind' })).status).toBe(200);
    const restarted = voiceApp(team.deps);
    team.routeWebhooks((request) => restarted.request(request));
    await team.twilio.advance(10);
    expect(call.hearing()).toEqual({ kind: 'room', hears: ['rep:suzuki'] });
    const live = await restarted.request(`/api/calls/${call.sid}/live`, { headers: { Authorization: `Bearer ${team.tokens.suzuki}` } });
    expect(await live.json()).toMatchObject({ ownerId: 'suzuki', hold: null });
  });

  it('two instances taking Twilio’s webhooks in turn serve a consult from start to end', async () => {
    const instances = [voiceApp(team.deps), voiceApp(team.deps)];
    let n = 0;
    team.routeWebhooks((request) => instances[n++ % 2]!.request(request));
    const call = await team.answeredCall();
    team.twilio.device('suzuki').answerAfter(3).hangUpAfter(null);
    await team.act('sato', 'POST', `/api/calls/${call.sid}/transfer`, { to: { user: 'suzuki' }, mode: 'warm' });
    await team.twilio.advance(5);
    expect((await team.act('sato', 'POST', `/api/calls/${call.sid}/transfer/complete`)).status).toBe(200);
    await team.twilio.advance(3);
    expect(call.hearing()).toEqual({ kind: 'room', hears: ['rep:suzuki'] });
    expect(n).toBeGreaterThan(10);
  });
});

describe('room events delivered twice and out of order', () => {
  it('Twilio’s retries record each hold once, and replaying every event shuffled changes nothing', async () => {
    team.twilio.device('sato').answerAfter(2).hangUpAfter(null);
    const call = team.twilio.startIncomingCall({ from: '+819011112222', to: '+815011110000', callbacks: { duplicate: true } });
    await team.twilio.advance(8);
    await team.act('sato', 'POST', `/api/calls/${call.sid}/hold`);
    await team.twilio.advance(20);
    await team.act('sato', 'POST', `/api/calls/${call.sid}/resume`);
    await team.twilio.advance(10);
    await call.hangUp();
    await team.twilio.advance(5);
    const history = await team.history(call.sid);
    const parties = await team.parties(call.sid);
    expect(history).toEqual([
      'answered sato',
      'hold',
      'resume {"seconds":20}',
      'customer-left',
      'left sato',
      'room-ended {"reason":"participant-with-end-conference-on-exit-left"}',
    ]);

    for (const shuffleSeed of [3, 7]) await team.twilio.deliver(roomCallbacks(call.sid), { duplicate: true, shuffleSeed });
    expect(await team.history(call.sid)).toEqual(history);
    expect(await team.parties(call.sid)).toEqual(parties);
  });

  it('a leave that overtakes its join keeps the party gone', async () => {
    const call = await team.answeredCall();
    team.twilio.device('tanaka').answerAfter(1).hangUpAfter(4);
    await team.act('sato', 'POST', `/api/calls/${call.sid}/participants`, { to: { user: 'tanaka' } });
    await team.twilio.advance(10);
    const tanakaEvents = roomCallbacks(call.sid).filter((callback) => callback.params.ParticipantLabel === 'rep:tanaka');
    // Replayed leave-first: the later join (a lower SequenceNumber) must not bring them back.
    await team.twilio.deliver([...tanakaEvents].reverse());
    expect(await team.parties(call.sid)).toContain('rep:tanaka add left');
    expect((await team.act('sato', 'GET', `/api/calls/${call.sid}/live`)).body.parties.map((party: { label: string }) => party.label)).toEqual(['customer', 'rep:sato']);
  });
});

describe('a request racing the caller’s hang-up', () => {
  it('says the call ended and leaves nobody ringing', async () => {
    const call = await team.answeredCall();
    // The room's end has happened at Twilio but its events (and the call's status) are late: the server still thinks it is live.
    const late: Request[] = [];
    team.routeWebhooks(async (request) => {
      if (['/twilio/conference', '/twilio/status'].includes(new URL(request.url).pathname)) {
        late.push(request);
        return new Response('<Response/>', { headers: { 'Content-Type': 'text/xml' } });
      }
      return team.voice.request(request);
    });
    await call.hangUp();
    await team.twilio.advance(2);
    const transfer = await team.act('sato', 'POST', `/api/calls/${call.sid}/transfer`, { to: { user: 'suzuki' }, mode: 'blind' });
    expect(transfer).toMatchObject({ status: 409, body: { error: { code: 'call_ended' } } });
    await team.twilio.advance(30);
    expect(team.twilio.device('suzuki').invites.filter((invite) => invite.customParameters.parentCallSid === call.sid)).toEqual([]);
    expect(late.length).toBeGreaterThan(0);
  });
});

describe('the hold music when its webhook fails', () => {
  const TWILIO_PLAYLIST = 'https://twimlets.com/holdmusic?Bucket=com.twilio.music.classical';

  /** An error logger whose messages the test reads. */
  function loggedErrors() {
    const { lines, logger } = capturedLog('error', (line) => String(line['msg']));
    return { messages: lines, logger };
  }

  /** Sato puts the caller on hold; what the caller hears, and Twilio's errors on their leg. */
  async function hold(call: Awaited<ReturnType<Team['answeredCall']>>) {
    expect((await team.act('sato', 'POST', `/api/calls/${call.sid}/hold`)).status).toBe(200);
    await team.twilio.settle();
    const holdRequests = call.transcript().requests.filter((request) => request.path.startsWith('/twilio/hold'));
    return {
      hearing: call.hearing(),
      holdStatuses: holdRequests.map((request) => request.status),
      errors: call.transcript().events.filter((event) => event.type === 'error'),
    };
  }

  it('the database goes away mid-call (the Auth Token still cached): the held caller hears Twilio’s default music, not the apology', async () => {
    let down = false;
    const goesDown: KyselyPlugin = {
      transformQuery(args) {
        if (down) throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
        return args.node;
      },
      transformResult: async (args) => args.result,
    };
    const { messages, logger } = loggedErrors();
    const instance = voiceApp({ ...team.deps, logger, store: { ...team.store, db: team.store.db.withPlugin(goesDown) } });
    team.routeWebhooks((request) => instance.request(request));
    // This instance answers the call's webhooks, so it has read the Auth Token when the database goes.
    const call = await team.answeredCall();
    down = true;

    expect(await hold(call)).toEqual({ hearing: { kind: 'hold', audio: TWILIO_PLAYLIST }, holdStatuses: [200], errors: [] });
    expect(messages).toContain('hold music webhook failed; playing the default music');
  });

  it('the Auth Token cannot be read (the database unreachable): the held caller hears Twilio’s default music, not the apology', async () => {
    const { messages, logger } = loggedErrors();
    const unreachable = voiceApp({ ...team.deps, logger, store: unreachableStore() });
    team.routeWebhooks((request) => (new URL(request.url).pathname === '/twilio/hold' ? unreachable.request(request) : team.voice.request(request)));
    const call = await team.answeredCall();

    expect(await hold(call)).toEqual({ hearing: { kind: 'hold', audio: TWILIO_PLAYLIST }, holdStatuses: [200], errors: [] });
    expect(messages).toContain('Twilio webhook: could not read the Auth Token');
  });
});
