import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { uiLanguage } from '@/locales/i18n';
import { OptionsApp, type OptionsAppProps } from '@/components/options/options-app';
import type { AdminApi } from '@/models/admin-api';
import { createUnsavedChanges } from '@/models/unsaved-changes';
import { CRM_DISCONNECTED, fakeAdminApi } from './fake-admin-api';
import { button, choose, click, field, flush, renderUi, type } from './render';
import { accountActions } from './account-actions';

const ACTIVE_ACCOUNT = {
  configured: true, accountSid: `AC${'1'.repeat(32)}`, friendlyName: '山田商事', status: 'active' as const, type: 'Full' as const,
  authToken: '••••9f9f', apiKeySid: null, twimlAppSid: null,
};

function props(admin: AdminApi | null, overrides: Partial<OptionsAppProps> = {}): OptionsAppProps {
  return {
    account: { signedIn: true, user: { name: '管理 太郎', email: 'admin@example.jp', role: admin ? 'admin' : 'rep' }, serverUrl: 'https://phone.example.jp' },
    language: null,
    defaultCountry: 'JP',
    sites: [],
    actions: accountActions(),
    admin,
    unsaved: createUnsavedChanges(),
    changePassword: async () => undefined,
    ...overrides,
  };
}

/** Each setup step as a screen reader names it. */
const steps = (root: ParentNode) => [...root.querySelectorAll('.yb-nav ol .yb-nav__link')].map((link) => link.getAttribute('aria-label'));
const current = (root: ParentNode) => root.querySelector('.yb-nav__link[aria-current="page"]')?.getAttribute('data-page');

describe('the options page', () => {
  beforeEach(() => (uiLanguage.value = 'ja'));
  afterEach(() => {
    document.body.innerHTML = '';
    vi.unstubAllGlobals();
  });

  it('shows a rep their account, with the place to change their password', () => {
    const { container } = renderUi(<OptionsApp {...props(null)} />);
    expect(container.querySelector('.yb-nav')).toBeNull();
    expect(container.textContent).toContain('管理 太郎（admin@example.jp）でサインイン中');
    expect(container.querySelector('#password-title')?.textContent).toBe('パスワードの変更');
  });

  it('guides an admin through numbered steps, each done or to do, landing on the first to do', async () => {
    const api = fakeAdminApi({ getTwilio: async () => ACTIVE_ACCOUNT, getSetupCheck: async () => ({ ok: false, findings: [], reps: [] }) });
    const { container } = renderUi(<OptionsApp {...props(api)} />);
    await flush();
    await flush();
    // Twilio is connected and there are reps; no number, no outgoing number, no CRM yet.
    expect(steps(container)).toEqual([
      'ステップ 1：Twilio、完了',
      'ステップ 2：着信番号、未完了',
      'ステップ 3：ユーザー、完了',
      'ステップ 4：発信番号、未完了',
      'ステップ 5：CRM、未完了',
      'ステップ 6：セットアップチェック、未完了',
    ]);
    expect(current(container)).toBe('incoming');
    expect(container.querySelector('.yb-step-kicker')?.textContent).toBe('ステップ 2 / 6');
    await click(button(container, '次へ：ユーザー'));
    await flush();
    expect(current(container)).toBe('users');
    expect(container.querySelector('#users-title')).not.toBeNull();
  });

  it('stays on the step the admin just finished, ticking it off', async () => {
    const api = fakeAdminApi({ getTwilio: async () => ACTIVE_ACCOUNT });
    const { container } = renderUi(<OptionsApp {...props(api)} />);
    await flush();
    expect(current(container)).toBe('incoming');
    await click(button(container, '+ 番号を追加'));
    await flush();
    await choose(field<HTMLSelectElement>(container, 'Twilio アカウントの番号'), '+81312345678');
    await click(button(container, '追加'));
    await type(field(container.querySelector('.yb-ivr-node')!, 'ラベル'), '営業');
    await click(container.querySelector<HTMLInputElement>('.yb-ivr-node input[type="checkbox"]')!);
    await click(button(container, '保存'));
    await flush();
    await flush();
    expect(steps(container)[1]).toBe('ステップ 2：着信番号、完了');
    expect(current(container)).toBe('incoming');
    expect(container.querySelector('[role="status"]')?.textContent).toBe('03-1234-5678 を保存しました。');
  });

  it('re-reads the steps when the admin moves on, so a finished step ticks off', async () => {
    let crm = CRM_DISCONNECTED as Awaited<ReturnType<AdminApi['getCrm']>>;
    const api = fakeAdminApi({ getCrm: async () => crm });
    const { container } = renderUi(<OptionsApp {...props(api)} />);
    await flush();
    expect(steps(container)[4]).toBe('ステップ 5：CRM、未完了');
    crm = { ...CRM_DISCONNECTED, connected: true, provider: 'zoho', dataCentre: 'JP', org: null, user: null, connectedAt: '2026-11-24T00:00:00Z', selfClient: true, problem: null } as never;
    await click(container.querySelector<HTMLButtonElement>('.yb-nav__link[data-page="presence"]')!);
    await flush();
    expect(steps(container)[4]).toBe('ステップ 5：CRM、完了');
  });

  it('has its own place for the admin’s account and password', async () => {
    const { container } = renderUi(<OptionsApp {...props(fakeAdminApi())} />);
    await flush();
    await click(container.querySelector<HTMLButtonElement>('.yb-nav__link[data-page="account"]')!);
    expect(container.querySelector('#account-title')?.textContent).toBe('あなたのアカウント');
    expect(container.querySelector('#password-title')).not.toBeNull();
  });

  it('asks before leaving a form with unsaved changes', async () => {
    const confirm = vi.fn(() => false);
    vi.stubGlobal('confirm', confirm);
    const app = props(fakeAdminApi());
    const { container } = renderUi(<OptionsApp {...app} />);
    await flush();
    await click(container.querySelector<HTMLButtonElement>('.yb-nav__link[data-page="incoming"]')!);
    app.unsaved.set('incoming', true);
    await click(container.querySelector<HTMLButtonElement>('.yb-nav__link[data-page="users"]')!);
    expect(confirm).toHaveBeenCalledWith('保存していない変更があります。移動すると変更は失われます。');
    expect(current(container)).toBe('incoming');
  });
});
