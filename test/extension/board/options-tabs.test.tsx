import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { uiLanguage } from '@/locales/i18n';
import { OptionsApp, type OptionsAppProps } from '@/components/options/options-app';
import type { BoardApi } from '@/models/board-api';
import { createUnsavedChanges } from '@/models/unsaved-changes';
import { fakeAdminApi } from '../components/fake-admin-api';
import { renderUi } from '../components/render';
import { accountActions } from '../components/account-actions';

const board: BoardApi = {
  analytics: () => new Promise(() => {}),
  getTimeZone: async () => 'Asia/Tokyo',
  getOrg: async () => ({ timeZone: 'Asia/Tokyo', country: 'JP' }),
  setTimeZone: async (zone) => zone,
  listenIn: async () => {},
  stream: { url: () => '', token: async () => null, fetch: globalThis.fetch },
};

function props(role: 'admin' | 'supervisor' | 'rep'): OptionsAppProps {
  return {
    account: { signedIn: true, user: { name: '監督 花子', email: 'lead@example.jp', role }, serverUrl: 'https://phone.example.jp' },
    language: null,
    defaultCountry: 'JP',
    sites: [],
    actions: accountActions(),
    admin: role === 'admin' ? fakeAdminApi() : null,
    board: role === 'rep' ? null : board,
    unsaved: createUnsavedChanges(),
  };
}

/** The pages of the navigation's "every day" list, as the user reads them. */
const dailyPages = (root: ParentNode) => [...root.querySelectorAll('[aria-labelledby="nav-daily"] .yb-nav__name')].map((name) => name.textContent);

describe('the live board and analytics pages', () => {
  beforeEach(() => (uiLanguage.value = 'ja'));
  afterEach(() => (document.body.innerHTML = ''));

  it('are a supervisor’s, beside their account, and the board opens first', () => {
    const { container } = renderUi(<OptionsApp {...props('supervisor')} />);
    expect(dailyPages(container)).toEqual(['ライブボード', '分析', 'あなたのアカウント']);
    expect(container.querySelector('[aria-current="page"]')?.textContent).toBe('ライブボード');
  });

  it('lead an admin’s everyday pages after the setup steps, and are not there for a rep', () => {
    const admin = dailyPages(renderUi(<OptionsApp {...props('admin')} />).container);
    expect(admin.slice(0, 2)).toEqual(['ライブボード', '分析']);
    expect(admin.at(-1)).toBe('あなたのアカウント');
    document.body.innerHTML = '';
    const rep = renderUi(<OptionsApp {...props('rep')} />).container;
    expect(rep.textContent).not.toContain('ライブボード');
    expect(rep.textContent).not.toContain('分析');
  });
});
