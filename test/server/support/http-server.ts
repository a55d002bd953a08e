import { serve } from '@hono/node-server';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';

/** As the server hands it to `serve`: the second argument carries Node's request (`env.incoming`). */
type Fetch = (request: Request, env?: unknown) => Response | Promise<Response>;

/** The app behind a real Node HTTP server on a loopback port, as server/index.ts serves it. */
export async function serveOverHttp(fetch: Fetch): Promise<{ port: number; close(): Promise<void> }> {
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const instance = serve({ fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(instance));
  });
  const { port } = server.address() as AddressInfo;
  return {
    port,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

/**
 * Sends a request head, then body bytes in 64 kB chunks while the server has not answered, up to
 * `maxBytes` (a client uploading a huge body). Resolves with the status line's code and how many
 * body bytes had been written when the answer came.
 */
export function uploadUntilAnswered(
  port: number,
  head: string,
  options: { maxBytes: number; chunk?: (bytes: number) => Buffer },
): Promise<{ status: number; bytesSent: number }> {
  const chunkOf = options.chunk ?? ((bytes: number) => Buffer.alloc(bytes, 0x61));
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let answered = false;
    let bytesSent = 0;
    let received = '';
    socket.on('error', (error) => {
      // The server may close the socket once it has answered and dropped the rest of the upload.
      if (!answered) reject(error);
    });
    socket.on('data', (data) => {
      received += data.toString('latin1');
      const status = /^HTTP\/1\.1 (\d{3})/.exec(received);
      if (status && !answered) {
        answered = true;
        resolve({ status: Number(status[1]), bytesSent });
        socket.destroy();
      }
    });
    socket.write(head);
    const pump = () => {
      while (!answered && bytesSent < options.maxBytes) {
        const chunk = chunkOf(Math.min(64 * 1024, options.maxBytes - bytesSent));
        bytesSent += chunk.length;
        if (!socket.write(chunk)) return void socket.once('drain', pump);
      }
    };
    pump();
  });
}
