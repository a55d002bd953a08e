import { browser } from 'wxt/browser';
import type { MessageSenderInfo } from '@/messaging/sender';

/** The page UI bundle (entrypoints/crm-ui.ts, an unlisted script: neither in the manifest nor web-accessible). */
export const PAGE_UI_SCRIPT = 'crm-ui.js';

/** The two ways to run a file in a page: `scripting` (Chrome MV3, Firefox ≥ 102) and MV2's `tabs`. */
export interface ScriptRunner {
  scripting?: {
    executeScript(injection: {
      target: { tabId: number; frameIds?: number[]; documentIds?: string[] };
      files: string[];
    }): Promise<unknown>;
  };
  tabs: { executeScript?(tabId: number, details: { file: string; frameId?: number }): Promise<unknown> };
}

/**
 * Runs the page UI bundle in the page whose content script asked for it (`loadPageUi`, already checked:
 * our content script, a tab's top frame). With a document id (Chrome) it goes into that very document,
 * so a tab that navigated meanwhile gets nothing. The host access is the content script's own (its
 * matches, or the site the rep enabled): nothing is asked for here.
 */
export async function injectPageUi(sender: MessageSenderInfo, runner: ScriptRunner = browser as unknown as ScriptRunner): Promise<void> {
  const tabId = sender.tab?.id;
  if (tabId === undefined) throw new Error('No tab to load the page UI into');
  const frameId = sender.frameId ?? 0;
  if (runner.scripting) {
    const target = sender.documentId ? { tabId, documentIds: [sender.documentId] } : { tabId, frameIds: [frameId] };
    await runner.scripting.executeScript({ target, files: [PAGE_UI_SCRIPT] });
    return;
  }
  if (!runner.tabs.executeScript) throw new Error('This browser cannot load the page UI');
  // MV2's relative paths resolve against the page in Firefox: the leading slash makes it the extension's root.
  await runner.tabs.executeScript(tabId, { file: `/${PAGE_UI_SCRIPT}`, frameId });
}
