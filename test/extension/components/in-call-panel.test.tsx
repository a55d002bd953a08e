import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act } from 'preact/test-utils';
import { uiLanguage } from '@/locales/i18n';
import { InCallPanel } from '@/components/in-call-panel';
import type { CallPhase, CallView } from '@/models/phone-state';
import { button, click, renderUi } from './render';

const CALL: CallView = { callId: 'out-1', sid: 'CA1', direction: 'outbound', number: '+81120123456', muted: false, answeredAt: 1_000_000 };

/** The popup (or, compact, a CRM page) with the call panel and a text field beside it, as the wrap-up note or a search box. */
function setup({ phase = 'in-call', compact = false }: { phase?: CallPhase; compact?: boolean } = {}) {
  const tones: string[] = [];
  const view = renderUi(
    <>
      <textarea aria-label="メモ" />
      <input type="text" aria-label="検索" />
      <button type="button">ページのボタン</button>
      <InCallPanel call={CALL} phase={phase} elapsed="00:05" compact={compact} onToggleMute={() => {}} onDigits={(key) => tones.push(key)} onHangUp={() => {}} />
    </>,
  );
  const panel = view.container.querySelector<HTMLElement>('.yb-in-call')!;
  return { tones, view, panel };
}

/** Keys typed with the focus on `target`, as the browser sends them. */
async function typeKeys(target: Element, keys: string[], init: KeyboardEventInit = {}) {
  await act(async () => {
    for (const key of keys) {
      target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, composed: true, ...init }));
      target.dispatchEvent(new KeyboardEvent('keyup', { key, bubbles: true, cancelable: true, composed: true, ...init }));
    }
  });
}

describe('keys typed during a call', () => {
  beforeEach(() => (uiLanguage.value = 'ja'));
  afterEach(() => (document.body.innerHTML = ''));

  it('0-9, * and # go as tones, as the keypad’s keys do, and open the keypad to show it (an IVR’s “press 1”)', async () => {
    const { tones, panel } = setup();
    expect(panel.querySelector('.yb-keypad')).toBeNull();
    await typeKeys(document.body, ['1', '#']);
    expect(tones).toEqual(['1', '#']);
    expect(button(panel, 'キーパッドを隠す').getAttribute('aria-expanded')).toBe('true');
    // With the focus on a keypad key (or any other button) too; the number pad's and full-width digits as well.
    const five = panel.querySelector<HTMLButtonElement>('[data-key="5"]')!;
    five.focus();
    await typeKeys(five, ['0', '*', '９']);
    await click(panel.querySelector<HTMLButtonElement>('[data-key="2"]')!);
    expect(tones).toEqual(['1', '#', '0', '*', '9', '2']);
  });

  it('typing in a text field sends nothing, nor do shortcuts, a held key’s repeats, or other keys', async () => {
    const { tones, view } = setup();
    await typeKeys(view.container.querySelector('textarea')!, ['1', '2', '#']);
    await typeKeys(view.container.querySelector('input')!, ['0', '3']);
    await typeKeys(document.body, ['1'], { ctrlKey: true });
    await typeKeys(document.body, ['2'], { metaKey: true });
    await typeKeys(document.body, ['3'], { repeat: true });
    await typeKeys(document.body, ['a', 'Enter', '+', ' ']);
    expect(tones).toEqual([]);
  });

  it('sends nothing before the call is answered, nor once the panel is gone', async () => {
    const ringing = setup({ phase: 'ringing-out' });
    await typeKeys(document.body, ['1']);
    expect(ringing.tones).toEqual([]);
    ringing.view.unmount();
    const answered = setup();
    answered.view.unmount();
    await typeKeys(document.body, ['1']);
    expect(answered.tones).toEqual([]);
  });

  it('on a CRM page, only keys typed in the call card: the page’s own keys are the page’s', async () => {
    const { tones, view, panel } = setup({ compact: true });
    const pageButton = button(view.container, 'ページのボタン');
    pageButton.focus();
    await typeKeys(pageButton, ['1']);
    await typeKeys(document.body, ['2']);
    expect(tones).toEqual([]);
    const mute = button(panel, 'ミュート');
    mute.focus();
    await typeKeys(mute, ['3', '#']);
    expect(tones).toEqual(['3', '#']);
  });

  it('the in-call keypad’s 0 is just 0: DTMF has no +', async () => {
    const { panel } = setup();
    await click(button(panel, 'キーパッド'));
    const zero = panel.querySelector<HTMLButtonElement>('[data-key="0"]')!;
    expect(zero.getAttribute('aria-label')).toBeNull();
  });
});
