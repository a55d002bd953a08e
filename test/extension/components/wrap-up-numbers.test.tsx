import { afterEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { button, click, field, flush, renderUi, type } from './render';

// WXT's storage reads `chrome` when first loaded: install the in-memory fake browser before importing
// anything that reaches storage/items.ts (the wrap-up model keeps its draft in storage.session).
(globalThis as { chrome?: unknown }).chrome = fakeBrowser;
const { uiLanguage } = await import('@/locales/i18n');
const { WrapUpForm } = await import('@/components/wrap-up-form');
const { createWrapUpModel } = await import('@/models/wrap-up-model');

/** The after-call form of a call, over a call log that accepts every note and a draft store in memory. */
function wrapUp(language: 'ja' | 'en') {
  uiLanguage.value = language;
  let stored: unknown = null;
  const model = createWrapUpModel(
    { updateCall: async () => null },
    { getValue: async () => stored, setValue: async (value) => void (stored = value) },
  );
  return renderUi(<WrapUpForm model={model} callSid={`CA${'1'.repeat(32)}`} onDone={() => undefined} />);
}

describe('the note’s length, as a rep reads it', () => {
  afterEach(() => (document.body.innerHTML = ''));

  it.each([
    ['ja', 'メモ', '4,600 / 5,000文字'],
    ['en', 'Note', '4,600 / 5,000 characters'],
  ] as const)('counts with thousands separators (%s)', async (language, label, shown) => {
    const { container } = wrapUp(language);
    await type(field<HTMLTextAreaElement>(container, label), 'あ'.repeat(4600));
    expect(container.querySelector('[aria-live="polite"]')?.textContent).toBe(shown);
  });

  it.each([
    ['ja', 'メモ', '保存', 'メモは 5,000文字までです（現在 5,001文字）。'],
    ['en', 'Note', 'Save', 'The note can be at most 5,000 characters (it has 5,001).'],
  ] as const)('refuses a note over the limit with the figures written as numbers (%s)', async (language, label, save, says) => {
    const { container } = wrapUp(language);
    await type(field<HTMLTextAreaElement>(container, label), 'a'.repeat(5001));
    await click(button(container, save));
    await flush();
    expect(container.querySelector('[role="alert"]')?.textContent).toContain(says);
  });
});
