import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RepCard } from '../../../contract/live-board.ts';
import { BoardHub } from '../../../server/board/board-hub.ts';
import { silentLogger } from '../../../server/logger.ts';
import { HEARTBEAT_TIMEOUT_SECONDS } from '../../../server/store/presence.ts';
import { revokeSession } from '../../../server/store/sessions.ts';
import { createClock } from '../support/app.ts';
import { sharedTestStore } from '../support/store.ts';
import { MAIN } from '../voice/phone-numbers.ts';
import { createVoiceHarness, type VoiceHarness } from '../voice/voice-harness.ts';
import { callInSteps } from './call-steps.ts';
import { readBoardEvents, type ReceivedEvent } from './event-stream.ts';

const CALLER = '+819011112222';
let h: VoiceHarness;
let hub: BoardHub;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  const store = await sharedTestStore();
  const clock = createClock(new Date('2026-11-24T10:00:00+09:00'));
  hub = new BoardHub({ db: store.db, now: clock.now, logger: silentLogger }, { pollMs: 25, sweepMs: 100, keepAliveMs: 100, sessionCheckMs: 150 });
  h = await createVoiceHarness({ store, clock, reps: ['sato', 'suzuki', 'tanaka'], app: { board: hub } });
  await h.addUser({ id: 'boss', name: '部長', role: 'admin' });
  for (const id of ['boss', 'sato']) tokens[id] = await h.signIn(`${id}@example.jp`);
  await h.addNumber(MAIN);
  await h.goOnline('sato');
});
afterAll(async () => {
  hub.close();
  await h.close();
});

const openBoard = (token: string | undefined, lastEventId?: string) =>
  h.call('GET', `/api/board/events${lastEventId ? `?lastEventId=${lastEventId}` : ''}`, { ...(token ? { token } : {}) });
const card = (event: ReceivedEvent, id: string): RepCard | undefined =>
  event.event === 'rep' && event.data.id === id ? event.data : event.event === 'snapshot' ? event.data.reps.find((rep) => rep.id === id) : undefined;
const repIs = (id: string, state: RepCard['state']) => (event: ReceivedEvent) => card(event, id)?.state === state;

describe('the live board stream', () => {
  it('is for admins and supervisors, with a bearer token', async () => {
    expect((await openBoard(undefined)).status).toBe(401);
    const asRep = await openBoard(tokens.sato);
    expect(asRep.status).toBe(403);
    expect(await asRep.json()).toMatchObject({ error: { code: 'forbidden' } });
  });

  it('starts with the whole board: every rep’s state and today’s counts, nobody waiting', async () => {
    const response = await openBoard(tokens.boss);
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const stream = readBoardEvents(response);
    const first = await stream.until(() => true);
    stream.close();
    expect(first.event).toBe('snapshot');
    if (first.event !== 'snapshot') return;
    expect(first.id).toMatch(/^\d+$/);
    expect(first.data.meta).toMatchObject({ day: '2026-11-24', timeZone: 'Asia/Tokyo', monitor: true });
    expect(first.data.reps.map((rep) => [rep.id, rep.name, rep.state])).toEqual([
      ['sato', 'sato', 'online'],
      ['suzuki', 'suzuki', 'offline'],
      ['tanaka', 'tanaka', 'offline'],
      ['boss', '部長', 'offline'],
    ]);
    expect(first.data.reps[0]).toMatchObject({ since: '2026-11-24T01:00:00.000Z', call: null, today: { answered: 0, missed: 0, talkSeconds: 0 } });
    expect(first.data.waiting).toEqual({ inMenu: [], ringing: [], inLine: null });
  });

  it('follows a call live: in the menu, ringing sato, on the call, wrapping up, back online', async () => {
    const stream = readBoardEvents(await openBoard(tokens.boss));
    await stream.until((event) => event.event === 'snapshot');
    const call = callInSteps(h.twilio, { from: CALLER, to: MAIN.number, seed: 'live', now: h.clock.now });

    await call.arrive();
    const inMenu = await stream.until((event) => event.event === 'waiting' && event.data.inMenu.length === 1);
    expect(inMenu.event === 'waiting' && inMenu.data.inMenu[0]).toMatchObject({
      callSid: call.callSid, customer: { number: CALLER, name: null }, line: { number: MAIN.number, label: '代表' }, keys: '', since: '2026-11-24T01:00:01.000Z',
    });

    h.clock.advance(8);
    await call.press('1');
    await call.leg('sato', 'initiated');
    await call.leg('sato', 'ringing');
    const ringing = await stream.until(repIs('sato', 'ringing'));
    expect(card(ringing, 'sato')).toMatchObject({ since: '2026-11-24T01:00:09.000Z', call: { callSid: call.callSid, ivrPath: ['営業'], customer: { number: CALLER } } });
    const waitingRinging = await stream.until((event) => event.event === 'waiting' && event.data.ringing[0]?.reps.length === 1);
    expect(waitingRinging.event === 'waiting' && waitingRinging.data.ringing[0]).toMatchObject({ callSid: call.callSid, keys: '1', reps: ['sato'], since: '2026-11-24T01:00:09.000Z' });

    h.clock.advance(6);
    await call.leg('sato', 'in-progress');
    const talking = await stream.until(repIs('sato', 'on-call'));
    expect(card(talking, 'sato')).toMatchObject({ since: '2026-11-24T01:00:15.000Z', call: { answeredAt: '2026-11-24T01:00:15.000Z', line: { label: '代表' } } });
    await stream.until((event) => event.event === 'waiting' && event.data.ringing.length === 0 && event.data.inMenu.length === 0);

    h.clock.advance(95);
    await call.leg('sato', 'completed', 95);
    await call.bridgeEnded(95);
    await call.completed(110);
    const wrapping = await stream.until(repIs('sato', 'wrap-up'));
    expect(card(wrapping, 'sato')).toMatchObject({ since: '2026-11-24T01:01:50.000Z', today: { answered: 1, missed: 0, talkSeconds: 95 } });
    await h.goOnline('sato'); // the extension's heartbeat, every 30 s

    const saved = await h.call('PATCH', `/api/calls/${call.callSid}`, { token: tokens.sato, body: { note: '見積もりの件、折り返し不要' } });
    expect(saved.status).toBe(200);
    const back = await stream.until(repIs('sato', 'online'));
    expect(card(back, 'sato')?.today).toEqual({ answered: 1, missed: 0, talkSeconds: 95 });
    const ids = stream.received.flatMap((event) => (event.id === undefined ? [] : [BigInt(event.id)]));
    expect(ids).toEqual([...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    stream.close();
  });

  it('resumes from Last-Event-ID with only what changed, and sends a snapshot for an id it cannot replay', async () => {
    const colleague = readBoardEvents(await openBoard(tokens.boss)); // someone watches all along
    await colleague.until((event) => event.event === 'snapshot');
    const first = readBoardEvents(await openBoard(tokens.boss));
    const snapshot = await first.until((event) => event.event === 'snapshot');
    first.close();
    await h.goOnline('suzuki');

    const resumed = readBoardEvents(await openBoard(tokens.boss, snapshot.id));
    const suzuki = await resumed.until((event) => event.event === 'rep');
    expect(card(suzuki, 'suzuki')?.state).toBe('online');
    const waiting = await resumed.until(() => true);
    expect(waiting.event).toBe('waiting');
    expect(resumed.received.map((event) => event.event)).toEqual(['meta', 'rep', 'waiting']);
    expect(resumed.received.map((event) => event.id === undefined)).toEqual([true, true, false]);
    expect(BigInt(waiting.id!)).toBeGreaterThan(BigInt(snapshot.id!));
    resumed.close();
    colleague.close();

    for (const id of ['1', '99999999999999', 'not-a-number']) {
      const fresh = readBoardEvents(await openBoard(tokens.boss, id));
      expect((await fresh.until(() => true)).event).toBe('snapshot');
      fresh.close();
    }
  });

  it('sends a snapshot to a viewer resuming from before a time when nobody watched (what changed with time then was noted nowhere)', async () => {
    const first = readBoardEvents(await openBoard(tokens.boss));
    const snapshot = await first.until((event) => event.event === 'snapshot');
    first.close();
    await expect.poll(() => hub.subscriberCount, { timeout: 5_000 }).toBe(0);

    const resumed = readBoardEvents(await openBoard(tokens.boss, snapshot.id));
    expect((await resumed.until(() => true)).event).toBe('snapshot');
    resumed.close();
  });

  it('shows a rep whose heartbeat stopped as offline, with no write to tell it', async () => {
    const stream = readBoardEvents(await openBoard(tokens.boss));
    const snapshot = await stream.until((event) => event.event === 'snapshot');
    expect(card(snapshot, 'suzuki')?.state).toBe('online');
    h.clock.advance(HEARTBEAT_TIMEOUT_SECONDS + 1);
    const gone = await stream.until(repIs('suzuki', 'offline'));
    expect(card(gone, 'suzuki')?.since).toBeNull();
    stream.close();
  });

  it('ends the stream of a viewer who signed out', async () => {
    const token = await h.signIn('boss@example.jp');
    const stream = readBoardEvents(await openBoard(token));
    await stream.until((event) => event.event === 'snapshot');
    await revokeSession(h.store.db, token);
    const end = await stream.until((event) => event.event === 'end');
    expect(end.data).toEqual({ reason: 'signed-out' });
    expect(await stream.next(1_000)).toBeNull();
  });

  it('stops reading the feed once nobody watches', async () => {
    await expect.poll(() => hub.subscriberCount, { timeout: 5_000 }).toBe(0);
  });
});
