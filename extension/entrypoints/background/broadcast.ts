import { browser } from 'wxt/browser';
import type { PublicState } from '@/messaging/public-state';

/** Content scripts get the same state minus who the rep is (the page is not ours to tell). */
export function forContentScript(state: PublicState): PublicState {
  return { ...state, user: null, serverUrl: null };
}

/**
 * Tabs whose content script has talked to us; they get state pushes (in-call card, incoming card).
 * In memory only: after a service-worker restart a content script re-subscribes on its next getState.
 */
export const contentTabs = new Set<number>();

export function broadcastState(state: PublicState): void {
  browser.runtime.sendMessage({ type: 'stateChanged', state }).catch(() => undefined);
  const pageState = forContentScript(state);
  for (const tabId of contentTabs) {
    browser.tabs.sendMessage(tabId, { type: 'stateChanged', state: pageState }).catch(() => contentTabs.delete(tabId));
  }
}

/** Whether the active tab shows a page card of ours (so no system notification is needed). */
export async function activeTabHasOurCard(): Promise<boolean> {
  const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  return tab?.id !== undefined && contentTabs.has(tab.id);
}
