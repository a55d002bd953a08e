import { browser } from 'wxt/browser';
import type { PublicState } from '@/messaging/public-state';
import { sendToBackground } from '@/messaging/send';
import type { BackgroundLink } from '@/models/messaging-phone-client';

/**
 * The content script's line to the background: the same typed messages as the popup (the background
 * accepts only dial, getState and the call card's accept / reject / hang up / mute / keypad from a page),
 * and the state the background pushes to tabs that asked for it. No zod: only our own extension can
 * message a content script, so a light check of the envelope is enough here.
 */
export function pageLink(): BackgroundLink {
  return {
    send: sendToBackground,
    onStateChanged(listener) {
      const handler = (raw: unknown) => {
        const message = raw as { type?: unknown; state?: unknown } | null;
        if (message?.type === 'stateChanged' && isPublicState(message.state)) listener(message.state);
        return undefined;
      };
      browser.runtime.onMessage.addListener(handler);
      return () => browser.runtime.onMessage.removeListener(handler);
    },
  };
}

function isPublicState(value: unknown): value is PublicState {
  const state = value as Partial<PublicState> | null;
  return typeof state?.status === 'string' && typeof state.online === 'boolean' && typeof state.calls?.current?.kind === 'string';
}
