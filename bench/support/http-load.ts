import { fork } from 'node:child_process';
import type { LoadJob, LoadResult } from './http-load-process.ts';

export type { LoadJob, LoadRequests, LoadResult } from './http-load-process.ts';

/**
 * Drives a real HTTP server from a child process (its own V8 heap, event loop and core), so the load
 * generator shares neither the server's thread nor its garbage collector.
 */
export function loadOverHttp(job: LoadJob): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(new URL('./http-load-process.ts', import.meta.url), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let settled = false;
    child.once('error', reject);
    child.once('message', (message: { result?: LoadResult; error?: string }) => {
      settled = true;
      if (message.result) resolve(message.result);
      else reject(new Error(message.error ?? 'load generator failed'));
      child.kill();
    });
    child.once('exit', (code) => {
      if (!settled) reject(new Error(`load generator exited with ${code}`));
    });
    child.send(job);
  });
}
