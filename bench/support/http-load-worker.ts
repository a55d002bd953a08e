// Runs in a worker thread (the second core): keeps `concurrency` keep-alive requests in flight
// against one URL for `durationMs`, cycling through prepared requests, and reports each latency.
import { Agent, request } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

interface Job {
  url: string;
  concurrency: number;
  durationMs: number;
  requests: { headers: Record<string, string>; body: string }[];
}

const job = workerData as Job;
const target = new URL(job.url);
const agent = new Agent({ keepAlive: true, maxSockets: job.concurrency });

function send(prepared: Job['requests'][number]): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: target.hostname, port: target.port, path: target.pathname + target.search, method: 'POST', agent, headers: { ...prepared.headers, 'Content-Length': Buffer.byteLength(prepared.body) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(prepared.body);
  });
}

let next = 0;
const latencies: number[] = [];
const statuses: Record<number, number> = {};
for (let i = 0; i < 200; i++) await send(job.requests[next++ % job.requests.length]!);
const deadline = performance.now() + job.durationMs;
const started = performance.now();
await Promise.all(
  Array.from({ length: job.concurrency }, async () => {
    while (performance.now() < deadline) {
      const t0 = performance.now();
      const status = await send(job.requests[next++ % job.requests.length]!);
      latencies.push(performance.now() - t0);
      statuses[status] = (statuses[status] ?? 0) + 1;
    }
  }),
);
agent.destroy();
parentPort!.postMessage({ latencies, statuses, elapsedMs: performance.now() - started });
