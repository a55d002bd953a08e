import { afterEach, describe, expect, it } from 'vitest';
import { act } from 'preact/test-utils';
import { signedOutState, type PublicState } from '@/messaging/public-state';
import type { BackgroundLink } from '@/models/messaging-phone-client';
import type { CallInfo } from '@/phone/call-info';
import { PAGE_UI_TAG, type LauncherPlace } from '@/ui/page-shell';
import { mountPageUi } from '@/ui/page-ui';
import { offerPageUi } from '@/ui/page-ui-contract';
import { needsPageUi, startPagePhone } from '@/ui/page-ui-loader';
import { button, click, field, flush, type } from '../components/render';

const ready: PublicState = { ...signedOutState, signedIn: true, online: true, status: 'ready', outgoingNumber: '+81501234567' };
const caller: CallInfo = {
  callId: 'c1', direction: 'incoming', number: null, calledNumber: '+81501234567', calledLabel: '代表番号',
  ivrPath: ['営業', '新規'], callSid: 'CA1',
  record: { crm: 'zoho', module: 'Contacts', id: '42', name: '株式会社テスト', url: 'https://crm.zoho.jp/crm/org1/tab/Contacts/42' },
};
const ringing: PublicState = { ...ready, calls: { current: { kind: 'incoming', since: 1, call: caller }, waiting: null } };
const inCall: PublicState = {
  ...ready,
  calls: { current: { kind: 'in-call', call: { ...caller, number: '+819012345678' }, answeredAt: Date.now(), muted: false }, waiting: null },
};
const offline: PublicState = { ...ready, online: false, status: 'offline' };
const refusedOffline: PublicState = {
  ...offline,
  callProblem: { reason: 'offline', direction: 'outgoing', number: '+81312345678', at: 1 },
};
const wrapUp: PublicState = {
  ...ready,
  calls: { current: { kind: 'wrap-up', call: caller, answeredAt: 1, endedAt: 2, outcome: 'completed' }, waiting: null },
};

/**
 * The background as the content script sees it: replies to getState, pushes stateChanged, and answers
 * `loadPageUi` the way `scripting.executeScript` does: the page UI's script runs (and hands itself over).
 */
function fakeBackground(initial: PublicState, load: { fail?: number } = {}) {
  const sent: { type: string }[] = [];
  const listeners = new Set<(state: PublicState) => void>();
  let state = initial;
  let failures = load.fail ?? 0;
  let loads = 0;
  const link: BackgroundLink = {
    send: (async (message: { type: string }) => {
      sent.push(message);
      return message.type === 'getState' ? state : message.type === 'dial' ? { callId: 'c9' } : null;
    }) as BackgroundLink['send'],
    onStateChanged(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return {
    link,
    sent,
    loads: () => loads,
    listeners,
    async requestLoad() {
      loads++;
      await Promise.resolve();
      if (failures > 0) {
        failures--;
        throw new Error('Cannot access contents of the page');
      }
      offerPageUi((host) => mountPageUi(host, { css: '.yb-card{}' }));
    },
    async push(next: PublicState) {
      state = next;
      await act(async () => listeners.forEach((listener) => listener(next)));
      await flush();
    },
  };
}

async function start(initial: PublicState, options: { launcher?: LauncherPlace | null; trusted?: boolean; fail?: number; guardSight?: boolean } = {}) {
  const background = fakeBackground(initial, { fail: options.fail });
  const saved: LauncherPlace[] = [];
  const phone = startPagePhone({
    document,
    link: background.link,
    country: 'JP',
    language: 'ja',
    css: '.yb-launcher{}',
    launcher: options.launcher ?? null,
    saveLauncher: (place) => saved.push(place),
    requestLoad: () => background.requestLoad(),
    trustedEventsOnly: options.trusted ?? false,
    // happy-dom lays nothing out: whether a card is seen is for the browser tests (e2e/phone-page).
    guardSight: options.guardSight ?? false,
  });
  await flush();
  await flush();
  // The content script's own handle: the page sees a closed root.
  const root = () => phone.shell.shadowRoot;
  return { ...background, phone, saved, root };
}

describe('the phone on a CRM page', () => {
  afterEach(() => document.querySelectorAll(PAGE_UI_TAG).forEach((host) => host.remove()));

  it('loads nothing but the launcher while there is no call and the rep does not open it', async () => {
    const page = await start(ready);
    await page.push(wrapUp);
    await page.push(ready);
    expect(page.loads()).toBe(0);
    expect(page.root().querySelector('.yb-launcher')).not.toBeNull();
    expect(page.root().querySelectorAll('style')).toHaveLength(1);
    // Asking for the state is what subscribes this tab to the background's pushes.
    expect(page.sent).toEqual([{ type: 'getState' }]);
  });

  it('loads the page UI once for a ringing call and shows the card over the page; Accept answers it', async () => {
    const page = await start(ready);
    await page.push(ringing);
    await page.push(ringing);
    expect(page.loads()).toBe(1);
    const card = page.root().querySelector('.yb-incoming')!;
    expect(card.querySelector('h2')?.textContent).toBe('非通知');
    expect(card.querySelector('.yb-ivr-path')?.textContent).toContain('営業 › 新規');
    expect(card.querySelector('a.yb-record')?.getAttribute('href')).toBe('https://crm.zoho.jp/crm/org1/tab/Contacts/42');
    expect(document.body.querySelector('.yb-incoming')).toBeNull();
    await click(button(page.root(), '応答'));
    expect(page.sent.at(-1)).toEqual({ type: 'accept', callId: 'c1' });
  });

  it('lists the other records with the caller’s number under the matched one, each linked to the CRM', async () => {
    const others = [{ crm: 'zoho', module: 'Leads', id: '7', name: '山田 太郎', url: 'https://crm.zoho.jp/crm/org1/tab/Leads/7' }];
    const page = await start({ ...ready, calls: { current: { kind: 'incoming', since: 1, call: { ...caller, others } }, waiting: null } });
    const toggle = button(page.root(), '同じ番号のレコードがほかに 1件あります');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    await click(toggle);
    const item = page.root().querySelector('.yb-other-records li')!;
    expect([item.querySelector('a')?.getAttribute('href'), item.textContent]).toEqual(['https://crm.zoho.jp/crm/org1/tab/Leads/7', '山田 太郎見込み客']);
    expect(page.root().querySelector('.yb-incoming__record')?.textContent).toBe('株式会社テスト連絡先');
  });

  it('a page opened while a call rings loads the UI at once; Decline declines only that call', async () => {
    const page = await start(ringing);
    expect(page.loads()).toBe(1);
    await click(button(page.root(), '拒否'));
    expect(page.sent.at(-1)).toEqual({ type: 'reject', callId: 'c1' });
  });

  it.each([
    ['nothing going on', ready, false],
    ['a call being wrapped up (its note is in the popup)', wrapUp, false],
    ['a call ringing in', ringing, true],
    ['a call on the line', inCall, true],
    ['a dialled call', { ...ready, calls: { current: { kind: 'dialing', since: 1, call: caller }, waiting: null } }, true],
    ['a second call waiting', { ...inCall, calls: { ...inCall.calls, waiting: { ...caller, callId: 'c2' } } }, true],
    ['a call that did not start', refusedOffline, true],
  ] as [string, PublicState, boolean][])('%s: needs the page UI: %s', (_name, state, needed) => {
    expect(needsPageUi(state)).toBe(needed);
  });

  it('a call button clicked while offline: the page says why and offers to go online', async () => {
    const page = await start(offline);
    expect(page.loads()).toBe(0);
    await page.push(refusedOffline);
    expect(page.loads()).toBe(1);
    const notice = page.root().querySelector('.yb-call-problem')!;
    expect(notice.getAttribute('role')).toBe('alert');
    expect(notice.querySelector('h2')?.textContent).toBe('03-1234-5678 に発信できませんでした');
    expect(notice.textContent).toContain('オフラインです。オンラインにすると発信できます。');
    await click(button(notice, 'オンラインにする'));
    expect(page.sent.at(-1)).toEqual({ type: 'setOnline', online: true });
    // Once online the button goes; Close closes the notice everywhere.
    await page.push({ ...refusedOffline, online: true, status: 'connecting' });
    expect(() => button(page.root(), 'オンラインにする')).toThrow();
    await click(button(page.root(), '閉じる'));
    expect(page.sent.at(-1)).toEqual({ type: 'dismissCallProblem' });
    await page.push(ready);
    expect(page.root().querySelector('.yb-call-problem')).toBeNull();
  });

  it('a call that could not reach Twilio names the cause and what to check, with no button that would not help', async () => {
    const page = await start({ ...ready, status: 'twilio-unreachable', callProblem: { reason: 'twilio-unreachable', direction: 'outgoing', number: '+81312345678', at: 1 } });
    const notice = page.root().querySelector('.yb-call-problem')!;
    expect(notice.textContent).toContain('Twilio に接続できません。');
    expect(notice.textContent).toContain('ファイアウォール');
    expect([...notice.querySelectorAll('button')].map((node) => node.textContent)).toEqual(['閉じる']);
    expect(page.root().querySelector('.yb-in-call')).toBeNull();
  });

  it('works the call from the in-call card: mute, keypad, hang up', async () => {
    const page = await start(inCall);
    expect(page.root().querySelector('.yb-in-call__number')?.textContent).toBe('090-1234-5678');
    await click(button(page.root(), 'ミュート'));
    await click(button(page.root(), 'キーパッド'));
    await click(page.root().querySelector<HTMLButtonElement>('.yb-in-call [data-key="5"]')!);
    await click(button(page.root(), '通話終了'));
    expect(page.sent.filter((message) => message.type !== 'getState')).toEqual([
      { type: 'mute', muted: true },
      { type: 'sendDigits', digits: '5' },
      { type: 'hangUp' },
    ]);
  });

  it('opening the launcher loads the dialer once, however often it is opened; it dials a typed number', async () => {
    const page = await start(ready, { launcher: { right: 40, bottom: 60, hidden: false } });
    const launcher = page.root().querySelector<HTMLElement>('.yb-launcher')!;
    expect([launcher.style.right, launcher.style.bottom]).toEqual(['40px', '60px']);
    await click(button(page.root(), '☎ ダイヤルを開く'));
    await flush();
    await click(button(page.root(), 'ダイヤルを閉じる'));
    await click(button(page.root(), '☎ ダイヤルを開く'));
    await page.push(ringing);
    expect(page.loads()).toBe(1);
    await page.push(ready);

    const input = field(page.root(), '電話番号');
    await type(input, '０３１２３４５６７８');
    expect(input.value).toBe('03-1234-5678');
    await click(button(page.root(), '発信'));
    expect(page.sent.at(-1)).toEqual({ type: 'dial', to: '+81312345678', record: null });
    // The page UI brings the full stylesheet into the same shadow root.
    expect([...page.root().querySelectorAll('style')].map((style) => style.textContent?.replace(/^:host\{[^}]*\}\n/, ''))).toEqual(['.yb-card{}', '.yb-launcher{}']);
  });

  it('says so when the dialer cannot load, and tries again on the next opening', async () => {
    const page = await start(ready, { fail: 1 });
    await click(button(page.root(), '☎ ダイヤルを開く'));
    await flush();
    expect(page.root().querySelector('[role="alert"]')?.textContent).toContain('ダイヤルを開けませんでした');
    await click(button(page.root(), 'ダイヤルを閉じる'));
    await click(button(page.root(), '☎ ダイヤルを開く'));
    await flush();
    expect(page.loads()).toBe(2);
    expect(page.root().querySelector('[role="alert"]')).toBeNull();
    expect(field(page.root(), '電話番号')).toBeTruthy();
  });

  it('ignores clicks a page script fakes on the card', async () => {
    const page = await start(ringing, { trusted: true });
    await click(button(page.root(), '応答'));
    await click(button(page.root(), '拒否'));
    expect(page.sent.map((message) => message.type)).toEqual(['getState', 'getState']);
  });

  it('keeps the card out of the page’s reach: the host has no shadow root a page script can open', async () => {
    const page = await start(ringing);
    const host = document.querySelector(PAGE_UI_TAG)!;
    expect(host.shadowRoot).toBeNull();
    expect(page.root().querySelector('.yb-incoming')).not.toBeNull();
    expect(document.body.textContent).not.toContain('株式会社テスト');
  });

  it('answers nothing when the card cannot be shown to be in sight, and tells the rep the shortcut', async () => {
    const page = await start(ringing, { guardSight: true });
    await click(button(page.root(), '応答'));
    expect(page.sent.map((message) => message.type)).toEqual(['getState', 'getState']);
    expect(page.root().querySelector('[role="alert"]')?.textContent).toBe(
      'このカードはページに隠されているため、クリックでは応答していません。Alt+Shift+A を押すと応答します。',
    );
    // Declining needs no such care: it cannot put the caller through to the rep.
    await click(button(page.root(), '拒否'));
    expect(page.sent.at(-1)).toEqual({ type: 'reject', callId: 'c1' });
  });

  it('a page UI script that nobody asked for mounts nothing', () => {
    expect(offerPageUi(() => ({ unmount() {} }))).toBe(false);
  });

  it('leaves nothing behind when the content script goes away', async () => {
    const page = await start(inCall);
    page.phone.unmount();
    expect(document.querySelector(PAGE_UI_TAG)).toBeNull();
    expect(page.listeners.size).toBe(0);
  });
});
