import { browser } from 'wxt/browser';
import { CodedError } from './coded-error';
import type { ProtocolMap, Reply } from './protocol';

// No zod in here (types only from protocol.ts): the content script sends through this file too, and its
// bundle stays small. The background checks every message's shape and sender.

/** A background reply with `ok: false`. `code`: forbidden | not_signed_in | unauthorized | server_unreachable | … */
export class BackgroundError extends CodedError {}

type Request<K extends keyof ProtocolMap> = ProtocolMap[K]['request'];

/** Sends a message to the background (from a page or a content script) and unwraps the reply. */
export async function sendToBackground<K extends keyof ProtocolMap>(
  message: Request<K> & { type: K },
): Promise<ProtocolMap[K]['reply']> {
  const reply = (await browser.runtime.sendMessage(message)) as Reply<ProtocolMap[K]['reply']> | undefined;
  if (!reply) throw new BackgroundError('no_reply', 'The background did not answer');
  if (!reply.ok) throw new BackgroundError(reply.error.code, reply.error.message, reply.error.params);
  return reply.value;
}
