import { afterEach, describe, expect, it } from 'vitest';
import { IncomingNumberForm } from '@/components/options/incoming-number-form';
import { uiLanguage } from '@/locales/i18n';
import { createIncomingFormModel } from '@/models/incoming-form-model';
import type { IncomingNumber } from '@/models/phone-config-types';
import { button, choose, click, field, renderUi } from './render';
import { mainNumber } from './number-fixtures';

const users = [
  { id: 'sato', name: '佐藤 花子' },
  { id: 'suzuki', name: '鈴木 一郎' },
];
const MAIN = mainNumber({ route: { type: 'ring', users: ['sato', 'suzuki'], strategy: 'sequential', ringSeconds: 20, cycles: 1 } });

function setup(initial: IncomingNumber) {
  const saved: IncomingNumber[] = [];
  const form = createIncomingFormModel(initial, async (draft) => (saved.push(draft), draft));
  const view = renderUi(<IncomingNumberForm form={form} users={users} onDone={() => undefined} />);
  return { view, saved };
}

describe('the owner of a number’s missed calls', () => {
  afterEach(() => (document.body.innerHTML = ''));

  it('is the first rep rung until the admin picks someone (Japanese)', async () => {
    uiLanguage.value = 'ja';
    const { view, saved } = setup(MAIN);
    const owner = field<HTMLSelectElement>(view.container, 'CRM での不在着信の担当者');
    expect([...owner.options].map((option) => option.textContent)).toEqual(['最初に呼び出した担当者', '佐藤 花子', '鈴木 一郎']);
    expect(owner.value).toBe('');
    await choose(owner, 'suzuki');
    await click(button(view.container, '保存'));
    expect(saved.at(-1)?.owner).toBe('suzuki');
  });

  it('goes back to the first rep rung, sending no owner (English)', async () => {
    uiLanguage.value = 'en';
    const { view, saved } = setup({ ...MAIN, owner: 'sato' });
    const owner = field<HTMLSelectElement>(view.container, 'Owner of missed calls in the CRM');
    expect(owner.value).toBe('sato');
    await choose(owner, '');
    await click(button(view.container, 'Save'));
    expect(saved.at(-1)).not.toHaveProperty('owner');
  });
});
