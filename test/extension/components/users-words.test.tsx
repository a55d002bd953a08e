import { afterEach, describe, expect, it } from 'vitest';
import { UsersSection } from '@/components/options/users-section';
import { uiLanguage } from '@/locales/i18n';
import type { PublicUser } from '@/models/admin-api';
import { fakeAdminApi } from './fake-admin-api';
import { button, click, flush, renderUi } from './render';

const USERS: PublicUser[] = [
  { id: 'sato', name: '佐藤 花子', email: 'sato@example.jp', role: 'rep', active: true },
  { id: 'suzuki', name: '鈴木 一郎', email: 'suzuki@example.jp', role: 'rep', active: false },
];

describe('the users table speaks of colleagues as its notices do (佐藤 花子さん)', () => {
  afterEach(() => (document.body.innerHTML = ''));

  it('names each row’s buttons and the new password field with さん, as “佐藤 花子さんを追加しました” does', async () => {
    uiLanguage.value = 'ja';
    const { container } = renderUi(<UsersSection api={fakeAdminApi()} users={USERS} onChanged={() => {}} />);
    const names = [...container.querySelectorAll('tbody button')].map((element) => element.getAttribute('aria-label'));
    expect(names).toEqual(['佐藤 花子さんのパスワードを再設定', '佐藤 花子さんを無効にする', '鈴木 一郎さんのパスワードを再設定', '鈴木 一郎さんを有効にする']);
    await click(button(container, '佐藤 花子さんのパスワードを再設定'));
    await flush();
    expect([...container.querySelectorAll('label')].map((label) => label.textContent)).toContain('佐藤 花子さんの新しいパスワード');
  });
});
