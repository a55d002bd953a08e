import { describe, expect, it } from 'vitest';
import { caller, phoneWithDevice } from './fake-phone';

/** A rep talking to a caller (answered at the fake clock's 1_000_000). */
async function onACall() {
  const phone = phoneWithDevice();
  await phone.controller.setOnline(true);
  phone.device().emit('incoming', caller('in-1'));
  await phone.settle();
  const answering = phone.controller.accept('in-1');
  await phone.settle();
  phone.device().emit('callStateChanged', 'in-1', 'accepted', 'CA-in-1');
  await answering;
  return phone;
}

describe('the network of the call being talked on reaches every screen', () => {
  it('reconnecting is published on the call, and goes with `reconnected`', async () => {
    const { device, states, settle } = await onACall();
    device().emit('network', 'in-1', { kind: 'reconnecting', code: 53405 });
    await settle();
    expect(states.at(-1)).toMatchObject({ calls: { current: { kind: 'in-call' } }, network: { callId: 'in-1', reconnecting: true, dropped: false } });
    device().emit('network', 'in-1', { kind: 'reconnected' });
    await settle();
    expect(states.at(-1)).toMatchObject({ calls: { current: { kind: 'in-call' } }, network: { reconnecting: false } });
  });

  it('a call that ends while reconnecting goes to its wrap-up marked dropped by the network', async () => {
    const { device, states, settle } = await onACall();
    device().emit('network', 'in-1', { kind: 'reconnecting', code: 53405 });
    // What the SDK does past its ICE retries: 'disconnect', then the 31003 error.
    device().emit('callStateChanged', 'in-1', 'disconnected', 'CA-in-1');
    device().emit('error', 31003, 'Connection with Twilio was interrupted.', 'in-1');
    await settle();
    expect(states.at(-1)).toMatchObject({ calls: { current: { kind: 'wrap-up', call: { callId: 'in-1' } } }, network: { dropped: true } });
  });

  it('a call the rep hangs up while it reconnects was ended by the rep, not dropped', async () => {
    const { controller, device, states, settle } = await onACall();
    device().emit('network', 'in-1', { kind: 'reconnecting', code: 53405 });
    await settle();
    await controller.hangUp();
    expect(device().hungUp).toEqual(['in-1']);
    device().emit('callStateChanged', 'in-1', 'disconnected', 'CA-in-1');
    await settle();
    expect(states.at(-1)).toMatchObject({ calls: { current: { kind: 'wrap-up' } }, network: null });
  });

  it('a call the other party hung up goes to its wrap-up with nothing said about the network', async () => {
    const { device, states, settle } = await onACall();
    device().emit('network', 'in-1', { kind: 'warning', name: 'high-rtt' });
    device().emit('callStateChanged', 'in-1', 'disconnected', 'CA-in-1');
    await settle();
    expect(states.at(-1)).toMatchObject({ calls: { current: { kind: 'wrap-up' } }, network: null });
  });

  it('quality warnings are published with when they began (the card holds them back a moment)', async () => {
    const { device, states, settle } = await onACall();
    device().emit('network', 'in-1', { kind: 'warning', name: 'high-packet-loss' });
    await settle();
    expect(states.at(-1)?.network?.warnings).toEqual([{ name: 'high-packet-loss', since: 1_000_000 }]);
    device().emit('network', 'in-1', { kind: 'warningCleared', name: 'high-packet-loss' });
    await settle();
    expect(states.at(-1)?.network?.warnings).toEqual([]);
  });
});
