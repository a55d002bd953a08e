import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Analytics } from '../../../contract/analytics';
import { AnalyticsSection } from '@/components/options/analytics-section';
import { BoardSection } from '@/components/options/board-section';
import { OptionsApp, type OptionsAppProps } from '@/components/options/options-app';
import { OrgSettingsProvider } from '@/components/options/org-settings';
import { PresenceSection } from '@/components/options/presence-section';
import { uiLanguage } from '@/locales/i18n';
import type { AdminApi } from '@/models/admin-api';
import type { BoardApi } from '@/models/board-api';
import { createUnsavedChanges } from '@/models/unsaved-changes';
import { accountActions } from '../components/account-actions';
import { fakeAdminApi } from '../components/fake-admin-api';
import { flush, renderUi } from '../components/render';
import { board, REPORT, SATO_ON_CALL, sse } from './fixtures';

const NEWARK = '+12015550123';
const TOKYO_MOBILE = '+819033334444';

/** A board whose rep talks with a caller from New Jersey (no CRM name) while one from Tokyo is in the menu. */
const SNAPSHOT = board({
  reps: [{ ...SATO_ON_CALL, call: { ...SATO_ON_CALL.call!, customer: { number: NEWARK, name: null } } }],
  waiting: { ...board().waiting, inMenu: [{ ...board().waiting.inMenu[0]!, customer: { number: TOKYO_MOBILE, name: null } }] },
});

/** The board and analytics of an org in `country` (what GET /api/analytics/org answers, to a supervisor too). */
function boardApi(report: Analytics = REPORT, snapshot = SNAPSHOT, country = 'US'): BoardApi {
  return {
    analytics: async () => report,
    getTimeZone: async () => 'America/New_York',
    getOrg: async () => ({ timeZone: 'America/New_York', country }),
    setTimeZone: async (zone) => zone,
    listenIn: async () => {},
    stream: {
      url: () => 'https://phone.example.com/api/board/events',
      token: async () => 'tok',
      fetch: (async () =>
        new Response(new ReadableStream({ start: (controller) => controller.enqueue(new TextEncoder().encode(sse([{ event: 'snapshot', id: '1', data: snapshot }]))) }), {
          headers: { 'content-type': 'text/event-stream' },
        })) as unknown as typeof fetch,
    },
  };
}

/** An admin's server whose configuration says the org is in `country`. */
function adminIn(country: string, overrides: Partial<AdminApi> = {}): AdminApi {
  const settings = { defaultCountry: country, allowedCountries: [], timeZone: 'America/New_York', followUpDueHours: 4 };
  return fakeAdminApi({ getConfig: async () => ({ twilio: {}, settings, users: [], incoming: [], outgoing: [] }), ...overrides });
}

function props(admin: AdminApi | null, defaultCountry = 'JP', board = boardApi()): OptionsAppProps {
  return {
    account: { signedIn: true, user: { name: 'Lead', email: 'lead@example.com', role: admin ? 'admin' : 'supervisor' }, serverUrl: 'https://phone.example.com' },
    language: null,
    defaultCountry,
    sites: [],
    actions: accountActions(),
    admin,
    board,
    unsaved: createUnsavedChanges(),
  };
}

const settle = async () => {
  for (let i = 0; i < 5; i++) await flush();
};

async function openBoard(ui: OptionsAppProps) {
  const { container } = renderUi(<OptionsApp {...ui} />);
  await settle();
  container.querySelector<HTMLButtonElement>('.yb-nav__link[data-page="board"]')!.click();
  await settle();
  return {
    rep: container.querySelector('[data-rep="sato"] .yb-rep-card__call strong')?.textContent,
    inMenu: container.querySelector('[data-group="inMenu"] li > span')?.firstChild?.textContent,
  };
}

describe('the board and analytics show numbers in the org’s national format', () => {
  beforeEach(() => (uiLanguage.value = 'en'));
  afterEach(() => (document.body.innerHTML = ''));

  it('a US org’s board shows its callers as Americans write them, and Japan’s internationally', async () => {
    expect(await openBoard(props(adminIn('US')))).toEqual({ rep: '(201) 555-0123', inMenu: '+81 90 3333 4444' });
  });

  it('a Japanese org’s board still shows Japanese numbers nationally', async () => {
    expect(await openBoard(props(adminIn('JP')))).toEqual({ rep: '+1 201 555 0123', inMenu: '090-3333-4444' });
  });

  it('a supervisor of a US org, who cannot read the configuration, sees its board as Americans write numbers', async () => {
    expect(await openBoard(props(null, 'JP', boardApi(REPORT, SNAPSHOT, 'US')))).toEqual({ rep: '(201) 555-0123', inMenu: '+81 90 3333 4444' });
  });

  it('a supervisor whose org’s country cannot be read sees the board in this browser’s default country', async () => {
    const unreadable = { ...boardApi(REPORT, SNAPSHOT, 'JP'), getOrg: () => Promise.reject(new Error('offline')) };
    expect(await openBoard(props(null, 'US', unreadable))).toEqual({ rep: '(201) 555-0123', inMenu: '+81 90 3333 4444' });
  });

  it('a supervisor of a US org sees its numbers in analytics as Americans write them', async () => {
    const report: Analytics = { ...REPORT, byNumber: REPORT.byNumber.map((row) => ({ ...row, number: NEWARK, label: 'Main' })) };
    const { container } = renderUi(
      <OrgSettingsProvider api={null} board={boardApi(report, SNAPSHOT, 'US')} fallbackCountry="JP">
        <AnalyticsSection api={boardApi(report, SNAPSHOT, 'US')} isAdmin={false} />
      </OrgSettingsProvider>,
    );
    await settle();
    await vi.waitFor(() => expect(container.querySelector('[data-chart="chart-numbers"] tbody')).not.toBeNull());
    expect(container.querySelector('[data-chart="chart-numbers"] tbody td')?.textContent).toBe('Main (201) 555-0123');
  });

  it('analytics name a US org’s numbers in its format: the filter, the funnel and the table by number', async () => {
    const report: Analytics = {
      ...REPORT,
      byNumber: REPORT.byNumber.map((row) => ({ ...row, number: NEWARK, label: 'Main' })),
      funnel: REPORT.funnel.map((row) => ({ ...row, number: NEWARK, label: 'Main' })),
      choices: { ...REPORT.choices, numbers: [{ number: NEWARK, label: 'Main', branches: [] }, { number: '+81312345678', label: 'Tokyo', branches: [] }] },
    };
    const { container } = renderUi(
      <OrgSettingsProvider api={adminIn('US')} fallbackCountry="JP">
        <AnalyticsSection api={boardApi(report)} isAdmin />
      </OrgSettingsProvider>,
    );
    await settle();
    await vi.waitFor(() => expect(container.querySelector('[data-chart="chart-numbers"] tbody')).not.toBeNull());
    expect([...container.querySelectorAll('#analytics-number option')].map((option) => option.textContent)).toEqual(['Any', 'Main (201) 555-0123', 'Tokyo +81 3 1234 5678']);
    expect(container.querySelector('.yb-funnel h4')?.textContent).toBe('Main (201) 555-0123');
    expect(container.querySelector('[data-chart="chart-numbers"] tbody td')?.textContent).toBe('Main (201) 555-0123');
  });

  it('the waiting line of a number without a label is named by its number, in the org’s format', async () => {
    const api = adminIn('US', { getWaitingLine: async () => ({ enabled: true, count: 2, longestWaitSeconds: 75, lines: [{ number: NEWARK, label: '', count: 2, longestWaitSeconds: 75 }] }) });
    const { container } = renderUi(
      <OrgSettingsProvider api={api} fallbackCountry="JP">
        <PresenceSection api={api} />
      </OrgSettingsProvider>,
    );
    await settle();
    expect(container.querySelector('[aria-labelledby="waiting-line-title"] li')?.textContent).toMatch(/^\(201\) 555-0123: 2 waiting/);
  });
});

describe('the board’s counts as people read them', () => {
  afterEach(() => (document.body.innerHTML = ''));

  it.each([
    ['en', 'Today: 1,234 answered, 1,001 missed, talk 2 h 5 min'],
    ['ja', '本日：応答 1,234件・不在 1,001件・通話 2時間5分'],
  ] as const)('%s: a rep’s day in the page language’s digits', async (language, today) => {
    uiLanguage.value = language;
    const busy = board({ reps: [{ ...SATO_ON_CALL, today: { answered: 1234, missed: 1001, talkSeconds: 7_500 } }] });
    const { container } = renderUi(<BoardSection api={boardApi(REPORT, busy)} />);
    await settle();
    expect(container.querySelector('[data-rep="sato"] .yb-rep-card__today')?.textContent).toBe(today);
  });
});
