import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { BoardFull, type BoardHub } from '../board/board-hub.ts';
import { requireUser } from '../http/auth.ts';
import type { AppDeps, AppEnv } from '../http/deps.ts';
import { apiError } from '../http/errors.ts';
import { userForSession } from '../store/sessions.ts';

/** Who may watch the board: admins and supervisors (team leads). */
export const BOARD_VIEWERS = ['admin', 'supervisor'] as const;

/** What EventSource-style clients wait before reconnecting. */
const RETRY_MS = 3_000;

/**
 * `GET /api/board`: the board now (JSON). `GET /api/board/events`: the board as server-sent events
 * (contract/live-board.ts), authorised with the bearer token like every API call (the options page
 * reads the stream with fetch, which can send it; EventSource cannot). Resume with the last event's
 * id as `Last-Event-ID` or `?lastEventId=` (a query parameter needs no CORS preflight permission).
 */
export function boardRoutes(deps: AppDeps, hub: BoardHub) {
  return new Hono<AppEnv>()
    .use(requireUser(deps, BOARD_VIEWERS))
    .get('/', async (c) => c.json(await hub.current()))
    .get('/events', async (c) => {
      const user = c.get('user');
      const token = c.get('sessionToken');
      const lastEventId = c.req.header('Last-Event-ID') ?? c.req.query('lastEventId') ?? null;
      const subscriber = await hub.subscribe(user.id, lastEventId).catch((error: unknown) => {
        if (!(error instanceof BoardFull)) throw error;
        throw error.scope === 'user'
          ? apiError('too_many_board_streams')
          : apiError('board_busy');
      });
      const { keepAliveMs, sessionCheckMs } = hub.streamTiming;
      c.header('X-Accel-Buffering', 'no'); // nginx: pass events through as they come
      return streamSSE(c, async (stream) => {
        stream.onAbort(() => subscriber.close('disconnected'));
        let checked = Date.now();
        try {
          await stream.write(`retry: ${RETRY_MS}\n\n`);
          while (!subscriber.closed && !stream.aborted) {
            const events = await subscriber.next(keepAliveMs);
            for (const event of events) await stream.writeSSE(event);
            if (events.length === 0 && !subscriber.closed) await stream.write(': keep-alive\n\n');
            if (Date.now() - checked >= sessionCheckMs) {
              checked = Date.now();
              const still = await userForSession(deps.store.db, token, deps.now());
              if (!still || !(BOARD_VIEWERS as readonly string[]).includes(still.role)) subscriber.close('signed-out');
            }
          }
          const reason = subscriber.closed;
          if (reason && reason !== 'disconnected') await stream.writeSSE({ event: 'end', data: JSON.stringify({ reason }) });
        } finally {
          hub.unsubscribe(subscriber);
        }
      });
    });
}
