import type { PGlite } from '@electric-sql/pglite';
import type { ClientConfig } from 'pg';
import pgListen, { type Options, type Subscriber } from 'pg-listen';

// A CommonJS module that is also its own `default`: NodeNext types the import as the module, a
// bundler's resolution as the function. Both are the function at run time.
const createSubscriber = ((pgListen as { default?: unknown }).default ?? pgListen) as (config: ClientConfig, options: Options) => Subscriber;

/**
 * PostgreSQL's LISTEN/NOTIFY, seen from one server instance: what lets an instance keep rows in memory
 * that any instance may change (the database's triggers send the notices, at commit).
 */
export interface ChangeListener {
  notice(payload: string): void;
  /**
   * False while notices may be missed (not yet listening, connection lost): whatever was kept from
   * before must be dropped and nothing kept until this is true again.
   */
  live(isLive: boolean): void;
}

export interface ChangeNotices {
  listen(channel: string, listener: ChangeListener): void;
  close(): Promise<void>;
}

/** PGlite runs in this process: a notice is handed over with the commit that sent it, never missed. */
export function pgliteNotices(client: PGlite): ChangeNotices {
  return {
    listen(channel, listener) {
      void client.listen(channel, (payload) => listener.notice(payload)).then(
        () => listener.live(true),
        () => listener.live(false),
      );
    },
    async close() {},
  };
}

/** How the listening connection shows in `pg_stat_activity`. */
export const NOTICES_APPLICATION_NAME = 'yobidashi change notices';

/** How long to wait before the nth attempt to listen again: 0.5 s doubling up to 30 s. */
export const relistenDelayMs = (attempt: number) => Math.min(30_000, 500 * 2 ** Math.max(0, attempt - 1));

/**
 * A PostgreSQL server: one connection of its own, opened on the first `listen` (an instance that never
 * caches anything never opens it). pg-listen reconnects after a loss, forever, and checks the
 * connection every 30 s; listeners are told they are not live from the first sign of trouble until
 * every channel listens again.
 */
export function postgresNotices(url: string, onError: (error: Error) => void): ChangeNotices {
  const listeners = new Map<string, ChangeListener[]>();
  let subscriber: Subscriber | null = null;
  let listening = false;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;
  const everyone = (isLive: boolean) => {
    for (const group of listeners.values()) for (const listener of group) listener.live(isLive);
  };

  const start = (attempt: number) => {
    const next = createSubscriber({ connectionString: url, application_name: NOTICES_APPLICATION_NAME }, { parse: (payload: string) => payload, retryTimeout: 0, retryInterval: relistenDelayMs });
    subscriber = next;
    let listenedOnce = false;
    next.events.on('notification', ({ channel, payload }) => {
      for (const listener of listeners.get(channel) ?? []) listener.notice(typeof payload === 'string' ? payload : '');
    });
    next.events.on('reconnect', (attempt) => {
      listening = false;
      everyone(false);
      if (attempt === 1) onError(new Error('the connection listening for change notices was lost; reconnecting'));
    });
    // After a reconnection pg-listen has listened on every channel again before it says so.
    next.events.on('connected', () => {
      if (listenedOnce && !listening && !closed) {
        listening = true;
        everyone(true);
      }
    });
    next.events.on('error', (error) => {
      listening = false;
      everyone(false);
      onError(error);
    });
    next
      .connect()
      .then(() => Promise.all([...listeners.keys()].map((channel) => next.listenTo(channel))))
      .then(() => {
        listenedOnce = true;
        if (closed) return;
        listening = true;
        everyone(true);
      })
      .catch((error: unknown) => {
        onError(error instanceof Error ? error : new Error(String(error)));
        void next.close().catch(() => {});
        if (closed) return;
        retry = setTimeout(() => start(attempt + 1), relistenDelayMs(attempt));
        retry.unref();
      });
  };

  return {
    listen(channel, listener) {
      const known = listeners.get(channel);
      if (known) known.push(listener);
      else listeners.set(channel, [listener]);
      if (!subscriber) {
        start(1);
        return;
      }
      if (!listening) return; // the channel is listened to once the connection is up
      listener.live(false);
      void Promise.resolve(subscriber.listenTo(channel)).then(
        () => listener.live(listening),
        (error: unknown) => onError(error instanceof Error ? error : new Error(String(error))),
      );
    },
    async close() {
      closed = true;
      clearTimeout(retry);
      everyone(false);
      await subscriber?.close().catch(() => {});
    },
  };
}
