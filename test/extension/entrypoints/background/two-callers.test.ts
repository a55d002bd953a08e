import { describe, expect, it } from 'vitest';
import { caller, phoneWithDevice } from './fake-phone';

async function twoCallersRinging() {
  const phone = phoneWithDevice();
  await phone.controller.setOnline(true);
  phone.device().emit('incoming', caller('in-1', '+81311111111'));
  phone.device().emit('incoming', caller('in-2', '+81322222222'));
  await phone.settle();
  expect(await phone.controller.calls()).toMatchObject({ current: { kind: 'incoming', call: { callId: 'in-1' } }, waiting: { callId: 'in-2' } });
  return phone;
}

describe('two callers ring at once', () => {
  it('the Answer shortcut takes the caller on the main card; the other goes on waiting, with its card', async () => {
    const { controller, device, settle } = await twoCallersRinging();
    expect(await controller.ringingCallId()).toBe('in-1'); // what the hang-up shortcut declines, too
    const answering = controller.accept();
    await settle();
    expect(device().accepted).toEqual(['in-1']);
    device().emit('callStateChanged', 'in-1', 'accepted', 'CA-in-1');
    await answering;
    expect(device().rejected).toEqual([]);
    expect(await controller.calls()).toMatchObject({ current: { kind: 'in-call', call: { callId: 'in-1' } }, waiting: { callId: 'in-2' } });
  });

  it('answering the second caller sends the first on: its ringing stops, and no card is left for it', async () => {
    const { controller, device, settle } = await twoCallersRinging();
    const answering = controller.accept('in-2'); // its card's or its notification's Accept
    await settle();
    // Declined as Decline does, so Twilio rings the next rep or takes the caller to voicemail.
    expect(device().rejected).toEqual(['in-1']);
    expect(device().accepted).toEqual(['in-2']);
    device().emit('callStateChanged', 'in-1', 'rejected', 'CA-in-1');
    device().emit('callStateChanged', 'in-2', 'accepted', 'CA-in-2');
    await answering;
    expect(await controller.calls()).toEqual({ current: expect.objectContaining({ kind: 'in-call', call: expect.objectContaining({ callId: 'in-2' }) }), waiting: null });
  });

  it('answering a caller while dialling out gives up the call being dialled', async () => {
    const phone = phoneWithDevice();
    await phone.controller.setOnline(true);
    await phone.controller.dial('+81355556666', null);
    phone.device().emit('incoming', caller('in-2'));
    await phone.settle();
    const answering = phone.controller.accept('in-2');
    await phone.settle();
    expect(phone.device().hungUp).toEqual(['out-1']);
    phone.device().emit('callStateChanged', 'in-2', 'accepted', 'CA-in-2');
    await answering;
    expect(await phone.controller.calls()).toMatchObject({ current: { kind: 'in-call', call: { callId: 'in-2' } }, waiting: null });
  });
});
