/**
 * A loopback HTTPS server for generated pages: path → HTML, everything else 404. HTTPS because Chromium
 * preloads HSTS for zoho.jp (test-only certificate, test/fixtures/tls).
 */
import { createServer } from 'node:https';
import { fixtureTls } from '../../test/support/tls.ts';
import type { AddressInfo } from 'node:net';

export interface PageServer {
  port: number;
  set(path: string, html: string): void;
  close(): Promise<void>;
}

export async function startPageServer(): Promise<PageServer> {
  const pages = new Map<string, string>();
  const server = createServer(fixtureTls(), (request, response) => {
    const path = new URL(request.url ?? '/', 'http://local').pathname;
    const html = pages.get(path);
    if (html === undefined) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    set: (path, html) => void pages.set(path, html),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
