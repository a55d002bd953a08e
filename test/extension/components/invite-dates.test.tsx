import { afterEach, describe, expect, it } from 'vitest';
import { CrmSection } from '@/components/options/crm-section';
import { InvitesSection } from '@/components/options/invites-section';
import { uiLanguage } from '@/locales/i18n';
import type { CrmStatus } from '@/models/admin-api';
import { fakeAdminApi, fakeInvite } from './fake-admin-api';
import { button, click, field, flush, renderUi, type } from './render';

afterEach(() => {
  document.body.innerHTML = '';
});

/** The e-mail an admin's mail client opens for the first invitation made (expires 2026-12-01T00:00Z). */
async function mailFor(timeZone: string) {
  uiLanguage.value = 'ja';
  const api = fakeAdminApi({ getHoursSettings: async () => ({ timeZone, followUpDueHours: 4 }) });
  const { container } = renderUi(<InvitesSection api={api} serverUrl="https://phone.example.jp" />);
  await flush();
  await type(field<HTMLTextAreaElement>(container, 'メールアドレス'), 'smith@example.com');
  await click(button(container, '招待を作成'));
  await flush();
  const mail = container.querySelector<HTMLAnchorElement>('a[href^="mailto:smith%40example.com"]')!;
  return decodeURIComponent(new URL(mail.href).searchParams.get('body') ?? '');
}

describe('the invitation e-mail’s expiry', () => {
  it('is written in the org’s time zone, not Japan’s: New York’s evening before', async () => {
    const body = await mailFor('America/New_York');
    expect(body).toContain('2026年11月30日 19:00');
    expect(body).toContain('valid until November 30, 2026 at 7:00 PM');
    expect(body).not.toContain('12月1日');
  });

  it('names the zone in each language, as a rep elsewhere needs it', async () => {
    const body = await mailFor('Asia/Tokyo');
    expect(body).toContain('2026年12月1日 9:00 日本標準時まで有効');
    expect(body).toContain('valid until December 1, 2026 at 9:00 AM Japan Standard Time');
  });
});

describe('English dates on the options pages', () => {
  it('the invitations list writes a date as the CRM page does, not the British way', async () => {
    uiLanguage.value = 'en';
    // Midday UTC: the same calendar day in whatever zone the tests run in.
    const moment = '2026-12-01T12:00:00.000Z';
    const invites = renderUi(<InvitesSection api={fakeAdminApi({ listInvites: async () => [{ ...fakeInvite('inv1', 'smith@example.com', null, 7), expiresAt: moment }] })} serverUrl="https://phone.example.jp" />);
    const connected = { ...(await fakeAdminApi().getCrm()), connected: true, provider: 'zoho', dataCentre: 'JP', org: null, user: null, connectedAt: moment, selfClient: true, problem: null } as CrmStatus;
    const crm = renderUi(<CrmSection api={fakeAdminApi({ getCrm: async () => connected })} />);
    await flush();
    const expiry = invites.container.querySelector('tbody td:nth-child(3)')?.textContent ?? '';
    const connectedOn = [...crm.container.querySelectorAll('dt')].find((term) => term.textContent === 'Connected on')?.nextElementSibling?.textContent ?? '';
    expect(expiry).toMatch(/^Dec 1, 2026, \d{1,2}:00 [AP]M$/);
    expect(expiry).toBe(connectedOn);
  });
});
