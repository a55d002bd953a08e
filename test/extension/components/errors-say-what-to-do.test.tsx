import { afterEach, describe, expect, it } from 'vitest';
import type { FollowUp } from '@/api/follow-up-schemas';
import { Dialer } from '@/components/dialer';
import { FollowUpList } from '@/components/follow-up-list';
import { ExportImportSection } from '@/components/options/export-import-section';
import { uiLanguage, type UiLanguage } from '@/locales/i18n';
import { createDialerModel } from '@/models/dialer-model';
import { formatAsYouType } from '@/models/phone-number-format';
import { fakeAdminApi } from './fake-admin-api';
import { field, flush, renderUi, type } from './render';

/** As `GET /api/follow-ups` lists them (server/routes/follow-ups.ts). */
const VOICEMAIL: FollowUp = {
  id: '11',
  kind: 'voicemail',
  callerNumber: '+81312345678',
  numberCalled: '+815011110000',
  numberLabel: '代表',
  calls: 1,
  lastCallSid: `CA${'1'.repeat(32)}`,
  lastCallAt: '2026-11-24T00:30:00Z',
  dueAt: '2026-11-24T04:30:00Z',
  owner: { id: 'sato', name: '佐藤 花子' },
  crmRecord: null,
  hasRecording: true,
  notify: true,
  mine: true,
  done: false,
};

describe('a refusal tells the person what to do next', () => {
  afterEach(() => (document.body.innerHTML = ''));

  it.each([
    ['ja', '電話番号', '電話番号として認識できません。市外局番から入力されているか確認してください。'],
    ['en', 'Phone number', 'This does not look like a phone number. Check it, with the area code.'],
  ] as const)('a number the dialer cannot read (%s)', async (language: UiLanguage, label, says) => {
    uiLanguage.value = language;
    const { container } = renderUi(<Dialer dialer={createDialerModel(() => 'JP', formatAsYouType)} canDial onCall={() => {}} />);
    await type(field(container, label), '1234-5678-90');
    expect(container.querySelector('.yb-field__error')?.textContent).toBe(says);
  });

  it.each([
    ['ja', '留守番電話を再生できませんでした。少し待ってから、もう一度再生してください。'],
    ['en', 'Could not play the voicemail. Wait a moment, then play it again.'],
  ] as const)('a voicemail that would not play (%s)', (language: UiLanguage, says) => {
    uiLanguage.value = language;
    const { container } = renderUi(
      <FollowUpList followUps={[VOICEMAIL]} problem="playFailed" canDial now={Date.parse('2026-11-24T01:00:00Z')} onCall={() => {}} onPlay={() => {}} onDone={() => {}} />,
    );
    expect(container.textContent).toContain(says);
  });

  it.each([
    ['ja', 'インポートする設定ファイル', 'このファイルは正しい JSON ではありません。このページでダウンロードした設定ファイルを選んでください。'],
    ['en', 'Configuration file to import', 'This file is not valid JSON. Choose a configuration file downloaded from this page.'],
  ] as const)('a file that is not a configuration (%s)', async (language: UiLanguage, label, says) => {
    uiLanguage.value = language;
    const { container } = renderUi(<ExportImportSection api={fakeAdminApi()} />);
    const input = field(container, label);
    Object.defineProperty(input, 'files', { value: [new File(['name,email\n'], 'users.csv', { type: 'text/csv' })] });
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await flush();
    await flush();
    expect(container.querySelector('[role="status"]')?.textContent).toBe(says);
  });
});
