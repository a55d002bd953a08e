import { describe, expect, it } from 'vitest';
import { injectPageUi, PAGE_UI_SCRIPT, type ScriptRunner } from '@/entrypoints/background/page-ui-injection';
import type { MessageSenderInfo } from '@/messaging/sender';

const zohoUrl = 'https://crm.zoho.jp/crm/org1/tab/Leads/1';

function runners() {
  const calls: unknown[][] = [];
  const chrome: ScriptRunner = {
    scripting: { executeScript: async (injection) => void calls.push(['scripting', injection]) },
    tabs: {},
  };
  const mv2: ScriptRunner = { tabs: { executeScript: async (tabId, details) => void calls.push(['tabs', tabId, details]) } };
  return { calls, chrome, mv2 };
}

describe('injecting the page UI into the page that asked', () => {
  it('targets the very document whose content script asked (Chrome)', async () => {
    const { calls, chrome } = runners();
    const sender: MessageSenderInfo = { id: 'x', url: zohoUrl, tab: { id: 7, url: zohoUrl }, frameId: 0, documentId: 'DOC1' };
    await injectPageUi(sender, chrome);
    expect(calls).toEqual([['scripting', { target: { tabId: 7, documentIds: ['DOC1'] }, files: ['crm-ui.js'] }]]);
  });

  it('targets the tab’s top frame when the browser names no document (Firefox)', async () => {
    const { calls, chrome } = runners();
    await injectPageUi({ id: 'x', url: zohoUrl, tab: { id: 7 }, frameId: 0 }, chrome);
    expect(calls).toEqual([['scripting', { target: { tabId: 7, frameIds: [0] }, files: [PAGE_UI_SCRIPT] }]]);
  });

  it('falls back to MV2’s tabs.executeScript with a path from the extension’s root', async () => {
    const { calls, mv2 } = runners();
    await injectPageUi({ id: 'x', url: zohoUrl, tab: { id: 7 }, frameId: 0 }, mv2);
    expect(calls).toEqual([['tabs', 7, { file: '/crm-ui.js', frameId: 0 }]]);
  });

  it('refuses a sender without a tab', async () => {
    const { calls, chrome } = runners();
    await expect(injectPageUi({ id: 'x', url: zohoUrl }, chrome)).rejects.toThrow(/No tab/);
    expect(calls).toEqual([]);
  });
});
