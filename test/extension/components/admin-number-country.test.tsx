import type { ComponentChild } from 'preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CallLogSection } from '@/components/options/call-log-section';
import { OrgSettingsProvider } from '@/components/options/org-settings';
import { OutgoingSection } from '@/components/options/outgoing-section';
import { SetupCheckSection } from '@/components/options/setup-check-section';
import { uiLanguage } from '@/locales/i18n';
import type { AdminApi, PublicUser } from '@/models/admin-api';
import { createUnsavedChanges } from '@/models/unsaved-changes';
import { fakeAdminApi } from './fake-admin-api';
import { button, choose, click, field, flush, renderUi } from './render';

const SAN_FRANCISCO = '+14155552671';
const TOKYO = '+81312345678';
const USERS: PublicUser[] = [{ id: 'sato', name: 'Sato', email: 'sato@example.com', role: 'rep', active: true }];

/** An org whose `settings.defaultCountry` (GET /api/config) is `country`, with a number in San Francisco and one in Tokyo. */
function orgIn(country: string, overrides: Partial<AdminApi> = {}) {
  const settings = { defaultCountry: country, allowedCountries: [], timeZone: 'America/Los_Angeles', followUpDueHours: 4 };
  return fakeAdminApi({
    getConfig: async () => ({ twilio: {}, settings, users: [], incoming: [], outgoing: [] }),
    listCallerIds: async () => [
      { phoneNumber: SAN_FRANCISCO, friendlyName: 'Main', source: 'twilio-number' as const, sid: 'PN1' },
      { phoneNumber: TOKYO, friendlyName: 'Tokyo', source: 'twilio-number' as const, sid: 'PN2' },
    ],
    getSetupCheck: async () => ({
      ok: true,
      findings: [],
      reps: [SAN_FRANCISCO, TOKYO].map((number) => ({ number, label: number === TOKYO ? 'Tokyo' : 'Main', ringable: [{ id: 'sato', name: 'Sato' }], busy: [], offline: [] })),
    }),
    listCalls: async () => ({
      calls: [{ sid: `CA${'1'.repeat(32)}`, direction: 'inbound' as const, from: TOKYO, to: SAN_FRANCISCO, status: 'completed', startedAt: '2026-11-24T00:00:00.000Z' }],
      nextCursor: null,
    }),
    ...overrides,
  });
}

/** A page as the options app shows it: below the org's settings, read once. */
function inOrg(api: AdminApi, page: (api: AdminApi) => ComponentChild) {
  return renderUi(<OrgSettingsProvider api={api} fallbackCountry="JP">{page(api)}</OrgSettingsProvider>);
}

describe('the admin pages read numbers in the org’s national format', () => {
  beforeEach(() => (uiLanguage.value = 'en'));
  afterEach(() => (document.body.innerHTML = ''));

  it('the setup check names each number of a US org as Americans write it', async () => {
    const { container } = inOrg(orgIn('US'), (api) => <SetupCheckSection api={api} />);
    await flush();
    const rows = [...container.querySelectorAll('tbody th')].map((cell) => cell.textContent);
    expect(rows).toEqual(['(415) 555-2671 Main', '+81 3 1234 5678 Tokyo']);
  });

  it('outgoing numbers of a US org are offered and confirmed in its format', async () => {
    const { container } = inOrg(orgIn('US'), (api) => <OutgoingSection api={api} users={USERS} unsaved={createUnsavedChanges()} />);
    await flush();
    await click(button(container, '+ Add row'));
    const numbers = field<HTMLSelectElement>(container, 'Number 1');
    expect([...numbers.querySelectorAll('optgroup option')].map((option) => option.textContent)).toEqual(['(415) 555-2671 Main', '+81 3 1234 5678 Tokyo']);

    await choose(field<HTMLSelectElement>(container, 'User 1'), 'sato');
    await choose(numbers, SAN_FRANCISCO);
    await click(button(container, 'Save'));
    await flush();
    expect(container.querySelector('[role="status"]')?.textContent).toBe('Saved: Sato calls from (415) 555-2671.');
  });

  it('a stored outgoing number Twilio would refuse is named in the org’s format too', async () => {
    const api = orgIn('US', { listOutgoing: async () => [{ user: 'sato', number: '+14155550100', record: false }] });
    const { container } = inOrg(api, (org) => <OutgoingSection api={org} users={USERS} unsaved={createUnsavedChanges()} />);
    await flush();
    expect(field<HTMLSelectElement>(container, 'Number 1').selectedOptions[0]?.textContent).toBe('(415) 555-0100 (cannot be used)');
  });

  it('the call log of a US org shows its numbers nationally and Japan’s internationally', async () => {
    const { container } = inOrg(orgIn('US'), (api) => <CallLogSection api={api} users={USERS} />);
    await flush();
    await click(button(container, 'Filter'));
    await flush();
    const cells = [...container.querySelectorAll('tbody td')].map((cell) => cell.textContent);
    expect(cells.slice(2, 4)).toEqual(['+81 3 1234 5678', '(415) 555-2671']);
  });

  it('a Japanese org still reads its own numbers nationally', async () => {
    const { container } = inOrg(orgIn('JP'), (api) => <SetupCheckSection api={api} />);
    await flush();
    expect([...container.querySelectorAll('tbody th')].map((cell) => cell.textContent)).toEqual(['+1 415 555 2671 Main', '03-1234-5678 Tokyo']);
  });
});
