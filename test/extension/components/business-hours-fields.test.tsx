import { afterEach, describe, expect, it } from 'vitest';
import { IncomingNumberForm } from '@/components/options/incoming-number-form';
import { uiLanguage } from '@/locales/i18n';
import { defaultBusinessHours, validateHoursAndLines } from '@/models/business-hours-form';
import { createIncomingFormModel } from '@/models/incoming-form-model';
import type { IncomingNumber } from '@/models/phone-config-types';
import { button, choose, click, field, renderUi, type } from './render';
import { mainNumber } from './number-fixtures';

/** The checkbox or radio inside the <label> that reads `text`. */
function option(root: ParentNode, text: string): HTMLInputElement {
  const label = [...root.querySelectorAll('label')].find((candidate) => candidate.textContent?.trim() === text);
  const input = label?.querySelector('input');
  if (!input) throw new Error(`no option "${text}"`);
  return input;
}

const USERS = [
  { id: 'sato', name: '佐藤' },
  { id: 'suzuki', name: '鈴木' },
];

function number(overrides: Partial<IncomingNumber> = {}): IncomingNumber {
  return mainNumber({ holdMusic: { type: 'default' }, ...overrides });
}

describe('business hours in the incoming number form', () => {
  afterEach(() => (document.body.innerHTML = ''));

  it('turns hours on with 平日 9:00–18:00 and a lunch break, then saves weekly ranges, holidays and closed days', async () => {
    uiLanguage.value = 'ja';
    let saved: IncomingNumber | null = null;
    const form = createIncomingFormModel(number(), async (draft) => (saved = draft));
    const { container, rerender } = renderUi(<IncomingNumberForm form={form} users={USERS} onDone={() => {}} />);
    const refresh = () => rerender(<IncomingNumberForm form={form} users={USERS} onDone={() => {}} />);

    await click(option(container, 'この番号に営業時間を設定する'));
    refresh();
    expect(form.draft.value.hours).toEqual(defaultBusinessHours());
    expect(field(container, '月曜日 開始').value).toBe('09:00');

    // Saturday mornings, 祝日 open, 年末年始 closed.
    await click(button(container, '+ 土曜日に時間帯を追加'));
    refresh();
    await click(option(container, '祝日も営業'));
    refresh();
    await click([...container.querySelectorAll('button')].find((candidate) => candidate.textContent === '+ 日付を追加')!);
    refresh();
    await type(field(container, '会社の休業日 開始日'), '2026-12-29');
    refresh();
    await type(field(container, '会社の休業日 終了日'), '2027-01-04');
    refresh();
    await type(field(container, '会社の休業日 名称'), '年末年始');
    refresh();
    await choose(field<HTMLSelectElement>(container, '営業時間外の対応'), 'hangup');
    refresh();
    await click(option(container, '新しい留守番電話をこの番号の担当者に通知する'));
    refresh();

    expect(await form.submit()).toBe(true);
    expect(saved!.hours).toMatchObject({
      weekly: { sat: [{ from: '09:00', to: '12:00' }], sun: [] },
      holidays: 'open',
      closedDays: [{ from: '2026-12-29', to: '2027-01-04', label: '年末年始' }],
      outside: { type: 'hangup' },
    });
    expect(saved!.notifyVoicemail).toBe(true);
  });

  it('switches on a waiting line for the ring action, with its defaults', async () => {
    uiLanguage.value = 'en';
    const form = createIncomingFormModel(number(), async (draft) => draft);
    const { container, rerender } = renderUi(<IncomingNumberForm form={form} users={USERS} onDone={() => {}} />);
    await click(option(container, 'When everyone is busy, callers wait in line instead of hearing the busy message'));
    rerender(<IncomingNumberForm form={form} users={USERS} onDone={() => {}} />);
    expect(form.draft.value.route).toMatchObject({ queue: { enabled: true, announceSeconds: 60, maxWaitSeconds: 600, priority: 0, voicemailKey: '1', callbackKey: '2' } });
    expect(field(container, 'Announce the position every (seconds)').value).toBe('60');
  });

  it('says in Japanese what is wrong before saving, next to the field', async () => {
    uiLanguage.value = 'ja';
    const hours = defaultBusinessHours();
    const form = createIncomingFormModel(
      number({
        hours: { ...hours, weekly: { ...hours.weekly, mon: [{ from: '18:00', to: '09:00' }] } },
        route: { type: 'ring', users: ['sato'], strategy: 'sequential', ringSeconds: 20, cycles: 1, queue: { enabled: true, announceSeconds: 60, maxWaitSeconds: 600, priority: 0, voicemailKey: '1', callbackKey: '1' } },
      }),
      async (draft) => draft,
    );
    expect(await form.submit()).toBe(false);
    const { container } = renderUi(<IncomingNumberForm form={form} users={USERS} onDone={() => {}} />);
    const alerts = [...container.querySelectorAll('[role="alert"]')].map((alert) => alert.textContent);
    expect(alerts).toContain('終了が開始より前になっています。');
    expect(alerts).toContain('留守番電話と折り返し依頼には別のキーを指定してください。');
  });

  it('says why a special open day with its only hours removed cannot be saved, beside it and at the top', async () => {
    uiLanguage.value = 'ja';
    const hours = defaultBusinessHours();
    const form = createIncomingFormModel(
      number({ hours: { ...hours, openDays: [{ from: '2026-12-26', to: '2026-12-26', label: '年末営業', ranges: [{ from: '10:00', to: '16:00' }] }] } }),
      async (draft) => draft,
    );
    const { container, rerender } = renderUi(<IncomingNumberForm form={form} users={USERS} onDone={() => {}} />);
    const refresh = () => rerender(<IncomingNumberForm form={form} users={USERS} onDone={() => {}} />);
    await click(button(container, '10:00〜16:00 を削除'));
    refresh();
    expect(await form.submit()).toBe(false);
    refresh();
    const alerts = [...container.querySelectorAll('[role="alert"]')].map((alert) => alert.textContent);
    expect(alerts).toContain('入力内容を確認してください。');
    expect(alerts).toContain('この特別営業日の営業時間を入力してください。');
    const openDay = container.querySelector('[role="group"][aria-label="年末営業"]');
    expect(openDay?.textContent).toContain('この特別営業日の営業時間を入力してください。');
  });

  it('drops "in business hours only" with the hours, so turning hours off never leaves a number that cannot be saved', async () => {
    uiLanguage.value = 'ja';
    let saved: IncomingNumber | null = null;
    const ring = { type: 'ring' as const, users: ['sato'], strategy: 'sequential' as const, ringSeconds: 20, repeat: false };
    const form = createIncomingFormModel(
      number({
        hours: defaultBusinessHours(),
        route: {
          type: 'ivr',
          availability: 'in-hours',
          menu: [
            { key: 1, label: '営業', availability: 'in-hours', action: ring },
            { key: 2, label: 'サポート', action: { type: 'menu', menu: [{ key: 1, label: '修理', availability: 'in-hours', action: ring }] } },
          ],
        },
      }),
      async (draft) => (saved = draft),
    );
    const { container, rerender } = renderUi(<IncomingNumberForm form={form} users={USERS} onDone={() => {}} />);
    await click(option(container, 'この番号に営業時間を設定する'));
    rerender(<IncomingNumberForm form={form} users={USERS} onDone={() => {}} />);

    expect(form.localIssues.value).toEqual([]);
    expect(await form.submit()).toBe(true);
    expect(saved!.hours).toBeUndefined();
    expect(JSON.stringify(saved!.route)).not.toContain('availability');
    expect(saved!.route).toMatchObject({ type: 'ivr', menu: [{ key: 1, label: '営業' }, { key: 2, action: { menu: [{ key: 1, label: '修理' }] } }] });
  });
});

describe('local checks of hours and waiting lines', () => {
  it.each([
    ['overlapping ranges', { weekly: { mon: [{ from: '09:00', to: '13:00' }, { from: '12:00', to: '18:00' }] } }, [{ path: 'hours.weekly.mon[1]', key: 'hours.error.overlap' }]],
    ['closed days backwards', { closedDays: [{ from: '2027-01-04', to: '2026-12-29', label: '' }] }, [{ path: 'hours.closedDays[0].to', key: 'hours.error.dateOrder' }]],
    ['an open day without dates', { openDays: [{ from: '', to: '', label: '', ranges: [{ from: '10:00', to: '16:00' }] }] }, [{ path: 'hours.openDays[0].from', key: 'hours.error.dateMissing' }]],
    ['forwarding without a number', { outside: { type: 'forward' as const, number: ' ' } }, [{ path: 'hours.outside.number', key: 'hours.error.forwardMissing' }]],
  ])('finds %s', (_case, change, expected) => {
    const hours = defaultBusinessHours();
    const changed = { ...hours, ...change, weekly: { ...hours.weekly, ...('weekly' in change ? change.weekly : {}) } };
    expect(validateHoursAndLines(number({ hours: changed }))).toEqual(expected);
  });

  it('an IVR item in hours only needs hours on the number', () => {
    const draft = number({
      route: { type: 'ivr', menu: [{ key: 1, label: '営業', availability: 'in-hours', action: { type: 'ring', users: ['sato'], strategy: 'sequential', ringSeconds: 20, repeat: false } }] },
    });
    expect(validateHoursAndLines(draft)).toEqual([{ path: 'route.menu[0].availability', key: 'hours.error.required' }]);
    expect(validateHoursAndLines({ ...draft, hours: defaultBusinessHours() })).toEqual([]);
  });
});
