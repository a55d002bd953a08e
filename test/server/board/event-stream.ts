import { EventSourceParserStream, type EventSourceMessage } from 'eventsource-parser/stream';
import { boardEventSchema, type BoardEvent } from '../../../contract/live-board.ts';

export type ReceivedEvent = BoardEvent & { id: string | undefined };

/**
 * A board event stream as a client reads it: the response body through an SSE parser, each event
 * checked against the protocol's schema. `until` reads on until an event matches.
 */
export function readBoardEvents(response: Response) {
  if (!response.body) throw new Error(`no stream: ${response.status}`);
  const reader = response.body.pipeThrough(new TextDecoderStream()).pipeThrough(new EventSourceParserStream()).getReader();
  const received: ReceivedEvent[] = [];

  // A read that timed out stays pending: the next call takes its result, so no event is ever lost.
  let pending: Promise<ReceivedEvent | null> | null = null;
  async function next(timeoutMs: number): Promise<ReceivedEvent | null> {
    pending ??= reader.read().then(({ value, done }) => (done ? null : parse(value)));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
    const result = await Promise.race([pending, timeout]);
    clearTimeout(timer);
    if (result === 'timeout') return null;
    pending = null;
    if (result) received.push(result);
    return result;
  }

  return {
    received,
    next,
    /** Reads until an event satisfies `match` (events before it are kept in `received`). */
    async until(match: (event: ReceivedEvent) => boolean, timeoutMs = 10_000): Promise<ReceivedEvent> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const event = await next(Math.max(0, deadline - Date.now()));
        if (!event) throw new Error(`no matching board event within ${timeoutMs} ms; got: ${received.map((e) => e.event).join(', ')}`);
        if (match(event)) return event;
      }
    },
    close: () => reader.cancel().catch(() => {}),
  };
}

function parse(message: EventSourceMessage): ReceivedEvent {
  const event = boardEventSchema.parse({ event: message.event, data: JSON.parse(message.data) });
  return { ...event, id: message.id };
}
