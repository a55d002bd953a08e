import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, type ApiClient } from '@/api/client';
import type { CallAction } from '@/call-control/call-actions';
import type { LiveCall } from '@/call-control/live-call';
import { LIVE_POLL_MS } from '@/entrypoints/background/live-call-feed';
import type { PublicState } from '@/messaging/public-state';
import type { CallInfo } from '@/phone/call-info';
import type { Session } from '@/storage/items';
import { CALL_SID, consult, customer, kanri, liveCall, sato, suzuki } from '../../call-control/live-call-fixtures';
import { FakeDevice, phoneWithDevice, stored } from './fake-phone';

/** The SDK's Device as far as calls go, and the rep's answer is taken at once. */
class AnsweringDevice extends FakeDevice {
  override accept(callId: string) {
    super.accept(callId);
    this.emit('callStateChanged', callId, 'accepted', null);
  }
}

/** The companion server's call-control API as far as this test goes: the call stands as `rooms` says. */
function fakeServer(me: { id: string; role: string }) {
  const rooms = new Map<string, LiveCall>();
  const requests: string[] = [];
  let refusal: ApiError | null = null;
  const api = {
    me: async () => ({ user: { ...me, name: me.id, email: `${me.id}@example.jp` }, outgoingNumber: '+815011110000', presence: { available: true, onCall: false } }),
    setPresence: async (available: boolean) => ({ available }),
    token: async () => ({ token: 'jwt', identity: me.id, ttl: 3600 }),
    liveCall: async (sid: string) => {
      requests.push(`GET ${sid}`);
      const room = rooms.get(sid);
      if (!room) throw new ApiError('http', 'There is no such call.', 404, 'call_not_found');
      return room;
    },
    controlCall: async (sid: string, action: CallAction) => {
      requests.push(`${action.kind} ${sid}`);
      if (refusal) throw refusal;
      return rooms.get(sid) ?? liveCall({ callSid: sid });
    },
    colleagues: async () => ({ colleagues: [] }),
    liveCalls: async () => ({ calls: [...rooms.values()] }),
  } as unknown as ApiClient;
  return { api, rooms, requests, refuse: (error: ApiError | null) => void (refusal = error) };
}

function setUp(user: { id: string; role: string } = { id: 'sato', role: 'rep' }) {
  const server = fakeServer(user);
  const incoming: CallInfo[] = [];
  const { controller, states, device } = phoneWithDevice({
    offscreen: { newDevice: () => new AnsweringDevice() },
    createApi: () => server.api,
    session: stored<Session | null>({ token: 'sess', user: { ...user, name: user.id, email: `${user.id}@example.jp` } }),
    wantsOnline: stored(true),
    onIncoming: (call) => void incoming.push(call),
    now: () => Date.now(),
  });
  const last = () => states.at(-1) as PublicState;
  return {
    server, controller, states, last, incoming,
    device,
    /** A customer's call rings this rep (as the server's card describes it) and the rep answers. */
    async answeredCall(call: Partial<CallInfo> = {}) {
      await controller.setOnline(true);
      device().emit('incoming', { callId: 'in-1', direction: 'incoming', number: '+819011112222', calledNumber: '+815011110000', calledLabel: '営業直通', ivrPath: [], callSid: CALL_SID, record: null, ...call });
      await vi.advanceTimersByTimeAsync(0);
      await controller.accept('in-1');
      await vi.advanceTimersByTimeAsync(0);
    },
    async hangsUp() {
      device().emit('callStateChanged', 'in-1', 'disconnected', CALL_SID);
      await vi.advanceTimersByTimeAsync(0);
    },
  };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('the live state of the call being talked on', () => {
  it('follows the room about every 1.5 s while in the call, into every screen’s state, and stops after', async () => {
    const t = setUp();
    t.server.rooms.set(CALL_SID, liveCall());
    await t.answeredCall();
    expect(t.last().liveCall?.parties.map((party) => `${party.kind}${party.you ? ' (you)' : ''}`)).toEqual(['customer', 'rep (you)']);

    t.server.rooms.set(CALL_SID, liveCall({ hold: { since: '2026-11-24T00:01:00.000Z' }, parties: [customer('held'), sato()] }));
    await vi.advanceTimersByTimeAsync(LIVE_POLL_MS);
    expect(t.last().liveCall?.hold).toEqual({ since: Date.parse('2026-11-24T00:01:00.000Z') });
    const asked = t.server.requests.filter((request) => request.startsWith('GET')).length;
    await vi.advanceTimersByTimeAsync(LIVE_POLL_MS * 4);
    expect(t.server.requests.filter((request) => request.startsWith('GET')).length).toBe(asked + 4);

    await t.hangsUp();
    expect(t.last().calls.current.kind).toBe('wrap-up');
    expect(t.last().liveCall).toBeNull();
    const afterEnd = t.server.requests.length;
    await vi.advanceTimersByTimeAsync(LIVE_POLL_MS * 3);
    expect(t.server.requests.length).toBe(afterEnd);
  });

  it('shows no room for a call the server has no room for (a plain call), and keeps asking', async () => {
    const t = setUp();
    await t.answeredCall();
    expect(t.last().liveCall).toBeNull();
    t.server.rooms.set(CALL_SID, liveCall());
    await vi.advanceTimersByTimeAsync(LIVE_POLL_MS);
    expect(t.last().liveCall?.state).toBe('live');
  });
});

describe('call control on the call being talked on', () => {
  it('acts on that call only: another CallSid (a stale card) is refused before the server hears of it', async () => {
    const t = setUp();
    t.server.rooms.set(CALL_SID, liveCall());
    await t.answeredCall();
    await expect(t.controller.controlCall('CA11111111111111111111111111111111', { kind: 'hold' })).rejects.toMatchObject({ code: 'not_current_call' });
    await t.controller.controlCall(CALL_SID, { kind: 'hold' });
    expect(t.server.requests.filter((request) => !request.startsWith('GET'))).toEqual([`hold ${CALL_SID}`]);
  });

  it('the hold-resume shortcut holds the caller, and takes them off hold once the room says they are held', async () => {
    const t = setUp();
    t.server.rooms.set(CALL_SID, liveCall());
    await t.answeredCall();
    await t.controller.toggleHold();
    t.server.rooms.set(CALL_SID, liveCall({ hold: { since: '2026-11-24T00:01:00.000Z' }, parties: [customer('held'), sato()] }));
    await vi.advanceTimersByTimeAsync(LIVE_POLL_MS);
    await t.controller.toggleHold();
    expect(t.server.requests.filter((request) => !request.startsWith('GET'))).toEqual([`hold ${CALL_SID}`, `resume ${CALL_SID}`]);
  });

  it('passes the server’s refusal on by its code, without calling the server unreachable', async () => {
    const t = setUp();
    t.server.rooms.set(CALL_SID, consult('ringing'));
    await t.answeredCall();
    t.server.refuse(new ApiError('http', 'A transfer is already under way on this call.', 409, 'transfer_in_progress'));
    await expect(t.controller.controlCall(CALL_SID, { kind: 'transfer', to: { user: 'tanaka' }, mode: 'blind' })).rejects.toMatchObject({ code: 'transfer_in_progress' });
    t.server.refuse(new ApiError('unreachable', 'Twilio did not answer.', 502, 'twilio_unavailable'));
    await expect(t.controller.controlCall(CALL_SID, { kind: 'hold' })).rejects.toMatchObject({ code: 'twilio_unavailable' });
    expect((await t.controller.state()).status).toBe('ready');
  });

  it('after a blind transfer the rep’s call ends with no after-call note', async () => {
    const t = setUp();
    t.server.rooms.set(CALL_SID, liveCall());
    await t.answeredCall();
    await t.controller.controlCall(CALL_SID, { kind: 'transfer', to: { user: 'suzuki' }, mode: 'blind' });
    await t.hangsUp();
    expect(t.last().calls.current.kind).toBe('idle');
  });

  it('a rep who hangs up on a 3-way call gets no note once the server says the call went on', async () => {
    const t = setUp();
    t.server.rooms.set(CALL_SID, liveCall({ parties: [customer(), sato(), suzuki('add', 'talking')] }));
    await t.answeredCall();
    t.server.rooms.set(CALL_SID, liveCall({ ownerId: 'suzuki', parties: [customer(), suzuki('add', 'talking')] }));
    await t.hangsUp();
    expect(t.last().calls.current.kind).toBe('wrap-up');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(t.last().calls.current.kind).toBe('idle');
  });

  it('the rep whose customer hung up on a 3-way call keeps the note', async () => {
    const t = setUp();
    t.server.rooms.set(CALL_SID, liveCall({ parties: [customer(), sato(), suzuki('add', 'talking')] }));
    await t.answeredCall();
    t.server.rooms.set(CALL_SID, liveCall({ state: 'ended', parties: [] }));
    await t.hangsUp();
    await vi.advanceTimersByTimeAsync(4_000);
    expect(t.last().calls.current.kind).toBe('wrap-up');
  });
});

describe('a supervisor’s monitoring', () => {
  const monitorLeg = { callId: 'in-1', callSid: CALL_SID, invite: { purpose: 'monitor' as const, byId: 'kanri', byName: '管理 美香', note: null } };

  it('answers by itself the monitoring leg it asked for, with no card or notification, and no note after', async () => {
    const t = setUp({ id: 'kanri', role: 'supervisor' });
    t.server.rooms.set(CALL_SID, liveCall({ parties: [customer(), sato(), kanri('listen')] }));
    await t.controller.setOnline(true);
    await t.controller.monitor(CALL_SID, 'listen');
    t.device().emit('incoming', { direction: 'incoming', number: '+819011112222', calledNumber: null, calledLabel: null, ivrPath: [], record: null, ...monitorLeg });
    await vi.advanceTimersByTimeAsync(0);
    expect(t.device().accepted).toEqual(['in-1']);
    expect(t.incoming).toEqual([]);
    expect(t.last().liveCall?.monitoring).toBe('listen');

    // Switching mode acts on the call being monitored; no second leg is asked for.
    await t.controller.monitor(CALL_SID, 'whisper');
    expect(t.server.requests.filter((request) => request.startsWith('monitor'))).toHaveLength(2);
    t.device().emit('callStateChanged', 'in-1', 'disconnected', CALL_SID);
    await vi.advanceTimersByTimeAsync(0);
    expect(t.last().calls.current.kind).toBe('idle');
  });

  it('lets a monitoring leg it did not ask for ring like any call', async () => {
    const t = setUp({ id: 'kanri', role: 'supervisor' });
    await t.controller.setOnline(true);
    t.device().emit('incoming', { direction: 'incoming', number: '+819011112222', calledNumber: null, calledLabel: null, ivrPath: [], record: null, ...monitorLeg });
    await vi.advanceTimersByTimeAsync(0);
    expect(t.device().accepted).toEqual([]);
    expect(t.incoming).toHaveLength(1);
    expect(t.last().calls.current.kind).toBe('incoming');
  });

  describe('moving to another call (the server takes their leg of the first one back, then rings the second)', () => {
    const OTHER_SID = 'CA1234567890abcdef1234567890abcdef';
    const legOf = (callId: string, callSid: string) => ({
      direction: 'incoming' as const, number: '+819033334444', calledNumber: null, calledLabel: null, ivrPath: [], record: null,
      callId, callSid, invite: { purpose: 'monitor' as const, byId: 'kanri', byName: '管理 美香', note: null },
    });

    async function monitoringFirst() {
      const t = setUp({ id: 'kanri', role: 'supervisor' });
      t.server.rooms.set(CALL_SID, liveCall({ parties: [customer(), sato(), kanri('listen')] }));
      t.server.rooms.set(OTHER_SID, liveCall({ callSid: OTHER_SID, ownerId: 'suzuki', parties: [customer(), suzuki('answer', 'talking'), kanri('listen')] }));
      await t.controller.setOnline(true);
      await t.controller.monitor(CALL_SID, 'listen');
      t.device().emit('incoming', legOf('in-1', CALL_SID));
      await vi.advanceTimersByTimeAsync(0);
      expect(t.last().liveCall?.callSid).toBe(CALL_SID);
      await t.controller.monitor(OTHER_SID, 'listen');
      expect(t.server.requests.filter((request) => request.startsWith('monitor'))).toEqual([`monitor ${CALL_SID}`, `monitor ${OTHER_SID}`]);
      return t;
    }

    it('answers the new leg by itself after the old one ended: no card, no note, the new call shown', async () => {
      const t = await monitoringFirst();
      t.device().emit('callStateChanged', 'in-1', 'disconnected', CALL_SID);
      await vi.advanceTimersByTimeAsync(0);
      t.device().emit('incoming', legOf('in-2', OTHER_SID));
      await vi.advanceTimersByTimeAsync(0);
      expect(t.device().accepted).toEqual(['in-1', 'in-2']);
      expect(t.incoming).toEqual([]);
      expect(t.last().calls.current).toMatchObject({ kind: 'in-call', call: { callId: 'in-2', callSid: OTHER_SID } });
      expect(t.last().liveCall?.callSid).toBe(OTHER_SID);
    });

    it('answers the new leg by itself even when it rings before the old one has ended, and ends on one call', async () => {
      const t = await monitoringFirst();
      t.device().emit('incoming', legOf('in-2', OTHER_SID));
      await vi.advanceTimersByTimeAsync(0);
      t.device().emit('callStateChanged', 'in-1', 'disconnected', CALL_SID);
      await vi.advanceTimersByTimeAsync(0);
      expect(t.device().accepted).toEqual(['in-1', 'in-2']);
      expect(t.incoming).toEqual([]);
      expect(t.last().calls.current).toMatchObject({ kind: 'in-call', call: { callId: 'in-2', callSid: OTHER_SID } });
      expect(t.last().calls.waiting).toBeNull();
    });
  });

  it('forgets a request the server refused, so a later leg is not answered by itself', async () => {
    const t = setUp({ id: 'kanri', role: 'supervisor' });
    await t.controller.setOnline(true);
    t.server.refuse(new ApiError('http', 'Go online to monitor.', 409, 'go_online_to_monitor'));
    await expect(t.controller.monitor(CALL_SID, 'listen')).rejects.toMatchObject({ code: 'go_online_to_monitor' });
    t.device().emit('incoming', { direction: 'incoming', number: '+819011112222', calledNumber: null, calledLabel: null, ivrPath: [], record: null, ...monitorLeg });
    await vi.advanceTimersByTimeAsync(0);
    expect(t.device().accepted).toEqual([]);
  });
});

describe('a call a barging supervisor took over, when Twilio tells of the rep’s leave only after the customer’s', () => {
  /** The room is over (the customer hung up) but 佐藤's leave is not heard yet: still 佐藤's, for now. */
  const pending = () => liveCall({ state: 'ended', parties: [], ownerPending: true });
  /** 佐藤's leave came: the call is 管理's. Nobody is listed in a room that is over; the server names the owner. */
  const kanrisAtLast = () => liveCall({ state: 'ended', parties: [], ownerId: 'kanri', ownerName: '管理 美香', ownerPending: false });

  it('keeps the rep’s form open, telling them who has the call, once the leave comes (it was theirs when they hung up)', async () => {
    const t = setUp();
    t.server.rooms.set(CALL_SID, liveCall({ parties: [customer(), sato(), kanri('barge')] }));
    await t.answeredCall();
    await vi.advanceTimersByTimeAsync(LIVE_POLL_MS);
    t.server.rooms.set(CALL_SID, pending());
    await t.hangsUp();
    // Three seconds on the server still says whose it is may change: the form stays, as the rep's.
    await vi.advanceTimersByTimeAsync(4_000);
    expect(t.last().calls.current).toMatchObject({ kind: 'wrap-up', call: { callId: 'in-1' } });
    expect(t.last().calls.current).not.toHaveProperty('takenOver');

    t.server.rooms.set(CALL_SID, kanrisAtLast());
    await vi.advanceTimersByTimeAsync(5_000);
    expect(t.last().calls.current).toMatchObject({ kind: 'wrap-up', call: { callId: 'in-1' }, takenOver: { by: '管理 美香' } });
  });

  it('leaves the form as it is when the rep had it at the end after all', async () => {
    const t = setUp();
    t.server.rooms.set(CALL_SID, liveCall({ parties: [customer(), sato(), kanri('barge')] }));
    await t.answeredCall();
    await vi.advanceTimersByTimeAsync(LIVE_POLL_MS);
    t.server.rooms.set(CALL_SID, pending());
    await t.hangsUp();
    await vi.advanceTimersByTimeAsync(4_000);
    t.server.rooms.set(CALL_SID, liveCall({ state: 'ended', parties: [], ownerPending: false }));
    await vi.advanceTimersByTimeAsync(5_000);
    expect(t.last().calls.current).toMatchObject({ kind: 'wrap-up', call: { callId: 'in-1' } });
    expect(t.last().calls.current).not.toHaveProperty('takenOver');
  });

  it('gives the supervisor the wrap-up once the call turns out to be theirs, after their leg ended without one', async () => {
    const t = setUp({ id: 'kanri', role: 'supervisor' });
    const monitorLeg = { callId: 'in-1', callSid: CALL_SID, invite: { purpose: 'monitor' as const, byId: 'kanri', byName: '管理 美香', note: null } };
    t.server.rooms.set(CALL_SID, liveCall({ parties: [customer(), sato(), kanri('barge')] }));
    await t.controller.setOnline(true);
    await t.controller.monitor(CALL_SID, 'barge');
    t.device().emit('incoming', { direction: 'incoming', number: '+819011112222', calledNumber: null, calledLabel: null, ivrPath: [], record: null, ...monitorLeg });
    await vi.advanceTimersByTimeAsync(LIVE_POLL_MS);
    expect(t.last().liveCall?.monitoring).toBe('barge');

    t.server.rooms.set(CALL_SID, pending());
    t.device().emit('callStateChanged', 'in-1', 'disconnected', CALL_SID);
    await vi.advanceTimersByTimeAsync(4_000);
    expect(t.last().calls.current.kind).toBe('idle');

    t.server.rooms.set(CALL_SID, kanrisAtLast());
    await vi.advanceTimersByTimeAsync(5_000);
    expect(t.last().calls.current).toMatchObject({ kind: 'wrap-up', call: { callId: 'in-1', callSid: CALL_SID }, outcome: 'completed' });
  });

  it('gives a barging supervisor nothing when the call ended as the rep’s', async () => {
    const t = setUp({ id: 'kanri', role: 'supervisor' });
    const monitorLeg = { callId: 'in-1', callSid: CALL_SID, invite: { purpose: 'monitor' as const, byId: 'kanri', byName: '管理 美香', note: null } };
    t.server.rooms.set(CALL_SID, liveCall({ parties: [customer(), sato(), kanri('barge')] }));
    await t.controller.setOnline(true);
    await t.controller.monitor(CALL_SID, 'barge');
    t.device().emit('incoming', { direction: 'incoming', number: '+819011112222', calledNumber: null, calledLabel: null, ivrPath: [], record: null, ...monitorLeg });
    await vi.advanceTimersByTimeAsync(LIVE_POLL_MS);
    t.server.rooms.set(CALL_SID, liveCall({ state: 'ended', parties: [], ownerPending: false }));
    t.device().emit('callStateChanged', 'in-1', 'disconnected', CALL_SID);
    await vi.advanceTimersByTimeAsync(70_000);
    expect(t.last().calls.current.kind).toBe('idle');
  });
});
