import { afterEach, describe, expect, it } from 'vitest';
import { uiLanguage } from '@/locales/i18n';
import { RecentCalls } from '@/components/recent-calls';
import { createRecentCallsModel } from '@/models/recent-calls-model';
import type { CallLogEntry } from '@/models/call-log';
import { button, click, renderUi } from './render';

const calls: CallLogEntry[] = [
  { sid: 'CA1', direction: 'outbound', status: 'completed', startedAt: '2025-01-12T01:00:00Z', from: '+81501234567', to: '+14155552671' },
  { sid: 'CA2', direction: 'inbound', status: 'missed', startedAt: '2025-01-10T01:00:00Z', from: '+819012345678', to: '+81501234567',
    record: { module: 'Leads', id: '7', name: '佐藤 花子', url: 'https://crm.zoho.jp/crm/org1/tab/Leads/7' } },
  { sid: 'CA3', direction: 'inbound', status: 'missed', startedAt: '2025-01-11T01:00:00Z', from: '+266696687', to: '+81501234567' },
];

describe('recent calls in the popup', () => {
  afterEach(() => (document.body.innerHTML = ''));

  it('lists missed calls first, with redial and the CRM record', async () => {
    uiLanguage.value = 'ja';
    const model = createRecentCallsModel({ listCalls: async () => ({ calls, nextCursor: null }) });
    await model.load();
    const redialled: string[] = [];
    const { container } = renderUi(
      <RecentCalls calls={model.calls.value} canDial onRedial={(number) => redialled.push(number)} />,
    );
    const rows = [...container.querySelectorAll('li')];
    expect(rows.map((row) => row.querySelector('.yb-recent__number')?.textContent)).toEqual([
      '非通知',
      '090-1234-5678',
      '+1 415 555 2671',
    ]);
    expect(rows.map((row) => row.querySelector('.yb-tag')?.textContent)).toEqual(['不在着信', '不在着信', '完了']);
    expect(rows[0]?.querySelector('button')).toBeNull();
    expect(rows[1]?.querySelector('a')?.getAttribute('href')).toBe('https://crm.zoho.jp/crm/org1/tab/Leads/7');
    await click(button(container, '090-1234-5678 に再発信'));
    expect(redialled).toEqual(['+819012345678']);
  });

  it('shows a call a colleague took after it rang here as taken by a colleague, not as completed', () => {
    uiLanguage.value = 'ja';
    const taken: CallLogEntry = { sid: 'CA4', direction: 'inbound', status: 'completed', involvement: 'rung', startedAt: '2025-01-12T02:00:00Z', from: '+81312345678', to: '+81501234567' };
    const { container } = renderUi(<RecentCalls calls={[taken, { ...taken, sid: 'CA5', involvement: 'party' }]} canDial onRedial={() => {}} />);
    expect([...container.querySelectorAll('.yb-tag')].map((tag) => tag.textContent)).toEqual(['他の担当者が応答', '完了']);
  });

  // server/routes/twilio/outgoing.ts stores Twilio's no-answer on a call the rep placed as status 'missed'.
  it.each([
    ['ja', ['応答なし', '不在着信']],
    ['en', ['No answer', 'Missed']],
  ] as const)('labels an outgoing call nobody answered as unanswered, not as a missed call (%s)', (language, tags) => {
    uiLanguage.value = language;
    const unanswered: CallLogEntry = { sid: 'CA6', direction: 'outbound', status: 'missed', startedAt: '2025-01-12T03:00:00Z', from: '+81501234567', to: '+81312345678' };
    const missed: CallLogEntry = { ...unanswered, sid: 'CA7', direction: 'inbound', from: '+81312345678', to: '+81501234567' };
    const { container } = renderUi(<RecentCalls calls={[unanswered, missed]} canDial onRedial={() => {}} />);
    expect([...container.querySelectorAll('.yb-tag')].map((tag) => tag.textContent)).toEqual(tags);
  });

  it('names a CRM record the log has no name for by its module as the CRM shows it', () => {
    uiLanguage.value = 'ja';
    const entry: CallLogEntry = { sid: 'CA8', direction: 'outbound', status: 'completed', startedAt: '2025-01-12T04:00:00Z', to: '+81312345678',
      record: { module: 'Contacts', id: '5725767000001000001', name: null, url: 'https://crm.zoho.jp/crm/org1/tab/Contacts/5725767000001000001' } };
    const { container } = renderUi(<RecentCalls calls={[entry]} canDial onRedial={() => {}} />);
    expect(container.querySelector('a.yb-record')?.textContent).toBe('連絡先 5725767000001000001');
  });

  it('says so when the call log cannot be loaded', async () => {
    uiLanguage.value = 'en';
    const model = createRecentCallsModel({ listCalls: async () => Promise.reject(new Error('offline')) });
    await model.load();
    const { container } = renderUi(<RecentCalls calls={model.calls.value} failed={model.failed.value} canDial onRedial={() => {}} />);
    expect(container.querySelector('[role="alert"]')?.textContent).toContain('Could not load recent calls.');
  });
});
