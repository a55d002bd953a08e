import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AccountSection, type AccountActions } from '@/components/options/account-section';
import { uiLanguage } from '@/locales/i18n';
import { button, click, field, flush, renderUi, type } from './render';
import { accountActions } from './account-actions';

function actions(signIn: AccountActions['signIn']): AccountActions {
  return accountActions({ signIn });
}

const signedOut = { signedIn: false, user: null, serverUrl: null };

async function signInWith(signIn: AccountActions['signIn'], serverUrl: string) {
  const view = renderUi(<AccountSection account={signedOut} language={null} defaultCountry="JP" sites={[]} actions={actions(signIn)} />);
  await type(field(view.container, 'サーバー URL'), serverUrl);
  await type(field(view.container, 'メールアドレス'), 'sato@example.jp');
  await type(field(view.container, 'パスワード'), 'correct horse battery');
  await click(button(view.container, 'サインイン'));
  await flush();
  return view;
}

describe('signing in', () => {
  beforeEach(() => (uiLanguage.value = 'ja'));
  afterEach(() => (document.body.innerHTML = ''));

  it('drops /api from a server URL typed with it, and says so', async () => {
    const signIn = vi.fn(async () => undefined);
    const { container } = await signInWith(signIn, 'https://phone.example.jp/api/');
    expect(signIn).toHaveBeenCalledWith('https://phone.example.jp', 'sato@example.jp', 'correct horse battery');
    expect(field(container, 'サーバー URL').value).toBe('https://phone.example.jp');
    expect(container.textContent).toContain('サーバー URL の末尾に /api は不要なため、https://phone.example.jp を使用します。');
  });

  it.each([
    ['invalid_credentials', 'メールアドレスまたはパスワードが違います。'],
    ['too_many_attempts', '試行回数が多すぎます。'],
    ['no_route', 'サーバーにこのアドレスがありません。'],
    ['invalid_input', '入力内容を確認してください。'],
    ['internal', 'サーバーで問題が発生しました。'],
  ])('words a refusal (%s) in Japanese, never the server’s English', async (code, sentence) => {
    const signIn = async () => {
      throw Object.assign(new Error('No route for POST /api/api/auth/login.'), { code });
    };
    const { container } = await signInWith(signIn, 'https://phone.example.jp');
    const alert = container.querySelector('[role="alert"]')?.textContent ?? '';
    expect(alert).toContain(sentence);
    expect(alert).not.toContain('No route');
  });
});
