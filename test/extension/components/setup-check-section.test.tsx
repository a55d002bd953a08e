import { afterEach, describe, expect, it, vi } from 'vitest';
import { SetupCheckSection } from '@/components/options/setup-check-section';
import { uiLanguage } from '@/locales/i18n';
import type { SetupReport } from '@/models/admin-api';
import { ApiError } from '@/models/api-error';
import { fakeAdminApi } from './fake-admin-api';
import { button, click, flush, renderUi } from './render';

const SID = `PN${'1'.repeat(32)}`;
const ID = `number:${SID}:connected`;
const IVR = 'https://ivr.example.com/answer';
const unconnected: SetupReport = {
  ok: false,
  reps: [],
  findings: [{
    id: ID, numberSid: SID, ok: false, severity: 'error', fix: 'point-number',
    message: {
      en: `03-1234-5678 is not connected to this server yet: Twilio does not send its calls here. It answers calls through Voice URL ${IVR} now; connecting it replaces that (you are asked first).`,
      ja: `03-1234-5678 はまだこのサーバーに接続されていないため、着信がこのサーバーに届きません。現在は 音声 URL ${IVR} で着信を処理しています。接続するとこの設定は置き換えられます（実行前に確認します）。`,
    },
  }],
};
const connected: SetupReport = { ok: true, reps: [], findings: [{ ...unconnected.findings[0]!, ok: true, fix: undefined, message: { en: '03-1234-5678 sends calls to this server.', ja: '03-1234-5678 の着信はこのサーバーに届きます。' } }] };
/** The server's 409 when the fix would take the number over: what answers it now, in both languages. */
const inUse = () =>
  new ApiError(409, 'number_in_use', `03-1234-5678 currently answers calls through ${IVR}. Confirm to connect it anyway.`, [], {
    params: { number: '03-1234-5678', target: IVR },
    details: { usedBy: { kind: 'voice-url', target: IVR, message: { en: `Voice URL ${IVR}`, ja: `音声 URL ${IVR}` } } },
  });

afterEach(() => (document.body.innerHTML = ''));

describe('setup check: a fix that would take a number over', () => {
  it.each([
    ['ja', `03-1234-5678 は現在、別の設定（音声 URL ${IVR}）で着信を処理しています。`, 'それでも呼び出しに接続する', '03-1234-5678 の着信はこのサーバーに届きます。'],
    ['en', `03-1234-5678 currently answers calls elsewhere (Voice URL ${IVR}).`, 'Connect it to Yobidashi anyway', '03-1234-5678 sends calls to this server.'],
  ] as const)('asks first (%s), naming what answers the number now, and takes it over only once confirmed', async (language, question, takeOver, done) => {
    uiLanguage.value = language;
    const fixSetupProblem = vi.fn(async (_id: string, confirm?: boolean) => {
      if (!confirm) throw inUse();
      return connected;
    });
    const { container } = renderUi(<SetupCheckSection api={fakeAdminApi({ getSetupCheck: async () => unconnected, fixSetupProblem })} />);
    await flush();
    await click(button(container, language === 'ja' ? '修復する' : 'Fix it'));
    await flush();

    const dialog = container.querySelector('[role="alertdialog"]');
    expect(dialog?.textContent).toContain(question);
    expect(container.querySelector('[role="alert"]')).toBeNull();
    expect(fixSetupProblem.mock.calls).toEqual([[ID]]);

    await click(button(container, takeOver));
    await flush();
    expect(fixSetupProblem.mock.calls).toEqual([[ID], [ID, true]]);
    expect(container.querySelector('[role="alertdialog"]')).toBeNull();
    expect(container.querySelector(`[data-finding="${ID}"]`)?.textContent).toContain(done);
  });

  it('leaves the number as it is when the admin says so', async () => {
    uiLanguage.value = 'en';
    const fixSetupProblem = vi.fn(async () => {
      throw inUse();
    });
    const { container } = renderUi(<SetupCheckSection api={fakeAdminApi({ getSetupCheck: async () => unconnected, fixSetupProblem })} />);
    await flush();
    await click(button(container, 'Fix it'));
    await flush();
    await click(button(container, 'Leave it as it is for now'));
    expect(container.querySelector('[role="alertdialog"]')).toBeNull();
    expect(fixSetupProblem).toHaveBeenCalledTimes(1);
    expect(container.querySelector(`[data-finding="${ID}"]`)?.textContent).toContain('It answers calls through Voice URL');
  });
});
