// Serves a Hono app on a free loopback port: what `TWILIO_API_URL` points our server at.

import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import type { AddressInfo } from 'node:net';

export interface RestServer {
  /** The base URL to give our server as TWILIO_API_URL. */
  readonly url: string;
  close(): Promise<void>;
}

export async function serveOnLoopback(app: Hono): Promise<RestServer> {
  const { server, port } = await new Promise<{ server: ReturnType<typeof serve>; port: number }>((resolve) => {
    const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) => resolve({ server, port: info.port }));
  });
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
