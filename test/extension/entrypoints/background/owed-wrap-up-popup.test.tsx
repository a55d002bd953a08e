import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
// First: it puts the fake browser in before the popup's modules load (WXT's storage reads `chrome`).
import { createDialerModel, createMessagingPhoneClient, createPhoneModel, createWrapUpModel, formatAsYouType, PhonePanel, renderUi, stored, uiLanguage } from '../../support/popup-modules';
import { act } from 'preact/test-utils';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { publicStateSchema, signedOutState, type PublicState } from '@/messaging/public-state';
import type { CallInfo } from '@/phone/call-info';
import { idleCalls, transition, type CallEvent } from '@/phone/call-state';
import type { BackgroundLink } from '@/models/messaging-phone-client';
import type { CallView } from '@/models/phone-state';
import { button } from '../../components/render';
import { createFakePhoneClient } from '../../models/fake-phone-client';
import { supervisorOnAnotherCall } from './supervisor-busy';

/**
 * The popup of 管理, a supervisor busy with a customer's call when a call they barged into became theirs
 * (supervisor-busy.ts): a quiet line says its wrap-up is waiting, and the form opens, naming the call,
 * once the call on the screen is wrapped up.
 */
async function supervisorsPopup() {
  const listeners = new Set<(state: PublicState) => void>();
  const t = await supervisorOnAnotherCall({ broadcast: (state) => listeners.forEach((listener) => listener(state)) });
  const link: BackgroundLink = {
    send: (async (message: { type: string }) => {
      if (message.type === 'getState') return t.controller.state();
      if (message.type === 'finishWrapUp') return t.controller.finishWrapUp(undefined, undefined);
      return null;
    }) as BackgroundLink['send'],
    onStateChanged: (listener) => (listeners.add(listener), () => listeners.delete(listener)),
  };
  const phone = createPhoneModel(createMessagingPhoneClient(link, () => 'JP'));
  const wrapUp = createWrapUpModel({ updateCall: async () => ({}) as never }, stored(null));
  const popup = renderUi(<PhonePanel models={{ phone, dialer: createDialerModel(() => 'JP', formatAsYouType), wrapUp }} />);
  await settle();
  return { ...t, popup: popup.container };
}

const CALL: CallView = { callId: 'in-2', sid: `CA${'1'.repeat(32)}`, direction: 'inbound', number: '+81452223333', answeredAt: 0, muted: false };
const settle = () => act(async () => void (await vi.advanceTimersByTimeAsync(0)));
const owedLine = (root: HTMLElement) => root.querySelector('[role="status"].yb-muted')?.textContent ?? null;
const wrapUpTitle = (root: HTMLElement) => root.querySelector('.yb-wrap-up h2')?.textContent ?? null;

describe('the popup of a supervisor owed the wrap-up of a call they took over', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
    document.body.innerHTML = '';
  });

  it.each([
    ['ja', 'メモ未記入の引き継いだ通話が 1件あります。今の対応が終わると開きます。', '通話終了：メモを残す', 'スキップ', '引き継いだ通話：090-1111-2222'],
    ['en', 'A call you took over still needs its note: it opens when you are done here.', 'Call ended: add a note', 'Skip', 'A call you took over: 090-1111-2222'],
  ] as const)('in %s: says it is waiting through the call and its wrap-up, then opens it, naming the call', async (language, waiting, title, skip, which) => {
    uiLanguage.value = language;
    const t = await supervisorsPopup();
    expect(t.popup.querySelector('.yb-wrap-up')).toBeNull();
    expect(owedLine(t.popup)).toBe(waiting);

    await t.secondCallEnds();
    await settle();
    expect(wrapUpTitle(t.popup)).toBe(title);
    // The second call's own form: not the taken-over call's, which still waits.
    expect(t.popup.textContent).not.toContain(which);
    expect(owedLine(t.popup)).toBe(waiting);

    await act(() => button(t.popup, skip).click());
    await settle();
    expect(wrapUpTitle(t.popup)).toBe(title);
    expect(t.popup.querySelector('.yb-wrap-up p.yb-muted')?.textContent).toBe(which);
    expect(owedLine(t.popup)).toBeNull();
  });

  it.each([
    ['ja', 'メモ未記入の引き継いだ通話が 2件あります。今の対応が終わると順に開きます。'],
    ['en', '2 calls you took over still need their notes: they open one by one when you are done here.'],
  ] as const)('in %s: counts them when there are more', (language, words) => {
    uiLanguage.value = language;
    const fake = createFakePhoneClient({ status: 'ready', available: true, phase: 'in-call', call: CALL, owedWrapUps: 2 });
    const wrapUp = createWrapUpModel({ updateCall: async () => ({}) as never }, stored(null));
    const view = renderUi(<PhonePanel models={{ phone: createPhoneModel(fake.client), dialer: createDialerModel(() => 'JP', formatAsYouType), wrapUp }} />);
    expect(owedLine(view.container)).toBe(words);
  });

  it.each([
    ['ja', 12, 'メモ未記入の引き継いだ通話が 10件あります。今の対応が終わると順に開きます。引き継いだ通話が多すぎたため、ほかの 2件はここでメモを開けません。CRM の通話記録に直接記入してください。'],
    ['en', 11, '10 calls you took over still need their notes: they open one by one when you are done here. One more call you took over could not be kept here: write its note in its CRM call record.'],
  ] as const)('in %s: says so when more became theirs than can be kept, and where to write those notes', async (language, count, words) => {
    uiLanguage.value = language;
    // On a call while `count` calls became theirs, one after another: the state the background publishes.
    const info = (callId: string): CallInfo => ({ callId, direction: 'incoming', number: '+81452223333', calledNumber: null, calledLabel: null, ivrPath: [], callSid: null, record: null });
    const events: CallEvent[] = [
      { type: 'incoming', call: info('in-2'), at: 1 },
      { type: 'accepted', callId: 'in-2', callSid: CALL.sid!, at: 2 },
      ...Array.from({ length: count }, (_, index): CallEvent => ({ type: 'wrapUpDue', call: info(`m${index}`), answeredAt: 0, endedAt: 1 })),
    ];
    const state = publicStateSchema.parse({ ...signedOutState, signedIn: true, online: true, status: 'ready', calls: events.reduce(transition, idleCalls) });
    const link: BackgroundLink = { send: (async () => state) as BackgroundLink['send'], onStateChanged: () => () => undefined };
    const wrapUp = createWrapUpModel({ updateCall: async () => ({}) as never }, stored(null));
    const view = renderUi(<PhonePanel models={{ phone: createPhoneModel(createMessagingPhoneClient(link, () => 'JP')), dialer: createDialerModel(() => 'JP', formatAsYouType), wrapUp }} />);
    await settle();
    expect(owedLine(view.container)).toBe(words);
  });
});
