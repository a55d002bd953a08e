// @vitest-environment-options {"url": "https://crm.zoho.jp/crm/org90000001/tab/Leads/4876876000000456789"}
/**
 * The content script after the extension is updated or reloaded under an open Zoho tab. Chrome does not
 * put the new copy into open tabs; the old copy's `runtime.id` becomes undefined and
 * `runtime.sendMessage` throws "Extension context invalidated.". WXT's ctx notices only when something
 * reads `ctx.isInvalid` (its timers do).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const phones = vi.hoisted(() => ({ started: 0 }));
vi.mock('@/ui/page-ui-loader', () => ({ startPagePhone: () => (phones.started++, { unmount() {}, refresh() {} }) }));
vi.mock('@/ui/page-link', () => ({ pageLink: () => ({}) }));
vi.mock('@/messaging/send', () => ({ sendToBackground: async () => null }));
vi.mock('@/ui/launcher.css?inline', () => ({ default: '' }));

const sent: unknown[] = [];
const stored: Record<string, unknown> = {};
const fake = {
  runtime: {
    id: 'yobidashi-test-id' as string | undefined,
    sendMessage: (message: unknown) => {
      if (!fake.runtime.id) throw new Error('Extension context invalidated.');
      sent.push(message);
      return Promise.resolve(null);
    },
  },
  storage: { local: { get: async () => ({ defaultCountry: 'JP', ...stored }), set: async () => {} } },
};
(globalThis as { chrome?: unknown }).chrome = fake;

/**
 * WXT's ContentScriptContext as it behaves (node_modules/wxt/dist/utils/content-script-context.mjs):
 * reading `isInvalid` aborts it when `runtime.id` is gone, and its timers read it on every tick. The
 * real class cannot be loaded here: it reads `import.meta.env.ENTRYPOINT`, which only WXT's build sets.
 */
class ContentScriptContext {
  private readonly controller = new AbortController();
  get signal() {
    return this.controller.signal;
  }
  abort() {
    this.controller.abort();
  }
  get isInvalid() {
    if (fake.runtime.id == null) this.controller.abort();
    return this.signal.aborted;
  }
  get isValid() {
    return !this.isInvalid;
  }
  onInvalidated(callback: () => void) {
    this.signal.addEventListener('abort', callback);
    return () => this.signal.removeEventListener('abort', callback);
  }
  setInterval(handler: () => void, ms: number) {
    const id = setInterval(() => this.isValid && handler(), ms);
    this.onInvalidated(() => clearInterval(id));
    return id;
  }
  setTimeout(handler: () => void, ms: number) {
    const id = setTimeout(() => this.isValid && handler(), ms);
    this.onInvalidated(() => clearTimeout(id));
    return id;
  }
  requestIdleCallback(callback: () => void, options?: IdleRequestOptions) {
    const id = requestIdleCallback(() => !this.signal.aborted && callback(), options);
    this.onInvalidated(() => cancelIdleCallback(id));
    return id;
  }
  addEventListener(target: EventTarget, type: string, handler: EventListener, options?: AddEventListenerOptions) {
    target.addEventListener(type, handler, { ...options, signal: this.signal });
  }
}

const { default: definition } = await import('@/entrypoints/crm.content/index');
const { CALL_BUTTON_TAG } = await import('@/crm/call-button');
const { reloadToCall } = await import('@/crm/reload-notice');

const value = (phone: string) =>
  `<crux-phone-component><div class="phoneRtl cxElemCompViewValue"><span class="cxPhoneViewValue lvPhFld">${phone}</span></div></crux-phone-component>`;
const buttons = () => [...document.querySelectorAll(CALL_BUTTON_TAG)] as HTMLElement[];
function trustedClick(element: Element) {
  const event = new MouseEvent('click', { bubbles: true, cancelable: true });
  Object.defineProperty(event, 'isTrusted', { value: true });
  element.dispatchEvent(event);
}

let ctx: ContentScriptContext | undefined;
async function openZohoTab() {
  document.body.innerHTML = value('03-1234-5678');
  ctx = new ContentScriptContext();
  await (definition as { main(ctx: unknown): Promise<void> }).main(ctx);
  await vi.waitFor(() => expect(buttons()).toHaveLength(1));
  // The launcher is up: start-up, which reads ctx.isInvalid, is over.
  await vi.waitFor(() => expect(phones.started).toBe(1), { timeout: 3_000 });
}

let warn: { mock: { calls: unknown[][] } };
let alert: ReturnType<typeof vi.fn<(message?: string) => void>>;
beforeEach(() => {
  fake.runtime.id = 'yobidashi-test-id';
  sent.length = 0;
  phones.started = 0;
  for (const key of Object.keys(stored)) delete stored[key];
  localStorage.clear();
  warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  alert = vi.fn<(message?: string) => void>();
  window.alert = alert; // happy-dom has none
});
afterEach(() => {
  ctx?.abort();
  vi.restoreAllMocks();
});

describe('after the extension is updated or reloaded under an open Zoho tab', () => {
  it('takes its call buttons away within a poll, and puts none on values the CRM adds later', async () => {
    await openZohoTab();
    trustedClick(buttons()[0]!);
    expect(sent).toEqual([expect.objectContaining({ type: 'dial', to: '+81312345678' })]);

    fake.runtime.id = undefined;
    await vi.waitFor(() => expect(buttons()).toHaveLength(0), { timeout: 2_000 }); // the URL poll is 500 ms
    document.body.insertAdjacentHTML('beforeend', value('06-6123-4567'));
    await new Promise((resolve) => setTimeout(resolve, 50));

    expect({ buttons: buttons().length, aborted: ctx!.signal.aborted, sent: sent.length }).toEqual({ buttons: 0, aborted: true, sent: 1 });
  });

  it('a click before the poll has noticed dials nothing, removes the buttons and tells the rep to reload, in their language', async () => {
    stored.languageOverride = 'ja';
    await openZohoTab();
    fake.runtime.id = undefined;

    trustedClick(buttons()[0]!);
    await new Promise((resolve) => setTimeout(resolve, 0));

    expect(sent).toEqual([]);
    expect(buttons()).toHaveLength(0);
    expect(alert.mock.calls).toEqual([[reloadToCall.ja]]);
    expect(warn.mock.calls.filter((call) => String(call[0]).includes('dial failed'))).toEqual([]);
  });

  it('an English rep is told in English', async () => {
    stored.languageOverride = 'en';
    await openZohoTab();
    fake.runtime.id = undefined;
    trustedClick(buttons()[0]!);
    expect(alert.mock.calls).toEqual([[reloadToCall.en]]);
  });
});
