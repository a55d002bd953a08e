import { afterEach, describe, expect, it } from 'vitest';
import { CALL_BUTTON_TAG } from '@/crm/call-button';
import { genericTelAdapter } from '@/crm/generic-tel';
import { startInjector, type DialRequest } from '@/crm/inject';
import type { PageAdapter } from '@/crm/types';
import { zohoAdapter } from '@/crm/zoho';
import { openPage } from './fixture-page';

const pages: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const page of pages.splice(0)) await page.close();
});

const RECORD_URL = 'https://crm.zoho.jp/crm/org90000001/tab/Leads/4876876000000456789';
const zohoValue = (phone: string) =>
  `<crux-phone-component><div class="phoneRtl cxElemCompViewValue"><span class="cxPhoneViewValue lvPhFld">${phone}</span></div></crux-phone-component>`;

/** A page whose background slices are held back: what the rep sees between the CRM's change and the next slice. */
function setUp(body: string, url: string, adapter: PageAdapter) {
  const page = openPage(`<html lang="ja"><body>${body}</body></html>`, url);
  pages.push(page);
  const dials: DialRequest[] = [];
  const slices: (() => void)[] = [];
  startInjector({
    window: page.window,
    adapter,
    country: 'JP',
    language: 'ja',
    navigationPollMs: 0,
    sameFrameParseMs: Number.POSITIVE_INFINITY,
    trustedClicksOnly: false,
    schedule: (task) => void slices.push(task),
    onDial: (request) => dials.push(request),
  });
  while (slices.length) slices.shift()!();
  const buttons = () => [...page.document.querySelectorAll(CALL_BUTTON_TAG)] as HTMLElement[];
  /** The injector's MutationObserver callback (a microtask) runs; the next task does not. */
  const microtasks = async () => {
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  return { document: page.document, dials, buttons, microtasks };
}

describe('a button next to a value the CRM has just changed', () => {
  it('Zoho: a value swapped for a new one keeps one button, for the new number, before the next slice', async () => {
    const { document, buttons, dials, microtasks } = setUp(zohoValue('03-1234-5678'), RECORD_URL, zohoAdapter);
    const old = document.querySelector('span.cxPhoneViewValue')!;
    const fresh = old.cloneNode() as Element;
    fresh.textContent = '06-6123-4567';
    old.replaceWith(fresh);
    await microtasks();

    expect(buttons().map((button) => button.getAttribute('aria-label'))).toEqual(['電話をかける：06-6123-4567']);
    buttons()[0]!.click();
    expect(dials.map((dial) => dial.e164)).toEqual(['+81661234567']);
  });

  it('enabled site: a text node replaced by the page framework leaves no button for the old number', async () => {
    const { document, buttons, dials, microtasks } = setUp('<p id="p">代表 03-1234-5678</p>', 'https://crm.example.co.jp/c/1', genericTelAdapter);
    document.getElementById('p')!.firstChild!.replaceWith(document.createTextNode('代表 06-6123-4567'));
    await microtasks();

    expect(buttons()).toHaveLength(1);
    buttons()[0]!.click();
    expect(dials.map((dial) => dial.e164)).toEqual(['+81661234567']);
  });

  it('a click that comes before the injector has seen the change never dials the old number', () => {
    const { document, buttons, dials } = setUp(zohoValue('03-1234-5678'), RECORD_URL, zohoAdapter);
    const [button] = buttons();
    document.querySelector('span.cxPhoneViewValue')!.textContent = '06-6123-4567';
    button!.click(); // same task: the observer's microtask has not run
    expect(dials).toEqual([]);
  });

  it('a click on the button of a value the page removed never dials', () => {
    const { document, buttons, dials } = setUp(zohoValue('03-1234-5678'), RECORD_URL, zohoAdapter);
    const [button] = buttons();
    document.querySelector('span.cxPhoneViewValue')!.remove();
    button!.click();
    expect(dials).toEqual([]);
  });
});
