import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CrmSection } from '@/components/options/crm-section';
import { uiLanguage } from '@/locales/i18n';
import type { CrmDelivery, CrmStatus } from '@/models/admin-api';
import { ApiError } from '@/models/api-error';
import { CRM_DISCONNECTED, fakeAdminApi } from './fake-admin-api';
import { button, choose, click, field, flush, renderUi, type } from './render';

const CONNECTED: CrmStatus = {
  connected: true,
  provider: 'zoho',
  dataCentre: 'JP',
  apiDomain: 'https://www.zohoapis.jp',
  org: { id: '90000001', name: '株式会社よびだし', timeZone: 'Asia/Tokyo' },
  user: { id: '5725767000000411001', name: '佐藤 花子', email: 'sato@example.jp' },
  connectedAt: '2026-11-24T03:00:00.000Z',
  selfClient: true,
  problem: null,
  serverClient: false,
  outbox: { pending: 2, parked: 1 },
  settings: { deleteRecordingsAfterUpload: false },
};

const PARKED: CrmDelivery[] = [
  { id: '7', callSid: 'CA0001', kind: 'log-call', status: 'parked', attempts: 12, lastError: 'INVALID_DATA: Call_Duration', updatedAt: '2026-11-24T03:10:00.000Z' },
  { id: '9', callSid: 'CA0002', kind: 'attach-recording', status: 'parked', attempts: 1, lastError: 'recording_not_found: Twilio has no recording', updatedAt: '2026-11-24T03:20:00.000Z' },
];

async function fillSelfClient(container: HTMLElement, labels: { id: string; secret: string; code: string }, code = '1000.grant') {
  await type(field(container, labels.id), ' 1000.CLIENT ');
  await type(field(container, labels.secret), 'secret');
  await type(field(container, labels.code), code);
}
const JA = { id: 'クライアント ID', secret: 'クライアントシークレット', code: 'グラントコード' };
const EN = { id: 'Client ID', secret: 'Client secret', code: 'Grant code' };

describe('the CRM tab', () => {
  beforeEach(() => (uiLanguage.value = 'ja'));
  afterEach(() => {
    document.body.innerHTML = '';
    vi.unstubAllGlobals();
  });

  it('connects with a Self Client grant code in the chosen data centre, then shows the org and user but no secret', async () => {
    let status: CrmStatus = { ...CRM_DISCONNECTED, serverClient: false };
    const connectZoho = vi.fn(async () => {
      status = CONNECTED;
      return CONNECTED;
    });
    const { container } = renderUi(<CrmSection api={fakeAdminApi({ getCrm: async () => status, connectZoho })} />);
    await flush();
    expect(container.textContent).toContain('Zoho CRM は未接続です');
    expect(container.textContent).toContain('このサーバーには Zoho クライアントが設定されていません');
    await choose(field<HTMLSelectElement>(container, 'データセンター'), 'EU');
    await fillSelfClient(container, JA);
    await click(button(container, '接続'));
    await flush();
    expect(connectZoho).toHaveBeenCalledWith({ dataCentre: 'EU', code: '1000.grant', clientId: '1000.CLIENT', clientSecret: 'secret' });
    const summary = container.querySelector('[data-testid="crm-connection"]')!.textContent;
    expect(summary).toContain('日本（zoho.jp）');
    expect(summary).toContain('株式会社よびだし');
    expect(summary).toContain('佐藤 花子（sato@example.jp）');
    expect(summary).toContain('Self Client');
    expect(container.textContent).toContain('送信待ち：2件 · 要対応：1件');
    expect(container.querySelector('[data-testid="crm-connect"]')).toBeNull();
    expect(container.textContent).not.toContain('secret');
  });

  it.each([
    ['ja', JA, 'zoho_invalid_code', 'グラントコード', 'Zoho がこのグラントコードを拒否しました。誤り、期限切れ、または使用済みです。新しいコードを生成してください。'],
    ['en', EN, 'zoho_invalid_code', 'Grant code', 'Zoho refused this grant code: it is wrong, expired or already used. Generate a new one.'],
    ['ja', JA, 'zoho_invalid_client', 'クライアント ID', '選択したデータセンターの Zoho に、このクライアント ID とシークレットは登録されていません。'],
    ['en', EN, 'zoho_invalid_client', 'Client ID', 'Zoho does not know this client ID and secret in the chosen data centre.'],
    ['ja', JA, 'zoho_untrusted_api_domain', 'データセンター', 'Zoho がこのデータセンター以外の API アドレスを指定したため、何も送信していません。データセンターを確認して、もう一度接続してください。'],
    ['en', EN, 'zoho_untrusted_api_domain', 'Data centre', 'Zoho named an API address outside this data centre, so nothing was sent there. Check the data centre and connect again.'],
  ] as const)('shows Zoho’s refusal (%s, %s) next to the field it concerns, keeping what was typed', async (language, labels, code, fieldLabel, sentence) => {
    uiLanguage.value = language;
    const connectZoho = async () => {
      throw new ApiError(400, code, 'The grant code is invalid, expired or already used');
    };
    const { container } = renderUi(<CrmSection api={fakeAdminApi({ connectZoho })} />);
    await flush();
    await fillSelfClient(container, labels, 'expired-code');
    await click(button(container, language === 'ja' ? '接続' : 'Connect'));
    await flush();
    const control = field(container, fieldLabel);
    expect(control.getAttribute('aria-invalid')).toBe('true');
    const describedBy = control.getAttribute('aria-describedby')!.split(' ');
    expect(describedBy.map((id) => document.getElementById(id)?.textContent)).toContain(sentence);
    expect(field(container, labels.code).value).toBe('expired-code');
    expect(field(container, labels.secret).value).toBe('secret');
  });

  it('asks for the missing fields before sending anything', async () => {
    const connectZoho = vi.fn(async () => CONNECTED);
    const { container } = renderUi(<CrmSection api={fakeAdminApi({ connectZoho })} />);
    await flush();
    await type(field(container, JA.code), '1000.grant');
    await click(button(container, '接続'));
    expect(connectZoho).not.toHaveBeenCalled();
    expect(field(container, JA.id).getAttribute('aria-invalid')).toBe('true');
    expect(field(container, JA.code).getAttribute('aria-invalid')).toBe('false');
    expect(container.textContent).toContain('この項目を入力してください。');
  });

  it('signs in with Zoho in a new tab for the chosen data centre, then checks the connection', async () => {
    const openUrl = vi.fn();
    const zohoAuthorizeUrl = vi.fn(async () => 'https://accounts.zoho.com/oauth/v2/auth?client_id=1000.X');
    const getCrm = vi.fn(async () => CRM_DISCONNECTED as CrmStatus);
    const { container } = renderUi(<CrmSection api={fakeAdminApi({ zohoAuthorizeUrl, getCrm })} openUrl={openUrl} />);
    await flush();
    await choose(field<HTMLSelectElement>(container, 'データセンター'), 'US');
    await click(button(container, 'Zoho でサインイン'));
    await flush();
    expect(zohoAuthorizeUrl).toHaveBeenCalledWith('US');
    expect(openUrl).toHaveBeenCalledWith('https://accounts.zoho.com/oauth/v2/auth?client_id=1000.X');
    expect(container.textContent).toContain('Zoho のタブで操作を終えたら、接続を確認してください。');
    getCrm.mockResolvedValue(CONNECTED);
    await click(button(container, '接続を確認'));
    await flush();
    expect(container.querySelector('[data-testid="crm-connection"]')?.textContent).toContain('株式会社よびだし');
  });

  it.each([
    ['ja', 'Zoho CRM にもう一度接続するまで、着信時に CRM のレコードは表示されず、通話記録は送信待ちのまま保持されます。', '再接続'],
    ['en', 'Until you connect Zoho CRM again, incoming calls show no CRM record and call logs wait to be sent.', 'Connect again'],
  ] as const)('says, in the admin’s language (%s), that the stored connection cannot be read since SECRET_KEY changed', async (language, sentence, reconnect) => {
    uiLanguage.value = language;
    const status: CrmStatus = {
      ...CONNECTED,
      problem: 'The stored Zoho CRM tokens cannot be decrypted: SECRET_KEY changed since Zoho CRM was connected. Connect Zoho CRM again.',
      problemCode: 'zoho_secrets_unreadable',
    };
    const { container } = renderUi(<CrmSection api={fakeAdminApi({ getCrm: async () => status })} />);
    await flush();
    const alert = container.querySelector('[role="alert"]')!.textContent;
    expect(alert).toContain(sentence);
    expect(alert).not.toContain('cannot be decrypted');
    expect(button(container, reconnect)).toBeTruthy();
  });

  it('shows Zoho’s refusal as recorded when the connection broke at Zoho', async () => {
    const status: CrmStatus = { ...CONNECTED, problem: 'oauth_revoked: the refresh token was revoked', problemCode: null };
    const { container } = renderUi(<CrmSection api={fakeAdminApi({ getCrm: async () => status })} />);
    await flush();
    expect(container.querySelector('[role="alert"]')!.textContent).toBe('送信を停止しています：oauth_revoked: the refresh token was revoked。Zoho CRM に再接続してください。');
  });

  it('disconnects only after the admin confirms', async () => {
    const disconnectCrm = vi.fn(async () => undefined);
    const confirm = vi.fn(() => false);
    vi.stubGlobal('confirm', confirm);
    let status: CrmStatus = CONNECTED;
    const api = fakeAdminApi({ getCrm: async () => status, disconnectCrm: async () => ((status = CRM_DISCONNECTED), disconnectCrm()) });
    const { container } = renderUi(<CrmSection api={api} />);
    await flush();
    await click(button(container, '接続を解除'));
    expect(confirm).toHaveBeenCalledWith(expect.stringContaining('Zoho CRM との接続を解除しますか'));
    expect(disconnectCrm).not.toHaveBeenCalled();
    confirm.mockReturnValue(true);
    await click(button(container, '接続を解除'));
    await flush();
    expect(disconnectCrm).toHaveBeenCalledTimes(1);
    expect(container.textContent).toContain('Zoho CRM は未接続です');
  });

  it('matches reps to Zoho users and lists who matched and who did not', async () => {
    const syncCrmUsers = vi.fn(async () => ({
      matched: [{ userId: 'sato', name: '佐藤', email: 'sato@example.jp', crmUserId: '5725767000000411001', crmUserName: '佐藤 花子' }],
      unmatched: [{ userId: 'kimura', name: '木村', email: 'kimura@example.jp' }],
      crmUsers: [],
    }));
    const { container } = renderUi(<CrmSection api={fakeAdminApi({ getCrm: async () => CONNECTED, syncCrmUsers })} />);
    await flush();
    await click(button(container, 'ユーザーを照合'));
    await flush();
    const lists = [...container.querySelectorAll('[data-testid="crm-user-matching"] ul')].map((list) => [list.getAttribute('aria-label'), list.textContent]);
    expect(lists).toEqual([
      ['照合済み（1人）', '佐藤（sato@example.jp）→ 佐藤 花子'],
      ['同じメールアドレスの有効な Zoho ユーザーなし（1人）', '木村（kimura@example.jp）'],
    ]);
  });

  it('shows why matching failed', async () => {
    const syncCrmUsers = async () => {
      throw new ApiError(502, 'zoho_unavailable', 'Zoho did not answer');
    };
    const { container } = renderUi(<CrmSection api={fakeAdminApi({ getCrm: async () => CONNECTED, syncCrmUsers })} />);
    await flush();
    await click(button(container, 'ユーザーを照合'));
    await flush();
    expect(container.querySelector('[role="alert"]')?.textContent).toBe('Zoho から応答がありません。しばらくしてから再試行してください。');
  });

  it('lists parked deliveries with their reason, retries one, and retries all', async () => {
    let parked = [...PARKED];
    const retryDelivery = vi.fn(async (id: string) => {
      parked = parked.filter((entry) => entry.id !== id);
      return { ...PARKED[0]!, status: 'pending' as const };
    });
    const retryParkedDeliveries = vi.fn(async () => {
      const count = parked.length;
      parked = [];
      return count;
    });
    const api = fakeAdminApi({ getCrm: async () => CONNECTED, listParkedDeliveries: async () => parked, retryDelivery, retryParkedDeliveries });
    const { container } = renderUi(<CrmSection api={api} />);
    await flush();
    const rows = () => [...container.querySelectorAll('[data-testid="crm-parked"] tbody tr')].map((row) => [...row.querySelectorAll('td')].slice(0, 4).map((cell) => cell.textContent));
    expect(rows()).toEqual([
      ['CA0001', '通話記録', '12', 'INVALID_DATA: Call_Duration'],
      ['CA0002', '録音', '1', 'recording_not_found: Twilio has no recording'],
    ]);
    await click(button(container, '通話 CA0001 の通話記録を再送'));
    await flush();
    expect(retryDelivery).toHaveBeenCalledWith('7');
    expect(rows()).toEqual([['CA0002', '録音', '1', 'recording_not_found: Twilio has no recording']]);
    await click(button(container, 'すべて再送'));
    await flush();
    expect(retryParkedDeliveries).toHaveBeenCalledTimes(1);
    expect(container.querySelector('[data-testid="crm-parked"]')).toBeNull();
    expect(container.textContent).toContain('1件を再送待ちにしました');
    expect(container.textContent).toContain('対応が必要な送信はありません。');
  });

  it('saves the choice to delete recordings from Twilio, and puts the box back when the save fails', async () => {
    const saveCrmSettings = vi.fn(async (settings: CrmStatus['settings']) => settings);
    const { container } = renderUi(<CrmSection api={fakeAdminApi({ getCrm: async () => CONNECTED, saveCrmSettings })} />);
    await flush();
    const box = field(container, 'CRM に添付した録音を Twilio から削除する');
    expect(box.checked).toBe(false);
    await click(box);
    await flush();
    expect(saveCrmSettings).toHaveBeenCalledWith({ deleteRecordingsAfterUpload: true });
    expect(box.checked).toBe(true);
    expect(container.textContent).toContain('保存しました');

    saveCrmSettings.mockRejectedValueOnce(new ApiError(500, 'internal', 'Something went wrong on the server. It has been logged.'));
    await click(box);
    await flush();
    expect(saveCrmSettings).toHaveBeenLastCalledWith({ deleteRecordingsAfterUpload: false });
    expect(box.checked).toBe(true);
    expect(box.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById('crm-delete-recordings-error')?.textContent).toBe('サーバーで問題が発生しました。もう一度お試しください。続く場合は管理者に連絡してください。');
  });
});
