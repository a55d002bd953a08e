import { afterEach, describe, expect, it } from 'vitest';
import { UsersSection } from '@/components/options/users-section';
import { uiLanguage } from '@/locales/i18n';
import type { NewUser, PublicUser } from '@/models/admin-api';
import { ApiError } from '@/models/api-error';
import { fakeAdminApi } from './fake-admin-api';
import { button, choose, click, field, flush, renderUi, type } from './render';

const USERS: PublicUser[] = [
  { id: 'sato', name: '佐藤 花子', email: 'sato@example.jp', role: 'rep', active: true },
  { id: 'yamada', name: '山田 太郎', email: 'yamada@example.jp', role: 'admin', active: true },
];

describe('an admin gives each user one of the three roles', () => {
  afterEach(() => (document.body.innerHTML = ''));

  it('adds a supervisor as a supervisor (the form kept only rep or admin)', async () => {
    uiLanguage.value = 'ja';
    const created: NewUser[] = [];
    const api = fakeAdminApi({ createUser: async (user) => (created.push(user), { id: 'nakamura', active: true, ...user }) });
    const { container } = renderUi(<UsersSection api={api} users={USERS} onChanged={() => {}} />);
    await type(field(container, '名前'), '中村 由美');
    await type(field(container, 'メールアドレス'), 'nakamura@example.jp');
    await choose(field<HTMLSelectElement>(container, '役割'), 'supervisor');
    expect(field<HTMLSelectElement>(container, '役割').value).toBe('supervisor');
    await type(field(container, 'パスワード'), 'correct horse battery');
    await click(button(container, 'ユーザーを追加'));
    await flush();
    expect(created.map((user) => user.role)).toEqual(['supervisor']);
  });

  it('changes a colleague’s role from the table and says so, in both languages', async () => {
    for (const [language, label, notice] of [
      ['ja', '佐藤 花子さんの役割', '佐藤 花子さんの役割をスーパーバイザーに変更しました。'],
      ['en', 'Role of 佐藤 花子', "佐藤 花子's role is now Supervisor."],
    ] as const) {
      uiLanguage.value = language;
      const patches: { id: string; role: unknown }[] = [];
      const api = fakeAdminApi({ updateUser: async (id, patch) => (patches.push({ id, role: patch.role }), { ...USERS[0]!, ...patch }) });
      const { container } = renderUi(<UsersSection api={api} users={USERS} onChanged={() => {}} />);
      const select = container.querySelector<HTMLSelectElement>(`select[aria-label="${label}"]`);
      expect(select?.value).toBe('rep');
      await choose(select!, 'supervisor');
      await flush();
      expect(patches).toEqual([{ id: 'sato', role: 'supervisor' }]);
      expect(container.querySelector('[role="status"]')?.textContent).toBe(notice);
      document.body.innerHTML = '';
    }
  });

  it('says in the page language why the server refused (an admin cannot take away their own admin role)', async () => {
    uiLanguage.value = 'ja';
    const api = fakeAdminApi({
      updateUser: async () => {
        throw new ApiError(400, 'invalid_input', 'users[1].role: cannot_demote_self', [
          { path: 'users[1].role', code: 'cannot_demote_self', message: 'you cannot remove your own admin role' },
        ]);
      },
    });
    const { container } = renderUi(<UsersSection api={api} users={USERS} onChanged={() => {}} />);
    const select = container.querySelector<HTMLSelectElement>('select[aria-label="山田 太郎さんの役割"]')!;
    await choose(select, 'rep');
    await flush();
    expect(container.querySelector('[role="alert"]')?.textContent).toContain('自分の管理者権限は外せません。');
    expect(select.value).toBe('admin');
  });
});
