import { browser } from 'wxt/browser';
import { stateChangedMessage, type OffscreenMessage, type Reply } from './protocol';
import { BackgroundError } from './send';
import type { PublicState } from './public-state';
import type { PhoneEvent } from '@/phone/phone-device';

export { BackgroundError, sendToBackground } from './send';

/** The offscreen document reports a device event to the background. */
export function reportPhoneEvent(event: PhoneEvent): Promise<unknown> {
  return browser.runtime.sendMessage({ type: 'phoneEvent', event }).catch(() => undefined);
}

/** The background commands the offscreen document. */
export async function sendToOffscreen(message: OffscreenMessage): Promise<unknown> {
  const reply = (await browser.runtime.sendMessage(message)) as Reply<unknown> | undefined;
  if (!reply) throw new BackgroundError('no_offscreen', 'The offscreen document did not answer');
  if (!reply.ok) throw new BackgroundError(reply.error.code, reply.error.message);
  return reply.value;
}

/**
 * Calls `listener` with every state the background broadcasts (works in pages and content scripts).
 * Call `sendToBackground({ type: 'getState' })` once for the initial state.
 */
export function onStateChanged(listener: (state: PublicState) => void): () => void {
  const handler = (raw: unknown) => {
    const parsed = stateChangedMessage.safeParse(raw);
    if (parsed.success) listener(parsed.data.state);
    return undefined;
  };
  browser.runtime.onMessage.addListener(handler);
  return () => browser.runtime.onMessage.removeListener(handler);
}
