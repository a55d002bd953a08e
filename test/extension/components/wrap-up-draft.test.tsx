import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { CallView } from '@/models/phone-state';
import { createFakePhoneClient } from '../models/fake-phone-client';
import { button, choose, click, field, flush, renderUi, type } from './render';

// WXT's storage reads `chrome` when first loaded: install the in-memory fake browser before importing
// anything that reaches storage/items.ts (the wrap-up model keeps its draft in storage.session).
(globalThis as { chrome?: unknown }).chrome = fakeBrowser;
const { uiLanguage } = await import('@/locales/i18n');
const { PhonePanel } = await import('@/components/phone-panel');
const { createDialerModel } = await import('@/models/dialer-model');
const { formatAsYouType } = await import('@/models/phone-number-format');
const { createPhoneModel } = await import('@/models/phone-model');
const { createWrapUpModel, DRAFT_DEBOUNCE_MS } = await import('@/models/wrap-up-model');
const { ApiError } = await import('@/api/client');
const { wrapUpDraft } = await import('@/storage/items');
const { phoneWithDevice, repApi } = await import('../entrypoints/background/fake-phone');

const CALL_A: CallView = { callId: 'a', sid: `CA${'a'.repeat(32)}`, direction: 'outbound', number: '+81312345678', muted: false };
const CALL_B: CallView = { callId: 'b', sid: `CA${'b'.repeat(32)}`, direction: 'inbound', number: '+819012345678', muted: false };
/** A call nobody answered: the popup's view may have no CallSid for it. */
const UNANSWERED: CallView = { callId: 'c', sid: null, direction: 'outbound', number: '+81612345678', muted: false };

/** Every popup a test opened, unmounted after it (their window listeners and typing pauses with them). */
const opened: { unmount(): void }[] = [];

const NOTE = '来週火曜に見積もり送付。担当は経理の田中様';

/**
 * The toolbar popup in the wrap-up of `call`, built afresh as popup/main.tsx builds it each time it
 * opens (every model new: nothing carried over in memory from the popup that closed).
 */
function openPopup(call: CallView) {
  const fake = createFakePhoneClient({ status: 'ready', available: true, phase: 'wrap-up', call });
  const saved: { sid: string; note?: string; disposition?: string | null }[] = [];
  const wrapUp = createWrapUpModel({ updateCall: async (sid, update) => (saved.push({ sid, ...update }), null) });
  const models = { phone: createPhoneModel(fake.client), dialer: createDialerModel(() => 'JP', formatAsYouType), wrapUp };
  const view = renderUi(<PhonePanel models={models} />);
  opened.push(view);
  return {
    ...view,
    saved,
    sent: fake.sent,
    note: () => field<HTMLTextAreaElement>(view.container, 'メモ'),
    outcome: () => field<HTMLSelectElement>(view.container, '結果'),
    /** The rep clicks the CRM page: Chrome hides the popup and destroys it. Nothing of it runs after. */
    async close() {
      window.dispatchEvent(new Event('pagehide'));
      await flush();
      view.container.remove();
    },
  };
}

/** Reopened: the draft is read back from storage (a round trip to the browser). */
async function reopened(call: CallView) {
  const popup = openPopup(call);
  await flush();
  return popup;
}

const storedDraft = async () => (await fakeBrowser.storage.session.get('wrapUpDraft'))['wrapUpDraft'] ?? null;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a wrap-up note while the popup closes and opens again', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    uiLanguage.value = 'ja';
  });
  afterEach(async () => {
    for (const view of opened.splice(0)) view.unmount();
    await flush();
    document.body.innerHTML = '';
    Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
  });

  it.each([
    ['an answered call (by its CallSid)', CALL_A],
    ['an unanswered call with no CallSid in view (by our call id)', UNANSWERED],
  ])('gives back the note and outcome the rep had not saved, for %s', async (_name, call) => {
    const first = openPopup(call);
    await choose(first.outcome(), 'call-back');
    await type(first.note(), NOTE);
    await first.close(); // at once: well inside the typing pause the draft would otherwise wait for

    const second = await reopened(call);
    expect({ note: second.note().value, outcome: second.outcome().value }).toEqual({ note: NOTE, outcome: 'call-back' });
  });

  it('keeps the draft in session storage (memory, outliving the popup and the service worker), never on disk', async () => {
    const popup = openPopup(CALL_A);
    await type(popup.note(), NOTE);
    await pause(DRAFT_DEBOUNCE_MS + 50); // the rep stops typing: stored without waiting for the popup to close
    expect(await storedDraft()).toEqual({ callId: 'a', callSid: CALL_A.sid, note: NOTE, disposition: '' });
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });

  it('stores it at once when the popup is hidden', async () => {
    const popup = openPopup(CALL_A);
    await type(popup.note(), NOTE);
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
    await flush();
    expect(await storedDraft()).toMatchObject({ callSid: CALL_A.sid, note: NOTE });
  });

  it('never puts one call’s draft on another call’s wrap-up, nor saves it there', async () => {
    const first = openPopup(CALL_A);
    await choose(first.outcome(), 'won');
    await type(first.note(), 'A社: 見積もり承認、来月発注');
    await first.close();

    // Call B rang and was answered while the popup was closed: its wrap-up replaced A's.
    const second = await reopened(CALL_B);
    expect({ note: second.note().value, outcome: second.outcome().value }).toEqual({ note: '', outcome: '' });
    await click(button(second.container, '保存'));
    await flush();
    expect(second.saved).toEqual([{ sid: CALL_B.sid, disposition: null }]);
    // A's wrap-up is gone for good: its draft does not stay behind either.
    expect(await storedDraft()).toBeNull();
  });

  it.each([
    ['saved', '保存', [{ sid: CALL_A.sid, note: NOTE, disposition: null }]],
    ['skipped', 'スキップ', []],
  ])('forgets the draft once the wrap-up is %s', async (_name, action, saved) => {
    const first = openPopup(CALL_A);
    await type(first.note(), NOTE);
    await first.close();
    const second = await reopened(CALL_A);
    await click(button(second.container, action));
    await flush();
    expect({ saved: second.saved, draft: await storedDraft() }).toEqual({ saved, draft: null });
    // The background may still show the wrap-up for a moment: the popup opened then starts empty.
    const third = await reopened(CALL_A);
    expect(third.note().value).toBe('');
  });

  it('keeps one draft at most: the next call’s replaces the last one’s', async () => {
    const fake = createFakePhoneClient({ status: 'ready', available: true, phase: 'wrap-up', call: CALL_A });
    const models = { phone: createPhoneModel(fake.client), dialer: createDialerModel(() => 'JP', formatAsYouType), wrapUp: createWrapUpModel({ updateCall: async () => null }) };
    const view = renderUi(<PhonePanel models={models} />);
    opened.push(view);
    const { container } = view;
    await type(field<HTMLTextAreaElement>(container, 'メモ'), 'A社: 不在');
    window.dispatchEvent(new Event('pagehide'));
    await flush();
    fake.emit({ phase: 'incoming', call: CALL_B });
    fake.emit({ phase: 'in-call', call: { ...CALL_B, answeredAt: Date.now() } });
    fake.emit({ phase: 'wrap-up', call: CALL_B });
    await flush();
    await type(field<HTMLTextAreaElement>(container, 'メモ'), 'B社: 折り返し希望');
    window.dispatchEvent(new Event('pagehide'));
    await flush();
    expect(await fakeBrowser.storage.session.get(null)).toEqual({
      wrapUpDraft: { callId: 'b', callSid: CALL_B.sid, note: 'B社: 折り返し希望', disposition: '' },
    });
  });

  it('never overwrites what the rep types before the draft is read back', async () => {
    const first = openPopup(CALL_A);
    await type(first.note(), NOTE);
    await first.close();
    const second = openPopup(CALL_A);
    await type(second.note(), '別件');
    await flush();
    expect(second.note().value).toBe('別件');
  });
});

describe('the unsaved note when the rep’s session ends', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    uiLanguage.value = 'ja';
  });
  afterEach(async () => {
    for (const view of opened.splice(0)) view.unmount();
    await flush();
    document.body.innerHTML = '';
  });

  it.each([
    ['the rep signs out', async (phone: ReturnType<typeof phoneWithDevice>) => void (await phone.controller.signOut())],
    [
      'the server refuses the session (the heartbeat’s 401)',
      async (phone: ReturnType<typeof phoneWithDevice>, refuse: () => void) => (refuse(), await phone.controller.heartbeat()),
    ],
  ])('is forgotten when %s: what the rep wrote about a customer does not outlive the session', async (_, end) => {
    let refused = false;
    const api = repApi({
      logout: async () => null,
      setPresence: async (available: boolean) => {
        if (refused) throw new ApiError('unauthorized', 'Sign in again', 401, 'unauthorized');
        return { available };
      },
    });
    // The background as index.ts wires it, with the popup's draft item.
    const phone = phoneWithDevice({ createApi: () => api, wrapUpDraft });
    await phone.controller.setOnline(true);
    const popup = openPopup(CALL_A);
    await type(popup.note(), NOTE);
    await popup.close();
    expect(await storedDraft()).toMatchObject({ note: NOTE });

    await end(phone, () => (refused = true));
    expect({ signedIn: (await phone.controller.state()).signedIn, draft: await storedDraft() }).toEqual({ signedIn: false, draft: null });
  });
});
