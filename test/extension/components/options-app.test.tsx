import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act } from 'preact/test-utils';
import { uiLanguage } from '@/locales/i18n';
import { OptionsApp, type OptionsAppProps } from '@/components/options/options-app';
import type { AdminApi } from '@/models/admin-api';
import { fakeAdminApi } from './fake-admin-api';
import { ApiError } from '@/models/api-error';
import { createUnsavedChanges } from '@/models/unsaved-changes';
import { button, choose, click, field, flush, renderUi, type } from './render';

function props(admin: AdminApi | null): OptionsAppProps {
  return {
    account: { signedIn: true, user: { name: '管理 太郎', email: 'admin@example.jp', role: admin ? 'admin' : 'rep' }, serverUrl: 'https://phone.example.jp' },
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
    admin,
    unsaved: createUnsavedChanges(),
  };
}

const tabs = (root: ParentNode) => [...root.querySelectorAll('[role="tab"]')].map((tab) => tab.textContent);

describe('the options page', () => {
  beforeEach(() => (uiLanguage.value = 'ja'));
  afterEach(() => {
    document.body.innerHTML = '';
    vi.unstubAllGlobals();
  });

  it('shows a rep only the account section', () => {
    const { container } = renderUi(<OptionsApp {...props(null)} />);
    expect(tabs(container)).toEqual([]);
    expect(container.textContent).toContain('管理 太郎（admin@example.jp）でサインイン中');
  });

  it('gives admins the setup tabs, reachable with the arrow keys', async () => {
    const { container } = renderUi(<OptionsApp {...props(fakeAdminApi())} />);
    expect(tabs(container)).toEqual(['アカウント', 'Twilio', '着信番号', '発信番号', 'セットアップチェック', 'ユーザー', '在席状況', '通話履歴', 'CRM', 'エクスポート / インポート']);
    await act(async () => {
      container.querySelector('[role="tablist"]')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    });
    expect(container.querySelector('[aria-selected="true"]')?.textContent).toBe('Twilio');
    expect(document.activeElement?.textContent).toBe('Twilio');
  });

  it('adds an incoming number from the account, warns when it is used elsewhere, and keeps a refused form', async () => {
    const api = fakeAdminApi({
      addIncoming: async () => {
        throw new ApiError(400, 'invalid_config', 'bad', [{ path: 'incoming[0].route.menu[0].label', code: 'label_missing', message: 'every item needs a label' }]);
      },
    });
    const { container } = renderUi(<OptionsApp {...props(api)} />);
    await click(button(container, '着信番号'));
    await flush();
    await click(button(container, '+ 番号を追加'));
    await flush();
    const pick = field<HTMLSelectElement>(container, 'Twilio アカウントの番号');
    await choose(pick, '+81612345678');
    expect(container.textContent).toContain('他で使用中です（音声 URL https://old.example.com）');
    await choose(pick, '+81312345678');
    await click(button(container, '追加'));
    await flush();

    const item = container.querySelector('fieldset[data-path="route.menu[0]"]')!;
    await click(item.querySelector<HTMLInputElement>('input[type="checkbox"]')!);
    await type(field(item, 'ラベル'), ' ');
    await click(button(container, '保存'));
    await flush();
    // Blank labels are caught before sending; the server's own message shows once the form is sent.
    expect(item.querySelector('.yb-field__error')?.textContent).toBe('各項目にラベルが必要です。');
    await type(field(item, 'ラベル'), 'x');
    await click(button(container, '保存'));
    await flush();
    expect(container.querySelector('fieldset[data-path="route.menu[0]"] .yb-field__error')?.textContent).toBe('すべての項目にラベルが必要です。');
    expect(field(container.querySelector('fieldset[data-path="route.menu[0]"]')!, 'ラベル').value).toBe('x');
  });

  it('asks before leaving a form with unsaved changes', async () => {
    const confirm = vi.fn(() => false);
    vi.stubGlobal('confirm', confirm);
    const app = props(fakeAdminApi());
    const { container } = renderUi(<OptionsApp {...app} />);
    await click(button(container, '着信番号'));
    await flush();
    app.unsaved.set('incoming', true);
    await click(button(container, 'ユーザー'));
    expect(confirm).toHaveBeenCalledWith('保存していない変更があります。移動すると変更は失われます。');
    expect(container.querySelector('[aria-selected="true"]')?.textContent).toBe('着信番号');
  });
});
