import { browser } from 'wxt/browser';
import { stateChangedMessage, type OffscreenMessage, type ProtocolMap, type Reply } from './protocol';
import type { PublicState } from './public-state';
import type { PhoneEvent } from '@/phone/phone-device';

/** A background reply with `ok: false`. `code`: forbidden | not_signed_in | unauthorized | server_unreachable | … */
export class BackgroundError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

type Request<K extends keyof ProtocolMap> = ProtocolMap[K]['request'];

/** Sends a message to the background (from a page or a content script) and unwraps the reply. */
export async function sendToBackground<K extends keyof ProtocolMap>(
  message: Request<K> & { type: K },
): Promise<ProtocolMap[K]['reply']> {
  const reply = (await browser.runtime.sendMessage(message)) as Reply<ProtocolMap[K]['reply']> | undefined;
  if (!reply) throw new BackgroundError('no_reply', 'The background did not answer');
  if (!reply.ok) throw new BackgroundError(reply.error.code, reply.error.message);
  return reply.value;
}

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
