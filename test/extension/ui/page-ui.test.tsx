import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act } from 'preact/test-utils';
import { uiLanguage } from '@/locales/i18n';
import { createPhoneModel } from '@/models/phone-model';
import { clampOffset, offsetForKey } from '@/models/launcher-position';
import { FloatingLauncher, mountInShadowRoot, PageCallCard } from '@/ui';
import { createFakePhoneClient } from '../models/fake-phone-client';
import { button, click, flush } from '../components/render';

describe('page UI inside a shadow root', () => {
  beforeEach(() => (uiLanguage.value = 'ja'));
  afterEach(() => (document.body.innerHTML = ''));

  it('renders the incoming-call card in a shadow root, styled, away from the page', async () => {
    const fake = createFakePhoneClient({ status: 'ready', available: true });
    const phone = createPhoneModel(fake.client);
    const host = document.createElement('div');
    document.body.append(host);
    const mount = mountInShadowRoot(host, <PageCallCard phone={phone} />, '.yb-card { color: red; }');
    expect(mount.shadowRoot.querySelector('style')?.textContent).toBe('.yb-card { color: red; }');
    expect(mount.container.textContent).toBe('');

    await act(async () =>
      fake.emit({
        phase: 'incoming',
        call: { sid: 'CA1', direction: 'inbound', number: '+266696687', calledNumber: '+81312345678', calledLabel: '代表', ivrPath: ['営業', '新規'], muted: false },
      }),
    );
    await flush();
    expect(document.body.querySelector('.yb-incoming')).toBeNull();
    expect(mount.shadowRoot.querySelector('h2')?.textContent).toBe('非通知');
    expect(mount.shadowRoot.querySelector('.yb-ivr-path')?.textContent).toContain('営業 › 新規');
    await click(button(mount.shadowRoot, '応答'));
    expect(fake.sent.accepts).toBe(1);

    mount.unmount();
    expect(mount.shadowRoot.childNodes).toHaveLength(0);
  });

  it('the launcher opens the dialer, moves with the arrow keys and can be hidden', async () => {
    const moves: unknown[] = [];
    let hidden = 0;
    const host = document.createElement('div');
    document.body.append(host);
    const mount = mountInShadowRoot(
      host,
      <FloatingLauncher offset={{ right: 100, bottom: 100 }} onMove={(offset) => moves.push(offset)} onHide={() => hidden++}>
        <p class="dialer">dialer</p>
      </FloatingLauncher>,
      '',
    );
    const root = mount.shadowRoot;
    expect(root.querySelector('.dialer')).toBeNull();
    await click(button(root, '☎ ダイヤルを開く'));
    expect(root.querySelector('.dialer')?.textContent).toBe('dialer');

    const grip = button(root, 'ダイヤルボタンを移動（ドラッグまたは矢印キー）');
    await act(async () => {
      grip.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true }));
    });
    expect(moves).toEqual([{ right: 116, bottom: 100 }]);
    expect(root.querySelector<HTMLElement>('.yb-launcher')?.style.right).toBe('116px');

    await click(button(root, 'このサイトでは表示しない'));
    expect(hidden).toBe(1);
  });

  it('keeps the launcher on screen', () => {
    expect(clampOffset({ right: -50, bottom: 5000 }, { width: 1000, height: 800 }, { width: 200, height: 40 })).toEqual({ right: 4, bottom: 756 });
    expect(offsetForKey({ right: 10, bottom: 10 }, 'ArrowUp', true)).toEqual({ right: 10, bottom: 74 });
    expect(offsetForKey({ right: 10, bottom: 10 }, 'a', false)).toBeNull();
  });
});
