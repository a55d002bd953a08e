import { afterEach, describe, expect, it } from 'vitest';
import { TakeOverQuestion } from '@/components/options/take-over-question';
import { uiLanguage } from '@/locales/i18n';
import { button, click, renderUi } from './render';

describe('the take-over question (adding a number, the setup check)', () => {
  afterEach(() => (document.body.innerHTML = ''));

  it('asks in a dialog named by its question, and goes ahead or leaves the number as it is', async () => {
    uiLanguage.value = 'ja';
    const answers: string[] = [];
    const { container } = renderUi(
      <TakeOverQuestion id="q" question="03-1234-5678 は現在、別の設定で着信を処理しています。" onConfirm={() => answers.push('go')} onDismiss={() => answers.push('leave')} />,
    );
    const dialog = container.querySelector('[role="alertdialog"]')!;
    expect(dialog.getAttribute('aria-labelledby')).toBe('q');
    expect(container.querySelector('#q')?.textContent).toBe('03-1234-5678 は現在、別の設定で着信を処理しています。');
    expect([...dialog.querySelectorAll('button')].map((choice) => choice.textContent)).toEqual(['それでも呼び出しに接続する', '今は接続しない']);
    await click(button(container, 'それでも呼び出しに接続する'));
    await click(button(container, '今は接続しない'));
    expect(answers).toEqual(['go', 'leave']);
  });

  it('names its go-ahead when told (connecting again) and holds it while a request runs', () => {
    uiLanguage.value = 'en';
    const { container } = renderUi(<TakeOverQuestion id="q" question="Twilio could not connect it." confirmLabel="Connect it to Yobidashi again" busy onConfirm={() => {}} onDismiss={() => {}} />);
    expect(button(container, 'Connect it to Yobidashi again').disabled).toBe(true);
    expect(button(container, 'Leave it as it is for now').disabled).toBe(false);
  });
});
