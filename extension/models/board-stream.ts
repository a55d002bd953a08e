import { EventSourceParserStream } from 'eventsource-parser/stream';
import { boardEventSchema, type BoardEvent } from '../../contract/live-board';
import type { BoardApi } from './board-api';

export type StreamStatus = 'connecting' | 'live' | 'reconnecting' | 'too-many' | 'signed-out' | 'refused';

export interface BoardStreamOptions {
  api: Pick<BoardApi, 'stream'>;
  onEvent(event: BoardEvent): void;
  onStatus(status: StreamStatus): void;
  /** Wait before the n-th reconnection in a row (1-based). */
  retryDelayMs?: (attempt: number) => number;
}

const backoff = (attempt: number) => Math.min(30_000, 1_000 * 2 ** (attempt - 1));

/**
 * The live board's server-sent events, read with fetch (EventSource cannot send the bearer token)
 * and an SSE parser. Reconnects on its own after a dropped connection or a server restart, backing
 * off, and resumes from the last event it got; stops for good when the session is no longer valid.
 */
export function openBoardStream(options: BoardStreamOptions): { close(): void } {
  const controller = new AbortController();
  const delay = options.retryDelayMs ?? backoff;
  let lastEventId: string | null = null;
  let wentLive = false;
  let tooMany = false;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      controller.signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
    });

  /** Reads one connection to its end; returns a final status, or null to reconnect. */
  async function connect(): Promise<StreamStatus | null> {
    const token = await options.api.stream.token();
    if (!token) return 'signed-out';
    const response = await options.api.stream.fetch(options.api.stream.url(lastEventId), {
      headers: { accept: 'text/event-stream', authorization: `Bearer ${token}` },
      signal: controller.signal,
      cache: 'no-store',
    });
    if (response.status === 401) return 'signed-out';
    if (response.status === 403) return 'refused';
    tooMany = response.status === 429; // this account has too many boards open: keep trying, slowly
    if (!response.ok || !response.body) return null;
    wentLive = true;
    options.onStatus('live');
    // A reader loop, not `for await`: async iteration of streams came to Chromium after our minimum version.
    const reader = response.body.pipeThrough(new TextDecoderStream()).pipeThrough(new EventSourceParserStream()).getReader();
    for (;;) {
      const { value: message, done } = await reader.read();
      if (done) return null;
      const parsed = boardEventSchema.safeParse({ event: message.event, data: safeJson(message.data) });
      if (!parsed.success) continue; // an event this version does not know: skip it, keep reading
      if (message.id) lastEventId = message.id;
      if (parsed.data.event === 'end' && parsed.data.data.reason === 'signed-out') return 'signed-out';
      options.onEvent(parsed.data);
    }
  }

  void (async () => {
    let attempt = 0;
    options.onStatus('connecting');
    while (!controller.signal.aborted) {
      wentLive = false;
      tooMany = false;
      const final = await connect().catch(() => null);
      if (controller.signal.aborted) return;
      if (final) {
        options.onStatus(final);
        return;
      }
      attempt = wentLive ? 1 : attempt + 1;
      options.onStatus(tooMany ? 'too-many' : 'reconnecting');
      await sleep(delay(attempt));
    }
  })();

  return { close: () => controller.abort() };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
