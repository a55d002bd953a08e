import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act } from 'preact/test-utils';
import { uiLanguage } from '@/locales/i18n';
import { signedOutState, type PublicState } from '@/messaging/public-state';
import type { BackgroundLink } from '@/models/messaging-phone-client';
import type { CallInfo } from '@/phone/call-info';
import { mountPageUi, PAGE_UI_TAG, type LauncherPlace } from '@/ui/page-ui';
import { button, click, field, flush, type } from '../components/render';

const ready: PublicState = { ...signedOutState, signedIn: true, online: true, status: 'ready', outgoingNumber: '+81501234567' };
const caller: CallInfo = {
  callId: 'c1', direction: 'incoming', number: null, calledNumber: '+81501234567', calledLabel: '代表番号',
  ivrPath: ['営業', '新規'], callSid: 'CA1',
  record: { crm: 'zoho', module: 'Contacts', id: '42', name: '株式会社テスト', url: 'https://crm.zoho.jp/crm/org1/tab/Contacts/42' },
};
const ringing: PublicState = { ...ready, calls: { current: { kind: 'incoming', since: 1, call: caller }, waiting: null } };

/** The background as the content script sees it: replies to getState, pushes stateChanged. */
function fakeBackground(initial: PublicState) {
  const sent: { type: string }[] = [];
  const listeners = new Set<(state: PublicState) => void>();
  let state = initial;
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
    async push(next: PublicState) {
      state = next;
      await act(async () => listeners.forEach((listener) => listener(next)));
    },
  };
}

function mount(initial: PublicState, options: { launcher?: LauncherPlace | null; trusted?: boolean } = {}) {
  const background = fakeBackground(initial);
  const saved: LauncherPlace[] = [];
  const ui = mountPageUi('.yb-card{}', {
    document,
    link: background.link,
    country: 'JP',
    launcher: options.launcher ?? null,
    saveLauncher: (place) => saved.push(place),
    trustedEventsOnly: options.trusted ?? false,
  });
  const root = () => document.querySelector(PAGE_UI_TAG)!.shadowRoot!;
  return { ...background, ui, saved, root };
}

describe('the phone on a CRM page', () => {
  beforeEach(() => (uiLanguage.value = 'ja'));
  afterEach(() => (document.documentElement.querySelectorAll(PAGE_UI_TAG).forEach((host) => host.remove())));

  it('shows the incoming call over the page and answers it from there', async () => {
    const page = mount(ready);
    await flush();
    expect(page.root().querySelector('.yb-incoming')).toBeNull();
    await page.push(ringing);
    const card = page.root().querySelector('.yb-incoming')!;
    expect(card.querySelector('h2')?.textContent).toBe('非通知');
    expect(card.querySelector('.yb-ivr-path')?.textContent).toContain('営業 › 新規');
    expect(card.querySelector('a.yb-record')?.getAttribute('href')).toBe('https://crm.zoho.jp/crm/org1/tab/Contacts/42');
    expect(document.body.querySelector('.yb-incoming')).toBeNull();
    await click(button(page.root(), '応答'));
    expect(page.sent.at(-1)).toEqual({ type: 'accept', callId: 'c1' });
  });

  it('declines only the call it shows', async () => {
    const page = mount(ringing);
    await flush();
    await click(button(page.root(), '拒否'));
    expect(page.sent.at(-1)).toEqual({ type: 'reject', callId: 'c1' });
  });

  it('works the call from the in-call card: mute, keypad, hang up', async () => {
    const inCall: PublicState = {
      ...ready,
      calls: { current: { kind: 'in-call', call: { ...caller, number: '+819012345678' }, answeredAt: Date.now(), muted: false }, waiting: null },
    };
    const page = mount(inCall);
    await flush();
    expect(page.root().querySelector('.yb-in-call__number')?.textContent).toBe('090-1234-5678');
    await click(button(page.root(), 'ミュート'));
    await click(button(page.root(), 'キーパッド'));
    await click(page.root().querySelector<HTMLButtonElement>('.yb-in-call [data-key="5"]')!);
    await click(button(page.root(), '通話終了'));
    expect(page.sent.slice(1)).toEqual([{ type: 'mute', muted: true }, { type: 'sendDigits', digits: '5' }, { type: 'hangUp' }]);
  });

  it('dials a typed number from the launcher', async () => {
    const page = mount(ready, { launcher: { right: 40, bottom: 60, hidden: false } });
    await flush();
    const launcher = page.root().querySelector<HTMLElement>('.yb-launcher')!;
    expect([launcher.style.right, launcher.style.bottom]).toEqual(['40px', '60px']);
    await click(button(page.root(), '☎ ダイヤルを開く'));
    const input = field(page.root(), '電話番号');
    await type(input, '０３１２３４５６７８');
    expect(input.value).toBe('03-1234-5678');
    await click(button(page.root(), '発信'));
    expect(page.sent.at(-1)).toEqual({ type: 'dial', to: '+81312345678', record: null });
  });

  it('remembers that the rep hid the launcher on this site', async () => {
    const page = mount(ready);
    await flush();
    await click(button(page.root(), 'このサイトでは表示しない'));
    expect(page.saved).toEqual([{ right: 24, bottom: 24, hidden: true }]);
    expect(page.root().querySelector('.yb-launcher')).toBeNull();
    page.ui.unmount();
    const again = mount(ready, { launcher: page.saved[0] });
    await flush();
    expect(again.root().querySelector('.yb-launcher')).toBeNull();
  });

  it('ignores clicks a page script fakes', async () => {
    const page = mount(ringing, { trusted: true });
    await flush();
    await click(button(page.root(), '応答'));
    await click(button(page.root(), '拒否'));
    expect(page.sent.map((message) => message.type)).toEqual(['getState']);
  });

  it('mounts once, replacing what an earlier copy of the content script left', async () => {
    mount(ready);
    mount(ready);
    await flush();
    expect(document.querySelectorAll(PAGE_UI_TAG)).toHaveLength(1);
  });
});
