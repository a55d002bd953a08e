import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { uiLanguage } from '@/locales/i18n';
import { IncomingNumberForm } from '@/components/options/incoming-number-form';
import { ApiError } from '@/models/api-error';
import { createIncomingFormModel } from '@/models/incoming-form-model';
import type { IncomingNumber, MenuItem } from '@/models/phone-config-types';
import { button, choose, click, field, flush, renderUi, type } from './render';

const ring = (users: string[] = ['sato']) => ({ type: 'ring' as const, users, strategy: 'sequential' as const, ringSeconds: 20, repeat: false });
const users = [
  { id: 'sato', name: '佐藤' },
  { id: 'suzuki', name: '鈴木' },
];

function number(menu: MenuItem[], overrides: Partial<IncomingNumber> = {}): IncomingNumber {
  return {
    number: '+81312345678',
    label: '代表',
    enabled: true,
    record: false,
    voice: { language: 'ja-JP' },
    messages: {},
    route: { type: 'ivr', menu },
    holdMusic: { type: 'default' },
    ...overrides,
  };
}

/** Builds a chain of submenus `depth` levels deep (level 1 = the top menu). */
function nested(depth: number): MenuItem[] {
  let menu: MenuItem[] = [{ key: 1, label: `L${depth}`, action: ring() }];
  for (let level = depth - 1; level >= 1; level--) menu = [{ key: 1, label: `L${level}`, action: { type: 'menu', menu } }];
  return menu;
}

function setup(initial: IncomingNumber, save: (draft: IncomingNumber) => Promise<IncomingNumber> = async (draft) => draft) {
  const form = createIncomingFormModel(initial, save);
  let done = 0;
  const view = renderUi(<IncomingNumberForm form={form} users={users} onDone={() => done++} />);
  return { form, view, done: () => done };
}

const itemAt = (root: ParentNode, path: string) => root.querySelector<HTMLFieldSetElement>(`fieldset[data-path="${path}"]`)!;

describe('the IVR tree editor', () => {
  beforeEach(() => (uiLanguage.value = 'en'));
  afterEach(() => (document.body.innerHTML = ''));

  it('does not offer a key that another item of the same menu uses', async () => {
    const { view } = setup(number([{ key: 1, label: '営業', action: ring() }, { key: 2, label: 'サポート', action: ring() }]));
    const keySelect = field<HTMLSelectElement>(itemAt(view.container, 'route.menu[1]'), 'Key');
    const disabled = [...keySelect.options].filter((option) => option.disabled).map((option) => option.value);
    expect(disabled).toEqual(['1']);
  });

  it('gives a new item the first free key and stops at nine items', async () => {
    const { view, form } = setup(number([{ key: 1, label: '営業', action: ring() }, { key: 3, label: 'サポート', action: ring() }]));
    await click(button(view.container, '+ Add item'));
    const route = form.draft.value.route;
    expect(route.type === 'ivr' && route.menu.map((item) => item.key)).toEqual([1, 3, 2]);
    for (let i = 0; i < 6; i++) await click(button(view.container, '+ Add item'));
    expect(button(view.container, '+ Add item').disabled).toBe(true);
    expect(view.container.textContent).toContain('A menu has at most 9 items.');
  });

  it('refuses a duplicate key even when asked directly, and flags one that came from an import', async () => {
    const { view, form } = setup(number([{ key: 1, label: 'A', action: ring() }, { key: 1, label: 'B', action: ring() }]));
    expect(itemAt(view.container, 'route.menu[1]').querySelector('.yb-field__error')?.textContent).toBe(
      'Key 1 is already used in this menu.',
    );
    expect(await form.submit()).toBe(false);
  });

  it('offers no submenu on the fifth level (a sixth would be refused)', async () => {
    const { view } = setup(number(nested(5)));
    const deepest = itemAt(view.container, 'route.menu[0].action.menu[0].action.menu[0].action.menu[0].action.menu[0]');
    const action = field<HTMLSelectElement>(deepest, 'Action');
    expect([...action.options].find((option) => option.value === 'menu')?.disabled).toBe(true);
    expect(deepest.textContent).toContain('Menus can be nested at most 5 levels deep.');
    await choose(action, 'menu');
    expect(deepest.querySelector('.yb-ivr__menu')).toBeNull();

    const fourth = itemAt(view.container, 'route.menu[0].action.menu[0].action.menu[0].action.menu[0]');
    expect(fourth.querySelector('option[value="menu"]')?.hasAttribute('disabled')).toBe(false);
  });

  it('turns an item into a submenu and keeps audio prompts out of a multi-level IVR', async () => {
    const { view, form } = setup(number([{ key: 1, label: '営業', action: ring() }]));
    await choose(field<HTMLSelectElement>(itemAt(view.container, 'route.menu[0]'), 'Action'), 'menu');
    expect(itemAt(view.container, 'route.menu[0].action.menu[0]')).not.toBeNull();
    const format = field<HTMLSelectElement>(view.container, 'Format');
    expect([...format.options].filter((option) => option.disabled).map((option) => option.value)).toEqual(['audio', 'url']);

    const audio = setup(number([{ key: 1, label: '営業', action: ring() }], { messages: { welcome: { type: 'audio', audioId: 'a1' } } }));
    const action = field<HTMLSelectElement>(itemAt(audio.view.container, 'route.menu[0]'), 'Action');
    expect(action.querySelector<HTMLOptionElement>('option[value="menu"]')?.disabled).toBe(true);
    expect(form.localIssues.value.map((issue) => issue.path)).toEqual([
      'route.menu[0].action.menu[0].label',
      'route.menu[0].action.menu[0].action.users',
    ]);
  });

  it('shows the server error at the field it names and keeps the form', async () => {
    const { view, form, done } = setup(
      number([{ key: 1, label: '営業', action: { type: 'menu', menu: [{ key: 1, label: '新規', action: ring() }, { key: 2, label: '既存', action: ring(['sato']) }] } }]),
      async () => {
        throw new ApiError(400, 'invalid_config', 'incoming[0].route.menu[0].action.menu[1].action.users[0]: unknown user "sato"', [
          { path: 'incoming[0].route.menu[0].action.menu[1].action.users[0]', message: 'unknown user "sato"' },
        ]);
      },
    );
    await type(field(itemAt(view.container, 'route.menu[0].action.menu[1]'), 'Label'), '既存のお客様');
    await click(button(view.container, 'Save'));
    await flush();
    const target = itemAt(view.container, 'route.menu[0].action.menu[1]');
    const usersGroup = target.querySelector('fieldset[id$="-users"]')!;
    expect(usersGroup.querySelector('.yb-field__error')?.textContent).toBe('unknown user "sato"');
    expect(usersGroup.getAttribute('aria-invalid')).toBe('true');
    expect(itemAt(view.container, 'route.menu[0].action.menu[0]').querySelector('.yb-field__error')).toBeNull();
    expect(view.container.querySelector('[role="alert"]')?.textContent).toBe('Some fields need attention.');
    expect(field(target, 'Label').value).toBe('既存のお客様');
    expect(form.dirty.value).toBe(true);
    expect(done()).toBe(0);
  });

  it('reorders and removes items', async () => {
    const { view, form } = setup(number([{ key: 1, label: '営業', action: ring() }, { key: 2, label: 'サポート', action: ring() }]));
    await click(button(view.container, 'Move "サポート" up'));
    const labels = () => (form.draft.value.route.type === 'ivr' ? form.draft.value.route.menu.map((item) => item.label) : []);
    expect(labels()).toEqual(['サポート', '営業']);
    await click(button(view.container, 'Remove "営業"'));
    expect(labels()).toEqual(['サポート']);
  });

  it('asks for a label and reps only once the admin tries to save', async () => {
    const { view, form } = setup(number([{ key: 1, label: '営業', action: ring() }]));
    await click(button(view.container, '+ Add item'));
    expect(view.container.querySelectorAll('.yb-field__error')).toHaveLength(0);
    await click(button(view.container, 'Save'));
    const added = itemAt(view.container, 'route.menu[1]');
    expect([...added.querySelectorAll('.yb-field__error')].map((node) => node.textContent)).toEqual([
      'Every item needs a label.',
      'Choose at least one rep.',
    ]);
    expect(form.saving.value).toBe(false);
  });
});
