import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { uiLanguage } from '@/locales/i18n';
import { Dialer } from '@/components/dialer';
import { createDialerModel } from '@/models/dialer-model';
import { formatAsYouType } from '@/models/phone-number-format';
import { button, field, renderUi, type } from './render';

function setup() {
  const dialer = createDialerModel(() => 'JP', formatAsYouType); // as the popup wires it
  const dialled: string[] = [];
  const view = renderUi(<Dialer dialer={dialer} canDial onCall={(e164) => dialled.push(e164)} />);
  return { dialer, dialled, view, input: field(view.container, '電話番号') };
}

describe('the dialer', () => {
  beforeEach(() => (uiLanguage.value = 'ja'));
  afterEach(() => (document.body.innerHTML = ''));

  it('offers Call only for a number the server will place, and says why once the number is complete', async () => {
    const { view, input } = setup();
    const shown = () => ({
      error: view.container.querySelector('.yb-field__error')?.textContent ?? null,
      callDisabled: button(view.container, '発信').disabled,
    });
    await type(input, '03-1234-567');
    expect(shown()).toEqual({ error: null, callDisabled: true }); // a digit short: still typing
    await type(input, '1234-5678-90');
    expect(shown()).toEqual({ error: '電話番号として認識できません。', callDisabled: true });
    await type(input, '03-1234-5678');
    expect(shown()).toEqual({ error: null, callDisabled: false });
  });

  it('dials the main line of a pasted number with its extension', async () => {
    const { view, input, dialled } = setup();
    await type(input, '03-1234-5678 内線123');
    expect(input.value).toBe('03-1234-5678');
    button(view.container, '発信').click();
    expect(dialled).toEqual(['+81312345678']);
  });

  it('does not leave a character it drops on screen', async () => {
    const { input, dialer } = setup();
    await type(input, '03-1234-5678');
    await type(input, '03-1234-5678a');
    expect({ digits: dialer.digits.value, shown: input.value }).toEqual({ digits: '0312345678', shown: '03-1234-5678' });
  });
});
