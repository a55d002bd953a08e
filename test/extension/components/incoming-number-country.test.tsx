import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { uiLanguage } from '@/locales/i18n';
import { IncomingSection } from '@/components/options/incoming-section';
import { OrgSettingsProvider } from '@/components/options/org-settings';
import type { AdminApi } from '@/models/admin-api';
import type { IncomingNumber } from '@/models/phone-config-types';
import { createUnsavedChanges } from '@/models/unsaved-changes';
import { fakeAdminApi } from './fake-admin-api';
import { button, click, flush, renderUi } from './render';

const ringing = { type: 'ring' as const, users: ['sato'], strategy: 'simultaneous' as const, ringSeconds: 20, cycles: 1 as const };
const SAN_FRANCISCO: IncomingNumber = { number: '+14155552671', label: 'Main', enabled: true, record: false, voice: { language: 'en-US' }, messages: {}, route: ringing };
const TOKYO: IncomingNumber = { ...SAN_FRANCISCO, number: '+81312345678', label: 'Tokyo', voice: { language: 'ja-JP' } };

/** GET /api/config of an org whose `settings.defaultCountry` is `country`. */
function orgIn(country: string, overrides: Partial<AdminApi> = {}) {
  const settings = { defaultCountry: country, allowedCountries: [], timeZone: 'America/Los_Angeles', followUpDueHours: 4 };
  return fakeAdminApi({ getConfig: async () => ({ twilio: {}, settings, users: [], incoming: [SAN_FRANCISCO, TOKYO], outgoing: [] }), listIncoming: async () => [SAN_FRANCISCO, TOKYO], ...overrides });
}

async function open(api: AdminApi) {
  const view = renderUi(
    <OrgSettingsProvider api={api} fallbackCountry="JP">
      <IncomingSection api={api} users={[{ id: 'sato', name: 'Sato' }]} unsaved={createUnsavedChanges()} />
    </OrgSettingsProvider>,
  );
  await flush();
  const numbers = () => [...view.container.querySelectorAll('.yb-number-row__number')].map((node) => node.textContent);
  return { view, numbers };
}

describe('incoming numbers in the org’s national format', () => {
  beforeEach(() => (uiLanguage.value = 'en'));
  afterEach(() => (document.body.innerHTML = ''));

  it('a US org reads its own numbers as the server words them, and others internationally', async () => {
    const { view, numbers } = await open(orgIn('US'));
    expect(numbers()).toEqual(['(415) 555-2671', '+81 3 1234 5678']);

    await click(button(view.container, 'Preview (415) 555-2671'));
    await flush();
    expect(view.container.querySelector('#preview-title')?.textContent).toBe('Preview: calling (415) 555-2671');

    await click(button(view.container, 'Edit (415) 555-2671'));
    expect(view.container.querySelector('.yb-incoming-form h3')?.textContent).toBe('(415) 555-2671');
  });

  it('the IVR preview beside the tree names the number the same way', async () => {
    const ivr: IncomingNumber = { ...SAN_FRANCISCO, route: { type: 'ivr', menu: [{ key: 1, label: 'Sales', action: { type: 'ring', users: ['sato'], strategy: 'simultaneous', ringSeconds: 20, repeat: false } }] } };
    const { view } = await open(orgIn('US', { listIncoming: async () => [ivr] }));
    await click(button(view.container, 'Preview (415) 555-2671'));
    await flush();
    expect(view.container.querySelector('#preview-title')?.textContent).toBe('Preview: calling (415) 555-2671');
  });

  it('a Japanese org, or one whose settings cannot be read, reads Japanese numbers nationally', async () => {
    expect((await open(orgIn('JP'))).numbers()).toEqual(['+1 415 555 2671', '03-1234-5678']);
    document.body.innerHTML = '';
    const unreadable = orgIn('US', {
      getConfig: async () => {
        throw new Error('offline');
      },
    });
    expect((await open(unreadable)).numbers()).toEqual(['+1 415 555 2671', '03-1234-5678']);
  });
});
