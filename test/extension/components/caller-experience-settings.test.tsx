import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act } from 'preact/test-utils';
import { uiLanguage } from '@/locales/i18n';
import { IncomingNumberForm } from '@/components/options/incoming-number-form';
import { PreviewPanel } from '@/components/options/preview-panel';
import type { Preview } from '@/models/admin-api';
import { ApiError } from '@/models/api-error';
import { createIncomingFormModel } from '@/models/incoming-form-model';
import type { IncomingNumber } from '@/models/phone-config-types';
import { fakeAdminApi } from './fake-admin-api';
import { button, choose, click, field, flush, renderUi } from './render';
import { mainNumber } from './number-fixtures';

const users = [{ id: 'sato', name: '佐藤' }];
const ring = { type: 'ring' as const, users: ['sato'], strategy: 'sequential' as const, ringSeconds: 20, repeat: false };
/** Stored before these settings existed: neither field is there. */
const STORED = mainNumber({
  messages: { welcome: { type: 'text', text: 'お電話ありがとうございます。' } },
  route: { type: 'ivr', menu: [{ key: 1, label: '営業', action: ring }] },
});
const SKIP_LABEL = 'ウェルカムメッセージの途中でもメニューのキーを押せるようにする';

function setup(initial: IncomingNumber = STORED, save: (draft: IncomingNumber) => Promise<IncomingNumber> = async (draft) => draft) {
  const saved: IncomingNumber[] = [];
  const form = createIncomingFormModel(initial, async (draft) => {
    const result = await save(draft);
    saved.push(draft);
    return result;
  });
  const view = renderUi(<IncomingNumberForm form={form} users={users} onDone={() => undefined} />);
  const checkbox = () => [...view.container.querySelectorAll('label')].find((label) => label.textContent === SKIP_LABEL)?.querySelector('input') ?? null;
  const length = () => field<HTMLSelectElement>(view.container, '留守番電話の最長録音時間');
  const save_ = async () => {
    await click(button(view.container, '保存'));
    await flush();
  };
  return { view, saved, checkbox, length, save: save_ };
}

describe('the caller experience settings of a number', () => {
  beforeEach(() => (uiLanguage.value = 'ja'));
  afterEach(() => (document.body.innerHTML = ''));

  it('shows a number stored without them as before: the welcome heard in full, voicemails of 2 minutes', async () => {
    const { checkbox, length, view } = setup();
    expect(checkbox()?.checked).toBe(false);
    expect(length().value).toBe('120');
    expect([...length().options].map((option) => option.textContent)).toEqual(['1分', '2分', '3分', '5分', '10分']);
    expect(view.container.textContent).toContain('全員に最後まで聞いてもらう必要がある案内（録音のお知らせなど）を含む場合はオフのままにしてください。');
  });

  it('saves a skippable welcome and a longer voicemail', async () => {
    const { checkbox, length, save, saved } = setup();
    await click(checkbox()!);
    await choose(length(), '300');
    await save();
    expect(saved[0]).toMatchObject({ welcomeSkippable: true, voicemailMaxSeconds: 300 });
  });

  it('says both in English', async () => {
    const { view } = setup();
    await act(async () => {
      uiLanguage.value = 'en';
    });
    const skip = [...view.container.querySelectorAll('label')].find((label) => label.textContent === 'Callers may press a menu key during the welcome message');
    expect(skip).toBeDefined();
    const length = field<HTMLSelectElement>(view.container, 'Longest voicemail');
    expect([...length.options].map((option) => option.textContent)).toEqual(['1 min', '2 min', '3 min', '5 min', '10 min']);
  });

  it('shows an imported length that is not one of the choices as it is, and keeps it', async () => {
    const { length, save, saved } = setup({ ...STORED, voicemailMaxSeconds: 90 });
    expect(length().value).toBe('90');
    expect(length().selectedOptions[0]?.textContent).toBe('1分30秒');
    await save();
    expect(saved[0]?.voicemailMaxSeconds).toBe(90);
  });

  it('shows the server’s refusal of the length at the field, naming it', async () => {
    const refuse = async (): Promise<IncomingNumber> => {
      throw new ApiError(400, 'validation_failed', 'invalid', [{ path: 'voicemailMaxSeconds', code: 'voicemail_length_range', message: 'range', params: { min: 10, max: 3600 } }]);
    };
    const { length, save, view } = setup({ ...STORED, voicemailMaxSeconds: 7200 }, refuse);
    await save();
    const id = length().id;
    const error = view.container.querySelector(`#${id}-error`);
    expect(error?.textContent).toBe('留守番電話の最長録音時間は 10秒〜1時間の範囲で指定してください。');
    await act(async () => {
      uiLanguage.value = 'en';
    });
    expect(view.container.querySelector(`#${id}-error`)?.textContent).toBe('The longest voicemail must be from 10 seconds to 1 hour.');
  });

  it('offers the skippable welcome only with an IVR: a number that rings reps at once has no menu key to press', () => {
    const { checkbox } = setup({ ...STORED, route: { type: 'ring', users: ['sato'], strategy: 'sequential', ringSeconds: 20, cycles: 1 } });
    expect(checkbox()).toBeNull();
  });
});

describe('the preview of a number whose welcome can be skipped', () => {
  beforeEach(() => (uiLanguage.value = 'ja'));
  afterEach(() => (document.body.innerHTML = ''));

  const SAY = { language: 'ja-JP', voice: 'Polly.Mizuki' };
  const run = (skippable: boolean): Preview => ({
    steps: [
      { say: { text: 'お電話ありがとうございます。', ...SAY } },
      { say: { text: '営業の場合、1を押してください。', ...SAY } },
      { gather: { numDigits: 1, timeout: 5, pressed: '1', prompts: skippable ? 2 : 1 } },
      { say: { text: '現在、担当者が出払っております。', ...SAY } },
      { record: { maxLength: 300, playBeep: true } },
    ],
    outcome: 'voicemail',
    summary: { en: '営業: …', ja: '営業：…' },
    path: [1],
  });
  const lines = async (preview: Preview) => {
    const { container } = renderUi(<PreviewPanel api={fakeAdminApi({ preview: async () => preview })} number="+81312345678" language="ja-JP" onClose={() => undefined} speak={() => 0} />);
    await flush();
    return [...container.querySelectorAll('.yb-preview__steps li')].map((li) => li.textContent?.trim());
  };

  it('marks the welcome as where a key can be pressed from, and says how long the voicemail may be', async () => {
    expect(await lines(run(true))).toEqual([
      'お電話ありがとうございます。ここからキーを押せます',
      '営業の場合、1を押してください。',
      'キー 1 が押されました',
      '現在、担当者が出払っております。',
      '留守番電話を録音（最長 5分）',
    ]);
  });

  it('marks the menu instead when the welcome is heard in full', async () => {
    expect((await lines(run(false))).slice(0, 2)).toEqual(['お電話ありがとうございます。', '営業の場合、1を押してください。ここからキーを押せます']);
  });
});
