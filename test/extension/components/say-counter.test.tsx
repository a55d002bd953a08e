import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IncomingNumberForm } from '@/components/options/incoming-number-form';
import { uiLanguage } from '@/locales/i18n';
import { defaultBusinessHours } from '@/models/business-hours-form';
import { createIncomingFormModel } from '@/models/incoming-form-model';
import type { IncomingNumber } from '@/models/phone-config-types';
import { field, renderUi, type } from './render';
import { mainNumber } from './number-fixtures';

const TOKYO = mainNumber();
const GREETING = 'お電話ありがとうございます。'; // 14 characters, each 9 URL-encoded characters for Twilio

function open(number: IncomingNumber) {
  const form = createIncomingFormModel(number, async (draft) => draft);
  const view = renderUi(<IncomingNumberForm form={form} users={[{ id: 'sato', name: 'Sato' }]} onDone={() => undefined} />);
  return { container: view.container, form };
}

/** The field's count, once the control names it (aria-describedby), else null. */
function counterOf(control: HTMLElement): string | null {
  const ids = control.getAttribute('aria-describedby')?.split(' ') ?? [];
  const counter = ids.map((id) => document.getElementById(id)).find((node) => node?.classList.contains('yb-field__count'));
  return counter ? counter.textContent : null;
}

describe('a spoken text counts down to what Twilio can read out', () => {
  beforeEach(() => (uiLanguage.value = 'ja'));
  afterEach(() => (document.body.innerHTML = ''));

  it('a Japanese welcome of 490 characters has 10 left (4,500 URL-encoded characters, 9 each)', async () => {
    const { container } = open(TOKYO);
    const welcome = field<HTMLTextAreaElement>(container, 'ウェルカムメッセージ');
    const live = container.querySelector('#voice-welcome-count');
    expect(live?.getAttribute('aria-live')).toBe('polite');
    expect(live?.textContent).toBe('');

    await type(welcome, GREETING.repeat(20)); // 280 characters: 56% of the limit, nothing to say yet
    expect(counterOf(welcome)).toBeNull();

    await type(welcome, GREETING.repeat(35));
    expect(counterOf(welcome)).toBe('残り 10文字');
    expect(container.querySelector('#voice-welcome-count')).toBe(live);
  });

  it('at 520 characters it says how many must go, as the server will refuse it', async () => {
    const { container } = open(TOKYO);
    const welcome = field<HTMLTextAreaElement>(container, 'ウェルカムメッセージ');
    await type(welcome, GREETING.repeat(37) + 'はい。');
    expect(counterOf(welcome)).toBe('Twilio で読み上げるには 21文字長すぎます');

    uiLanguage.value = 'en';
    await type(welcome, GREETING.repeat(37) + 'はい');
    expect(counterOf(welcome)).toBe('20 characters too long for Twilio to read out');
  });

  it('counts in the limits of the number’s voice: Polly reads 3,000 bytes, Google 5,000', async () => {
    uiLanguage.value = 'en';
    // 116 × 25 characters, the last space trimmed: 2,899 bytes; 3,825 URL-encoded characters (a space is %20).
    const long = 'Welcome to Example Corp. '.repeat(116);
    const polly = open({ ...TOKYO, voice: { language: 'en-US' } });
    await type(field<HTMLTextAreaElement>(polly.container, 'Everyone busy'), long);
    expect(counterOf(field(polly.container, 'Everyone busy'))).toBe('101 characters left');
    document.body.innerHTML = '';

    const google = open({ ...TOKYO, voice: { language: 'en-US', voice: 'Google.en-US-Wavenet-A' } });
    await type(field<HTMLTextAreaElement>(google.container, 'Everyone busy'), long);
    // 675 URL-encoded characters left, at 3,825 / 2,899 a character.
    expect(counterOf(field(google.container, 'Everyone busy'))).toBe('511 characters left');
  });

  it('the closed message counts the same way', async () => {
    const { container } = open({ ...TOKYO, hours: defaultBusinessHours() });
    const closed = field<HTMLTextAreaElement>(container, '時間外メッセージ');
    await type(closed, GREETING.repeat(37) + 'はい');
    expect(counterOf(closed)).toBe('Twilio で読み上げるには 20文字長すぎます');
  });

  it('the menu sentence counts with the label that makes it longest, in a submenu too', () => {
    const ring = { type: 'ring' as const, users: ['sato'], strategy: 'simultaneous' as const, ringSeconds: 20, repeat: false };
    // 465 characters of the admin's own before the default sentence's 「{menu}の場合、{key}を押してください。」.
    const menu = `${'あ'.repeat(465)}\${Menu}の場合、\${Key press}を押してください。`;
    const { container } = open({
      ...TOKYO,
      messages: { menu },
      route: { type: 'ivr', menu: [{ key: 1, label: '営業', action: ring }, { key: 2, label: 'サポート', action: { type: 'menu', menu: [{ key: 1, label: 'カスタマーサポート窓口', action: ring }] } }] },
    });
    const fieldset = container.querySelector<HTMLElement>('fieldset.yb-sentence')!;
    // 490 characters with 「カスタマーサポート窓口」: 489 × 9 + 1 (the key) = 4,402 of 4,500, 98 left at ~9 a character.
    expect(counterOf(fieldset)).toBe('残り 10文字（「カスタマーサポート窓口」の場合）');
    expect(fieldset.querySelector('#menu-sentence-count')?.getAttribute('aria-live')).toBe('polite');
  });
});
