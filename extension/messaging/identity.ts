import type { browser as Browser } from 'wxt/browser';
import type { ExtensionIdentity } from './sender';

export const OFFSCREEN_PATH = '/offscreen.html';

export function extensionIdentity(browser: Pick<typeof Browser, 'runtime'>): ExtensionIdentity {
  return { id: browser.runtime.id, origin: browser.runtime.getURL('/'), offscreenPath: OFFSCREEN_PATH };
}
