import { afterEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { CallView, PhoneSnapshot } from '@/models/phone-state';
import { createFakePhoneClient } from '../models/fake-phone-client';
import { button, choose, click, field, flush, renderUi, type } from './render';

// The wrap-up model keeps its draft in storage.session: the fake browser goes in before it loads.
(globalThis as { chrome?: unknown }).chrome = fakeBrowser;
const { uiLanguage } = await import('@/locales/i18n');
const { PhonePanel } = await import('@/components/phone-panel');
const { createDialerModel } = await import('@/models/dialer-model');
const { formatAsYouType } = await import('@/models/phone-number-format');
const { createPhoneModel } = await import('@/models/phone-model');
const { createWrapUpModel } = await import('@/models/wrap-up-model');

const CALL: CallView = { callId: 'a', sid: `CA${'a'.repeat(32)}`, direction: 'inbound', number: '+819012345678', muted: false };
const NOTE = '来週火曜に見積もり送付';

/** The background's refusal as the popup receives it (messaging ReplyError: code and params of the API's error). */
const takenOverRefusal = () => Object.assign(new Error('管理 美香 took this call over and will write its notes.'), { code: 'call_taken_over', params: { owner: '管理 美香' } });

const opened: { unmount(): void }[] = [];
afterEach(() => {
  for (const view of opened.splice(0)) view.unmount();
  uiLanguage.value = 'ja';
});

/** The popup in the wrap-up of 佐藤's call, which 管理 (a supervisor who barged in) took over. */
function popup(snapshot: Partial<PhoneSnapshot> = {}) {
  const fake = createFakePhoneClient({ status: 'ready', available: true, phase: 'wrap-up', call: CALL, ...snapshot });
  const saved: unknown[] = [];
  const kept: { sid: string; note: string }[] = [];
  const wrapUp = createWrapUpModel(
    {
      updateCall: async () => Promise.reject(takenOverRefusal()),
      keepNote: async (sid, note) => void kept.push({ sid, note }),
    },
    { getValue: async () => null, setValue: async () => undefined },
  );
  const view = renderUi(<PhonePanel models={{ phone: createPhoneModel(fake.client), dialer: createDialerModel(() => 'JP', formatAsYouType), wrapUp }} />);
  opened.push(view);
  return { ...view, saved, kept, sent: fake.sent };
}

describe('the wrap-up of a call a supervisor took over', () => {
  it('says who has the call when the server refuses the save, keeps what was typed, and keeps it in the call’s history when asked', async () => {
    uiLanguage.value = 'ja';
    const view = popup();
    await choose(field<HTMLSelectElement>(view.container, '結果'), 'call-back');
    await type(field<HTMLTextAreaElement>(view.container, 'メモ'), NOTE);
    await click(button(view.container, '保存'));
    await flush();

    expect(view.container.textContent).toContain('管理 美香さんがこの通話を引き継ぎ、メモも記録します。');
    expect(field<HTMLTextAreaElement>(view.container, 'メモ').value).toBe(NOTE);
    // The outcome is the owner's to choose: not offered any more.
    expect(view.container.querySelector('select')).toBeNull();
    expect(view.sent.wrapUpsFinished).toBe(0);

    await click(button(view.container, '通話の経過に残す'));
    await flush();
    expect(view.kept).toEqual([{ sid: CALL.sid, note: NOTE }]);
    expect(view.sent.wrapUpsFinished).toBe(1);
  });

  it('says so in English as soon as the background knows, before any save', async () => {
    uiLanguage.value = 'en';
    const view = popup({ takenOver: { by: '管理 美香' } });
    await flush();
    expect(view.container.textContent).toContain('管理 美香 took this call over and will write its notes.');
    // Nothing typed: nothing to keep, only Close.
    expect(() => button(view.container, 'Keep in the call history')).toThrow();
    await type(field<HTMLTextAreaElement>(view.container, 'Note'), 'Sent the quote');
    expect(view.container.textContent).toContain('What you wrote can stay in the call’s history as your note');
    await click(button(view.container, 'Close'));
    expect(view.kept).toEqual([]);
    expect(view.sent.wrapUpsFinished).toBe(1);
  });

  it('names nobody when the owner’s name is not known', async () => {
    uiLanguage.value = 'ja';
    const view = popup({ takenOver: { by: null } });
    await flush();
    expect(view.container.textContent).toContain('別の担当者がこの通話を引き継ぎ、メモも記録します。');
  });
});
