import { describe, expect, it } from 'vitest';
import { callNetworkSchema, networkAtEnd, networkChanged, networkErrored, type CallNetwork, type NetworkChange } from '@/phone/call-network';
import { networkNotice, WARNING_HOLD_MS } from '@/phone/network-notice';

const T0 = 1_000_000;

/** The call's network after these events, each at its own time (ms after T0). */
function after(events: [at: number, change: NetworkChange][], callId = 'in-1', from: CallNetwork | null = null): CallNetwork | null {
  return events.reduce<CallNetwork | null>((state, [at, change]) => networkChanged(state, callId, change, T0 + at), from);
}
const warning = (name: string): NetworkChange => ({ kind: 'warning', name });
const cleared = (name: string): NetworkChange => ({ kind: 'warningCleared', name });
const RECONNECTING: NetworkChange = { kind: 'reconnecting', code: 53405 };

describe('a call whose connection drops', () => {
  it('says it is reconnecting from the SDK’s `reconnecting` until its `reconnected`', () => {
    const lost = after([[0, RECONNECTING]]);
    expect(networkNotice(lost, T0)).toEqual({ reconnecting: true, quality: null, dropped: false });
    expect(networkNotice(after([[0, RECONNECTING], [5_000, { kind: 'reconnected' }]]), T0 + 5_000)).toBeNull();
  });

  it('says nothing of quality while reconnecting: being cut off says more', () => {
    const state = after([[0, warning('high-rtt')], [100, RECONNECTING]]);
    expect(networkNotice(state, T0 + 10_000)).toEqual({ reconnecting: true, quality: null, dropped: false });
  });

  it('ending while still reconnecting is a call the network dropped: its wrap-up says so', () => {
    const ended = networkAtEnd(after([[0, RECONNECTING]]), 'in-1');
    expect(ended).toMatchObject({ callId: 'in-1', reconnecting: false, dropped: true });
    expect(networkNotice(ended, T0 + 30_000, { ended: true })).toEqual({ reconnecting: false, quality: null, dropped: true });
    expect(callNetworkSchema.parse(ended)).toEqual(ended);
  });

  it('a call that reconnected and was then hung up ended normally: nothing is said', () => {
    const back = after([[0, RECONNECTING], [3_000, { kind: 'reconnected' }], [9_000, warning('high-jitter')]]);
    expect(networkAtEnd(back, 'in-1')).toBeNull();
    expect(networkNotice(networkAtEnd(back, 'in-1'), T0 + 20_000, { ended: true })).toBeNull();
  });

  it('a connection error on the call marks it dropped when it ends, whichever the SDK tells first', () => {
    const errored = networkErrored(after([[0, warning('high-rtt')]]), 'in-1', 31003);
    expect(networkNotice(networkAtEnd(errored, 'in-1'), T0, { ended: true })?.dropped).toBe(true);
    // …but not on the live card, and not if the call came back after all.
    expect(networkNotice(errored, T0)?.dropped ?? false).toBe(false);
    expect(networkAtEnd(networkChanged(errored, 'in-1', { kind: 'reconnected' }, T0 + 1_000), 'in-1')).toBeNull();
    // An error that is not about the connection (a refused DTMF, say) changes nothing.
    const state = after([[0, warning('high-rtt')]]);
    expect(networkErrored(state, 'in-1', 31000)).toBe(state);
  });

  it('another call’s end leaves this one alone; another call’s event starts afresh', () => {
    const lost = after([[0, RECONNECTING]]);
    expect(networkAtEnd(lost, 'in-2')).toBe(lost);
    expect(after([[0, warning('high-rtt')]], 'in-2', lost)).toMatchObject({ callId: 'in-2', reconnecting: false, warnings: [{ name: 'high-rtt' }] });
  });
});

describe('call-quality warnings', () => {
  it('show after a short hold, one wording per family, and go with `warning-cleared`', () => {
    const state = after([[0, warning('high-rtt')]]);
    expect(networkNotice(state, T0 + WARNING_HOLD_MS - 1)).toBeNull();
    expect(networkNotice(state, T0 + WARNING_HOLD_MS)).toEqual({ reconnecting: false, quality: 'delay', dropped: false });
    expect(networkNotice(after([[0, warning('high-rtt')], [5_000, cleared('high-rtt')]]), T0 + 5_000)).toBeNull();
  });

  it('a warning raised and cleared within the hold is never shown (no flicker)', () => {
    const state = after([[0, warning('high-packet-loss')], [800, cleared('high-packet-loss')]]);
    expect(networkNotice(state, T0 + 800)).toBeNull();
    expect(networkNotice(state, T0 + 10_000)).toBeNull();
  });

  it.each([
    ['high-rtt', 'delay'],
    ['high-jitter', 'delay'],
    ['high-packet-loss', 'packet-loss'],
    ['high-packets-lost-fraction', 'packet-loss'],
    ['low-mos', 'packet-loss'],
    ['low-bytes-received', 'no-audio-received'],
    ['ice-connectivity-lost', 'no-audio-received'],
    ['constant-audio-output-level', 'no-audio-received'],
    ['low-bytes-sent', 'mic-silent'],
    ['constant-audio-input-level', 'mic-silent'],
  ])('%s is told as %s', (name, family) => {
    expect(networkNotice(after([[0, warning(name)]]), T0 + WARNING_HOLD_MS)?.quality).toBe(family);
  });

  it('names the worst problem, and a family stays while any of its warnings does', () => {
    const state = after([[0, warning('high-rtt')], [0, warning('high-jitter')], [0, warning('low-bytes-received')]]);
    expect(networkNotice(state, T0 + 3_000)?.quality).toBe('no-audio-received');
    const onlyDelay = after([[3_000, cleared('low-bytes-received')], [3_000, cleared('high-rtt')]], 'in-1', state);
    expect(networkNotice(onlyDelay, T0 + 3_000)?.quality).toBe('delay');
  });

  it('a warning told twice keeps its first time; a name the SDK may add later is ignored', () => {
    const state = after([[0, warning('high-rtt')], [1_500, warning('high-rtt')], [0, warning('future-warning')]]);
    expect(state?.warnings).toEqual([{ name: 'high-rtt', since: T0 }]);
  });

  it('a silent microphone is no news while the rep has muted the call', () => {
    const state = after([[0, warning('constant-audio-input-level')]]);
    expect(networkNotice(state, T0 + 3_000, { muted: true })).toBeNull();
    expect(networkNotice(state, T0 + 3_000)?.quality).toBe('mic-silent');
  });

  it('in wrap-up, quality that was poor is not worth a word', () => {
    expect(networkNotice(after([[0, warning('high-rtt')]]), T0 + 3_000, { ended: true })).toBeNull();
  });
});
