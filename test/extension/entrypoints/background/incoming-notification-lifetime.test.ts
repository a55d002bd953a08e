import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { RepDisplay } from '@/models/rep-display';

// `wxt/browser` reads `chrome` when first loaded: install the fake browser before the modules that use it.
(globalThis as { chrome?: unknown }).chrome = fakeBrowser;
const { createIncomingNotifications, showIncomingNotification } = await import('@/entrypoints/background/incoming-notification');
const { caller, phoneWithDevice } = await import('./fake-phone');
beforeEach(() => fakeBrowser.reset());

const english: RepDisplay = { language: 'en', country: 'JP' };
const shown = async () => Object.keys(await fakeBrowser.notifications.getAll());

/** The controller with its notifications wired as index.ts wires them; the active tab has no card of ours. */
function phoneWithNotifications({ display = async () => english }: { display?: () => Promise<RepDisplay> } = {}) {
  const notifications = createIncomingNotifications({
    phone: { calls: () => phone.controller.calls(), accept: (callId) => phone.controller.accept(callId), decline: async () => null },
    activeTabHasCard: async () => false,
    display,
  });
  const phone = phoneWithDevice({
    onIncoming: (call, calls) => void notifications.onIncoming(call, calls),
    broadcast: (state) => void notifications.onState(state.calls),
  });
  return { ...phone, notifications };
}

async function ringing(callIds = ['in-1']) {
  const phone = phoneWithNotifications();
  await phone.controller.setOnline(true);
  for (const callId of callIds) phone.device().emit('incoming', caller(callId));
  await phone.settle();
  expect(await shown()).toEqual(callIds.map((callId) => `incoming:${callId}`));
  return phone;
}

describe('the incoming-call notification (it stays until clicked: requireInteraction)', () => {
  it.each([
    ['the caller hangs up, or another rep answers', 'canceled'],
    ['the rep declines on the page card', 'rejected'],
    ['the call fails', 'failed'],
    ['the rep answers on the page card', 'accepted'],
  ] as const)('goes when %s', async (_name, progress) => {
    const { device, settle } = await ringing();
    device().emit('callStateChanged', 'in-1', progress, 'CA-in-1');
    await settle();
    expect(await shown()).toEqual([]);
  });

  it('goes when the call never connects after Accept', async () => {
    const { controller, device, settle } = await ringing();
    const answering = controller.accept('in-1');
    await settle();
    device().emit('error', 31005, 'Error sent from gateway in HANGUP', 'in-1');
    await expect(answering).rejects.toMatchObject({ code: expect.any(String) });
    await settle();
    expect(await shown()).toEqual([]);
  });

  it('of the caller still ringing stays when the other one is answered', async () => {
    const { device, settle } = await ringing(['in-1', 'in-2']);
    device().emit('callStateChanged', 'in-1', 'accepted', 'CA-in-1');
    await settle();
    expect(await shown()).toEqual(['incoming:in-2']);
  });

  it('shown just as the caller hung up goes too', async () => {
    let showNow = () => {};
    const late = new Promise<RepDisplay>((resolve) => (showNow = () => resolve(english)));
    const phone = phoneWithNotifications({ display: () => late });
    await phone.controller.setOnline(true);
    phone.device().emit('incoming', caller('in-1'));
    await phone.settle();
    phone.device().emit('callStateChanged', 'in-1', 'canceled', 'CA-in-1');
    await phone.settle();
    showNow();
    await phone.settle();
    expect(await shown()).toEqual([]);
  });

  it('Accept on the notification of a call that is gone takes it away, and nothing is said', async () => {
    // Left from a call whose end this worker never heard (it ended while the worker was stopped).
    const { controller, notifications } = phoneWithNotifications();
    await controller.setOnline(true);
    await showIncomingNotification(caller('in-1'), english);
    await notifications.press('in-1', 'accept');
    expect(await shown()).toEqual([]);
    expect((await controller.state()).callProblem).toBeNull();
  });
});
