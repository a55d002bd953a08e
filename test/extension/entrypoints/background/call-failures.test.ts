import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/api/client';
import { CALL_START_TIMEOUT_MS } from '@/phone/call-problems';
import type { ConnectRequest } from '@/phone/phone-device';
import { createPhoneHost, REGISTER_WAIT_MS } from '@/phone/phone-host';
import { caller, FakeDevice, phoneWithDevice, rep, repApi } from './fake-phone';

/**
 * The SDK's Device as the rep's network makes it behave. With Twilio blocked (a firewall, an outage),
 * the real SDK's register() and connect() wait for a signalling connection that never comes, and it
 * reports 31005 (lib/twilio/wstransport.ts): so does this one.
 */
class NetworkDevice extends FakeDevice {
  /** blocked: the SDK reports 31005 and waits; silent: it just waits (dropped packets); slow: registers in 2 s. */
  twilio: 'reachable' | 'blocked' | 'silent' | 'slow' = 'reachable';
  /** What connect() does: hand the call over, never answer, or fail with a Twilio error code. */
  connectOutcome: 'connects' | 'hangs' | number = 'connects';
  connects: ConnectRequest[] = [];
  late: (() => void)[] = [];

  override async register() {
    this.registration = 'registering';
    this.emit('registering');
    if (this.twilio === 'blocked') this.emit('error', 31005, 'Error sent from gateway in HANGUP', null);
    if (this.twilio === 'blocked' || this.twilio === 'silent') return new Promise<void>(() => undefined);
    if (this.twilio === 'slow') await new Promise((resolve) => setTimeout(resolve, 2_000));
    this.registration = 'registered';
    this.emit('registered');
  }
  override async connect(request: ConnectRequest) {
    this.connects.push(request);
    const outcome = this.connectOutcome;
    if (typeof outcome === 'number') throw Object.assign(new Error('Twilio said no'), { code: outcome });
    if (outcome === 'hangs') await new Promise<void>((resolve) => this.late.push(resolve));
  }
}

function setUp(network: { twilio?: NetworkDevice['twilio']; online?: boolean; outgoingNumber?: string | null } = {}) {
  let outgoingNumber = network.outgoingNumber === undefined ? '+81501234567' : network.outgoingNumber;
  let serverDown = false;
  const api = repApi({
    me: async () => {
      if (serverDown) throw new ApiError('unreachable', 'down');
      return { user: rep, outgoingNumber, presence: { available: true, onCall: false } };
    },
  });
  const { controller, states, device } = phoneWithDevice({
    offscreen: { newDevice: () => Object.assign(new NetworkDevice(), { twilio: network.twilio ?? 'reachable' }) },
    createApi: () => api,
    now: () => Date.now(),
    language: async () => 'ja-JP',
  });
  return {
    controller,
    states,
    device,
    assignNumber: (number: string | null) => void (outgoingNumber = number),
    setServerDown: (down: boolean) => void (serverDown = down),
    /** Goes online and lets the registration wait run out if Twilio never answers. */
    async goOnline() {
      const reply = controller.setOnline(true);
      await vi.advanceTimersByTimeAsync(REGISTER_WAIT_MS);
      return reply;
    },
  };
}

/** Settles a promise that is meant to fail, so fake time can run while it is pending. */
const outcome = <T,>(promise: Promise<T>) => promise.then((value) => ({ value }), (error: { code?: string }) => ({ error }));

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('Twilio unreachable while the server is reachable (issue 10, first defect)', () => {
  it('says “Twilio unreachable” as soon as the SDK reports it, and going online answers then', async () => {
    const t = setUp({ twilio: 'blocked' });
    const state = await t.controller.setOnline(true);
    expect(state).toMatchObject({ online: true, status: 'twilio-unreachable' });
  });

  it('refuses a call button at once, with the reason, and leaves no call behind', async () => {
    const t = setUp({ twilio: 'blocked' });
    await t.goOnline();
    const started = Date.now();
    const result = await outcome(t.controller.dial('+81312345678', null));
    expect(result).toMatchObject({ error: { code: 'twilio_unreachable' } });
    expect(Date.now() - started).toBe(0);
    const state = await t.controller.state();
    expect(state.calls).toEqual({ current: { kind: 'idle' }, waiting: null });
    expect(state.callProblem).toMatchObject({ reason: 'twilio-unreachable', direction: 'outgoing', number: '+81312345678' });
    expect(t.device().connects).toEqual([]);
  });

  it('a call Twilio never takes ends after CALL_START_TIMEOUT_MS: no wrap-up, and the late call is hung up', async () => {
    const t = setUp();
    await t.goOnline();
    t.device().connectOutcome = 'hangs';
    const dial = outcome(t.controller.dial('+81312345678', null));
    await vi.advanceTimersByTimeAsync(0);
    expect((await t.controller.calls()).current.kind).toBe('dialing');

    await vi.advanceTimersByTimeAsync(CALL_START_TIMEOUT_MS);
    expect(await dial).toMatchObject({ error: { code: 'timed_out' } });
    const state = await t.controller.state();
    expect(state.calls.current).toEqual({ kind: 'idle' });
    expect(state.callProblem).toMatchObject({ reason: 'timed-out' });
    expect(t.states.some((pushed) => pushed.calls.current.kind === 'wrap-up')).toBe(false);

    // Twilio comes back and the SDK hands the call over after all: it is hung up at once.
    t.device().late.forEach((resolve) => resolve());
    await vi.advanceTimersByTimeAsync(0);
    expect(t.device().hungUp).toEqual(['out-1']);
  });

  it('Hang up while the call is still starting ends it at once, with no wrap-up and no notice', async () => {
    const t = setUp();
    await t.goOnline();
    t.device().connectOutcome = 'hangs';
    const dial = outcome(t.controller.dial('+81312345678', null));
    await vi.advanceTimersByTimeAsync(0);
    await t.controller.hangUp();
    expect(await dial).toMatchObject({ error: { code: 'canceled' } });
    expect(await t.controller.state()).toMatchObject({ calls: { current: { kind: 'idle' } }, callProblem: null });
  });

  it('going offline while a call is starting ends it quietly: no wrap-up, no notice, no error left for the rep', async () => {
    const t = setUp();
    await t.goOnline();
    t.device().connectOutcome = 'hangs';
    const dial = outcome(t.controller.dial('+81312345678', null));
    await vi.advanceTimersByTimeAsync(0);
    await t.controller.setOnline(false);
    expect(await dial).toMatchObject({ error: { code: 'canceled' } });
    expect(await t.controller.state()).toMatchObject({ status: 'offline', calls: { current: { kind: 'idle' } }, callProblem: null });
  });

  it.each([
    [31005, 'twilio-unreachable'],
    [31208, 'no-microphone'],
    [31486, 'call-failed'],
  ] as const)('a Twilio error %s while starting ends the call with “%s”, no wrap-up', async (code, reason) => {
    const t = setUp();
    await t.goOnline();
    t.device().connectOutcome = code;
    const result = await outcome(t.controller.dial('+81312345678', null));
    expect(result).toMatchObject({ error: { code: reason.replaceAll('-', '_') } });
    expect(await t.controller.state()).toMatchObject({ calls: { current: { kind: 'idle' } }, callProblem: { reason } });
  });

  it('an error on a call that never rang ends it the same way (no wrap-up for a call that did not happen)', async () => {
    const t = setUp();
    await t.goOnline();
    await t.controller.dial('+81312345678', null);
    t.device().emit('error', 31005, 'Connection error', 'out-1');
    await vi.advanceTimersByTimeAsync(0);
    expect(await t.controller.state()).toMatchObject({ calls: { current: { kind: 'idle' } }, callProblem: { reason: 'twilio-unreachable' } });
  });
});

describe('the readiness check every way into a call goes through', () => {
  it('offline: refused with “offline”; once the rep goes online and the phone is ready, the notice goes', async () => {
    const t = setUp();
    expect(await outcome(t.controller.dial('+81312345678', null))).toMatchObject({ error: { code: 'offline' } });
    expect((await t.controller.state()).callProblem).toMatchObject({ reason: 'offline' });
    await t.goOnline();
    expect(await t.controller.state()).toMatchObject({ status: 'ready', callProblem: null });
  });

  it('a phone still connecting: the call shows “Calling…” at once and goes as soon as the phone is ready', async () => {
    const t = setUp({ twilio: 'slow' });
    void t.controller.setOnline(true);
    await vi.advanceTimersByTimeAsync(0);
    expect((await t.controller.state()).status).toBe('connecting');
    const dial = outcome(t.controller.dial('+81312345678', null));
    await vi.advanceTimersByTimeAsync(0);
    expect((await t.controller.calls()).current.kind).toBe('dialing');
    await vi.advanceTimersByTimeAsync(2_000);
    expect(await dial).toEqual({ value: { callId: 'out-1' } });
    expect(t.device().connects).toHaveLength(1);
  });

  it('a phone that stays connecting (a firewall that drops packets, silently): the call ends with “Twilio unreachable” within the deadline', async () => {
    const t = setUp({ twilio: 'silent' });
    const online = t.controller.setOnline(true);
    await vi.advanceTimersByTimeAsync(0);
    expect((await t.controller.state()).status).toBe('connecting');
    const dial = outcome(t.controller.dial('+81312345678', null));
    await vi.advanceTimersByTimeAsync(0);
    expect((await t.controller.calls()).current.kind).toBe('dialing');
    await vi.advanceTimersByTimeAsync(REGISTER_WAIT_MS);
    expect(await dial).toMatchObject({ error: { code: 'twilio_unreachable' } });
    expect(await online).toMatchObject({ status: 'twilio-unreachable' });
    expect(await t.controller.state()).toMatchObject({ calls: { current: { kind: 'idle' } }, callProblem: { reason: 'twilio-unreachable' } });
    expect(t.device().connects).toEqual([]);
  });

  it('no outgoing number: refused with the reason; once an admin assigns one, the next call asks again and goes', async () => {
    const t = setUp({ outgoingNumber: null });
    await t.goOnline();
    expect(await outcome(t.controller.dial('+81312345678', null))).toMatchObject({ error: { code: 'no_outgoing_number' } });
    t.assignNumber('+81501234567');
    expect(await outcome(t.controller.dial('+81312345678', null))).toEqual({ value: { callId: 'out-1' } });
  });

  it('busy: a second call is refused, and the notice goes once the first call is over', async () => {
    const t = setUp();
    await t.goOnline();
    await t.controller.dial('+81312345678', null);
    expect(await outcome(t.controller.dial('+81399998888', null))).toMatchObject({ error: { code: 'busy' } });
    expect((await t.controller.state()).callProblem).toMatchObject({ reason: 'busy', number: '+81399998888' });
    t.device().emit('callStateChanged', 'out-1', 'accepted', 'CA1');
    t.device().emit('callStateChanged', 'out-1', 'disconnected', 'CA1');
    await vi.advanceTimersByTimeAsync(0);
    expect((await t.controller.state()).callProblem).toBeNull();
  });

  it('an answered call that never connects ends after CALL_START_TIMEOUT_MS, back to idle with why', async () => {
    const t = setUp();
    await t.goOnline();
    t.device().emit('incoming', caller('in-1'));
    await vi.advanceTimersByTimeAsync(0);
    const accept = outcome(t.controller.accept());
    await vi.advanceTimersByTimeAsync(CALL_START_TIMEOUT_MS);
    expect(await accept).toMatchObject({ error: { code: 'timed_out' } });
    expect(t.device().accepted).toEqual(['in-1']);
    expect(t.device().hungUp).toEqual(['in-1']);
    expect(await t.controller.state()).toMatchObject({
      calls: { current: { kind: 'idle' } },
      callProblem: { reason: 'timed-out', direction: 'incoming', number: '+81312345678' },
    });
  });

  it('an answered call that connects is in progress when Accept answers', async () => {
    const t = setUp();
    await t.goOnline();
    t.device().emit('incoming', caller('in-1'));
    await vi.advanceTimersByTimeAsync(0);
    const accept = t.controller.accept('in-1');
    await vi.advanceTimersByTimeAsync(300);
    t.device().emit('callStateChanged', 'in-1', 'accepted', 'CA-in-1');
    await expect(accept).resolves.toBeUndefined();
    expect((await t.controller.calls()).current.kind).toBe('in-call');
  });

  it('Accept on a call that stopped ringing says so', async () => {
    const t = setUp();
    await t.goOnline();
    await expect(t.controller.accept('gone')).rejects.toMatchObject({ code: 'no_call' });
  });
});

describe('“Why can’t I call?” sees what the header sees', () => {
  it('the server back after an outage: the check asks it again and the header stops saying “server unreachable”', async () => {
    const t = setUp();
    await t.goOnline();
    t.setServerDown(true);
    const down = await t.controller.setupFacts(async () => 'granted');
    expect(down).toMatchObject({ server: 'failed', status: 'server-unreachable' });
    expect((await t.controller.state()).status).toBe('server-unreachable');
    t.setServerDown(false);
    const up = await t.controller.setupFacts(async () => 'granted');
    expect(up).toMatchObject({ server: 'ok', token: 'ok', online: true, status: 'ready' });
    expect((await t.controller.state()).status).toBe('ready');
  });
});

describe('the phone host answers every command', () => {
  it('going offline while a call is starting answers the pending connect at once (no message channel left open)', async () => {
    const events: unknown[] = [];
    const device = new NetworkDevice();
    device.connectOutcome = 'hangs';
    const host = createPhoneHost(() => device, (event) => events.push(event));
    await host.handle({ target: 'offscreen', type: 'initDevice', token: 'jwt', audio: { inputDeviceId: null, outputDeviceId: null, ringtoneDeviceId: null, ringtoneVolume: 1 } });
    const connect = outcome(
      host.handle({ target: 'offscreen', type: 'connect', callId: 'c1', params: { To: '+81312345678' }, call: { ...caller('c1'), direction: 'outgoing' } }),
    );
    await host.handle({ target: 'offscreen', type: 'destroyDevice' });
    expect(await connect).toMatchObject({ error: { code: 'canceled' } });
  });

  it('a registration Twilio never confirms (and no error either) is answered after REGISTER_WAIT_MS, still under way', async () => {
    const device = new NetworkDevice();
    device.twilio = 'silent';
    const host = createPhoneHost(() => device, () => undefined);
    const init = host.handle({ target: 'offscreen', type: 'initDevice', token: 'jwt', audio: { inputDeviceId: null, outputDeviceId: null, ringtoneDeviceId: null, ringtoneVolume: 1 } });
    await vi.advanceTimersByTimeAsync(REGISTER_WAIT_MS);
    await expect(init).resolves.toEqual({ registration: 'registering', busy: false });
  });
});
