import { afterEach, describe, expect, it } from 'vitest';
import { CallLogSection } from '@/components/options/call-log-section';
import { OrgSettingsProvider } from '@/components/options/org-settings';
import { uiLanguage, type UiLanguage } from '@/locales/i18n';
import type { CallLogEntry } from '@/models/call-log-entry';
import { fakeAdminApi } from './fake-admin-api';
import { button, click, flush, renderUi } from './render';

const call = (n: number, duration: number | undefined): CallLogEntry => ({
  sid: `CA${String(n).repeat(32)}`,
  direction: 'inbound',
  from: '+81312345678',
  to: '+81355550100',
  status: 'completed',
  startedAt: '2026-11-24T00:00:00.000Z',
  ...(duration === undefined ? {} : { duration }),
});

/** The duration column of the admin's call log, in `language`. */
async function durationsShown(language: UiLanguage, calls: CallLogEntry[]) {
  uiLanguage.value = language;
  const api = fakeAdminApi({ listCalls: async () => ({ calls, nextCursor: null }) });
  const { container } = renderUi(
    <OrgSettingsProvider api={api} fallbackCountry="JP">
      <CallLogSection api={api} users={[]} />
    </OrgSettingsProvider>,
  );
  await flush();
  await click(button(container, language === 'ja' ? '絞り込む' : 'Filter'));
  await flush();
  return [...container.querySelectorAll('tbody tr')].map((row) => row.querySelectorAll('td')[6]?.textContent);
}

describe('the admin’s call log times a call as the popup and the board do', () => {
  afterEach(() => (document.body.innerHTML = ''));

  const calls = [call(1, 42), call(2, 725), call(3, 3725), call(4, undefined)];

  it.each(['ja', 'en'] as const)('in %s: 0:42, 12:05, 1:02:05, and nothing for a call that never connected', async (language) => {
    expect(await durationsShown(language, calls)).toEqual(['0:42', '12:05', '1:02:05', '']);
  });
});
