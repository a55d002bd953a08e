import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { uiLanguage } from '@/locales/i18n';
import { IncomingNumberForm } from '@/components/options/incoming-number-form';
import { ApiError } from '@/models/api-error';
import { createIncomingFormModel } from '@/models/incoming-form-model';
import type { IncomingNumber, Route } from '@/models/phone-config-types';
import { button, click, field, flush, renderUi } from './render';

const users = [
  { id: 'sato', name: '佐藤' },
  { id: 'suzuki', name: '鈴木' },
];

function number(route: Route): IncomingNumber {
  return { number: '+81312345678', label: '代表', enabled: true, record: false, voice: { language: 'ja-JP' }, messages: {}, route };
}

function setup(initial: IncomingNumber, save: (draft: IncomingNumber) => Promise<IncomingNumber> = async (draft) => draft) {
  const saved: IncomingNumber[] = [];
  const form = createIncomingFormModel(initial, async (draft) => (saved.push(draft), save(draft)));
  const view = renderUi(<IncomingNumberForm form={form} users={users} onDone={() => undefined} />);
  return { form, view, saved };
}

function radio(root: ParentNode, label: string): HTMLInputElement {
  const input = [...root.querySelectorAll('label')].find((candidate) => candidate.textContent?.trim() === label)?.querySelector('input');
  if (!input) throw new Error(`no radio "${label}"`);
  return input;
}

const strategyGroup = (root: ParentNode) => [...root.querySelectorAll('fieldset')].find((group) => group.querySelector('legend')?.textContent === 'Ringing')!;

/** The server's 400 for a second round on simultaneous ringing (server/phone-config: cycles_need_sequential, repeat_needs_sequential). */
const refusal = (path: string, code: 'cycles_need_sequential' | 'repeat_needs_sequential') => async (): Promise<never> => {
  throw new ApiError(400, 'invalid_config', 'invalid', [{ path, code, message: 'A second round applies to sequential ringing only.' }]);
};

describe('ringing everyone at once', () => {
  beforeEach(() => (uiLanguage.value = 'en'));
  afterEach(() => (document.body.innerHTML = ''));

  it('drops the second round of a direct number, so the save goes through', async () => {
    const { view, saved } = setup(number({ type: 'ring', users: ['sato', 'suzuki'], strategy: 'sequential', ringSeconds: 20, cycles: 2 }));
    expect(field<HTMLSelectElement>(view.container, 'Cycles').value).toBe('2');
    await click(radio(view.container, 'All at once'));
    expect(view.container.querySelector('#direct-cycles')).toBeNull();
    await click(button(view.container, 'Save'));
    await flush();
    expect(saved.map((draft) => draft.route)).toEqual([{ type: 'ring', users: ['sato', 'suzuki'], strategy: 'simultaneous', ringSeconds: 20, cycles: 1 }]);
    // Back to one after another: one round, as the page now says.
    await click(radio(view.container, 'One after another'));
    expect(field<HTMLSelectElement>(view.container, 'Cycles').value).toBe('1');
  });

  it('drops "Go round twice" of an IVR key, so the save goes through', async () => {
    const { view, saved } = setup(
      number({ type: 'ivr', menu: [{ key: 1, label: 'Sales', action: { type: 'ring', users: ['sato'], strategy: 'sequential', ringSeconds: 20, repeat: true } }] }),
    );
    expect(radio(view.container, 'Go round twice').checked).toBe(true);
    await click(radio(view.container, 'All at once'));
    await click(button(view.container, 'Save'));
    await flush();
    const route = saved[0]?.route;
    expect(route?.type === 'ivr' && route.menu[0]?.action).toEqual({ type: 'ring', users: ['sato'], strategy: 'simultaneous', ringSeconds: 20, repeat: false });
  });

  it.each([
    ['a direct number', number({ type: 'ring', users: ['sato'], strategy: 'simultaneous', ringSeconds: 20, cycles: 2 }), 'route.cycles', 'cycles_need_sequential'],
    [
      'an IVR key',
      number({ type: 'ivr', menu: [{ key: 1, label: 'Sales', action: { type: 'ring', users: ['sato'], strategy: 'simultaneous', ringSeconds: 20, repeat: true } }] }),
      'route.menu[0].action.repeat',
      'repeat_needs_sequential',
    ],
  ] as const)('shows the server’s refusal of a hidden second round on %s at the ringing choice', async (_, initial, path, code) => {
    // An imported configuration can still hold one; the page has no second-round control to show it on.
    const { view, form } = setup(initial, refusal(`incoming[0].${path}`, code));
    await click(button(view.container, 'Save'));
    await flush();
    expect(form.errors.value.has(path)).toBe(true);
    const group = strategyGroup(view.container);
    expect(group.getAttribute('aria-invalid')).toBe('true');
    expect(group.querySelector('.yb-field__error')?.textContent).toBe('A second round applies to sequential ringing only.');
  });
});
