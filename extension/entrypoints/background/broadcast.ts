import { browser } from 'wxt/browser';
import type { PublicState } from '@/messaging/public-state';

/** Content scripts get the same state minus who the rep is (the page is not ours to tell). */
export function forContentScript(state: PublicState): PublicState {
  return { ...state, user: null, serverUrl: null };
}

/**
 * Sends the state to our pages and to the tabs whose content script subscribed (in-call card, incoming
 * card). Answers with the tabs that no longer listen (closed, or navigated away from a page we run on).
 */
export async function broadcastState(state: PublicState, tabs: readonly number[]): Promise<number[]> {
  browser.runtime.sendMessage({ type: 'stateChanged', state }).catch(() => undefined);
  const pageState = forContentScript(state);
  const gone = await Promise.all(
    tabs.map((tabId) =>
      browser.tabs.sendMessage(tabId, { type: 'stateChanged', state: pageState }).then(
        () => null,
        () => tabId,
      ),
    ),
  );
  return gone.filter((tabId): tabId is number => tabId !== null);
}

/** Whether the active tab shows a page card of ours (so no system notification is needed). */
export async function activeTabHasOurCard(hasCard: (tabId: number) => Promise<boolean>): Promise<boolean> {
  const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  return tab?.id !== undefined && (await hasCard(tab.id));
}
