import { afterEach, describe, expect, it } from 'vitest';
import { OptionsApp, type OptionsAppProps } from '@/components/options/options-app';
import { uiLanguage } from '@/locales/i18n';
import { createUnsavedChanges } from '@/models/unsaved-changes';
import { accountActions } from './account-actions';
import { renderUi } from './render';

const props: OptionsAppProps = {
  account: { signedIn: true, user: { name: '佐藤 花子', email: 'sato@example.jp', role: 'rep' }, serverUrl: 'https://phone.example.jp' },
  language: null,
  defaultCountry: 'JP',
  sites: [],
  actions: accountActions(),
  admin: null,
  unsaved: createUnsavedChanges(),
};

describe('the settings page’s title', () => {
  afterEach(() => {
    document.body.innerHTML = '';
    document.title = '';
  });

  it('reads as natural Japanese, and names the browser tab in the page’s language', () => {
    uiLanguage.value = 'ja';
    const { container } = renderUi(<OptionsApp {...props} />);
    expect(container.querySelector('h1')?.textContent).toBe('呼び出しの設定');
    expect(document.title).toBe('呼び出しの設定');
  });

  it('follows a switch to English', () => {
    uiLanguage.value = 'ja';
    const { rerender } = renderUi(<OptionsApp {...props} />);
    uiLanguage.value = 'en';
    rerender(<OptionsApp {...props} />);
    expect(document.title).toBe('Yobidashi settings');
  });
});
