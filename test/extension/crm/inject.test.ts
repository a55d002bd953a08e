import { afterEach, describe, expect, it, vi } from 'vitest';
import { CALL_BUTTON_TAG } from '@/crm/call-button';
import { genericTelAdapter } from '@/crm/generic-tel';
import { startInjector, type DialRequest, type InjectorOptions } from '@/crm/inject';
import type { PageAdapter } from '@/crm/types';
import { zohoAdapter } from '@/crm/zoho';
import { launcherLanguage } from '@/ui/launcher-strings';
import { openFixture, openPage, type FixtureName } from './fixture-page';

const pages: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const page of pages.splice(0)) await page.close();
});

function setUp(name: FixtureName, overrides: Partial<InjectorOptions> = {}) {
  const page = openFixture(name);
  pages.push(page);
  const dials: DialRequest[] = [];
  const injector = startInjector({
    window: page.window,
    adapter: name.startsWith('zoho') ? zohoAdapter : genericTelAdapter,
    country: 'JP',
    language: 'ja', // the rep's 表示言語
    navigationPollMs: 0,
    // happy-dom's DOM is far slower than a browser's: parse these small pages at once, as a browser would.
    sameFrameParseMs: Number.POSITIVE_INFINITY,
    trustedClicksOnly: false,
    onDial: (request) => dials.push(request),
    ...overrides,
  });
  return { ...page, injector, dials };
}

const hostsIn = (root: ParentNode) => [...root.querySelectorAll(CALL_BUTTON_TAG)];
const buttonOf = (host: Element) => host as HTMLElement;
const hostAfter = (element: Element | null | undefined) =>
  element?.nextElementSibling?.localName === CALL_BUTTON_TAG ? element.nextElementSibling : null;

function zohoRecordPanel(name: string, phone: string): string {
  return `<div class="dvTitleSection"><span class="entityNameContent" data-zcqa="entityName">${name}</span></div>
    <crux-phone-component><div class="phoneRtl cxPhoneViewOutbound cxElemCompViewValue">
      <span class="cxPhoneViewValue lvPhFld">${phone}</span></div></crux-phone-component>`;
}

describe('call buttons on a Zoho record page', () => {
  it('puts one named, focusable button right after each dialable phone value', async () => {
    const { document, injector } = setUp('zoho-record-lead.html');
    await injector.idle();

    // Phone, mobile: a button. FAX (a phone-type field): none. The masked and the empty one: none.
    const values = [...document.querySelectorAll('span.cxPhoneViewValue')];
    expect(values.map((value) => hostAfter(value) !== null)).toEqual([true, true, false, false, false]);
    const button = hostAfter(values[0]) as HTMLElement;
    expect(button.getAttribute('role')).toBe('button');
    expect(button.tabIndex).toBe(0);
    expect(button.getAttribute('aria-label')).toBe('電話をかける：03-1234-5678');
    expect(button.title).toBe('電話をかける：03-1234-5678');
    expect(button.childNodes).toHaveLength(0); // the icon is drawn by its style
  });

  it('never offers the fax number, the masked field, the inline editor or the notes text', async () => {
    const { document, injector } = setUp('zoho-record-lead.html');
    await injector.idle();
    expect(hostsIn(document)).toHaveLength(2);
    expect(hostAfter(document.querySelector('[data-zcqa="detailView_Fax_label"] + td span.cxPhoneViewValue'))).toBeNull();
    expect(hostAfter(document.querySelector('[data-zcqa="unmask_icon"]')?.previousElementSibling)).toBeNull();
    expect(hostAfter(document.querySelector('#Crm_Leads_PHONE'))).toBeNull();
  });

  it('hands the click the number and the record the page shows', async () => {
    const { document, injector, dials } = setUp('zoho-record-lead.html');
    await injector.idle();
    buttonOf(hostAfter(document.querySelector('span.cxPhoneViewValue'))!).click();
    expect(dials).toEqual([
      {
        e164: '+81312345678',
        display: '03-1234-5678',
        record: {
          crm: 'zoho',
          module: 'Leads',
          id: '4876876000000456789',
          name: '山田 太郎',
          url: 'https://crm.zoho.jp/crm/org90000001/tab/Leads/4876876000000456789',
        },
      },
    ]);
  });

  it('ignores clicks a page script fakes when only real clicks may dial', async () => {
    const { document, injector, dials } = setUp('zoho-record-lead.html', { trustedClicksOnly: true });
    await injector.idle();
    buttonOf(hostsIn(document)[0]!).click();
    expect(dials).toEqual([]);
  });

  it('does not let the click reach the CRM row underneath', async () => {
    const { document, injector } = setUp('zoho-list-view.html');
    await injector.idle();
    const rowClick = vi.fn();
    document.querySelector('tr.lvRow')!.addEventListener('click', rowClick);
    buttonOf(hostsIn(document)[0]!).click();
    expect(rowClick).not.toHaveBeenCalled();
  });

  it.each([
    // [the rep's 表示言語 (undefined: same as the browser), the browser's language, the page's lang, label]
    [undefined, 'ja-JP', 'en', '電話をかける：+81 3-1234-5678'],
    [undefined, 'en-US', 'ja', 'Call +81 3-1234-5678'],
    ['en', 'ja-JP', 'ja', 'Call +81 3-1234-5678'],
    ['ja', 'en-US', 'en', '電話をかける：+81 3-1234-5678'],
  ] as const)('labels buttons in the rep’s language (%s), else the browser’s (%s), as the launcher; not the page’s (%s)', async (language, browserLanguage, lang, label) => {
    const page = openPage(
      `<html lang="${lang}"><body>${zohoRecordPanel('Taro Yamada', '+81 3-1234-5678')}</body></html>`,
      'https://crm.zoho.com/crm/org1/tab/Contacts/4876876000000111111',
    );
    pages.push(page);
    Object.defineProperty(page.window.navigator, 'language', { configurable: true, value: browserLanguage });
    const injector = startInjector({ window: page.window, adapter: zohoAdapter, language, onDial: () => {}, navigationPollMs: 0 });
    await injector.idle();
    expect(buttonOf(hostsIn(page.document)[0]!).getAttribute('aria-label')).toBe(label);
    expect(launcherLanguage(language ?? null, browserLanguage)).toBe(label.startsWith('Call') ? 'en' : 'ja');
  });
});

describe('re-scans', () => {
  it('never double a button', async () => {
    const { document, injector } = setUp('zoho-list-view.html');
    await injector.idle();
    expect(hostsIn(document)).toHaveLength(30);
    expect(injector.scanNow().added).toBe(0);
    expect(injector.scanNow().added).toBe(0);
    expect(hostsIn(document)).toHaveLength(30);
    expect(injector.buttonCount).toBe(30);
  });

  it('add buttons to rows the CRM appends, scanning only the new rows, in one batch', async () => {
    const roots: Node[] = [];
    const spy: PageAdapter = {
      ...zohoAdapter,
      findCandidates: (root) => (roots.push(root as Node), zohoAdapter.findCandidates(root)),
    };
    const { document, injector } = setUp('zoho-list-view.html', { adapter: spy });
    await injector.idle();
    expect(roots).toEqual([document]);
    roots.length = 0;

    const tbody = document.querySelector('tbody')!;
    const template = tbody.querySelector('tr.lvRow')!;
    for (let i = 0; i < 5; i++) {
      const row = template.cloneNode(true) as Element;
      row.querySelectorAll(CALL_BUTTON_TAG).forEach((host) => host.remove());
      row.querySelector('a')!.setAttribute('href', `/crm/org90000001/tab/Leads/48768760000009000${i}0`);
      tbody.append(row);
    }
    await injector.idle();
    expect(hostsIn(document)).toHaveLength(30 + 5 * 2);
    expect(roots).toHaveLength(5);
    expect(roots.every((root) => (root as Element).localName === 'tr')).toBe(true);
  });

  it('replace the button when the CRM rewrites a value in place', async () => {
    const { document, injector, dials } = setUp('zoho-record-lead.html');
    await injector.idle();
    const value = document.querySelector('span.cxPhoneViewValue')!;
    value.textContent = '06-6123-4567';
    await injector.idle();
    expect(hostsIn(document)).toHaveLength(2);
    buttonOf(hostAfter(value)!).click();
    expect(dials.map((dial) => dial.e164)).toEqual(['+81661234567']);
  });

  it('put back a button the page removed', async () => {
    const { document, injector } = setUp('zoho-record-lead.html');
    await injector.idle();
    hostsIn(document)[0]!.remove();
    await injector.idle();
    expect(hostsIn(document)).toHaveLength(2);
  });
});

describe('SPA navigation', () => {
  it('moves to the next record without duplicates and dials with the new record', async () => {
    const onNavigate = vi.fn();
    const { document, injector, dials, navigate } = setUp('zoho-record-lead.html', { onNavigate });
    await injector.idle();

    navigate('/crm/org90000001/tab/Contacts/4876876000000777777');
    document.querySelector('crm-detail-view')!.innerHTML = zohoRecordPanel('鈴木 一郎', '045-123-4567');
    await injector.idle();

    expect(onNavigate).toHaveBeenCalledWith(expect.objectContaining({ module: 'Contacts', id: '4876876000000777777' }));
    expect(hostsIn(document)).toHaveLength(1);
    expect(injector.record).toMatchObject({ module: 'Contacts', id: '4876876000000777777', name: '鈴木 一郎' });
    buttonOf(hostsIn(document)[0]!).click();
    expect(dials[0]).toEqual({
      e164: '+81451234567',
      display: '045-123-4567',
      record: {
        crm: 'zoho',
        module: 'Contacts',
        id: '4876876000000777777',
        name: '鈴木 一郎',
        url: 'https://crm.zoho.jp/crm/org90000001/tab/Contacts/4876876000000777777',
      },
    });
  });

  it('notices a URL change on its own when the CRM reuses the page as it is', async () => {
    const onNavigate = vi.fn();
    const { injector, navigate } = setUp('zoho-record-lead.html', { onNavigate, navigationPollMs: 5 });
    await injector.idle();
    navigate('/crm/org90000001/tab/Potentials/4876876000000888888');
    await vi.waitFor(() => expect(onNavigate).toHaveBeenCalledWith(expect.objectContaining({ module: 'Deals' })));
    await injector.idle();
    expect(injector.buttonCount).toBe(2);
  });

  it('dials list rows with their own record, not the list', async () => {
    const { document, injector, dials } = setUp('zoho-list-view.html');
    await injector.idle();
    const secondRow = document.querySelectorAll('tr.lvRow')[1]!;
    buttonOf(hostsIn(secondRow)[0]!).click();
    expect(dials[0]!.record).toMatchObject({ module: 'Leads', id: '4876876000000500001', name: '佐藤 花子' });
  });

  it('reads the row record at click time, when Zoho reuses a row for another lead with the same number', async () => {
    const { document, injector, dials } = setUp('zoho-list-view.html');
    await injector.idle();
    const row = document.querySelectorAll('tr.lvRow')[1]!;
    const link = row.querySelector('a')!;
    link.setAttribute('href', '/crm/org90000001/tab/Leads/4876876000000599999');
    link.textContent = '別の 見込み客';
    await injector.idle();
    buttonOf(hostsIn(row)[0]!).click();
    expect(dials[0]!.record).toMatchObject({ id: '4876876000000599999', name: '別の 見込み客' });
    expect(hostsIn(row)).toHaveLength(1);
  });
});

describe('editable fields and other sites', () => {
  it('skips editors, inputs and scripts on an enabled site, and keeps the three real numbers', async () => {
    const { document, injector } = setUp('tricky-non-numbers.html');
    await injector.idle();
    expect(hostsIn(document)).toHaveLength(3);
    expect(document.querySelectorAll(`[contenteditable] ${CALL_BUTTON_TAG}, [role="textbox"] ${CALL_BUTTON_TAG}`)).toHaveLength(0);
  });

  it('skips a Zoho phone value inside an editor', async () => {
    const page = openPage(
      `<div contenteditable="true">${zohoRecordPanel('x', '03-1234-5678')}</div>`,
      'https://crm.zoho.jp/crm/org1/tab/Leads/4876876000000456789',
    );
    pages.push(page);
    const injector = startInjector({ window: page.window, adapter: zohoAdapter, onDial: () => {}, navigationPollMs: 0 });
    await injector.idle();
    expect(hostsIn(page.document)).toHaveLength(0);
  });

  it('puts buttons after tel: links and after text numbers, with no record', async () => {
    const { document, injector, dials } = setUp('generic-tel-links.html');
    await injector.idle();
    expect(hostsIn(document)).toHaveLength(6);
    const about = document.querySelector('p.about')!;
    expect(hostsIn(document).filter((host) => host.previousSibling?.parentNode === about)).toHaveLength(2);
    buttonOf(hostAfter(document.querySelector('a[href^="callto:"]'))!).click();
    expect(dials).toEqual([{ e164: '+14155552671', display: '+1 415 555 2671', record: null }]);
  });
});

describe('cancelling', () => {
  it('removes every button and stops following the page', async () => {
    const controller = new AbortController();
    const { document, injector } = setUp('zoho-list-view.html', { signal: controller.signal });
    await injector.idle();
    controller.abort();
    expect(hostsIn(document)).toHaveLength(0);
    document.querySelector('tbody')!.append(document.querySelector('tr.lvRow')!.cloneNode(true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(hostsIn(document)).toHaveLength(0);
  });
});
