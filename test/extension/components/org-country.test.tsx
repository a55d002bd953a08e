import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OptionsApp, type OptionsAppProps } from '@/components/options/options-app';
import { uiLanguage } from '@/locales/i18n';
import type { AdminApi } from '@/models/admin-api';
import type { IncomingNumber } from '@/models/phone-config-types';
import { createUnsavedChanges } from '@/models/unsaved-changes';
import { accountActions } from './account-actions';
import { fakeAdminApi } from './fake-admin-api';
import { button, click, field, flush, renderUi } from './render';

const SAN_FRANCISCO = '+14155552671';
const TOKYO = '+81312345678';
const ringing = { type: 'ring' as const, users: ['sato'], strategy: 'simultaneous' as const, ringSeconds: 20, cycles: 1 as const };
const NUMBERS: IncomingNumber[] = [
  { number: SAN_FRANCISCO, label: 'Main', enabled: true, record: false, voice: { language: 'en-US' }, messages: {}, route: ringing },
  { number: TOKYO, label: 'Tokyo', enabled: true, record: false, voice: { language: 'ja-JP' }, messages: {}, route: ringing },
];

/** The configuration document (GET /api/config) of an org in `country`, as the server answers it. */
function documentIn(country: string) {
  return {
    twilio: {},
    settings: { defaultCountry: country, allowedCountries: [], timeZone: 'Asia/Tokyo', followUpDueHours: 4 },
    users: [{ id: 'sato', name: 'Sato', email: 'sato@example.com', role: 'rep', active: true }],
    incoming: NUMBERS,
    outgoing: [],
  };
}

/** An admin's server whose stored document changes with an import; `reads` counts GET /api/config. */
function serverIn(country: string): { api: AdminApi; reads: () => number } {
  let stored: unknown = documentIn(country);
  let reads = 0;
  const api = fakeAdminApi({
    getConfig: async () => (reads++, structuredClone(stored)),
    putConfig: async (document) => ((stored = document), structuredClone(document)),
    listIncoming: async () => NUMBERS,
    listCallerIds: async () => [{ phoneNumber: SAN_FRANCISCO, friendlyName: 'Main', source: 'twilio-number' as const, sid: 'PN1' }],
    getSetupCheck: async () => ({ ok: true, findings: [], reps: [] }),
  });
  return { api, reads: () => reads };
}

function props(admin: AdminApi): OptionsAppProps {
  return {
    account: { signedIn: true, user: { name: 'Admin', email: 'admin@example.com', role: 'admin' }, serverUrl: 'https://phone.example.com' },
    language: null,
    defaultCountry: 'JP',
    sites: [],
    actions: accountActions(),
    admin,
    unsaved: createUnsavedChanges(),
  };
}

async function openPage(root: ParentNode, page: string) {
  await click(root.querySelector<HTMLButtonElement>(`.yb-nav__link[data-page="${page}"]`)!);
  await flush();
}

const incomingNumbers = (root: ParentNode) => [...root.querySelectorAll('.yb-number-row__number')].map((node) => node.textContent);

describe('the org’s country, read once for every options page', () => {
  beforeEach(() => (uiLanguage.value = 'en'));
  afterEach(() => {
    document.body.innerHTML = '';
    vi.unstubAllGlobals();
  });

  it('reads the configuration once, however many pages that show numbers the admin opens', async () => {
    const { api, reads } = serverIn('US');
    const { container } = renderUi(<OptionsApp {...props(api)} />);
    await flush();
    for (const page of ['incoming', 'outgoing', 'setupCheck', 'callLog', 'presence', 'incoming', 'outgoing']) await openPage(container, page);
    await openPage(container, 'incoming');
    expect(incomingNumbers(container)).toEqual(['(415) 555-2671', '+81 3 1234 5678']);
    expect(reads()).toBe(1);
  });

  it('an import that changes the org’s country reformats the numbers of the other pages', async () => {
    vi.stubGlobal('confirm', () => true);
    const { api, reads } = serverIn('JP');
    const { container } = renderUi(<OptionsApp {...props(api)} />);
    await flush();
    await openPage(container, 'incoming');
    expect(incomingNumbers(container)).toEqual(['+1 415 555 2671', '03-1234-5678']);

    await openPage(container, 'exportImport');
    const input = field(container, 'Configuration file to import');
    Object.defineProperty(input, 'files', { value: [new File([JSON.stringify(documentIn('US'))], 'config.json', { type: 'application/json' })] });
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await flush();
    await click(button(container, 'Replace the configuration'));
    await flush();

    await openPage(container, 'incoming');
    expect(incomingNumbers(container)).toEqual(['(415) 555-2671', '+81 3 1234 5678']);
    await openPage(container, 'outgoing');
    expect([...field<HTMLSelectElement>(container, 'Hold music').options].length).toBeGreaterThan(0);
    // The import's answer carried the new settings: nothing was read again.
    expect(reads()).toBe(1);
  });
});
