import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { PhoneController } from '@/entrypoints/background/phone-controller';
import type { PublicState } from '@/messaging/public-state';
import type { CallInfo } from '@/phone/call-info';
import type { PhoneEvent } from '@/phone/phone-device';

// WXT's storage reads `chrome` when first loaded: install the in-memory fake browser before importing the
// items (and the modules that bring `wxt/browser` in).
(globalThis as { chrome?: unknown }).chrome = fakeBrowser;
const items = await import('@/storage/items');
const { createPhoneController } = await import('@/entrypoints/background/phone-controller');
const { controllerDeps, offscreenPhone, rep, repApi } = await import('./fake-phone');
beforeEach(() => fakeBrowser.reset());

const api = repApi({ token: async () => ({ token: 'twilio-jwt-SECRET', identity: 'rep_u1', ttl: 3600 }) });

const record = { crm: 'zoho', module: 'Deals', id: '77', name: '大型案件', url: 'https://crm.zoho.jp/crm/org1/tab/Potentials/77' };
const caller: CallInfo = {
  callId: 'in-1', direction: 'incoming', number: '+81312345678', calledNumber: '+81501234567', calledLabel: '営業',
  ivrPath: ['営業'], callSid: 'CA-in-1', record,
};

/**
 * One browser: the offscreen document (the phone host and its device) and storage.session live on while the
 * background's controller is replaced, as when Chrome stops the idle service worker and starts a new one.
 * With `wakes`, a phone event starts a stopped worker, as Chrome does for the offscreen document's message.
 */
async function browserWithPhone({ wakes = false } = {}) {
  let now = 1_000_000;
  let worker: PhoneController | null = null;
  const pushes: { state: PublicState; tabs: readonly number[] }[] = [];
  // Without `wakes`, an event while the worker is stopped is lost (the case re-sync covers).
  const onEvent = (event: PhoneEvent) => void (worker ?? (wakes ? startWorker() : null))?.onPhoneEvent(event);
  const phone = offscreenPhone(onEvent, { now: () => now });
  await items.session.setValue({ token: 'sess-SECRET', user: rep });
  await items.serverUrl.setValue('https://yb.example.jp');

  const startWorker = (): PhoneController => {
    worker = createPhoneController(controllerDeps({
      transport: phone.transport,
      createApi: () => api,
      session: items.session,
      serverUrl: items.serverUrl,
      wantsOnline: items.wantsOnline,
      memory: items.phoneMemory,
      broadcast: (state, tabs) => void pushes.push({ state, tabs }),
      now: () => now,
    }));
    return worker;
  };
  const stopWorker = () => void (worker = null);
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  return {
    startWorker, stopWorker, pushes, settle,
    /** The worker running now (the one an event woke, say). */
    worker: () => worker as PhoneController,
    device: phone.device,
    advance: (ms: number) => void (now += ms),
    closePhone: phone.markClosed,
  };
}

async function onAnsweredOutgoingCall() {
  const b = await browserWithPhone();
  const first = b.startWorker();
  await first.setOnline(true);
  await first.subscribe(7);
  await first.dial('+81312345678', record);
  b.device().emit('callStateChanged', 'out-1', 'ringing', null);
  b.advance(5_000);
  b.device().emit('callStateChanged', 'out-1', 'accepted', 'CA-out-1');
  await b.settle();
  return b;
}

describe('the background keeps the call when Chrome restarts its service worker', () => {
  it('a restarted worker still shows the call being talked on, and pushes it to the subscribed page', async () => {
    const b = await onAnsweredOutgoingCall();
    b.stopWorker();
    b.advance(45_000);
    b.pushes.length = 0;

    const restarted = b.startWorker();
    const state = await restarted.state();

    expect(state.status).toBe('ready');
    expect(state.calls.current).toEqual({
      kind: 'in-call',
      call: expect.objectContaining({ number: '+81312345678', record, callSid: 'CA-out-1' }),
      answeredAt: 1_005_000,
      muted: false,
    });
    expect(b.pushes.at(0)).toMatchObject({ tabs: [7], state: { calls: { current: { kind: 'in-call' } } } });
    // Hang up from the page card still reaches the right call.
    expect(await restarted.activeCallId()).toBe('out-1');
  });

  it('a restarted worker knows the page card is there, so an incoming call needs no system notification', async () => {
    const b = await onAnsweredOutgoingCall();
    b.stopWorker();
    const restarted = b.startWorker();
    expect(await restarted.hasSubscriber(7)).toBe(true);
    expect(await restarted.hasSubscriber(8)).toBe(false);
  });

  it('takes the phone’s word for what happened while the worker was stopped (the caller was answered)', async () => {
    const b = await browserWithPhone();
    const first = b.startWorker();
    await first.setOnline(true);
    b.device().emit('incoming', caller);
    await b.settle();
    b.stopWorker();
    b.advance(2_000);
    b.device().emit('callStateChanged', 'in-1', 'accepted', 'CA-in-1');

    const state = await b.startWorker().state();
    expect(state.calls.current).toMatchObject({ kind: 'in-call', call: { callId: 'in-1', ivrPath: ['営業'] }, answeredAt: 1_002_000 });
  });

  it.each([
    ['a ringing call goes away', 'incoming' as const, { kind: 'idle' }],
    ['an answered call goes to wrap-up', 'accepted' as const, { kind: 'wrap-up', outcome: 'completed', call: { callSid: 'CA-in-1' } }],
  ])('a remembered call the phone no longer has is dropped: %s', async (_name, reached, expected) => {
    const b = await browserWithPhone();
    const first = b.startWorker();
    await first.setOnline(true);
    b.device().emit('incoming', caller);
    if (reached === 'accepted') b.device().emit('callStateChanged', 'in-1', 'accepted', 'CA-in-1');
    await b.settle();
    b.stopWorker();
    b.device().emit('callStateChanged', 'in-1', reached === 'accepted' ? 'disconnected' : 'canceled', 'CA-in-1');

    const state = await b.startWorker().state();
    expect(state.calls).toMatchObject({ current: expected, waiting: null });
  });

  it('a call that wakes the stopped worker rings once, on one card', async () => {
    const b = await browserWithPhone({ wakes: true });
    await b.startWorker().setOnline(true);
    b.stopWorker();
    // The woken worker reads the ringing call from the phone's snapshot, then handles the event that woke it.
    b.device().emit('incoming', caller);
    await b.settle();
    expect(await b.worker().calls()).toMatchObject({ current: { kind: 'incoming', call: { callId: 'in-1' } }, waiting: null });
  });

  it('and its card goes when the caller hangs up before the rep answers', async () => {
    const b = await browserWithPhone({ wakes: true });
    await b.startWorker().setOnline(true);
    b.stopWorker();
    b.device().emit('incoming', caller);
    await b.settle();
    b.device().emit('callStateChanged', 'in-1', 'canceled', 'CA-in-1');
    await b.settle();
    expect(await b.worker().calls()).toEqual({ current: { kind: 'idle' }, waiting: null });
    expect(b.pushes.at(-1)?.state.calls).toEqual({ current: { kind: 'idle' }, waiting: null });
  });

  it('without a phone running, a remembered call is over and the phone is not registered', async () => {
    const b = await onAnsweredOutgoingCall();
    b.stopWorker();
    b.closePhone();
    const state = await b.startWorker().state();
    expect(state.calls.current.kind).toBe('wrap-up');
    expect(state.status).toBe('connecting');
  });

  it('remembers only the public state: no server session, no Twilio token', async () => {
    await onAnsweredOutgoingCall();
    const remembered = (await fakeBrowser.storage.session.get('phoneMemory'))['phoneMemory'];
    expect(Object.keys(remembered as object).sort()).toEqual(
      ['callProblem', 'calls', 'handedOver', 'liveCall', 'monitorRequest', 'network', 'outgoingNumber', 'problem', 'refreshWanted', 'registration', 'tabs', 'tokenExpiresAt'],
    );
    expect(JSON.stringify(remembered)).not.toMatch(/SECRET|jwt/i);
    expect(await fakeBrowser.storage.local.get(null)).not.toHaveProperty('phoneMemory');
  });
});
