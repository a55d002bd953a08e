import { browser } from 'wxt/browser';
import { sendToOffscreen } from '@/messaging/client';
import { OFFSCREEN_PATH } from '@/messaging/identity';
import type { PhoneTransport } from './phone-transport';

// chrome.offscreen / runtime.getContexts are Chrome-only and missing from the polyfill's types.
interface ChromeOffscreen {
  offscreen: {
    createDocument(options: { url: string; reasons: string[]; justification: string }): Promise<void>;
    closeDocument(): Promise<void>;
  };
  runtime: { getContexts(filter: { contextTypes: string[]; documentUrls?: string[] }): Promise<unknown[]> };
}
const chromeApi = () => (globalThis as unknown as { chrome: ChromeOffscreen }).chrome;

/**
 * The Twilio Device lives in an offscreen document: a service worker has no WebRTC, microphone or audio.
 * Only one offscreen document may exist per extension, so creation is checked and serialised.
 */
export function offscreenTransport(): PhoneTransport {
  const url = browser.runtime.getURL(OFFSCREEN_PATH);
  let creating: Promise<void> | null = null;

  const isOpen = async () => {
    const contexts = await chromeApi().runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'], documentUrls: [url] });
    return contexts.length > 0;
  };

  return {
    isOpen,
    async open() {
      if (creating) {
        await creating;
        return false;
      }
      if (await isOpen()) return false;
      creating = chromeApi()
        .offscreen.createDocument({
          url,
          // USER_MEDIA: the microphone; WEB_RTC: the call itself; AUDIO_PLAYBACK: ringtone and far-end audio.
          reasons: ['USER_MEDIA', 'WEB_RTC', 'AUDIO_PLAYBACK'],
          justification: 'Keeps the Yobidashi phone (Twilio Voice) ready to make and receive calls.',
        })
        .finally(() => {
          creating = null;
        });
      await creating;
      return true;
    },
    send: sendToOffscreen,
    async close() {
      if (await isOpen()) await chromeApi().offscreen.closeDocument();
    },
  };
}
