import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AccountSection, type AccountSectionProps } from '@/components/options/account-section';
import { InvitesSection } from '@/components/options/invites-section';
import { uiLanguage } from '@/locales/i18n';
import { BackgroundError } from '@/messaging/send';
import type { InviteLink } from '@/models/invite-link';
import { fakeAdminApi } from './fake-admin-api';
import { button, click, field, flush, renderUi, type } from './render';
import { accountActions } from './account-actions';

const TOKEN = `yi_${'k'.repeat(43)}`;
const LINK = `https://phone.example.jp/invite#${TOKEN}`;

function account(overrides: Partial<AccountSectionProps> = {}): AccountSectionProps {
  return {
    account: { signedIn: false, user: null, serverUrl: null },
    language: null,
    defaultCountry: 'JP',
    sites: [],
    actions: accountActions(),
    ...overrides,
  };
}

beforeEach(() => (uiLanguage.value = 'ja'));
afterEach(() => {
  document.body.innerHTML = '';
  vi.unstubAllGlobals();
});

describe('a rep with an invitation link', () => {
  it('pastes it, sees whom it is for, chooses a password and name, and is signed in to the link’s server', async () => {
    const accepted: [InviteLink, string, string | undefined][] = [];
    const { container } = renderUi(
      <AccountSection
        {...account({
          actions: {
            ...account().actions,
            lookupInvite: async () => ({ email: 'sato@example.jp', name: '佐藤 花子', expiresAt: '2026-12-01T00:00:00Z', existingUser: false }),
            acceptInvite: async (link, password, name) => void accepted.push([link, password, name]),
          },
        })}
      />,
    );
    await type(field(container, '招待リンク'), `  ${LINK}\n`);
    await click(button(container, '次へ'));
    await flush();
    expect(container.textContent).toContain('https://phone.example.jp への招待（sato@example.jp）');
    expect(field(container, 'お名前').value).toBe('佐藤 花子');
    await type(field(container, 'パスワードを決めてください（8文字以上）'), 'my own passphrase');
    await click(button(container, '承諾してサインイン'));
    await flush();
    expect(accepted).toEqual([[{ serverUrl: 'https://phone.example.jp', token: TOKEN }, 'my own passphrase', '佐藤 花子']]);
  });

  it.each([
    ['invite_expired', 'この招待は有効期限が切れています。管理者に再送を依頼してください。'],
    ['invite_used', 'この招待はすでに使われています。メールアドレスとパスワードでサインインしてください。'],
    ['invite_revoked', 'この招待は管理者によって取り消されました。'],
    ['invite_unknown', 'この招待リンクは無効です。リンク全体がコピーされているか確認するか、管理者に新しいリンクを依頼してください。'],
  ])('is told plainly when the link is %s', async (code, sentence) => {
    const { container } = renderUi(
      <AccountSection
        {...account({
          actions: {
            ...account().actions,
            lookupInvite: async () => {
              throw Object.assign(new Error('English from the server'), { code });
            },
            acceptInvite: async () => undefined,
          },
        })}
      />,
    );
    await type(field(container, '招待リンク'), LINK);
    await click(button(container, '次へ'));
    await flush();
    expect(container.querySelector('[role="alert"]')?.textContent).toBe(sentence);
  });

  it('signs in an existing user with their password, and says so when it is wrong', async () => {
    const { container } = renderUi(
      <AccountSection
        {...account({
          actions: {
            ...account().actions,
            lookupInvite: async () => ({ email: 'suzuki@example.jp', name: '鈴木', expiresAt: '2026-12-01T00:00:00Z', existingUser: true }),
            acceptInvite: async () => {
              throw new BackgroundError('invalid_credentials', 'The e-mail address or password is incorrect.');
            },
          },
        })}
      />,
    );
    await type(field(container, '招待リンク'), LINK);
    await click(button(container, '次へ'));
    await flush();
    expect(container.querySelector('#invite-name')).toBeNull();
    await type(field(container, 'アカウントをお持ちです。お使いのパスワード'), 'wrong');
    await click(button(container, '承諾してサインイン'));
    await flush();
    expect(container.querySelector('[role="alert"]')?.textContent).toBe('メールアドレスまたはパスワードが違います。');
  });

  it('refuses a link for another server than the one the organisation locked, without asking it', async () => {
    const lookupInvite = vi.fn();
    const { container } = renderUi(
      <AccountSection
        {...account({
          managed: { serverUrl: 'https://yobidashi.corp.example.jp', lockServerUrl: true },
          actions: { ...account().actions, lookupInvite, acceptInvite: async () => undefined },
        })}
      />,
    );
    expect(field(container, 'サーバー URL').readOnly).toBe(true);
    expect(field(container, 'サーバー URL').value).toBe('https://yobidashi.corp.example.jp');
    await type(field(container, '招待リンク'), LINK);
    await click(button(container, '次へ'));
    expect(container.querySelector('[role="alert"]')?.textContent).toContain('https://yobidashi.corp.example.jp に設定されています');
    expect(lookupInvite).not.toHaveBeenCalled();
  });
});

describe('settings the organisation set', () => {
  it('marks managed sites as such, without a remove button, and names the default language', () => {
    const { container } = renderUi(
      <AccountSection
        {...account({
          sites: ['https://crm.example.jp', 'https://app.hubspot.com'],
          managed: { enabledSites: ['https://crm.example.jp'], defaultLanguage: 'ja' },
        })}
      />,
    );
    const items = [...container.querySelectorAll('li')].map((item) => item.textContent);
    expect(items).toEqual(['https://crm.example.jp 組織による設定', 'https://app.hubspot.com https://app.hubspot.com を削除']);
    expect(container.textContent).toContain('組織の既定：日本語');
  });
});

describe('the admin inviting reps', () => {
  it('invites a pasted list and offers each link to copy or e-mail', async () => {
    const createInvites = vi.fn(fakeAdminApi().createInvites);
    const { container } = renderUi(<InvitesSection api={fakeAdminApi({ createInvites })} serverUrl="https://phone.example.jp" />);
    await flush();
    expect(container.textContent).toContain('招待はまだありません。');
    await type(field<HTMLTextAreaElement>(container, 'メールアドレス'), '佐藤 花子 <sato@example.jp>\ntanaka@example.jp\nnot-an-address');
    expect(container.textContent).toContain('読み取ったアドレス：2件');
    expect(container.textContent).toContain('アドレスではないため除外：not-an-address');
    await click(button(container, '招待を作成'));
    await flush();
    expect(createInvites).toHaveBeenCalledWith([{ email: 'sato@example.jp', name: '佐藤 花子' }, { email: 'tanaka@example.jp' }], 7);
    const mail = container.querySelector<HTMLAnchorElement>('a[href^="mailto:sato%40example.jp"]');
    const body = decodeURIComponent(new URL(mail!.href).searchParams.get('body') ?? '');
    expect(body).toContain(`https://phone.example.jp/invite#yi_${'0'.repeat(43)}`);
    expect(body).toContain('2026年12月1日 9:00 日本標準時まで有効');
    expect(body).toContain('valid until December 1, 2026 at 9:00 AM Japan Standard Time');

    const writeText = vi.fn(async () => undefined);
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    await click(button(container, 'sato@example.jp のリンクをコピー'));
    expect(writeText).toHaveBeenCalledWith(`https://phone.example.jp/invite#yi_${'0'.repeat(43)}`);
  });
});
