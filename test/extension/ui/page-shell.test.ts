import { afterEach, describe, expect, it } from 'vitest';
import { repMessages } from '@/locales/rep-messages';
import { clampOffset, offsetForKey } from '@/models/launcher-position';
import { launcherLanguage, launcherStrings } from '@/ui/launcher-strings';
import { mountPageShell, PAGE_UI_TAG, type LauncherPlace, type PageShellOptions } from '@/ui/page-shell';
import { button } from '../components/render';

function mount(options: Partial<PageShellOptions> = {}) {
  const saved: LauncherPlace[] = [];
  let opened = 0;
  const shell = mountPageShell({
    document,
    css: '.yb-launcher{}',
    language: 'ja',
    launcher: null,
    saveLauncher: (place) => saved.push(place),
    onOpen: () => opened++,
    trustedEventsOnly: false,
    ...options,
  });
  return { shell, saved, root: shell.shadowRoot, opened: () => opened };
}

const launcher = (root: ShadowRoot) => root.querySelector<HTMLElement>('.yb-launcher');
const key = (target: HTMLElement, name: string, shiftKey = false) =>
  target.dispatchEvent(new KeyboardEvent('keydown', { key: name, shiftKey, bubbles: true }));
const pointer = (target: HTMLElement, type: string, clientX: number, clientY: number) =>
  target.dispatchEvent(new PointerEvent(type, { clientX, clientY, pointerId: 1, bubbles: true }));

describe('the launcher on every CRM page', () => {
  afterEach(() => document.querySelectorAll(PAGE_UI_TAG).forEach((host) => host.remove()));

  it('opens and closes the dialer panel, and says which it will do', () => {
    const page = mount();
    const panel = page.root.querySelector<HTMLElement>('[role="dialog"]')!;
    expect(panel.getAttribute('aria-label')).toBe('ダイヤル');
    expect(panel.hidden).toBe(true);

    button(page.root, '☎ ダイヤルを開く').click();
    expect(page.opened()).toBe(1);
    expect(panel.hidden).toBe(false);
    expect(button(page.root, 'ダイヤルを閉じる').getAttribute('aria-expanded')).toBe('true');

    button(page.root, 'ダイヤルを閉じる').click();
    expect(panel.hidden).toBe(true);
    expect(page.opened()).toBe(1);
  });

  it('moves with the arrow keys on its grip and remembers the place for this site', () => {
    const page = mount({ launcher: { right: 100, bottom: 100, hidden: false } });
    expect([launcher(page.root)!.style.right, launcher(page.root)!.style.bottom]).toEqual(['100px', '100px']);
    const grip = button(page.root, 'ダイヤルボタンを移動（ドラッグまたは矢印キー）');
    key(grip, 'ArrowLeft');
    key(grip, 'ArrowUp', true);
    key(grip, 'a');
    expect(page.saved).toEqual([
      { right: 116, bottom: 100, hidden: false },
      { right: 116, bottom: 164, hidden: false },
    ]);
    expect(launcher(page.root)!.style.right).toBe('116px');
  });

  it('follows a drag of its grip and saves the place once the rep lets go', () => {
    const page = mount({ launcher: { right: 100, bottom: 100, hidden: false } });
    const grip = button(page.root, 'ダイヤルボタンを移動（ドラッグまたは矢印キー）');
    pointer(grip, 'pointerdown', 500, 500);
    pointer(grip, 'pointermove', 450, 480);
    expect([launcher(page.root)!.style.right, launcher(page.root)!.style.bottom]).toEqual(['150px', '120px']);
    expect(page.saved).toEqual([]);
    pointer(grip, 'pointerup', 440, 470);
    expect(page.saved).toEqual([{ right: 160, bottom: 130, hidden: false }]);
    pointer(grip, 'pointermove', 0, 0);
    expect(launcher(page.root)!.style.right).toBe('160px');
  });

  it('hides on this site and stays hidden on the next visit, while the call card keeps its place', () => {
    const page = mount();
    button(page.root, 'このサイトでは表示しない').click();
    expect(page.saved).toEqual([{ right: 24, bottom: 24, hidden: true }]);
    expect(launcher(page.root)).toBeNull();
    page.shell.unmount();

    const again = mount({ launcher: page.saved[0] });
    expect(launcher(again.root)).toBeNull();
    expect(again.shell.card.isConnected).toBe(true);
  });

  it('ignores clicks and keys a page script fakes', () => {
    const page = mount({ trustedEventsOnly: true });
    button(page.root, '☎ ダイヤルを開く').click();
    button(page.root, 'このサイトでは表示しない').click();
    key(button(page.root, 'ダイヤルボタンを移動（ドラッグまたは矢印キー）'), 'ArrowLeft');
    expect(page.opened()).toBe(0);
    expect(page.saved).toEqual([]);
    expect(launcher(page.root)).not.toBeNull();
  });

  it('is closed to the page, and its host keeps its own look whatever the page’s stylesheet says', () => {
    const page = mount();
    const host = document.querySelector<HTMLElement>(PAGE_UI_TAG)!;
    expect(host.shadowRoot).toBeNull();
    const rules = page.root.querySelector('style')!.textContent!;
    // An !important in the shadow tree beats the page's, inline ones included (CSS Cascade 5 "context").
    for (const declaration of ['opacity:1!important', 'visibility:visible!important', 'transform:none!important', 'filter:none!important', 'display:block!important']) {
      expect(rules.slice(0, rules.indexOf('}'))).toContain(declaration);
    }
    expect(rules.startsWith(':host{')).toBe(true);
  });

  it('speaks English to an English browser', () => {
    const page = mount({ language: launcherLanguage(null, 'en-US') });
    expect(button(page.root, '☎ Open dialer')).toBeTruthy();
    expect(button(page.root, 'Hide on this site')).toBeTruthy();
    expect(launcherLanguage(null, 'ja-JP')).toBe('ja');
    expect(launcherLanguage('en', 'ja-JP')).toBe('en');
  });

  it('mounts once, replacing what an earlier copy of the content script left', () => {
    mount();
    mount();
    expect(document.querySelectorAll(PAGE_UI_TAG)).toHaveLength(1);
  });

  it('keeps the launcher on screen', () => {
    expect(clampOffset({ right: -50, bottom: 5000 }, { width: 1000, height: 800 }, { width: 200, height: 40 })).toEqual({ right: 4, bottom: 756 });
    expect(offsetForKey({ right: 10, bottom: 10 }, 'ArrowUp', true)).toEqual({ right: 10, bottom: 74 });
    expect(offsetForKey({ right: 10, bottom: 10 }, 'a', false)).toBeNull();
  });

  it('uses the same words as the rep’s dictionary', () => {
    for (const [name, entry] of Object.entries(launcherStrings)) {
      expect(entry, name).toEqual(repMessages[name as keyof typeof repMessages]);
    }
  });
});
