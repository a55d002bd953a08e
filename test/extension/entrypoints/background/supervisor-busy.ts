import { vi } from 'vitest';
import { ApiError } from '@/api/client';
import type { LiveCall } from '@/call-control/live-call';
import type { ControllerDeps } from '@/entrypoints/background/phone-controller';
import { LIVE_POLL_MS } from '@/entrypoints/background/live-call-feed';
import type { PublicState } from '@/messaging/public-state';
import type { Session } from '@/storage/items';
import { CALL_SID, CUSTOMER, customer, kanri, liveCall, sato } from '../../call-control/live-call-fixtures';
import { FakeDevice, phoneWithDevice, repApi, stored } from './fake-phone';

/** The customer's call 管理 answers after their monitoring leg of CALL_SID ended. */
export const OTHER_SID = 'CA1234567890abcdef1234567890abcdef';
export const OTHER_CALLER = '+81452223333';
const supervisor = { id: 'kanri', name: '管理 美香', email: 'kanri@example.jp', role: 'supervisor' };
const monitorLeg = { callId: 'in-1', callSid: CALL_SID, invite: { purpose: 'monitor' as const, byId: 'kanri', byName: '管理 美香', note: null } };

/** The SDK's Device as far as calls go, and an answer is taken at once. */
class AnsweringDevice extends FakeDevice {
  override accept(callId: string) {
    super.accept(callId);
    this.emit('callStateChanged', callId, 'accepted', null);
  }
}

/**
 * 管理 (a supervisor) barged into 佐藤's call (CALL_SID, our `in-1`) and their leg ended with the room;
 * Twilio told of 佐藤's leave only later, making the call 管理's. By then 管理 was talking on a
 * customer's call of their own (OTHER_SID, `in-2`). Fake timers; `broadcast` is called besides.
 * `takenOver`: the taken-over call as `GET /api/calls/:sid` has it (its owner; `note`: written elsewhere),
 * or that the server has no such call (`gone`), or cannot be reached (`unreachable`).
 */
export async function supervisorOnAnotherCall({
  takenOver = { rep: 'kanri', note: null },
  broadcast,
}: { takenOver?: { rep: string; note: string | null } | 'gone' | 'unreachable'; broadcast?: ControllerDeps['broadcast'] } = {}) {
  const asked: string[] = [];
  const saved: { sid: string; note: string | undefined }[] = [];
  const rooms = new Map<string, LiveCall>([[CALL_SID, liveCall({ parties: [customer(), sato(), kanri('barge')] })]]);
  const api = repApi({
    me: async () => ({ user: supervisor, outgoingNumber: '+815011110000', presence: { available: true, onCall: false } }),
    liveCall: async (sid: string) => {
      const room = rooms.get(sid);
      if (!room) throw new ApiError('http', 'There is no such call.', 404, 'call_not_found');
      return room;
    },
    controlCall: async (sid: string) => rooms.get(sid) ?? liveCall({ callSid: sid }),
    callLogEntry: async (sid: string) => {
      asked.push(sid);
      if (takenOver === 'unreachable') throw new ApiError('unreachable', 'Failed to fetch');
      if (sid !== CALL_SID || takenOver === 'gone') throw new ApiError('http', 'There is no such call.', 404, 'call_not_found');
      return { callSid: sid, direction: 'inbound', from: CUSTOMER, to: '+815011110000', status: 'completed', startedAt: '2026-11-24T00:00:00.000Z', disposition: null, ...takenOver };
    },
    patchCall: async (sid: string, patch: { note?: string }) => (saved.push({ sid, note: patch.note }), { callSid: sid }),
  });
  const t = phoneWithDevice({
    offscreen: { newDevice: () => new AnsweringDevice() },
    createApi: () => api,
    session: stored<Session | null>({ token: 'sess', user: supervisor }),
    wantsOnline: stored(true),
    now: () => Date.now(),
    ...(broadcast ? { broadcast } : {}),
  });
  const calls = () => (t.states.at(-1) as PublicState).calls;
  await t.controller.setOnline(true);
  await t.controller.monitor(CALL_SID, 'barge');
  t.device().emit('incoming', { direction: 'incoming', number: CUSTOMER, calledNumber: null, calledLabel: null, ivrPath: [], record: null, ...monitorLeg });
  await vi.advanceTimersByTimeAsync(LIVE_POLL_MS);
  // The customer hangs up; 佐藤's leave is not heard yet: still 佐藤's call, for now.
  rooms.set(CALL_SID, liveCall({ state: 'ended', parties: [], ownerPending: true }));
  t.device().emit('callStateChanged', 'in-1', 'disconnected', CALL_SID);
  await vi.advanceTimersByTimeAsync(1_000);
  // Another customer rings 管理, who answers.
  t.device().emit('incoming', { callId: 'in-2', direction: 'incoming', number: OTHER_CALLER, calledNumber: '+815011110000', calledLabel: '営業直通', ivrPath: [], callSid: OTHER_SID, record: null });
  await vi.advanceTimersByTimeAsync(0);
  await t.controller.accept('in-2');
  await vi.advanceTimersByTimeAsync(3_000);
  // 佐藤's leave comes: the first call is 管理's.
  rooms.set(CALL_SID, liveCall({ state: 'ended', parties: [], ownerId: 'kanri', ownerName: '管理 美香', ownerPending: false }));
  await vi.advanceTimersByTimeAsync(5_000);
  return {
    ...t, calls, asked, saved,
    /** The customer of the second call hangs up. */
    async secondCallEnds() {
      t.device().emit('callStateChanged', 'in-2', 'disconnected', OTHER_SID);
      await vi.advanceTimersByTimeAsync(0);
    },
  };
}
