import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act } from 'preact/test-utils';
import { uiLanguage } from '@/locales/i18n';
import { IncomingNumberForm } from '@/components/options/incoming-number-form';
import type { Preview } from '@/models/admin-api';
import { ApiError } from '@/models/api-error';
import { createIncomingFormModel } from '@/models/incoming-form-model';
import type { IncomingNumber, MenuItem } from '@/models/phone-config-types';
import { fakeAdminApi } from './fake-admin-api';
import { button, choose, click, field, flush, renderUi, type } from './render';

const ring = (users: string[] = ['sato']) => ({ type: 'ring' as const, users, strategy: 'sequential' as const, ringSeconds: 20, repeat: false });
const menu = (items: MenuItem[]) => ({ type: 'menu' as const, menu: items });
const users = [
  { id: 'sato', name: '佐藤' },
  { id: 'suzuki', name: '鈴木' },
];

function number(items: MenuItem[], overrides: Partial<IncomingNumber> = {}): IncomingNumber {
  return { number: '+81312345678', label: '代表', enabled: true, record: false, voice: { language: 'ja-JP' }, messages: {}, route: { type: 'ivr', menu: items }, ...overrides };
}

/** Levels 1 to 5, one key each: L1 › L2 › L3 › L4 › L5 (rings). */
function fiveLevels(): MenuItem[] {
  let items: MenuItem[] = [{ key: 1, label: 'L5', action: ring() }];
  for (let level = 4; level >= 1; level--) items = [{ key: 1, label: `L${level}`, action: menu(items) }];
  return items;
}

const SUPPORT_TREE = (): MenuItem[] => [
  { key: 1, label: '営業', action: ring(['sato', 'suzuki']) },
  { key: 2, label: 'サポート', action: menu([{ key: 1, label: '製品について', action: ring(['suzuki']) }, { key: 2, label: 'ご請求', action: ring() }]) },
];

function setup(initial: IncomingNumber, options: { save?: (draft: IncomingNumber) => Promise<IncomingNumber>; preview?: (number: string, digits: readonly string[]) => Promise<Preview> } = {}) {
  const form = createIncomingFormModel(initial, options.save ?? (async (draft) => draft));
  const api = fakeAdminApi(options.preview ? { preview: options.preview } : {});
  const view = renderUi(<IncomingNumberForm form={form} users={users} preview={{ api, number: initial.number, language: 'ja-JP' }} onDone={() => undefined} />);
  const labels = () => (form.draft.value.route.type === 'ivr' ? form.draft.value.route.menu.map((item) => `${item.key}:${item.label}`) : []);
  return { form, view, labels };
}

const tree = (root: ParentNode) => root.querySelector<HTMLElement>('[role="tree"]')!;
const keyNamed = (root: ParentNode, label: string) =>
  [...root.querySelectorAll<HTMLElement>('[role="treeitem"]')].find((item) => item.querySelector('.yb-ivr-key__label')?.textContent === label)!;
const selectedLabel = (root: ParentNode) => root.querySelector('[role="treeitem"][aria-selected="true"] .yb-ivr-key__label')?.textContent;
const editor = (root: ParentNode) => root.querySelector<HTMLElement>('.yb-ivr-node')!;
async function press(root: ParentNode, key: string, options: KeyboardEventInit = {}) {
  await act(async () => {
    (document.activeElement ?? tree(root)).dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, ...options }));
  });
}

describe('the IVR builder', () => {
  beforeEach(() => (uiLanguage.value = 'ja'));
  afterEach(() => (document.body.innerHTML = ''));

  it('draws each menu as a card of keys, each saying where it leads, down to the fifth level', () => {
    const { view } = setup(number(fiveLevels()));
    const cards = [...view.container.querySelectorAll('.yb-ivr-card')];
    expect(cards.map((card) => card.getAttribute('aria-label'))).toEqual([
      'トップメニュー — 第1階層',
      '「L1」のサブメニュー — 第2階層',
      '「L2」のサブメニュー — 第3階層',
      '「L3」のサブメニュー — 第4階層',
      '「L4」のサブメニュー — 第5階層',
    ]);
    expect(keyNamed(view.container, 'L1').textContent).toContain('サブメニューへ（1項目）');
    expect(keyNamed(view.container, 'L5').textContent).toContain('佐藤 を順番に呼び出し');
    expect(keyNamed(view.container, 'L5').getAttribute('aria-level')).toBe('5');
  });

  it('edits the selected key beside the tree, offering only what the server accepts', async () => {
    const { view } = setup(number(fiveLevels()));
    await click(keyNamed(view.container, 'L5'));
    expect(selectedLabel(view.container)).toBe('L5');
    const action = field<HTMLSelectElement>(editor(view.container), '動作');
    // A submenu under level 5 would be a sixth level.
    expect(action.querySelector<HTMLOptionElement>('option[value="menu"]')?.disabled).toBe(true);
    expect(editor(view.container).textContent).toContain('メニューの階層は最大 5段までです。');
    await click(keyNamed(view.container, 'L4'));
    expect(field<HTMLSelectElement>(editor(view.container), '動作').querySelector<HTMLOptionElement>('option[value="menu"]')?.disabled).toBe(false);
  });

  it('does not offer a key another item of the same menu uses, and flags one that came from an import', async () => {
    const { view, form } = setup(number([{ key: 1, label: 'A', action: ring() }, { key: 1, label: 'B', action: ring() }]));
    expect(keyNamed(view.container, 'B').textContent).toContain('要確認');
    await click(keyNamed(view.container, 'B'));
    expect(editor(view.container).querySelector('#ivr-node-key-error')?.textContent).toBe('キー 1 はこのメニューで使用済みです。');
    await click(keyNamed(view.container, 'A'));
    const keys = field<HTMLSelectElement>(editor(view.container), 'キー');
    expect([...keys.options].filter((option) => option.disabled).map((option) => option.value)).toEqual([]);
    expect(await form.submit()).toBe(false);
  });

  it('moves through the tree with the arrow keys, selection following focus', async () => {
    const { view } = setup(number(SUPPORT_TREE()));
    keyNamed(view.container, '営業').focus();
    await press(view.container, 'ArrowDown');
    expect(selectedLabel(view.container)).toBe('サポート');
    expect(document.activeElement).toBe(keyNamed(view.container, 'サポート'));
    await press(view.container, 'ArrowRight');
    expect(selectedLabel(view.container)).toBe('製品について');
    await press(view.container, 'End');
    expect(selectedLabel(view.container)).toBe('ご請求');
    await press(view.container, 'ArrowLeft');
    expect(selectedLabel(view.container)).toBe('サポート');
    await press(view.container, 'Home');
    expect(document.activeElement).toBe(keyNamed(view.container, '営業'));
    // One tab stop for the whole tree.
    expect([...view.container.querySelectorAll('[role="treeitem"][tabindex="0"]')]).toHaveLength(1);
  });

  it('reorders with Alt+arrows and with the buttons, keys staying with their items', async () => {
    const { view, labels } = setup(number(SUPPORT_TREE()));
    keyNamed(view.container, 'サポート').focus();
    await press(view.container, 'ArrowUp', { altKey: true });
    expect(labels()).toEqual(['2:サポート', '1:営業']);
    expect(document.activeElement).toBe(keyNamed(view.container, 'サポート'));
    await click(keyNamed(view.container, 'サポート'));
    await click(button(view.container, '「サポート」を下へ'));
    expect(labels()).toEqual(['1:営業', '2:サポート']);
  });

  it('moves a branch, with its submenu, into another menu', async () => {
    const { view, form, labels } = setup(number([...SUPPORT_TREE(), { key: 3, label: '採用', action: ring() }]));
    await click(keyNamed(view.container, '採用'));
    const target = field<HTMLSelectElement>(editor(view.container), '別のメニューへ移動');
    expect([...target.options].map((option) => option.textContent)).toEqual(['—', 'サポート']);
    await choose(target, '1');
    await click(button(editor(view.container), '移動'));
    expect(labels()).toEqual(['1:営業', '2:サポート']);
    const route = form.draft.value.route;
    expect(route.type === 'ivr' && route.menu[1]!.action.type === 'menu' && route.menu[1]!.action.menu.map((item) => `${item.key}:${item.label}`)).toEqual(['1:製品について', '2:ご請求', '3:採用']);
    expect(view.container.querySelector('[role="status"]')?.textContent).toBe('「採用」を「サポート」のサブメニューへ移動しました（キー 3）。');
    expect(selectedLabel(view.container)).toBe('採用');
  });

  it('gives a new key the first free number and stops at nine', async () => {
    const { view, labels } = setup(number([{ key: 1, label: '営業', action: ring() }, { key: 3, label: 'サポート', action: ring() }]));
    await click(button(view.container, 'トップメニューに項目を追加'));
    expect(labels()).toEqual(['1:営業', '3:サポート', '2:']);
    expect(selectedLabel(view.container)).toBe('無題');
    for (let i = 0; i < 6; i++) await click(button(view.container, 'トップメニューに項目を追加'));
    expect(button(view.container, 'トップメニューに項目を追加').disabled).toBe(true);
  });

  it('refuses a label that is too long with a message, and keeps every character', async () => {
    const { view, form } = setup(number(SUPPORT_TREE()));
    const long = '営業部（新規・既存・代理店・法人・個人・見積もり・資料請求・デモ・展示会・その他）'.repeat(3);
    await type(field(editor(view.container), 'ラベル'), long);
    expect(editor(view.container).querySelector('#ivr-node-label-error')?.textContent).toBe(`100文字以内にしてください（現在 ${long.length}文字）。`);
    expect(field(editor(view.container), 'ラベル').value).toBe(long);
    expect(field(editor(view.container), 'ラベル').hasAttribute('maxlength')).toBe(false);
    expect(await form.submit()).toBe(false);
  });

  it('shows the server’s error at the key it names, selecting that key, and keeps the form', async () => {
    const { view, form } = setup(number(SUPPORT_TREE()), {
      save: async () => {
        throw new ApiError(400, 'invalid_config', 'unknown user', [{ path: 'incoming[0].route.menu[1].action.menu[1].action.users[0]', code: 'unknown_user', params: { user: 'sato' }, message: 'unknown user "sato"' }]);
      },
    });
    await type(field(editor(view.container), 'ラベル'), '営業部');
    await click(button(view.container, '保存'));
    await flush();
    expect(selectedLabel(view.container)).toBe('ご請求');
    const group = editor(view.container).querySelector('fieldset[id="ivr-node-users"]')!;
    expect(group.getAttribute('aria-invalid')).toBe('true');
    expect(group.querySelector('.yb-field__error')?.textContent).toBe('ユーザー「sato」は存在しません。');
    expect(keyNamed(view.container, 'ご請求').textContent).toContain('要確認');
    expect(keyNamed(view.container, '営業部')).toBeDefined();
    expect(form.dirty.value).toBe(true);
  });

  it('asks for a label and reps only once the admin tries to save', async () => {
    const { view } = setup(number([{ key: 1, label: '営業', action: ring() }]));
    await click(button(view.container, 'トップメニューに項目を追加'));
    expect(view.container.querySelectorAll('.yb-field__error:not(:empty)')).toHaveLength(0);
    await click(button(view.container, '保存'));
    expect([...editor(view.container).querySelectorAll('.yb-field__error')].map((node) => node.textContent)).toEqual([
      '各項目にラベルが必要です。',
      '担当者を 1人以上選んでください。',
    ]);
  });

  it('removes a key and selects its neighbour', async () => {
    const { view, labels } = setup(number(SUPPORT_TREE()));
    await click(keyNamed(view.container, 'サポート'));
    await click(button(view.container, '「サポート」を削除'));
    expect(labels()).toEqual(['1:営業']);
    expect(selectedLabel(view.container)).toBe('営業');
  });

  it('previews the saved number and highlights where the caller is', async () => {
    const preview = vi.fn(async (_number: string, digits: readonly string[]): Promise<Preview> => {
      const waiting = digits.length < 2;
      return { steps: [], outcome: waiting ? 'waiting-for-input' : 'hangup', summary: { en: '', ja: '' }, path: digits.map(Number) };
    });
    const { view } = setup(number(SUPPORT_TREE()), { preview });
    await click(button(view.container, '発信をプレビュー'));
    await flush();
    expect(view.container.querySelector('.yb-ivr-card--caller')?.getAttribute('aria-label')).toBe('トップメニュー — 第1階層');
    await click(button(view.container, '2 を押す'));
    await flush();
    expect(view.container.querySelector('.yb-ivr-card--caller')?.getAttribute('aria-label')).toBe('「サポート」のサブメニュー — 第2階層');
    expect(keyNamed(view.container, 'サポート').classList.contains('yb-ivr-key--path')).toBe(true);
    await click(button(view.container, '1 を押す'));
    await flush();
    const ringing = keyNamed(view.container, '製品について');
    expect(ringing.classList.contains('yb-ivr-key--caller')).toBe(true);
    expect(ringing.getAttribute('aria-label')).toContain('発信者はここ');
    expect(view.container.querySelector('.yb-ivr-card--caller')).toBeNull();
  });

  it('previews only what is saved: the button waits while there are changes', async () => {
    const { view } = setup(number(SUPPORT_TREE()));
    await type(field(editor(view.container), 'ラベル'), '営業部');
    expect(button(view.container, '発信をプレビュー').disabled).toBe(true);
    expect(view.container.textContent).toContain('プレビューは保存済みの設定で発信します。');
  });
});
