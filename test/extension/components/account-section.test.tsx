import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BUNDLED_COUNTRIES } from '@/calling/phone-metadata-subset';
import { AccountSection, signInErrorText, type AccountActions } from '@/components/options/account-section';
import { uiLanguage } from '@/locales/i18n';
import { BackgroundError } from '@/messaging/send';
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

  it('says how long a sign-in lock lasts, as the server counted it (up to a quarter of an hour, not "a minute")', async () => {
    const locked = (retryAfterMinutes: number) => async () => {
      throw new BackgroundError('too_many_attempts', 'Too many wrong passwords.', { retryAfterMinutes });
    };
    const ja = await signInWith(locked(15), 'https://phone.example.jp');
    expect(ja.container.querySelector('[role="alert"]')?.textContent).toContain('パスワードの誤りが多すぎます。15分後にもう一度お試しください。');
    uiLanguage.value = 'en';
    expect(signInErrorText(new BackgroundError('too_many_attempts', '', { retryAfterMinutes: 1 }))).toBe('Too many wrong passwords. Try again in 1 minute.');
    expect(signInErrorText(new BackgroundError('rate_limited', '', { retryAfterSeconds: 1 }))).toBe('Too many requests. Try again in 1 second.');
    // Without the figure (an older server): a wait of no stated length.
    expect(signInErrorText(new BackgroundError('too_many_attempts', ''))).toBe('Too many attempts. Wait a while, then try again.');
  });
});

describe('default country', () => {
  afterEach(() => (document.body.innerHTML = ''));

  it('offers exactly the countries whose national numbers get call buttons on CRM pages', () => {
    uiLanguage.value = 'ja';
    const { container } = renderUi(<AccountSection account={signedOut} language={null} defaultCountry="JP" sites={[]} actions={actions(async () => undefined)} />);
    const offered = [...container.querySelectorAll<HTMLOptionElement>('#account-country option')].map((option) => option.value);
    expect(offered.toSorted()).toEqual([...BUNDLED_COUNTRIES].sort());
  });
});
