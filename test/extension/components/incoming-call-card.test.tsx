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
    expect(container.querySelector('.yb-incoming__called')?.textContent).toBe('着信番号：050-1234-5678代表');
    expect(container.querySelector('.yb-ivr-path')?.textContent).toBe('メニューの選択：営業 › 新規');
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

describe('other records with the caller’s number, on the incoming-call card', () => {
  afterEach(() => (document.body.innerHTML = ''));

  const record = (module: string, id: string, name: string) => ({ module, id, name, url: `https://crm.zoho.jp/crm/org1/tab/${module}/${id}` });
  const several = call({
    record: record('Leads', '1', '伊藤 健'),
    others: [record('Contacts', '2', '渡辺 直子'), record('Accounts', '3', '伊藤商事株式会社')],
  });
  const disclosure = (root: ParentNode) => root.querySelector<HTMLButtonElement>('.yb-other-records button')!;
  const listed = (root: ParentNode) =>
    [...root.querySelectorAll('.yb-other-records li')].map((item) => [
      item.querySelector('a')?.textContent,
      item.querySelector('a')?.getAttribute('href'),
      item.querySelector('a')?.getAttribute('target'),
      item.querySelector('.yb-tag')?.textContent,
    ]);

  it('says how many others there are, and opens a list of each with its module and a link to it', async () => {
    uiLanguage.value = 'ja';
    const { container } = renderUi(<IncomingCallCard call={several} onAccept={() => {}} onDecline={() => {}} />);
    expect(container.querySelector('.yb-incoming__record')?.textContent).toBe('伊藤 健見込み客');
    const toggle = disclosure(container);
    expect([toggle.textContent, toggle.type, toggle.getAttribute('aria-expanded')]).toEqual(['同じ番号のレコードがほかに 2件あります', 'button', 'false']);
    const list = container.querySelector<HTMLElement>(`[id="${toggle.getAttribute('aria-controls')}"]`)!;
    expect(list.hidden).toBe(true);

    await click(toggle);
    expect([toggle.getAttribute('aria-expanded'), list.hidden]).toEqual(['true', false]);
    expect(listed(container)).toEqual([
      ['渡辺 直子', 'https://crm.zoho.jp/crm/org1/tab/Contacts/2', '_blank', '連絡先'],
      ['伊藤商事株式会社', 'https://crm.zoho.jp/crm/org1/tab/Accounts/3', '_blank', '取引先'],
    ]);
    await click(toggle);
    expect([toggle.getAttribute('aria-expanded'), list.hidden]).toEqual(['false', true]);
  });

  it.each([
    [1, '1 other record has this number'],
    [2, '2 other records have this number'],
  ])('in English, %i other(s): "%s"', async (count, text) => {
    uiLanguage.value = 'en';
    const others = [record('Contacts', '2', 'Naoko Watanabe'), record('Accounts', '3', 'Ito Trading')].slice(0, count);
    const { container } = renderUi(<IncomingCallCard call={call({ others })} onAccept={() => {}} onDecline={() => {}} />);
    expect(disclosure(container).textContent).toBe(text);
    await click(disclosure(container));
    expect(listed(container).map((item) => item[3])).toEqual(['Contact', 'Account'].slice(0, count));
  });

  it('each list on its own card: two callers ringing open their own lists', async () => {
    uiLanguage.value = 'en';
    const { container } = renderUi(
      <>
        <IncomingCallCard call={{ ...several, callId: 'in-1' }} onAccept={() => {}} onDecline={() => {}} />
        <IncomingCallCard call={{ ...several, callId: 'in-2' }} waiting onAccept={() => {}} onDecline={() => {}} />
      </>,
    );
    const [first, second] = [...container.querySelectorAll('section')];
    await click(disclosure(second!));
    expect([disclosure(first!).getAttribute('aria-expanded'), disclosure(second!).getAttribute('aria-expanded')]).toEqual(['false', 'true']);
    expect(disclosure(first!).getAttribute('aria-controls')).not.toBe(disclosure(second!).getAttribute('aria-controls'));
  });

  it('shows nothing more for a single match or no match', () => {
    uiLanguage.value = 'ja';
    const single = renderUi(<IncomingCallCard call={call({ others: [] })} onAccept={() => {}} onDecline={() => {}} />);
    expect([single.container.querySelector('.yb-other-records'), single.container.querySelector('.yb-incoming__record')?.textContent]).toEqual([null, '山田 太郎']);
    const none = renderUi(<IncomingCallCard call={call({ record: null, crmLookup: 'none', others: [record('Contacts', '2', '渡辺 直子')] })} onAccept={() => {}} onDecline={() => {}} />);
    expect([none.container.querySelector('.yb-other-records'), none.container.querySelector('.yb-incoming__record')?.textContent]).toEqual([null, '一致するレコードはありません']);
  });

  it.each([
    ['none', '一致するレコードはありません', 'No matching record'],
    ['unanswered', 'CRM からの応答が間に合いませんでした', 'The CRM did not answer in time'],
    [null, '', ''],
  ] as const)('says how the CRM lookup ended without a match (%s): a new caller is not a lookup that never answered', (lookup, ja, en) => {
    for (const [language, sentence] of [['ja', ja], ['en', en]] as const) {
      uiLanguage.value = language;
      const { container } = renderUi(<IncomingCallCard call={call({ record: null, others: [], crmLookup: lookup })} onAccept={() => {}} onDecline={() => {}} />);
      expect(container.querySelector('.yb-incoming__record')?.textContent).toBe(sentence);
      container.remove();
    }
  });

  it('reads out the CRM\'s answer when it comes while the card is up: "did not answer" turns into the in-time "no match" words', () => {
    uiLanguage.value = 'ja';
    const card = renderUi(<IncomingCallCard call={call({ record: null, others: [], crmLookup: 'unanswered' })} onAccept={() => {}} onDecline={() => {}} />);
    const line = () => card.container.querySelector('.yb-incoming__record')!;
    const before = line();
    expect(before.textContent).toBe('CRM からの応答が間に合いませんでした');
    card.rerender(<IncomingCallCard call={call({ record: null, others: [], crmLookup: 'none' })} onAccept={() => {}} onDecline={() => {}} />);
    // The same line, changed in place, where a screen reader is told of the change without losing the buttons.
    expect(line()).toBe(before);
    expect([line().getAttribute('aria-live'), line().textContent]).toEqual(['polite', '一致するレコードはありません']);
    const inTime = renderUi(<IncomingCallCard call={call({ record: null, others: [], crmLookup: 'none' })} onAccept={() => {}} onDecline={() => {}} />);
    expect(line().outerHTML).toBe(inTime.container.querySelector('.yb-incoming__record')!.outerHTML);
  });

  it('names a module it does not know as the CRM does, and a record without a name by its module and id', async () => {
    uiLanguage.value = 'ja';
    const { container } = renderUi(
      <IncomingCallCard call={call({ others: [record('Vendors', '9', ''), record('Deals', '8', '大型案件')] })} onAccept={() => {}} onDecline={() => {}} />,
    );
    await click(disclosure(container));
    expect(listed(container).map((item) => [item[0], item[3]])).toEqual([
      ['Vendors 9', 'Vendors'],
      ['大型案件', '商談'],
    ]);
  });
});
