import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { uiLanguage } from '@/locales/i18n';
import { OptionsApp, type OptionsAppProps } from '@/components/options/options-app';
import type { BoardApi } from '@/models/board-api';
import { createUnsavedChanges } from '@/models/unsaved-changes';
import { fakeAdminApi } from '../components/fake-admin-api';
import { renderUi } from '../components/render';

const board: BoardApi = {
  analytics: () => new Promise(() => {}),
  getTimeZone: async () => 'Asia/Tokyo',
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
    actions: {
      signIn: async () => undefined,
      signOut: async () => undefined,
      openMicrophoneStep: () => undefined,
      setLanguage: async () => undefined,
      setDefaultCountry: async () => undefined,
      addSite: async () => true,
      removeSite: async () => undefined,
      setAudio: async () => undefined,
    },
    admin: role === 'admin' ? fakeAdminApi() : null,
    board: role === 'rep' ? null : board,
    unsaved: createUnsavedChanges(),
  };
}

const tabs = (root: ParentNode) => [...root.querySelectorAll('[role="tab"]')].map((tab) => tab.textContent);

describe('the live board and analytics tabs', () => {
  beforeEach(() => (uiLanguage.value = 'ja'));
  afterEach(() => (document.body.innerHTML = ''));

  it('are a supervisor’s, beside their account', () => {
    expect(tabs(renderUi(<OptionsApp {...props('supervisor')} />).container)).toEqual(['アカウント', 'ライブボード', '分析']);
  });

  it('come after the setup tabs for an admin, and not at all for a rep', () => {
    expect(tabs(renderUi(<OptionsApp {...props('admin')} />).container).slice(-3)).toEqual(['エクスポート / インポート', 'ライブボード', '分析']);
    expect(tabs(renderUi(<OptionsApp {...props('rep')} />).container)).toEqual([]);
  });
});
