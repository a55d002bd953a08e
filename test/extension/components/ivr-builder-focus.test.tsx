import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act } from 'preact/test-utils';
import { uiLanguage } from '@/locales/i18n';
import { IncomingNumberForm } from '@/components/options/incoming-number-form';
import { createIncomingFormModel } from '@/models/incoming-form-model';
import type { IncomingNumber, MenuItem } from '@/models/phone-config-types';
import { button, choose, field, renderUi } from './render';

const ring = { type: 'ring' as const, users: ['sato'], strategy: 'sequential' as const, ringSeconds: 20, repeat: false };
const TREE = (): MenuItem[] => [
  { key: 1, label: '営業', action: ring },
  { key: 2, label: 'サポート', action: { type: 'menu', menu: [{ key: 1, label: '製品について', action: ring }] } },
  { key: 3, label: '採用', action: ring },
];

function setup() {
  const initial: IncomingNumber = { number: '+81312345678', label: '代表', enabled: true, record: false, voice: { language: 'ja-JP' }, messages: {}, route: { type: 'ivr', menu: TREE() } };
  const form = createIncomingFormModel(initial, async (draft) => draft);
  const view = renderUi(<IncomingNumberForm form={form} users={[{ id: 'sato', name: '佐藤' }]} onDone={() => undefined} />);
  return { form, view };
}

const editor = (root: ParentNode) => root.querySelector<HTMLElement>('.yb-ivr-node')!;
const keyNamed = (root: ParentNode, label: string) =>
  [...root.querySelectorAll<HTMLElement>('[role="treeitem"]')].find((item) => item.querySelector('.yb-ivr-key__label')?.textContent === label)!;

/** What the keyboard does: focus a control, then Enter (a click on a button). */
async function activate(target: HTMLElement) {
  await act(async () => {
    target.focus();
    target.click();
  });
}
/** Selects a key as a keyboard user does: Tab into the tree, arrow down to it. */
async function arrowTo(root: ParentNode, label: string) {
  const first = root.querySelector<HTMLElement>('[role="treeitem"][tabindex="0"]')!;
  first.focus();
  while (document.activeElement !== keyNamed(root, label)) {
    await act(async () => {
      document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
    });
  }
}

describe('keyboard focus in the IVR builder', () => {
  beforeEach(() => (uiLanguage.value = 'ja'));
  afterEach(() => (document.body.innerHTML = ''));

  it.each([
    ['このメニューに項目を追加', '営業', 'キー 4：無題'],
    ['サブメニューに項目を追加', 'サポート', 'キー 2：無題'],
  ])('after “%s”, focus is on the new key’s first field', async (action, from, title) => {
    const { view } = setup();
    await arrowTo(view.container, from);
    await activate(button(editor(view.container), action));
    expect(editor(view.container).querySelector('h4')?.textContent).toBe(title);
    expect(document.activeElement).toBe(field(editor(view.container), 'キー'));
  });

  it('after “トップメニューに項目を追加”, focus is on the new key’s first field', async () => {
    const { view } = setup();
    await activate(button(view.container, 'トップメニューに項目を追加'));
    expect(document.activeElement).toBe(field(editor(view.container), 'キー'));
  });

  it('after deleting a key, focus is on the key now selected in the tree', async () => {
    const { view } = setup();
    await arrowTo(view.container, '採用');
    await activate(button(editor(view.container), '「採用」を削除'));
    expect(document.activeElement).toBe(keyNamed(view.container, 'サポート'));
    expect(document.activeElement?.getAttribute('aria-selected')).toBe('true');
  });

  it('after deleting the last key of a submenu, focus is on the key that opened it', async () => {
    const { view } = setup();
    await arrowTo(view.container, '製品について');
    await activate(button(editor(view.container), '「製品について」を削除'));
    expect(document.activeElement).toBe(keyNamed(view.container, 'サポート'));
  });

  it('after moving a key up or into another menu, focus is on it in the tree', async () => {
    const { view } = setup();
    await arrowTo(view.container, '採用');
    await activate(button(editor(view.container), '「採用」を上へ'));
    expect(document.activeElement).toBe(keyNamed(view.container, '採用'));
    const target = field<HTMLSelectElement>(editor(view.container), '別のメニューへ移動');
    await choose(target, [...target.options].find((option) => option.textContent === 'サポート')!.value);
    await activate(button(editor(view.container), '移動'));
    expect(document.activeElement).toBe(keyNamed(view.container, '採用'));
    expect(keyNamed(view.container, '採用').getAttribute('aria-level')).toBe('2');
  });
});
