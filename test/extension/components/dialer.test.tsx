import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { uiLanguage } from '@/locales/i18n';
import { Dialer } from '@/components/dialer';
import { HOLD_FOR_PLUS_MS } from '@/components/keypad';
import { createDialerModel } from '@/models/dialer-model';
import { formatAsYouType } from '@/models/phone-number-format';
import { button, click, field, renderUi, type } from './render';

const UI_CSS = join(dirname(fileURLToPath(import.meta.url)), '../../../extension/assets/ui.css');

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
    expect(shown()).toEqual({ error: '電話番号として認識できません。市外局番から入力されているか確認してください。', callDisabled: true });
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

/**
 * What the browser does for Backspace or Delete at the caret (`|` in `shown`) or over a selection
 * (`[…]`): its beforeinput with the selection still in place, the deletion, then its input event.
 */
async function deleteKey(input: HTMLInputElement, shown: string, key: 'Backspace' | 'Delete') {
  const value = shown.replace(/[|[\]]/g, '');
  expect(input.value).toBe(value);
  const selected = /\[(.*)\]/.exec(shown);
  const [start, end] = selected ? [selected.index, selected.index + selected[1]!.length] : [shown.indexOf('|'), shown.indexOf('|')];
  const [from, to] = start < end ? [start, end] : key === 'Backspace' ? [start - 1, start] : [start, start + 1];
  const inputType = key === 'Backspace' ? 'deleteContentBackward' : 'deleteContentForward';
  input.focus();
  await act(async () => {
    input.setSelectionRange(start, end);
    input.dispatchEvent(new InputEvent('beforeinput', { bubbles: true, cancelable: true, inputType }));
    input.value = value.slice(0, from) + value.slice(to);
    input.setSelectionRange(from, from);
    input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType }));
  });
}

/** The field's value with its caret shown as `|`. */
const withCaret = (input: HTMLInputElement) => {
  const at = input.selectionStart ?? input.value.length;
  return input.value.slice(0, at) + '|' + input.value.slice(at);
};

describe('deleting in the formatted number', () => {
  beforeEach(() => (uiLanguage.value = 'ja'));
  afterEach(() => (document.body.innerHTML = ''));

  it.each([
    // Just after a hyphen: the digit before it goes, not only the hyphen the format would put back.
    ['03-|1234-5678', 'Backspace', '0|123-45-678'],
    ['090-1234-|5678', 'Backspace', '090-123|5-678'],
    // Just before one, Delete takes the digit after it.
    ['03|-1234-5678', 'Delete', '03|-2345-678'],
    // Next to a digit, the browser's own deletion stands.
    ['03-1234-5678|', 'Backspace', '03-1234-567|'],
    ['03-1234-567|8', 'Backspace', '03-1234-56|8'],
    ['03-12|34-5678', 'Backspace', '03-1|345-678'],
    // A selection is all the key deletes, even one of nothing but formatting: no digit goes with it.
    ['03[-]1234-5678', 'Backspace', '03|-1234-5678'],
    ['03[-]1234-5678', 'Delete', '03|-1234-5678'],
    ['+81[ ]3 1234 5678', 'Backspace', '+81| 3 1234 5678'],
  ] as const)('%s + %s → %s', async (before, key, after) => {
    const { input, dialer } = setup();
    await type(input, before.replace(/[|[\]]/g, ''));
    await deleteKey(input, before, key);
    expect(withCaret(input)).toBe(after);
    expect(formatAsYouType(dialer.digits.value)).toBe(after.replace('|', ''));
  });

  it('a digit typed mid-number keeps the caret after it, whatever the format does with the hyphens', async () => {
    const { input, dialer } = setup();
    await type(input, '090-1234-678');
    input.focus();
    await act(async () => {
      input.value = '090-12345-678'; // "5" typed after "090-1234"
      input.setSelectionRange(9, 9);
      input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: '5' }));
    });
    expect({ digits: dialer.digits.value, shown: withCaret(input) }).toEqual({ digits: '09012345678', shown: '090-1234-5|678' });
  });
});

describe('the CRM page launcher’s dialer, in its closed shadow root', () => {
  beforeEach(() => (uiLanguage.value = 'ja'));
  afterEach(() => (document.body.innerHTML = ''));

  /** As ui/page-shell.ts and ui/page-ui.tsx mount it: the number formatted once complete. */
  function mountInShadow() {
    const dialer = createDialerModel(() => 'JP');
    const host = document.createElement('div');
    document.body.append(host);
    const slot = document.createElement('div');
    host.attachShadow({ mode: 'closed' }).append(slot);
    act(() => render(<Dialer dialer={dialer} canDial onCall={() => {}} />, slot));
    return { dialer, input: slot.querySelector('input')! };
  }

  it('keeps the caret where the rep deletes (the document sees only the shadow host focused)', async () => {
    const { input, dialer } = mountInShadow();
    await type(input, '0312345678');
    await deleteKey(input, '03-|1234-5678', 'Backspace');
    expect({ digits: dialer.digits.value, shown: withCaret(input) }).toEqual({ digits: '012345678', shown: '0|12345678' });
  });

  it('keeps the caret after a digit typed mid-number', async () => {
    const { input, dialer } = mountInShadow();
    await type(input, '0312345678');
    input.focus();
    await act(async () => {
      input.value = '03-12349-5678'; // "9" typed after "03-1234"
      input.setSelectionRange(8, 8);
      input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: '9' }));
    });
    expect({ digits: dialer.digits.value, shown: withCaret(input) }).toEqual({ digits: '03123495678', shown: '0312349|5678' });
  });
});

describe('typing with the Japanese IME on (full-width digits)', () => {
  beforeEach(() => (uiLanguage.value = 'ja'));
  afterEach(() => (document.body.innerHTML = ''));

  /** The IME's text as it grows: an input event for each keystroke, marked as composing. */
  async function compose(input: HTMLInputElement, text: string) {
    await act(async () => {
      input.value = text;
      input.setSelectionRange(text.length, text.length);
      input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertCompositionText', data: text, isComposing: true }));
    });
  }
  const composition = (input: HTMLInputElement, phase: 'start' | 'end') =>
    act(async () => void input.dispatchEvent(new Event(`composition${phase}`, { bubbles: true })));

  it.each([
    ['Chrome and Firefox: the last input, then compositionend', false],
    ['Safari: compositionend, then an input no longer composing', true],
  ])('leaves the IME’s text alone until it is confirmed, then formats it (%s)', async (_, inputAfterEnd) => {
    const { input, dialer, view } = setup();
    input.focus();
    await composition(input, 'start');
    await compose(input, '０３１');
    expect(input.value).toBe('０３１');
    view.rerender(<Dialer dialer={dialer} canDial={false} onCall={() => {}} />); // the phone went busy meanwhile
    expect(input.value).toBe('０３１');
    await compose(input, '０３１２３４５６７８');
    expect(input.value).toBe('０３１２３４５６７８');
    await composition(input, 'end');
    if (inputAfterEnd) {
      await act(async () => void input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromComposition' })));
    }
    expect({ digits: dialer.digits.value, shown: withCaret(input) }).toEqual({ digits: '0312345678', shown: '03-1234-5678|' });
  });
});

describe('the keypad’s 0, held for +', () => {
  beforeEach(() => {
    uiLanguage.value = 'ja';
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
    document.body.innerHTML = '';
  });

  const zeroKey = (root: ParentNode) => root.querySelector<HTMLButtonElement>('[data-key="0"]')!;
  async function hold(key: HTMLButtonElement, ms: number, release: 'click' | 'drag-off' = 'click') {
    await act(async () => {
      key.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, button: 0, pointerType: 'touch' }));
      vi.advanceTimersByTime(ms);
    });
    await act(async () => {
      if (release === 'drag-off') {
        key.dispatchEvent(new PointerEvent('pointerleave', { pointerType: 'touch' }));
        vi.advanceTimersByTime(HOLD_FOR_PLUS_MS);
        return;
      }
      key.dispatchEvent(new PointerEvent('pointerup', { bubbles: true, button: 0, pointerType: 'touch' }));
      key.click();
    });
  }

  it('types + once held long enough, while still held, as a phone does; the release adds no 0', async () => {
    const { view, input, dialer } = setup();
    await act(async () => {
      zeroKey(view.container).dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, button: 0 }));
      vi.advanceTimersByTime(HOLD_FOR_PLUS_MS);
    });
    expect(input.value).toBe('+');
    await act(async () => {
      zeroKey(view.container).dispatchEvent(new PointerEvent('pointerup', { bubbles: true, button: 0 }));
      zeroKey(view.container).click();
    });
    expect(dialer.digits.value).toBe('+');
    for (const key of ['8', '1', '3']) await click(view.container.querySelector<HTMLButtonElement>(`[data-key="${key}"]`)!);
    expect(input.value).toBe('+81 3');
  });

  it('a short press, a press dragged off the key, and a hold mid-number type 0', async () => {
    const { view, dialer } = setup();
    await hold(zeroKey(view.container), HOLD_FOR_PLUS_MS - 100);
    expect(dialer.digits.value).toBe('0');
    await hold(zeroKey(view.container), HOLD_FOR_PLUS_MS - 100, 'drag-off');
    expect(dialer.digits.value).toBe('0');
    // A + after the first digit means nothing (and would be dropped): the held key is its 0.
    await hold(zeroKey(view.container), HOLD_FOR_PLUS_MS);
    expect(dialer.digits.value).toBe('00');
    // Enter or Space on the focused key is a plain 0.
    await act(async () => {
      zeroKey(view.container).dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
      zeroKey(view.container).click();
    });
    expect(dialer.digits.value).toBe('000');
  });

  it.each([
    ['ja', '0（長押しで＋）'],
    ['en', '0 (hold for +)'],
  ] as const)('the 0 key’s name says so (%s: %s)', (language, name) => {
    uiLanguage.value = language;
    const view = renderUi(<Dialer dialer={createDialerModel(() => 'JP', formatAsYouType)} canDial onCall={() => {}} />);
    expect(zeroKey(view.container).getAttribute('aria-label')).toBe(name);
    expect(view.container.querySelector('[data-key="1"]')!.getAttribute('aria-label')).toBeNull();
  });

  it('is not taken for a text selection or a double-tap zoom on a touch screen (either would cancel the hold)', () => {
    // The stylesheet as shipped (its @imports are tokens and other panels).
    const style = document.createElement('style');
    style.textContent = readFileSync(UI_CSS, 'utf8').replace(/@import[^;]*;/g, '');
    document.head.append(style);
    try {
      const { view } = setup();
      const { userSelect, touchAction } = getComputedStyle(zeroKey(view.container));
      expect({ userSelect, touchAction }).toEqual({ userSelect: 'none', touchAction: 'manipulation' });
    } finally {
      style.remove();
    }
  });
});

describe('a business card’s “+81 (0)3-1234-5678”', () => {
  beforeEach(() => (uiLanguage.value = 'ja'));
  afterEach(() => (document.body.innerHTML = ''));

  it('pasted, reads as +81 3-1234-5678 (the (0) is dialled only from inside Japan), and ⌫ does not bring the 0 back', async () => {
    const { view, input, dialled } = setup();
    await type(input, '+81 (0)3-1234-5678');
    expect(input.value).toBe('+81 3 1234 5678');
    button(view.container, '発信').click();
    expect(dialled).toEqual(['+81312345678']);
    await click(button(view.container, '1文字削除'));
    expect(input.value).toBe('+81 3 1234 567');
  });

  it('typed key by key (the field drops the brackets as they come), reads the same once complete', async () => {
    const { view, input, dialled } = setup();
    for (const character of '+81 (0)3-1234-5678') await type(input, input.value + character);
    expect(input.value).toBe('+81 3 1234 5678');
    button(view.container, '発信').click();
    expect(dialled).toEqual(['+81312345678']);
  });
});
