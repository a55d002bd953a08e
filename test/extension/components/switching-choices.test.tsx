import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { uiLanguage } from '@/locales/i18n';
import { IncomingNumberForm } from '@/components/options/incoming-number-form';
import { createIncomingFormModel } from '@/models/incoming-form-model';
import type { IncomingNumber, MenuItem } from '@/models/phone-config-types';
import { button, choose, click, field, flush, renderUi, type } from './render';

const users = [
  { id: 'sato', name: '佐藤' },
  { id: 'suzuki', name: '鈴木' },
];
const ring = (ids: string[]) => ({ type: 'ring' as const, users: ids, strategy: 'sequential' as const, ringSeconds: 20, repeat: false });
const TREE = (): MenuItem[] => [
  { key: 1, label: '営業', action: ring(['sato']) },
  { key: 2, label: 'サポート', action: { type: 'menu', menu: [{ key: 1, label: '製品について', action: ring(['suzuki']) }, { key: 2, label: '請求について', action: ring(['sato']) }] } },
];
const INITIAL = (): IncomingNumber => ({
  number: '+81312345678',
  label: '代表',
  enabled: true,
  record: false,
  voice: { language: 'ja-JP' },
  messages: {
    welcome: { type: 'text', text: 'お電話ありがとうございます。' },
    unavailable: { type: 'text', text: '現在、担当者が出払っております。' },
  },
  route: { type: 'ivr', menu: TREE() },
});

function setup(initial = INITIAL()) {
  /** What was handed to the server (compared with toEqual, which sees symbol keys too: nothing remembered leaks). */
  const saved: IncomingNumber[] = [];
  const form = createIncomingFormModel(initial, async (draft) => (saved.push(draft), draft));
  const view = renderUi(<IncomingNumberForm form={form} users={users} onDone={() => undefined} />);
  const select = (label: string, root: ParentNode = view.container) => field<HTMLSelectElement>(root, label);
  const editor = () => view.container.querySelector<HTMLElement>('.yb-ivr-node')!;
  const keyNamed = (label: string) => [...view.container.querySelectorAll<HTMLElement>('[role="treeitem"]')].find((node) => node.querySelector('.yb-ivr-key__label')?.textContent === label)!;
  const save = async () => {
    await click(button(view.container, '保存'));
    await flush();
    return saved.at(-1)!;
  };
  return { form, view, select, editor, keyNamed, save };
}

describe('switching a choice and back keeps what was built for it', () => {
  beforeEach(() => (uiLanguage.value = 'ja'));
  afterEach(() => (document.body.innerHTML = ''));

  it('Format: text → URL → text gives the written messages back, and only the chosen format is saved', async () => {
    // Audio URLs need a one-level menu (or none).
    const { view, select, save } = setup({ ...INITIAL(), route: { type: 'ring', users: ['sato'], strategy: 'sequential', ringSeconds: 20, cycles: 1 } });
    await choose(select('形式'), 'url');
    expect(field(view.container, 'ウェルカムメッセージ').value).toBe('');
    await type(field(view.container, 'ウェルカムメッセージ'), 'https://example.jp/welcome.mp3');
    await type(field(view.container, '対応できる担当者がいないとき'), 'https://example.jp/away.mp3');

    await choose(select('形式'), 'text');
    expect(field<HTMLTextAreaElement>(view.container, 'ウェルカムメッセージ').value).toBe('お電話ありがとうございます。');
    expect(field<HTMLTextAreaElement>(view.container, '対応できる担当者がいないとき').value).toBe('現在、担当者が出払っております。');
    // …and the URLs typed meanwhile are kept in turn.
    await choose(select('形式'), 'url');
    expect(field(view.container, 'ウェルカムメッセージ').value).toBe('https://example.jp/welcome.mp3');
    expect((await save()).messages).toEqual({ welcome: { type: 'url', url: 'https://example.jp/welcome.mp3' }, unavailable: { type: 'url', url: 'https://example.jp/away.mp3' } });
  });

  it('How calls are handled: IVR → ring reps → IVR gives the whole menu tree back', async () => {
    const { form, view, select, keyNamed, save } = setup();
    await choose(select('着信の処理方法'), 'ring');
    await click([...view.container.querySelectorAll('label')].find((label) => label.textContent === '鈴木')!.querySelector('input')!);

    await choose(select('着信の処理方法'), 'ivr');
    expect(keyNamed('製品について')).toBeDefined();
    expect(form.dirty.value).toBe(false);
    // The reps chosen meanwhile come back too, and only they are saved.
    await choose(select('着信の処理方法'), 'ring');
    expect((await save()).route).toEqual({ type: 'ring', users: ['suzuki'], strategy: 'sequential', ringSeconds: 20, cycles: 1 });
  });

  it('Action: submenu → ring reps → submenu gives the branch below back, after other edits of the key too', async () => {
    const { form, select, editor, keyNamed, save } = setup();
    await click(keyNamed('サポート'));
    await choose(select('動作', editor()), 'ring');
    expect(keyNamed('製品について')).toBeUndefined();
    await click([...editor().querySelectorAll('label')].find((label) => label.textContent === '佐藤')!.querySelector('input')!);

    // Other work before switching back: the key moves up, another key is selected and back.
    await click(button(editor(), '「サポート」を上へ'));
    await click(keyNamed('営業'));
    await click(keyNamed('サポート'));
    await choose(select('動作', editor()), 'menu');
    const route = form.draft.value.route;
    const support = route.type === 'ivr' ? route.menu[0] : undefined;
    expect(support?.label).toBe('サポート');
    expect(support?.action.type === 'menu' && support.action.menu.map((item) => item.label)).toEqual(['製品について', '請求について']);
    expect(keyNamed('製品について')).toBeDefined();

    // And back again: the rep chosen meanwhile, and no branch in what is saved.
    await choose(select('動作', editor()), 'ring');
    const saved = await save();
    expect(saved.route.type === 'ivr' && saved.route.menu[0]).toEqual({ key: 2, label: 'サポート', action: ring(['sato']) });
  });
});
