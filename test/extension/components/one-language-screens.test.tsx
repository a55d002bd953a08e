import { afterEach, describe, expect, it } from 'vitest';
import { IncomingNumberForm } from '@/components/options/incoming-number-form';
import { uiLanguage } from '@/locales/i18n';
import { defaultBusinessHours } from '@/models/business-hours-form';
import { createIncomingFormModel } from '@/models/incoming-form-model';
import type { IncomingNumber } from '@/models/phone-config-types';
import { renderUi } from './render';

const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff\uff01-\uff5e]+/g;

/** Every word a person meets on the screen: its text, and the names and hints screen readers and tooltips give. */
function wordsOn(root: Element): string[] {
  const attributes = [...root.querySelectorAll('[aria-label], [title], [placeholder], [aria-description]')].flatMap((element) =>
    ['aria-label', 'title', 'placeholder', 'aria-description'].map((name) => element.getAttribute(name) ?? ''),
  );
  return [root.textContent ?? '', ...attributes];
}

const USERS = [
  { id: 'sato', name: 'Hanako Sato' },
  { id: 'suzuki', name: 'Ichiro Suzuki' },
];

function number(overrides: Partial<IncomingNumber> = {}): IncomingNumber {
  return {
    number: '+81312345678',
    label: 'Main line',
    enabled: true,
    record: false,
    voice: { language: 'en-US' },
    messages: {},
    route: { type: 'ring', users: ['sato'], strategy: 'sequential', ringSeconds: 20, cycles: 1 },
    holdMusic: { type: 'default' },
    hours: defaultBusinessHours(),
    ...overrides,
  };
}

describe('an English screen says nothing in Japanese', () => {
  afterEach(() => (document.body.innerHTML = ''));

  it('the incoming number form with business hours, holidays included', () => {
    uiLanguage.value = 'en';
    const form = createIncomingFormModel(number(), async (draft) => draft);
    const { container } = renderUi(<IncomingNumberForm form={form} users={USERS} onDone={() => {}} />);
    expect(container.textContent).toContain('national holidays');
    expect(wordsOn(container).flatMap((words) => words.match(JAPANESE) ?? [])).toEqual([]);
  });
});
