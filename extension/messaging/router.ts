import { browser } from 'wxt/browser';
import { CodedError } from './coded-error';
import { backgroundMessage, offscreenMessage, type OffscreenMessage, type ProtocolMap, type Reply } from './protocol';
import { authorize, type ExtensionIdentity, type MessageSenderInfo, type SenderKind } from './sender';

export type BackgroundHandlers = {
  [K in keyof ProtocolMap]: (
    message: ProtocolMap[K]['request'],
    from: { kind: SenderKind; sender: MessageSenderInfo },
  ) => Promise<ProtocolMap[K]['reply']> | ProtocolMap[K]['reply'];
};

/**
 * Thrown by a handler to answer with a specific error code (the UI maps codes to i18n text), and the
 * values its sentence needs.
 */
export class ReplyError extends CodedError {}

type Listener = (message: unknown, sender: MessageSenderInfo) => Promise<Reply<unknown>> | undefined;

/** `browser.runtime.onMessage`, narrowed to what we use (tests pass a fake). */
export interface OnMessage {
  addListener(listener: Listener): void;
  removeListener(listener: Listener): void;
}

export function runtimeOnMessage(): OnMessage {
  return browser.runtime.onMessage as unknown as OnMessage;
}

/**
 * Routes messages meant for the background. Messages of another shape are ignored (not answered), so the
 * offscreen document and our pages can share `runtime.onMessage` without stealing each other's replies.
 */
export function routeBackgroundMessages(
  onMessage: OnMessage,
  self: ExtensionIdentity,
  handlers: BackgroundHandlers,
): () => void {
  const listener: Listener = (raw, sender) => {
    const parsed = backgroundMessage.safeParse(raw);
    if (!parsed.success) return undefined;
    const message = parsed.data;
    const verdict = authorize(message, sender, self);
    if (!verdict.allowed) {
      console.warn('[yobidashi] refused message', message.type, verdict.reason);
      return Promise.resolve({ ok: false, error: { code: 'forbidden', message: verdict.reason } });
    }
    const handler = handlers[message.type] as (m: typeof message, from: unknown) => unknown;
    return Promise.resolve()
      .then(() => handler(message, { kind: verdict.kind, sender }))
      .then(
        (value): Reply<unknown> => ({ ok: true, value: value ?? null }),
        (error: unknown): Reply<unknown> => ({
          ok: false,
          error: {
            code: error instanceof ReplyError ? error.code : 'internal',
            message: error instanceof Error ? error.message : String(error),
            ...(error instanceof ReplyError && error.params ? { params: error.params } : {}),
          },
        }),
      );
  };
  onMessage.addListener(listener);
  return () => onMessage.removeListener(listener);
}

/** Routes `target: 'offscreen'` messages; only the background (our service worker) may send them. */
export function routeOffscreenMessages(
  onMessage: OnMessage,
  self: ExtensionIdentity,
  handle: (message: OffscreenMessage) => Promise<unknown> | unknown,
): () => void {
  const listener: Listener = (raw, sender) => {
    const parsed = offscreenMessage.safeParse(raw);
    if (!parsed.success) return undefined;
    // The service worker has our id and URL and no tab; our pages could also pass this, but they never send it.
    if (sender.id !== self.id || !(sender.url ?? '').startsWith(self.origin) || sender.tab) {
      return Promise.resolve({ ok: false, error: { code: 'forbidden', message: 'not from the background' } });
    }
    return Promise.resolve()
      .then(() => handle(parsed.data))
      .then(
        (value): Reply<unknown> => ({ ok: true, value: value ?? null }),
        (error: unknown): Reply<unknown> => ({
          ok: false,
          error: { code: deviceErrorCode(error), message: error instanceof Error ? error.message : String(error) },
        }),
      );
  };
  onMessage.addListener(listener);
  return () => onMessage.removeListener(listener);
}

/** A Twilio error keeps its number (`twilio-31005`), a host error its own code; anything else is `device`. */
function deviceErrorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'number') return `twilio-${code}`;
  return typeof code === 'string' ? code : 'device';
}
