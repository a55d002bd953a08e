/// <reference types="node" />
import type { CDPSession, Page } from 'playwright-core';

export interface LogLine {
  /** `log:<source>` (network, security, violation, javascript…), `console:<type>`, or `exception`. */
  kind: string;
  text: string;
}

type TargetInfo = { targetId: string; type: string; url: string };

/**
 * What the offscreen document printed: its log (network failures, CSP violations, uncaught errors) and its
 * console, from the start (`Log.enable` replays what was collected). Playwright does not list offscreen
 * documents, so this goes through the DevTools protocol of one of our pages: the document is a target of
 * its own, reached with Target.attachToTarget and messages sent through Target.sendMessageToTarget.
 */
export async function offscreenLog(page: Page): Promise<{ lines: LogLine[]; close(): Promise<void> }> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const send = <T,>(method: string, params: object = {}) => cdp.send(method as never, params as never) as Promise<T>;
  const { targetInfos } = await send<{ targetInfos: TargetInfo[] }>('Target.getTargets');
  const target = targetInfos.find((info) => new URL(info.url).pathname === '/offscreen.html');
  if (!target) throw new Error(`no offscreen document among ${targetInfos.map((info) => info.url).join(', ')}`);

  const lines: LogLine[] = [];
  cdp.on('Target.receivedMessageFromTarget' as never, ((event: { message: string }) => {
    const { method, params } = JSON.parse(event.message) as { method?: string; params?: Record<string, never> };
    if (method === 'Log.entryAdded') {
      const entry = params?.entry as { source: string; text: string } | undefined;
      if (entry) lines.push({ kind: `log:${entry.source}`, text: entry.text });
    } else if (method === 'Runtime.consoleAPICalled') {
      const call = params as unknown as { type: string; args: { value?: unknown; description?: string }[] };
      lines.push({ kind: `console:${call.type}`, text: call.args.map((arg) => String(arg.value ?? arg.description ?? '')).join(' ') });
    } else if (method === 'Runtime.exceptionThrown') {
      const details = (params as unknown as { exceptionDetails: { text: string; exception?: { description?: string } } }).exceptionDetails;
      lines.push({ kind: 'exception', text: `${details.text} ${details.exception?.description ?? ''}` });
    }
  }) as never);
  const { sessionId } = await send<{ sessionId: string }>('Target.attachToTarget', { targetId: target.targetId, flatten: false });
  let id = 0;
  const command = (method: string) =>
    send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: ++id, method, params: {} }) });
  await command('Log.enable');
  await command('Runtime.enable');
  return {
    lines,
    async close() {
      await send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
      await cdp.detach().catch(() => undefined);
    },
  };
}
