import { Worker } from 'node:worker_threads';

export interface HttpLoadResult {
  requests: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  statuses: Record<number, number>;
}

/** Drives a real HTTP server from a worker thread, so load generation does not share the server's core. */
export function loadOverHttp(job: {
  url: string;
  concurrency: number;
  durationMs: number;
  requests: { headers: Record<string, string>; body: string }[];
}): Promise<HttpLoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./http-load-worker.ts', import.meta.url), { workerData: job });
    worker.once('error', reject);
    worker.once('message', (message: { latencies: number[]; statuses: Record<number, number>; elapsedMs: number }) => {
      const latencies = message.latencies.sort((a, b) => a - b);
      const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
      resolve({
        requests: latencies.length,
        perSecond: latencies.length / (message.elapsedMs / 1000),
        p50Ms: at(0.5),
        p99Ms: at(0.99),
        statuses: message.statuses,
      });
      void worker.terminate();
    });
  });
}
