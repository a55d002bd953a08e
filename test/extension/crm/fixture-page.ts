import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Window } from 'happy-dom';
import type { PageWindow } from '@/crm/inject';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/crm-pages');

export const FIXTURE_URLS = {
  'zoho-record-lead.html': 'https://crm.zoho.jp/crm/org90000001/tab/Leads/4876876000000456789',
  'zoho-list-view.html': 'https://crm.zoho.jp/crm/org90000001/tab/Leads/custom-view/4876876000000087501/list',
  'tricky-non-numbers.html': 'https://crm.example.co.jp/customers/8812',
  'generic-tel-links.html': 'https://app.hubspot.com/contacts/44112233/record/0-1/551',
} as const;

export type FixtureName = keyof typeof FIXTURE_URLS;

export function fixtureHtml(name: FixtureName): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}

/** A fresh window showing a saved page at its real URL. Close it with `page.close()`. */
export function openPage(html: string, url: string) {
  const happyWindow = new Window({ url, settings: { disableJavaScriptEvaluation: true } });
  happyWindow.document.write(html);
  const window = happyWindow as unknown as PageWindow;
  return {
    window,
    document: window.document,
    close: () => happyWindow.happyDOM.close(),
    /** SPA navigation: the URL changes without a page load. */
    navigate: (path: string) => window.history.pushState({}, '', path),
  };
}

export function openFixture(name: FixtureName) {
  return openPage(fixtureHtml(name), FIXTURE_URLS[name]);
}
