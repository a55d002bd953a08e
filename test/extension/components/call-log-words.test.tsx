import { afterEach, describe, expect, it } from 'vitest';
import { CallLogSection } from '@/components/options/call-log-section';
import { OrgSettingsProvider } from '@/components/options/org-settings';
import { uiLanguage, type UiLanguage } from '@/locales/i18n';
import type { PublicUser } from '@/models/admin-api';
import type { CallLogEntry } from '@/models/call-log-entry';
import { fakeAdminApi } from './fake-admin-api';
import { button, click, flush, renderUi } from './render';

const USERS: PublicUser[] = [{ id: 'sato', name: 'Sato', email: 'sato@example.com', role: 'rep', active: true }];

const call = (overrides: Partial<CallLogEntry>): CallLogEntry => ({
  sid: `CA${'1'.repeat(32)}`,
  direction: 'inbound',
  from: '+81312345678',
  to: '+81355550100',
  status: 'completed',
  startedAt: '2026-11-24T00:00:00.000Z',
  ...overrides,
});

/** The status column of the admin's call log, for these calls, in `language`. */
async function statusesShown(language: UiLanguage, calls: CallLogEntry[]) {
  uiLanguage.value = language;
  const api = fakeAdminApi({ listCalls: async () => ({ calls, nextCursor: null }) });
  const { container } = renderUi(
    <OrgSettingsProvider api={api} fallbackCountry="JP">
      <CallLogSection api={api} users={USERS} />
    </OrgSettingsProvider>,
  );
  await flush();
  await click(button(container, language === 'ja' ? '絞り込む' : 'Filter'));
  await flush();
  return [...container.querySelectorAll('tbody tr')].map((row) => row.querySelectorAll('td')[5]?.textContent);
}

describe('the admin’s call log names each outcome as the rep’s popup does', () => {
  afterEach(() => (document.body.innerHTML = ''));

  const calls = [
    call({ sid: `CA${'2'.repeat(32)}`, direction: 'outbound', from: 'client:sato', to: '+81312345678', status: 'missed', rep: 'sato' }),
    call({ sid: `CA${'3'.repeat(32)}`, status: 'missed' }),
    call({ sid: `CA${'4'.repeat(32)}`, status: 'in-progress', rep: 'sato' }),
  ];

  it('says an outgoing call nobody picked up went unanswered, not that the rep missed it; a live call is in progress', async () => {
    expect(await statusesShown('ja', calls)).toEqual(['応答なし', '不在着信', '通話中']);
  });

  it('in English too, with no status left as the server’s code', async () => {
    expect(await statusesShown('en', calls)).toEqual(['No answer', 'Missed', 'In progress']);
  });
});
