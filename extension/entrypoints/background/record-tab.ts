import { browser } from 'wxt/browser';
import type { CrmRecord } from '@/phone/call-info';

/** After an answer: bring the caller's CRM record to the front, reusing a tab that already shows it. */
export async function openOrFocusRecord(record: CrmRecord): Promise<void> {
  const tabs = await browser.tabs.query({});
  const wanted = new URL(record.url);
  const existing = tabs.find((tab) => {
    if (!tab.url) return false;
    const url = new URL(tab.url);
    return url.origin === wanted.origin && url.pathname.replace(/\/+$/, '') === wanted.pathname.replace(/\/+$/, '');
  });
  if (existing?.id !== undefined) {
    await browser.tabs.update(existing.id, { active: true });
    if (existing.windowId !== undefined) await browser.windows.update(existing.windowId, { focused: true });
    return;
  }
  await browser.tabs.create({ url: record.url, active: true });
}
