import { describe, expect, it } from 'vitest';
import type { ApiClient } from '@/api/client';
import { startOutcomeOf } from '@/entrypoints/background/call-starts';
import { endEveryCall } from '@/entrypoints/background/phone-memory';
import type { CallInfo } from '@/phone/call-info';
import type { PhoneCalls } from '@/phone/call-state';
import { CALL_GONE, callGoneError, createPhoneHost } from '@/phone/phone-host';
import { caller, FakeDevice, phoneWithDevice, rep } from './fake-phone';

/**
 * The SDK's Device as twilio-device.ts wraps it: calls by our id; answering or declining one it no longer
 * has throws `call_gone`; destroy() hangs up every call, each reported as it ends (SDK `Device.destroy`).
 */
class WrappedDevice extends FakeDevice {
  calls = new Set<string>();
  /** destroy() hangs up the calls (the SDK in the page), or nothing is heard of them (Chrome closed the page). */
  quietDestroy = false;
  ring(call: CallInfo) {
    this.calls.add(call.callId);
    this.emit('incoming', call);
  }
  end(callId: string, progress: 'canceled' | 'disconnected' | 'rejected') {
    if (this.calls.delete(callId)) this.emit('callStateChanged', callId, progress, `CA-${callId}`);
  }
  override accept(callId: string) {
    if (!this.calls.has(callId)) throw callGoneError(callId);
  }
  override reject(callId: string) {
    if (!this.calls.has(callId)) throw callGoneError(callId);
    this.end(callId, 'rejected');
  }
  override destroy() {
    if (!this.quietDestroy) for (const callId of [...this.calls]) this.end(callId, 'disconnected');
    super.destroy();
    this.emit('unregistered');
  }
}

const settle = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

/** The background and an offscreen document that Chrome may close: a closed one answers nothing. */
function setUp({ tokenMs = 0 } = {}) {
  const presence: boolean[] = [];
  let issued = 0;
  const api = {
    logout: async () => null,
    me: async () => ({ user: rep, outgoingNumber: '+81501234567', presence: { available: false, onCall: false } }),
    setPresence: async (available: boolean) => (presence.push(available), { available }),
    token: async () => (await settle(tokenMs), { token: `jwt-${++issued}`, identity: 'rep_u1', ttl: 3600 }),
  } as unknown as ApiClient;
  const { controller, devices, events, device, host, markClosed } = phoneWithDevice({
    offscreen: { newDevice: () => new WrappedDevice(), now: Date.now, registerWaitMs: 50, closesLikeChrome: true },
    createApi: () => api,
    now: Date.now,
    language: async () => 'en-US',
  });
  return {
    controller, devices, events, presence, device,
    /** A caller rings, and the rep answers (the SDK's accept event). */
    async talk(callId = 'in-1') {
      device().ring(caller(callId));
      device().emit('callStateChanged', callId, 'accepted', `CA-${callId}`);
      await settle();
    },
    /** Chrome closed the offscreen document: the page and its device are gone, with no last word. */
    async closeOffscreen() {
      device().quietDestroy = true;
      await host.handle({ target: 'offscreen', type: 'destroyDevice' });
      markClosed();
    },
  };
}

describe('the phone goes away under a call: no call is left that nothing can end', () => {
  it('going offline while a call rings: the card goes, and the caller goes on to the next rep', async () => {
    const t = setUp();
    await t.controller.setOnline(true);
    t.device().ring(caller('in-1'));
    await settle();
    const state = await t.controller.setOnline(false);
    expect(state).toMatchObject({ status: 'offline', calls: { current: { kind: 'idle' }, waiting: null } });
    expect(t.events).toContainEqual({ kind: 'callStateChanged', callId: 'in-1', progress: 'disconnected', callSid: 'CA-in-1' });
  });

  it('Decline on a card whose phone went away succeeds, and the card goes', async () => {
    const t = setUp();
    await t.controller.setOnline(true);
    t.device().ring(caller('in-1'));
    await settle();
    await t.closeOffscreen();
    await expect(t.controller.command({ type: 'reject', callId: 'in-1' })).resolves.toBeUndefined();
    expect((await t.controller.calls()).current.kind).toBe('idle');
  });

  it('Decline a moment after the caller hung up succeeds quietly', async () => {
    const t = setUp();
    await t.controller.setOnline(true);
    t.device().ring(caller('in-1'));
    await settle();
    t.device().calls.delete('in-1'); // the SDK's 'cancel' is on its way to the background
    await expect(t.controller.command({ type: 'reject', callId: 'in-1' })).resolves.toBeUndefined();
    expect((await t.controller.state()).calls.current.kind).toBe('idle');
  });

  it('going offline during a call hangs it up and ends it with its wrap-up; the next call can be made', async () => {
    const t = setUp();
    await t.controller.setOnline(true);
    await t.talk();
    const state = await t.controller.setOnline(false);
    expect(state.calls.current).toMatchObject({ kind: 'wrap-up', call: { callId: 'in-1' }, outcome: 'completed' });
    expect(t.device().registration).toBe('destroyed');
    await t.controller.setOnline(true);
    await expect(t.controller.dial('+81312345678', null)).resolves.toEqual({ callId: 'out-1' });
  });

  it('going offline during a call ends it even when the device reports nothing', async () => {
    const t = setUp();
    await t.controller.setOnline(true);
    await t.talk();
    t.device().quietDestroy = true;
    expect((await t.controller.setOnline(false)).calls.current.kind).toBe('wrap-up');
  });

  it('signing out during a call leaves no call behind (and no wrap-up: there is no session to write it with)', async () => {
    const t = setUp();
    await t.controller.setOnline(true);
    await t.talk();
    await t.controller.signOut();
    expect(await t.controller.calls()).toEqual({ current: { kind: 'idle' }, waiting: null });
    expect(t.device().registration).toBe('destroyed');
  });

  it('Chrome closed the offscreen document during a call: the heartbeat restarts the phone and the call ends', async () => {
    const t = setUp();
    await t.controller.setOnline(true);
    await t.talk();
    await t.closeOffscreen();
    await t.controller.heartbeat();
    expect(t.devices).toHaveLength(2);
    const state = await t.controller.state();
    expect(state.status).toBe('ready');
    expect(state.calls.current).toMatchObject({ kind: 'wrap-up', call: { callId: 'in-1' } });
  });
});

describe('online, then offline at once (the switch is never disabled while it works)', () => {
  it('ends offline with no phone registered with Twilio', async () => {
    const t = setUp({ tokenMs: 5 });
    const on = t.controller.setOnline(true);
    await settle(1);
    const off = t.controller.setOnline(false);
    await Promise.allSettled([on, off]);
    await t.controller.heartbeat();
    expect(await t.controller.state()).toMatchObject({ online: false, status: 'offline' });
    expect(t.devices.filter((device) => device.registration === 'registered')).toEqual([]);
    expect(t.presence.at(-1)).toBe(false);
  });

  it('offline, then online at once: the last wish wins, with one phone registered', async () => {
    const t = setUp({ tokenMs: 5 });
    await t.controller.setOnline(true);
    const off = t.controller.setOnline(false);
    const on = t.controller.setOnline(true);
    await Promise.allSettled([off, on]);
    expect(await t.controller.state()).toMatchObject({ online: true, status: 'ready' });
    expect(t.devices.filter((device) => device.registration === 'registered')).toHaveLength(1);
  });
});

describe('Accept races the caller hanging up', () => {
  it('the card just goes, as when the hang-up comes first: no "phone unavailable"', async () => {
    const t = setUp();
    await t.controller.setOnline(true);
    t.device().ring(caller('in-1'));
    await settle();
    // The SDK's 'cancel' has reached the offscreen document, not yet the background.
    t.device().calls.delete('in-1');
    await expect(t.controller.accept('in-1')).rejects.toMatchObject({ code: 'canceled' });
    expect(await t.controller.state()).toMatchObject({ calls: { current: { kind: 'idle' } }, callProblem: null });
  });

  it('the host answers `call_gone` for a call its device no longer has, whatever the device threw', async () => {
    const device = new WrappedDevice();
    device.accept = () => {
      throw new Error('No call in-1');
    };
    const host = createPhoneHost(() => device, () => undefined, Date.now, 50);
    await host.handle({ target: 'offscreen', type: 'initDevice', token: 'jwt', audio: { inputDeviceId: null, outputDeviceId: null, ringtoneDeviceId: null, ringtoneVolume: 1 } });
    await expect(host.handle({ target: 'offscreen', type: 'accept', callId: 'in-1' })).rejects.toMatchObject({ code: CALL_GONE });
    expect(startOutcomeOf({ code: CALL_GONE })).toBe('canceled');
    expect(startOutcomeOf({ code: 'device' })).toBe('phone-unavailable');
  });
});

describe('every call ends when the phone goes away (endEveryCall)', () => {
  const call = (callId: string, direction: 'incoming' | 'outgoing' = 'incoming'): CallInfo => ({ ...caller(callId), direction });
  it.each<[string, PhoneCalls, PhoneCalls]>([
    ['ringing in: gone, no wrap-up', { current: { kind: 'incoming', call: call('a'), since: 1 }, waiting: null }, { current: { kind: 'idle' }, waiting: null }],
    ['being dialled: gone, no wrap-up', { current: { kind: 'dialing', call: call('a', 'outgoing'), since: 1 }, waiting: null }, { current: { kind: 'idle' }, waiting: null }],
    [
      'ringing out: no answer',
      { current: { kind: 'ringing-out', call: call('a', 'outgoing'), since: 1 }, waiting: null },
      { current: { kind: 'wrap-up', call: call('a', 'outgoing'), answeredAt: null, endedAt: 9, outcome: 'no-answer' }, waiting: null },
    ],
    [
      'talked on, with a caller waiting: its wrap-up, and the waiting caller gone too',
      { current: { kind: 'in-call', call: call('a'), answeredAt: 5, muted: false }, waiting: call('b') },
      { current: { kind: 'wrap-up', call: call('a'), answeredAt: 5, endedAt: 9, outcome: 'completed' }, waiting: null },
    ],
    [
      'wrapping up: kept (the note is still due)',
      { current: { kind: 'wrap-up', call: call('a'), answeredAt: 5, endedAt: 7, outcome: 'completed' }, waiting: null },
      { current: { kind: 'wrap-up', call: call('a'), answeredAt: 5, endedAt: 7, outcome: 'completed' }, waiting: null },
    ],
  ])('%s', (_name, before, after) => {
    expect(endEveryCall(before, 9)).toEqual(after);
  });
});
