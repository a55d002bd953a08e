import { afterEach, describe, expect, it } from 'vitest';
import { uiLanguage } from '@/locales/i18n';
import { IncomingCallCard } from '@/components/incoming-call-card';
import type { CallView } from '@/models/phone-state';
import { button, click, renderUi } from './render';

const call = (overrides: Partial<CallView> = {}): CallView => ({
  callId: 'in-1',
  sid: 'CA1',
  direction: 'inbound',
  number: '+819012345678',
  calledNumber: '+815012345678',
  calledLabel: '代表',
  ivrPath: ['営業', '新規'],
  record: { module: 'Contacts', id: '42', name: '山田 太郎', url: 'https://crm.zoho.jp/crm/org1/tab/Contacts/42' },
  muted: false,
  ...overrides,
});

describe('the incoming-call card', () => {
  afterEach(() => (document.body.innerHTML = ''));

  it('shows the caller, the number dialled with its label, the IVR path and the CRM record', () => {
    uiLanguage.value = 'ja';
    const { container } = renderUi(<IncomingCallCard call={call()} onAccept={() => {}} onDecline={() => {}} />);
    expect(container.querySelector('h2')?.textContent).toBe('090-1234-5678');
    expect(container.querySelector('.yb-incoming__called')?.textContent).toBe('着信番号: 050-1234-5678代表');
    expect(container.querySelector('.yb-ivr-path')?.textContent).toBe('メニューの選択: 営業 › 新規');
    const link = container.querySelector('a')!;
    expect([link.textContent, link.getAttribute('href')]).toEqual(['山田 太郎', 'https://crm.zoho.jp/crm/org1/tab/Contacts/42']);
  });

  it.each([
    ['ja', '+266696687', '非通知'],
    ['ja', 'anonymous', '非通知'],
    ['en', '+8656696', 'Anonymous'],
  ] as const)('in %s a withheld caller (%s) reads %s', (language, number, shown) => {
    uiLanguage.value = language;
    const { container } = renderUi(<IncomingCallCard call={call({ number, record: null })} onAccept={() => {}} onDecline={() => {}} />);
    expect(container.querySelector('h2')?.textContent).toBe(shown);
  });

  it('accepts and declines its own call', async () => {
    uiLanguage.value = 'en';
    const pressed: string[] = [];
    const { container } = renderUi(
      <IncomingCallCard call={call({ callId: 'in-2' })} onAccept={(id) => pressed.push(`accept ${id}`)} onDecline={(id) => pressed.push(`decline ${id}`)} />,
    );
    await click(button(container, 'Accept'));
    await click(button(container, 'Decline'));
    expect(pressed).toEqual(['accept in-2', 'decline in-2']);
  });
});
