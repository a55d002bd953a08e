import { afterEach, describe, expect, it } from 'vitest';
import { genericTelAdapter } from '@/crm/generic-tel';
import { adapterFor } from '@/crm/registry';
import { findPhoneTargets, type PageAdapter } from '@/crm/types';
import { zohoAdapter } from '@/crm/zoho';
import { FIXTURE_URLS, openFixture, openPage, type FixtureName } from './fixture-page';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

function targetsOn(name: FixtureName, adapter: PageAdapter) {
  const page = openFixture(name);
  close = page.close;
  return findPhoneTargets(adapter, page.document, { country: 'JP', pageUrl: new URL(FIXTURE_URLS[name]) });
}

describe('each adapter finds exactly the dialable numbers on its saved pages', () => {
  it.each([
    // Phone and mobile; not the FAX field (03-1234-5679), nor the masked one.
    ['zoho-record-lead.html', zohoAdapter, ['+81312345678', '+819012345678']],
    ['tricky-non-numbers.html', genericTelAdapter, ['+81120123456', '+81312345678', '+14155552671']],
    [
      'generic-tel-links.html',
      genericTelAdapter,
      ['+81312345678', '+819012345678', '+81120123456', '+14155552671', '+81661234567', '+442079460958'],
    ],
    ['tricky-non-numbers.html', zohoAdapter, []],
    ['generic-tel-links.html', zohoAdapter, []],
  ] as const)('%s with %s', (name, adapter, expected) => {
    expect(targetsOn(name, adapter).map((target) => target.e164)).toEqual(expected);
  });

  it('offers nothing on an enabled site’s zero-padded order ids, postal codes, dates and amounts', () => {
    const page = openPage(
      `<table><tr><td>注文番号 00120000007919</td><td>00201234567890</td><td>〒150-0002</td><td>2026-11-03 09:05</td>` +
        `<td>¥1,234,567</td><td>担当 03-1234-5678</td></tr></table>`,
      FIXTURE_URLS['tricky-non-numbers.html'],
    );
    close = page.close;
    const context = { country: 'JP' as const, pageUrl: new URL(FIXTURE_URLS['tricky-non-numbers.html']) };
    expect(findPhoneTargets(genericTelAdapter, page.document, context).map((target) => target.e164)).toEqual(['+81312345678']);
  });

  it('finds every phone and mobile cell of a 24-row Zoho list view, skipping the empty and masked ones', () => {
    const targets = targetsOn('zoho-list-view.html', zohoAdapter);
    expect(targets).toHaveLength(30);
    expect(targets.filter((target) => target.e164.startsWith('+8190'))).toHaveLength(8);
    expect(targets.some((target) => target.display.includes('*'))).toBe(false);
  });

  it('gives each list-view number the record of its row', () => {
    const targets = targetsOn('zoho-list-view.html', zohoAdapter);
    expect(targets[0]!.record).toEqual({
      crm: 'zoho',
      module: 'Leads',
      id: '4876876000000500000',
      name: '山田 太郎',
      url: 'https://crm.zoho.jp/crm/org90000001/tab/Leads/4876876000000500000',
    });
    // row 1: its phone (row 0 has a phone and a mobile)
    expect(targets[1]!.record).toMatchObject({ id: '4876876000000500000' });
    expect(targets[2]!).toMatchObject({ e164: '+81661234001', display: '０６－６１２３－４００１' });
    expect(targets[2]!.record).toMatchObject({ id: '4876876000000500001', name: '佐藤 花子' });
  });

  it('leaves numbers on a record page to the page record, even next to a lookup link', () => {
    expect(targetsOn('zoho-record-lead.html', zohoAdapter).map((target) => target.record)).toEqual([undefined, undefined]);
  });
});

describe('Zoho related lists', () => {
  it("dial a related contact with the contact's record, and the account's own phone with the page record", () => {
    const url = 'https://crm.zoho.jp/crm/org90000001/tab/Accounts/4876876000000222222';
    const document = new DOMParser().parseFromString(
      `<span data-zcqa="entityName">株式会社ヤマダ商事</span>
      <table><tr><td><a href="/crm/org90000001/tab/Users/4876876000000012001">佐藤 花子</a></td>
        <td><span class="cxPhoneViewValue lvPhFld">03-1234-5678</span></td></tr></table>
      <crm-related-list-view related-module="Contacts"><table><tr>
        <td><a href="/crm/org90000001/tab/Contacts/4876876000000111111">鈴木 一郎</a></td>
        <td><span class="cxPhoneViewValue lvPhFld">090-1234-5678</span></td></tr></table></crm-related-list-view>`,
      'text/html',
    );
    const targets = findPhoneTargets(zohoAdapter, document, { country: 'JP', pageUrl: new URL(url) });
    expect(targets.map((target) => [target.e164, target.record?.id])).toEqual([
      ['+81312345678', undefined],
      ['+819012345678', '4876876000000111111'],
    ]);
  });
});

describe('Zoho fax fields get no call button', () => {
  /** One record-page row as Zoho renders it: label cell, then the phone component (zoho-crm.md §5.3). */
  const field = (apiName: string, label: string, number: string) =>
    `<tr><td class="cxFieldLabel" data-zcqa="detailView_${apiName}_label">${label}</td>
      <td><crux-phone-component><div class="phoneRtl cxElemCompViewValue"><span class="cxPhoneViewValue lvPhFld">${number}</span></div></crux-phone-component></td></tr>`;
  const recordPage = (rows: string) =>
    new DOMParser().parseFromString(`<table class="dvFieldTable">${rows}</table>`, 'text/html');
  const numbersOn = (document: Document, url: string = FIXTURE_URLS['zoho-record-lead.html']) =>
    findPhoneTargets(zohoAdapter, document, { country: 'JP', pageUrl: new URL(url) }).map((target) => target.display);

  it.each([
    ['the standard Fax field, labelled FAX', 'Fax', 'FAX'],
    ['a full-width label', 'Fax', 'ＦＡＸ'],
    ['a katakana label on a custom field', 'FAX_2', 'ファックス'],
    ['a renamed label on the Fax field', 'Fax', '代表番号（送信用）'],
    ['a custom field whose label says fax', 'Phone_3', '会社FAX'],
    ['ファクス', 'Phone_4', 'ファクス番号'],
  ])('%s', (_name, apiName, label) => {
    const document = recordPage(field('Phone', '電話', '03-1234-5678') + field(apiName, label, '03-1234-5679'));
    expect(numbersOn(document)).toEqual(['03-1234-5678']);
  });

  it('keeps phone fields whose names merely contain letters of "fax" elsewhere', () => {
    const document = recordPage(field('Mobile', '携帯', '090-1234-5678') + field('Home_Phone', '自宅電話', '03-5555-0001'));
    expect(numbersOn(document)).toEqual(['090-1234-5678', '03-5555-0001']);
  });

  it.each([
    ['TEL/FAX', 'TEL_FAX'],
    ['電話・FAX兼用', 'Phone_2'],
    ['ＴＥＬ／ＦＡＸ', 'Phone_3'],
    ['Phone / Fax', 'Fax'],
  ])('keeps a line shared by phone and fax (%s, %s), common in Japan', (label, apiName) => {
    const document = recordPage(field(apiName, label, '03-1234-5678'));
    expect(numbersOn(document)).toEqual(['03-1234-5678']);
  });

  it('leaves a list view’s FAX column out, by its header', () => {
    const document = new DOMParser().parseFromString(
      `<table class="lvTable"><thead><tr><th></th><th>見込み客名</th><th>電話</th><th>ＦＡＸ</th></tr></thead><tbody>
        <tr class="lvRow" role="row"><td></td><td><a href="/crm/org90000001/tab/Leads/4876876000000500000">山田 太郎</a></td>
          <td><div class="phoneRtl cxElemCompViewValue"><span class="cxPhoneViewValue lvPhFld">03-1234-5000</span></div></td>
          <td><div class="phoneRtl cxElemCompViewValue"><span class="cxPhoneViewValue lvPhFld">03-1234-5001</span></div></td></tr>
      </tbody></table>`,
      'text/html',
    );
    expect(numbersOn(document, FIXTURE_URLS['zoho-list-view.html'])).toEqual(['03-1234-5000']);
  });
});

describe('enabled sites: fax numbers get no call button', () => {
  const numbersOn = (body: string) => {
    const page = openPage(`<html lang="ja"><body>${body}</body></html>`, FIXTURE_URLS['tricky-non-numbers.html']);
    close = page.close;
    return findPhoneTargets(genericTelAdapter, page.document, { country: 'JP', pageUrl: new URL(page.window.location.href) }).map((target) => target.display);
  };

  it.each([
    ['after a FAX label in the same text', '<p>TEL 03-1234-5678　FAX 03-1234-5679</p>'],
    ['before a TEL label in the same text', '<p>ＦＡＸ：03-1234-5679 / TEL：03-1234-5678</p>'],
    ['in a dd whose dt says FAX', '<dl><dt>電話番号</dt><dd>03-1234-5678</dd><dt>FAX番号</dt><dd>03-1234-5679</dd></dl>'],
    ['in a cell whose th says FAX', '<table><tr><th>TEL</th><td>03-1234-5678</td></tr><tr><th>ファックス</th><td><span>03-1234-5679</span></td></tr></table>'],
    ['after a label element', '<p><b>TEL</b> 03-1234-5678 <b>Fax</b> 03-1234-5679</p>'],
    ['a tel: link labelled FAX', '<p>TEL <a href="tel:0312345678">03-1234-5678</a> FAX <a href="tel:0312345679">03-1234-5679</a></p>'],
  ])('%s', (_name, body) => {
    expect(numbersOn(body)).toEqual(['03-1234-5678']);
  });

  it('keeps a line shared by phone and fax', () => {
    expect(numbersOn('<p>TEL/FAX 03-1234-5678</p><dl><dt>電話・FAX</dt><dd>06-6123-4567</dd></dl>')).toEqual(['03-1234-5678', '06-6123-4567']);
  });
});

describe('Zoho record context', () => {
  it.each([
    ['https://crm.zoho.jp/crm/org90000001/tab/Leads/4876876000000456789', 'Leads', '4876876000000456789'],
    ['https://crm.zoho.com/crm/org123/tab/Contacts/4876876000000111111?sub_module=x#notes', 'Contacts', '4876876000000111111'],
    ['https://crm.zoho.eu/crm/org123/tab/Accounts/4876876000000222222/', 'Accounts', '4876876000000222222'],
    ['https://crm.zoho.in/crm/org123/tab/Potentials/4876876000000333333', 'Deals', '4876876000000333333'],
    ['https://crm.zoho.com.au/crm/tab/Deals/4876876000000333334', 'Deals', '4876876000000333334'],
    ['https://crm.zohocloud.ca/crm/org5/tab/CustomModule3/4876876000000444444', 'CustomModule3', '4876876000000444444'],
    ['https://crm.zoho.sa/crm/org5/EntityInfo.do?module=Contacts&id=4876876000000555555', 'Contacts', '4876876000000555555'],
  ])('%s → %s %s', (url, module, id) => {
    const document = new DOMParser().parseFromString('<span data-zcqa="entityName"> 山田 太郎 </span>', 'text/html');
    expect(zohoAdapter.recordContext(new URL(url), document)).toEqual({ crm: 'zoho', module, id, name: '山田 太郎', url });
  });

  it.each([
    'https://crm.zoho.jp/crm/org90000001/tab/Leads/custom-view/4876876000000087501/list',
    'https://crm.zoho.jp/crm/org90000001/tab/Contacts/create?layoutId=4876876000000091055',
    'https://crm.zoho.jp/crm/org90000001/tab/Home/begin',
  ])('has no record on %s', (url) => {
    expect(zohoAdapter.recordContext(new URL(url), document)).toBeNull();
  });

  it('has a null name while the page shows none', () => {
    const empty = new DOMParser().parseFromString('<p></p>', 'text/html');
    expect(zohoAdapter.recordContext(new URL(FIXTURE_URLS['zoho-record-lead.html']), empty)?.name).toBeNull();
  });
});

describe('the registry picks one adapter per page', () => {
  it.each([
    ['https://crm.zoho.com/crm/org1/tab/Leads/4876876000000456789', false, 'zoho'],
    ['https://crm.zoho.com.cn/crm/org1/tab/Leads/4876876000000456789', false, 'zoho'],
    ['https://crm.zohocloud.ca/crm/org1/tab/Leads/4876876000000456789', false, 'zoho'],
    ['https://crm.zoho.uk/crm/org1/tab/Leads/4876876000000456789', true, 'zoho'],
    ['https://app.hubspot.com/contacts/1', true, 'generic-tel'],
    ['https://app.hubspot.com/contacts/1', false, null],
    ['https://crm.zoho.ca/crm/org1/tab/Leads/1', false, null],
  ])('%s (generic enabled: %s) → %s', (url, genericEnabled, id) => {
    expect(adapterFor(new URL(url), { genericEnabled })?.id ?? null).toBe(id);
  });
});
