import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { uiLanguage } from '@/locales/i18n';
import { AccountSection } from '@/components/options/account-section';
import { MenuSentenceField } from '@/components/options/menu-sentence-field';
import { OutgoingSection } from '@/components/options/outgoing-section';
import { PasswordSection } from '@/components/options/password-section';
import { UsersSection } from '@/components/options/users-section';
import type { AdminApi, PublicUser } from '@/models/admin-api';
import { ApiError } from '@/models/api-error';
import { createUnsavedChanges } from '@/models/unsaved-changes';
import { fakeAdminApi } from './fake-admin-api';
import { button, choose, click, field, flush, renderUi, type } from './render';
import { accountActions } from './account-actions';

const USERS: PublicUser[] = [
  { id: 'sato', name: '佐藤 花子', email: 'sato@example.jp', role: 'rep', active: true },
  { id: 'takahashi', name: '高橋 美咲', email: 'takahashi@example.jp', role: 'rep', active: true },
];
// As the server sends them: the code and the number as people read it, the English only for logs.
const refused = (code: string) => new ApiError(code === 'caller_id_unchecked' ? 502 : 400, code, 'English from the server', [], { params: { number: '03-1234-5678' } });

describe('outgoing numbers', () => {
  beforeEach(() => (uiLanguage.value = 'ja'));
  afterEach(() => (document.body.innerHTML = ''));

  const render = (api: AdminApi) => renderUi(<OutgoingSection api={api} users={USERS} unsaved={createUnsavedChanges()} />);
  const numberSelect = (root: ParentNode, row: number) => field<HTMLSelectElement>(root, `番号 ${row}`);

  it('offers the account’s numbers and its verified caller IDs by name and in national format, never a free-text field', async () => {
    const { container } = render(fakeAdminApi());
    await flush();
    await click(button(container, '+ 行を追加'));
    const groups = [...numberSelect(container, 1).querySelectorAll('optgroup')].map((group) => [group.label, [...group.querySelectorAll('option')].map((o) => o.textContent)]);
    expect(groups).toEqual([
      ['Twilio アカウントの番号', ['03-1234-5678 東京代表', '06-1234-5678 大阪']],
      ['認証済みの発信者番号', ['050-1234-5678']],
    ]);
    expect(container.querySelector('input[type="tel"], input[list]')).toBeNull();
  });

  it('confirms a save in words', async () => {
    const saveOutgoing = vi.fn(async (row: Parameters<AdminApi['saveOutgoing']>[0]) => row);
    const { container } = render(fakeAdminApi({ saveOutgoing }));
    await flush();
    await click(button(container, '+ 行を追加'));
    await choose(field<HTMLSelectElement>(container, 'ユーザー 1'), 'sato');
    await choose(numberSelect(container, 1), '+815012345678');
    await click(button(container, '保存'));
    await flush();
    expect(saveOutgoing).toHaveBeenCalledWith({ user: 'sato', number: '+815012345678', record: false });
    expect(container.querySelector('[role="status"]')?.textContent).toBe('保存しました：佐藤 花子さんは 050-1234-5678 から発信します。');
    expect(button(container, '保存').disabled).toBe(true);
  });

  it('flags a stored number Twilio would refuse (say, from an import)', async () => {
    const { container } = render(fakeAdminApi({ listOutgoing: async () => [{ user: 'takahashi', number: '+81399990000', record: false }] }));
    await flush();
    const select = numberSelect(container, 1);
    expect(select.selectedOptions[0]?.textContent).toBe('03-9999-0000（使用できません）');
    expect(select.getAttribute('aria-invalid')).toBe('true');
    expect(container.querySelector(`#${select.getAttribute('aria-describedby')}`)?.textContent).toBe('Twilio はこの番号からの発信を拒否します。別の番号を選んでください。');
  });

  it.each([
    ['caller_id_not_usable', '03-1234-5678 は Twilio アカウントの番号でも認証済みの発信者番号でもないため'],
    ['caller_id_unchecked', '03-1234-5678 が発信者番号として使えるか Twilio に確認できなかったため、保存していません。'],
    ['twilio_not_configured', '先に Twilio を設定してください（ステップ 1）。'],
  ])('words the server’s %s in the page language', async (code, sentence) => {
    const { container } = render(fakeAdminApi({ saveOutgoing: async () => Promise.reject(refused(code)) }));
    await flush();
    await click(button(container, '+ 行を追加'));
    await choose(field<HTMLSelectElement>(container, 'ユーザー 1'), 'sato');
    await choose(numberSelect(container, 1), '+81312345678');
    await click(button(container, '保存'));
    await flush();
    expect(container.querySelector('.yb-field__error')?.textContent).toContain(sentence);
    expect(container.querySelector('[role="status"]')).toBeNull();
  });

  it('says so when Twilio’s numbers cannot be read', async () => {
    const { container } = render(fakeAdminApi({ listCallerIds: async () => Promise.reject(new ApiError(502, 'twilio_unreachable', 'x')) }));
    await flush();
    expect(container.querySelector('[role="alert"]')?.textContent).toBe('Twilio から番号を読み込めませんでした：サーバーから Twilio に接続できませんでした。サーバーのネットワーク接続（または TWILIO_API_URL）を確認して再試行してください。');
  });
});

describe('one’s own password', () => {
  beforeEach(() => (uiLanguage.value = 'ja'));
  afterEach(() => (document.body.innerHTML = ''));

  async function fill(container: HTMLElement, current: string, next: string, again = next) {
    await type(field(container, '現在のパスワード'), current);
    await type(field(container, '新しいパスワード'), next);
    await type(field(container, '新しいパスワード（確認）'), again);
    await click(button(container, 'パスワードを変更'));
    await flush();
  }

  it('changes it and says so', async () => {
    const change = vi.fn(async () => undefined);
    const { container } = renderUi(<PasswordSection change={change} />);
    await fill(container, 'generated-Xy7k2', 'わたしの新しいパスワード');
    expect(change).toHaveBeenCalledWith('generated-Xy7k2', 'わたしの新しいパスワード');
    expect(container.querySelector('[role="status"]')?.textContent).toBe('パスワードを変更しました。');
    expect(field(container, '現在のパスワード').value).toBe('');
  });

  it('checks length and the repeat before sending, and shows a wrong current password at its field', async () => {
    const change = vi.fn(async () => Promise.reject(new ApiError(400, 'wrong_password', 'x')));
    const { container } = renderUi(<PasswordSection change={change} />);
    await fill(container, 'old', 'short');
    expect(container.querySelector('#password-new-error')?.textContent).toBe('8文字以上にしてください。');
    await fill(container, 'old', 'long enough 1', 'long enough 2');
    expect(container.querySelector('#password-confirm-error')?.textContent).toBe('確認用のパスワードが一致しません。');
    expect(change).not.toHaveBeenCalled();
    await fill(container, 'old', 'long enough 1');
    expect(container.querySelector('#password-current-error')?.textContent).toBe('現在のパスワードが正しくありません。');
  });
});

describe('adding a user', () => {
  beforeEach(() => (uiLanguage.value = 'ja'));
  afterEach(() => (document.body.innerHTML = ''));

  it('says what is wrong in Japanese before sending, without moving the form', async () => {
    const createUser = vi.fn(async () => USERS[0]!);
    const { container } = renderUi(<UsersSection api={fakeAdminApi({ createUser })} users={USERS} onChanged={() => undefined} />);
    const slots = () => [...container.querySelectorAll('.yb-user-form .yb-field__error')].map((slot) => slot.id);
    // Every field keeps a line for its error from the start: an error fills it, nothing shifts.
    expect(slots()).toEqual(['new-user-name-error', 'new-user-email-error', 'new-user-role-error', 'new-user-password-error', '']);
    await type(field(container, '名前'), '伊藤 さくら');
    await type(field(container, 'メールアドレス'), 'ito@');
    await type(field(container, 'パスワード'), 'short');
    await click(button(container, 'ユーザーを追加'));
    expect(container.querySelector('#new-user-email-error')?.textContent).toBe('sato@example.jp のようなメールアドレスを入力してください。');
    expect(container.querySelector('#new-user-password-error')?.textContent).toBe('8文字以上にしてください。');
    expect(slots()).toHaveLength(5);
    expect(createUser).not.toHaveBeenCalled();
  });

  it('confirms the new user', async () => {
    const createUser = vi.fn(async () => ({ id: 'ito', name: '伊藤 さくら', email: 'ito@example.jp', role: 'rep' as const, active: true }));
    const { container } = renderUi(<UsersSection api={fakeAdminApi({ createUser })} users={USERS} onChanged={() => undefined} />);
    await type(field(container, '名前'), '伊藤 さくら');
    await type(field(container, 'メールアドレス'), 'ito@example.jp');
    await type(field(container, 'パスワード'), 'sakura-password');
    await click(button(container, 'ユーザーを追加'));
    await flush();
    expect(container.querySelector('[role="status"]')?.textContent).toBe('伊藤 さくらさんを追加しました。');
  });
});

describe('the menu sentence', () => {
  afterEach(() => (document.body.innerHTML = ''));

  it.each([
    ['ja', ['メニュー名', 'キー番号'], '発信者に聞こえる例：「営業の場合、1を押してください。」'],
    ['en', ['menu name', 'key'], 'Callers hear: “営業の場合、1を押してください。”'],
  ] as const)('names its slots in the page language (%s), not ${Menu}, and shows what callers hear', (language, slots, example) => {
    uiLanguage.value = language;
    const { container } = renderUi(<MenuSentenceField template={undefined} language="ja-JP" example={{ label: '営業', key: 1 }} onChange={() => undefined} />);
    expect([...container.querySelectorAll('.yb-slot')].map((slot) => slot.textContent)).toEqual(slots);
    expect(container.textContent).not.toContain('${');
    expect(container.querySelector('.yb-sentence__example')?.textContent).toBe(example);
  });

  it('stores Zoho’s placeholders, and nothing while the sentence is the default', async () => {
    uiLanguage.value = 'ja';
    const onChange = vi.fn();
    const { container } = renderUi(<MenuSentenceField template={undefined} language="ja-JP" example={{ label: '営業', key: 1 }} onChange={onChange} />);
    await type(field(container, '「キー番号」の後の言葉'), 'を押してね。');
    expect(onChange).toHaveBeenLastCalledWith('${Menu}の場合、${Key press}を押してね。');
    await type(field(container, '「キー番号」の後の言葉'), 'を押してください。');
    expect(onChange).toHaveBeenLastCalledWith(undefined);
  });
});

describe('countries', () => {
  afterEach(() => (document.body.innerHTML = ''));

  it('are listed by name in the page language, not by ISO code', () => {
    uiLanguage.value = 'ja';
    const actions = accountActions();
    const { container } = renderUi(<AccountSection account={{ signedIn: false, user: null, serverUrl: null }} language={null} defaultCountry="JP" sites={[]} actions={actions} />);
    const country = field<HTMLSelectElement>(container, '既定の国');
    expect(country.selectedOptions[0]?.textContent).toBe('日本');
    expect([...country.options].map((option) => option.textContent)).toContain('アメリカ合衆国');
    expect([...country.options].some((option) => /^[A-Z]{2}$/.test(option.textContent ?? ''))).toBe(false);
  });
});
