import { afterEach, describe, expect, it } from 'vitest';
import { CrmSection } from '@/components/options/crm-section';
import { uiLanguage, type UiLanguage } from '@/locales/i18n';
import type { CrmStatus } from '@/models/admin-api';
import { fakeAdminApi } from './fake-admin-api';
import { flush, renderUi } from './render';

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
  // A CRM that was down over a busy weekend.
  outbox: { pending: 1234, parked: 0 },
  settings: { deleteRecordingsAfterUpload: false },
};

async function crmTab(language: UiLanguage) {
  uiLanguage.value = language;
  const { container } = renderUi(<CrmSection api={fakeAdminApi({ getCrm: async () => CONNECTED, listParkedDeliveries: async () => [] })} />);
  await flush();
  return container;
}

describe('the CRM tab’s figures and words', () => {
  afterEach(() => (document.body.innerHTML = ''));

  it('counts the deliveries waiting with thousands separators, and does not call the stuck ones 保留 (a call on hold)', async () => {
    const container = await crmTab('ja');
    expect(container.textContent).toContain('送信待ち：1,234件 · 要対応：0件');
    expect(container.textContent).toContain('対応が必要な送信はありません。');
    expect(container.textContent).not.toContain('保留');
  });

  it('in English, names the stuck deliveries as their list does: the ones that need attention', async () => {
    const container = await crmTab('en');
    expect(container.textContent).toContain('Waiting to be sent: 1,234 · need attention: 0');
    expect(container.textContent).toContain('No deliveries need attention.');
    expect(container.textContent).not.toContain('parked');
  });

  it('writes the connected Zoho user with the parentheses of each language', async () => {
    expect((await crmTab('ja')).querySelector('[data-testid="crm-connection"]')?.textContent).toContain('佐藤 花子（sato@example.jp）');
    expect((await crmTab('en')).querySelector('[data-testid="crm-connection"]')?.textContent).toContain('佐藤 花子 (sato@example.jp)');
  });
});
