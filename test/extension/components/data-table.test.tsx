import { afterEach, describe, expect, it } from 'vitest';
import { DataTable } from '@/components/options/data-table';
import { UsersSection } from '@/components/options/users-section';
import { uiLanguage } from '@/locales/i18n';
import { fakeAdminApi } from './fake-admin-api';
import { renderUi } from './render';

const headings = (root: ParentNode) =>
  [...root.querySelectorAll('thead th')].map((th) => ({ scope: th.getAttribute('scope'), text: th.textContent, hidden: th.querySelector('.yb-visually-hidden') !== null }));

describe('a table of the options page', () => {
  const language = uiLanguage.value;
  afterEach(() => {
    document.body.innerHTML = '';
    uiLanguage.value = language;
  });

  it('heads each column for a screen reader, the actions column with a name only a screen reader reads', () => {
    const { container } = renderUi(
      <DataTable columns={['名前', 'メール']} actions="編集" testId="people">
        <tr><td>佐藤 花子</td><td>sato@example.jp</td><td><button type="button">削除</button></td></tr>
      </DataTable>,
    );
    expect(headings(container)).toEqual([
      { scope: 'col', text: '名前', hidden: false },
      { scope: 'col', text: 'メール', hidden: false },
      { scope: 'col', text: '編集', hidden: true },
    ]);
    const table = container.querySelector('.yb-table-wrap > table.yb-table');
    expect(table?.getAttribute('data-testid')).toBe('people');
    expect([...container.querySelectorAll('tbody tr td')].map((td) => td.textContent)).toEqual(['佐藤 花子', 'sato@example.jp', '削除']);
  });

  it('has no actions column when its rows have no buttons', () => {
    const { container } = renderUi(<DataTable columns={['番号', '応答可能']}>{null}</DataTable>);
    expect(headings(container).map((heading) => heading.text)).toEqual(['番号', '応答可能']);
    expect(container.querySelector('table')?.hasAttribute('data-testid')).toBe(false);
  });

  it('is the users table as a screen reader reads it, in the page language', () => {
    uiLanguage.value = 'en';
    const { container } = renderUi(
      <UsersSection api={fakeAdminApi()} users={[{ id: 'sato', name: 'Hanako Sato', email: 'sato@example.jp', role: 'rep', active: true }]} onChanged={() => {}} />,
    );
    expect(headings(container)).toEqual([
      { scope: 'col', text: 'Name', hidden: false },
      { scope: 'col', text: 'Email', hidden: false },
      { scope: 'col', text: 'Role', hidden: false },
      { scope: 'col', text: 'Edit', hidden: true },
    ]);
  });
});
