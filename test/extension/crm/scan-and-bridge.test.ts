import { afterEach, describe, expect, it } from 'vitest';
import { dialMessage } from '@/crm/dial-bridge';
import { dialMessage as dialMessageSchema } from '@/messaging/protocol';
import { scanDocument } from '@/crm/scan';
import { CALL_BUTTON_TAG } from '@/crm/call-button';
import { openFixture } from './fixture-page';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

describe('the benchmark scan', () => {
  it('counts what one pass over a list view finds and injects', () => {
    const page = openFixture('zoho-list-view.html');
    close = page.close;
    const scan = scanDocument(page.window, { keep: true });
    expect({ ...scan, stop: undefined }).toEqual({
      adapter: 'zoho',
      buttons: 30,
      candidates: 48,
      targets: 30,
      added: 30,
      removed: 0,
      stop: undefined,
    });
    expect(page.document.querySelectorAll(CALL_BUTTON_TAG)).toHaveLength(30);
    scan.stop();
    expect(page.document.querySelectorAll(CALL_BUTTON_TAG)).toHaveLength(0);
  });
});

describe('the dial message a click sends', () => {
  it('carries the number and the record in the protocol shape', () => {
    expect(
      dialMessage({
        e164: '+81312345678',
        display: '03-1234-5678',
        record: { crm: 'zoho', module: 'Leads', id: '4876876000000456789', name: null, url: 'https://crm.zoho.jp/crm/org1/tab/Leads/4876876000000456789' },
      }),
    ).toEqual({
      type: 'dial',
      to: '+81312345678',
      record: { crm: 'zoho', module: 'Leads', id: '4876876000000456789', name: '', url: 'https://crm.zoho.jp/crm/org1/tab/Leads/4876876000000456789' },
    });
    expect(dialMessageSchema.safeParse(dialMessage({
      e164: '+81312345678',
      display: '03-1234-5678',
      record: { crm: 'zoho', module: 'Deals', id: '4876876000000333333', name: '大型案件', url: 'https://crm.zoho.jp/crm/org1/tab/Potentials/4876876000000333333' },
    })).success).toBe(true);
    expect(dialMessage({ e164: '+14155552671', display: '+1 415 555 2671', record: null })).toEqual({
      type: 'dial',
      to: '+14155552671',
      record: null,
    });
  });
});
