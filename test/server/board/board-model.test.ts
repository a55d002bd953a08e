import { describe, expect, it } from 'vitest';
import { buildBoard, diffBoards, repStateOf, resumeEvents, waitingOf, type BoardInput } from '../../../server/board/board-model.ts';
import { BoardSubscriber, streamEvents } from '../../../server/board/board-subscriber.ts';
import type { BoardCallRow } from '../../../server/store/board-queries.ts';
import type { PresenceView } from '../../../server/store/presence.ts';

const at = (time: string) => new Date(`2026-11-24T${time}+09:00`);
const online = (userId: string, since = at('09:00:00')): PresenceView => ({ userId, status: 'online', available: true, since, ringPosition: '1', onCallSid: null });
const CALL = 'CA0f1e2d3c4b5a69788796a5b4c3d2e1f0';

function callRow(overrides: Partial<BoardCallRow> = {}): BoardCallRow {
  return {
    callSid: CALL,
    direction: 'inbound',
    from: '+819011112222',
    to: '+81312345678',
    numberCalled: '+81312345678',
    numberLabel: '代表',
    ivrPath: [],
    ivrKeys: '',
    ivrState: 'menu',
    repId: null,
    rang: [],
    status: 'in-progress',
    startedAt: at('10:00:00'),
    answeredAt: null,
    ivrRoutedAt: null,
    customerName: null,
    recordingPausedAt: null,
    ...overrides,
  };
}

describe('a rep’s state on the board', () => {
  const onCall = { callSid: CALL, since: at('10:01:00') };
  it.each([
    ['on a call beats everything', { presence: online('sato'), onCall, ringing: { callSid: 'CAother', since: at('10:02:00') } }, 'on-call', at('10:01:00')],
    ['on hold when the customer of their call is held', { presence: online('sato'), onCall, holdSince: at('10:03:00') }, 'on-hold', at('10:03:00')],
    ['ringing', { presence: online('sato'), ringing: { callSid: CALL, since: at('10:00:30') } }, 'ringing', at('10:00:30')],
    ['wrapping up after a call', { presence: online('sato'), wrapUp: { callSid: CALL, endedAt: at('10:05:00') } }, 'wrap-up', at('10:05:00')],
    ['online since they went online', { presence: online('sato') }, 'online', at('09:00:00')],
    ['offline without presence', {}, 'offline', null],
  ] as const)('%s', (_name, input, state, since) => {
    expect(repStateOf({ presence: undefined, onCall: undefined, ringing: undefined, holdSince: undefined, wrapUp: undefined, ...input })).toMatchObject({ state, since });
  });
});

describe('callers waiting', () => {
  const activity = (ringing: [string, string][] = []) => ({
    onCall: new Map(),
    ringing: new Map(ringing.map(([rep, callSid]) => [rep, { callSid, since: at('10:00:40') }])),
  });

  it('are in the menu until the menu routes them, then ringing (between two rounds too), longest wait first', () => {
    const calls = new Map([
      ['CA1', callRow({ callSid: 'CA1', startedAt: at('10:00:10'), ivrKeys: '2' })],
      ['CA2', callRow({ callSid: 'CA2', startedAt: at('10:00:00'), ivrKeys: '1', ivrState: 'routed', ivrRoutedAt: at('10:00:20'), rang: ['sato'] })],
      ['CA3', callRow({ callSid: 'CA3', startedAt: at('09:59:00'), ivrKeys: null, ivrState: null, rang: ['sato', 'suzuki'] })],
      ['CA4', callRow({ callSid: 'CA4', answeredAt: at('10:00:30'), rang: ['tanaka'] })],
      ['CA5', callRow({ callSid: 'CA5', direction: 'outbound', from: 'client:sato' })],
    ]);
    const waiting = waitingOf({ calls, activity: activity([['suzuki', 'CA2'], ['sato', 'CA2']]) });
    expect(waiting.inMenu.map((call) => [call.callSid, call.keys, call.since])).toEqual([['CA1', '2', '2026-11-24T01:00:10.000Z']]);
    expect(waiting.ringing.map((call) => [call.callSid, call.reps, call.since])).toEqual([
      ['CA3', [], '2026-11-24T00:59:00.000Z'],
      ['CA2', ['sato', 'suzuki'], '2026-11-24T01:00:20.000Z'],
    ]);
    expect(waiting.inLine).toBeNull();
  });

  it('list callers waiting in line apart, in the line’s order, once a number has a waiting line', () => {
    const calls = new Map([
      ['CA1', callRow({ callSid: 'CA1', startedAt: at('10:00:00'), ivrKeys: null, ivrState: null })],
      ['CA2', callRow({ callSid: 'CA2', startedAt: at('10:00:05'), ivrKeys: null, ivrState: null })],
      ['CA3', callRow({ callSid: 'CA3', startedAt: at('10:00:10'), ivrKeys: '1', ivrState: 'routed', ivrRoutedAt: at('10:00:20'), rang: ['sato'] })],
    ]);
    // CA2 joined the line with a higher priority: the line's order, not the time of the call.
    const line = new Map([['CA2', at('10:00:30')], ['CA1', at('10:00:40')]]);
    const waiting = waitingOf({ calls, activity: activity([['sato', 'CA3']]), line });
    expect(waiting.inLine?.map((call) => [call.callSid, call.since])).toEqual([['CA2', '2026-11-24T01:00:30.000Z'], ['CA1', '2026-11-24T01:00:40.000Z']]);
    expect(waiting.ringing.map((call) => call.callSid)).toEqual(['CA3']);
    expect(waiting.inMenu).toEqual([]);
    expect(waitingOf({ calls, activity: activity(), line: new Map() }).inLine).toEqual([]);
  });

  it('show a withheld number as no number', () => {
    const waiting = waitingOf({ calls: new Map([[CALL, callRow({ from: '+266696687' })]]), activity: activity() });
    expect(waiting.inMenu[0]?.customer).toEqual({ number: null, name: null });
  });
});

describe('board events', () => {
  const input = (overrides: Partial<BoardInput> = {}): BoardInput => ({
    users: [{ id: 'sato', name: '佐藤', role: 'rep' }, { id: 'suzuki', name: '鈴木', role: 'rep' }],
    presence: [online('sato')],
    activity: { onCall: new Map(), ringing: new Map() },
    calls: new Map(),
    holds: new Map(),
    wrapUps: new Map(),
    today: new Map([['sato', { answered: 3, missed: 1, talkSeconds: 610 }]]),
    meta: { day: '2026-11-24', timeZone: 'Asia/Tokyo', monitor: false },
    now: at('10:00:00'),
    ...overrides,
  });

  it('name only what changed: a card, a user who left, the waiting list, the day', () => {
    const before = buildBoard(input());
    const after = buildBoard(input({
      users: [{ id: 'sato', name: '佐藤', role: 'rep' }],
      activity: { onCall: new Map([['sato', { callSid: CALL, since: at('10:01:00') }]]), ringing: new Map() },
      calls: new Map([[CALL, callRow({ repId: 'sato', answeredAt: at('10:01:00'), customerName: '山田商事 山田様' })]]),
      meta: { day: '2026-11-25', timeZone: 'Asia/Tokyo', monitor: false },
      now: at('10:01:05'),
    }));
    const events = diffBoards(before, after);
    expect(events.map((event) => event.event)).toEqual(['rep', 'rep-gone', 'meta']);
    expect(events[0]).toMatchObject({ data: { id: 'sato', state: 'on-call', call: { customer: { number: '+819011112222', name: '山田商事 山田様' } } } });
  });

  it('show a paused recording on the card of the rep on the call or holding it, not once they wrap up', () => {
    const paused = callRow({ repId: 'sato', answeredAt: at('10:01:00'), recordingPausedAt: at('10:02:30') });
    const onCall = { onCall: new Map([['sato', { callSid: CALL, since: at('10:01:00') }]]), ringing: new Map() };
    const talking = buildBoard(input({ activity: onCall, calls: new Map([[CALL, paused]]) }));
    expect(talking.reps[0]).toMatchObject({ state: 'on-call', call: { recordingPausedAt: '2026-11-24T01:02:30.000Z' } });
    const holding = buildBoard(input({ activity: onCall, calls: new Map([[CALL, paused]]), holds: new Map([[CALL, at('10:03:00')]]) }));
    expect(holding.reps[0]).toMatchObject({ state: 'on-hold', call: { recordingPausedAt: '2026-11-24T01:02:30.000Z' } });
    const resumed = buildBoard(input({ activity: onCall, calls: new Map([[CALL, { ...paused, recordingPausedAt: null }]]) }));
    expect(diffBoards(talking, resumed)).toEqual([{ event: 'rep', data: expect.objectContaining({ id: 'sato', call: expect.objectContaining({ recordingPausedAt: null }) }) }]);
    const wrappingUp = buildBoard(input({ calls: new Map([[CALL, { ...paused, status: 'completed' }]]), wrapUps: new Map([['sato', { callSid: CALL, endedAt: at('10:05:00') }]]) }));
    expect(wrappingUp.reps[0]).toMatchObject({ state: 'wrap-up', call: { callSid: CALL, recordingPausedAt: null } });
  });

  it('send nothing when only the clock moved', () => {
    expect(diffBoards(buildBoard(input()), buildBoard(input({ now: at('10:09:00') })))).toEqual([]);
  });

  it('resume with the cards the feed named, the waiting list and the meta', () => {
    const board = buildBoard(input());
    expect(resumeEvents(board, ['suzuki', 'gone']).map((event) => [event.event, 'id' in event.data ? event.data.id : null])).toEqual([
      ['meta', null],
      ['rep', 'suzuki'],
      ['rep-gone', 'gone'],
      ['waiting', null],
    ]);
  });
});

describe('a client’s queue of events', () => {
  it('drops a client that lets events pile up instead of buffering without end', async () => {
    const subscriber = new BoardSubscriber('boss', 3);
    const events = streamEvents([{ event: 'rep-gone', data: { id: 'sato' } }, { event: 'rep-gone', data: { id: 'suzuki' } }], '42');
    subscriber.push(events);
    expect(await subscriber.next(10)).toEqual(events);
    subscriber.push(events);
    subscriber.push(events);
    expect(subscriber.closed).toBe('slow');
    expect(await subscriber.next(10)).toEqual([]);
  });

  it('waits for events, and gives an empty list when it is time for a keep-alive', async () => {
    const subscriber = new BoardSubscriber('boss', 10);
    const waiting = subscriber.next(5_000);
    subscriber.push(streamEvents([{ event: 'rep-gone', data: { id: 'sato' } }], '7'));
    expect(await waiting).toEqual([{ event: 'rep-gone', data: '{"id":"sato"}', id: '7' }]);
    expect(await subscriber.next(20)).toEqual([]);
  });
});
