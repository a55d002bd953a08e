// The load generator, in a process of its own (forked by http-load.ts). Two modes, each over
// keep-alive connections to one URL, every request built here (a signed webhook gets a new CallSid
// and its own signature, as each real call does):
// - throughput: `connections` requests always in flight for `durationMs` (autocannon: closed loop);
// - rate: an open loop, one request every 1000/rate ms whatever the server does, latency counted from
//   when the request was due (so a stall counts for every request it delayed: no coordinated
//   omission). autocannon's own rate mode sends each connection's share in a burst at the start of
//   every second and "corrects" latencies with a 1 ms interval, so it is not used for this.
import autocannon from 'autocannon';
import { Agent, request } from 'node:http';
import twilio from 'twilio';

export type LoadRequests =
  | { kind: 'fixed'; headers: Record<string, string>; body: string }
  | { kind: 'bearer'; tokens: string[] }
  /** A new inbound call per request, signed with `authToken` for `signedUrl` (PUBLIC_URL + path). */
  | { kind: 'twilio-voice'; authToken: string; signedUrl: string; params: Record<string, string> };

export interface LoadJob {
  url: string;
  connections: number;
  durationMs: number;
  warmupMs: number;
  /** Requests per second for the open loop; absent: as many as `connections` allow. */
  rate?: number;
  requests: LoadRequests;
  /** Each request numbered from here (CallSids stay unique across runs on one database). */
  firstId: number;
}

export interface LoadResult {
  requests: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Responses other than 200, and connection errors. */
  errors: number;
}

function requestMaker(spec: LoadRequests): (id: number) => { headers: Record<string, string>; body: string } {
  switch (spec.kind) {
    case 'fixed':
      return () => ({ headers: spec.headers, body: spec.body });
    case 'bearer':
      return (id) => ({ headers: { Authorization: `Bearer ${spec.tokens[id % spec.tokens.length]}` }, body: '' });
    case 'twilio-voice':
      return (id) => {
        const params = { ...spec.params, CallSid: `CA${id.toString(16).padStart(32, '0')}` };
        return {
          headers: {
            'Content-Type': 'application/x-www-form-urlencoded',
            'X-Twilio-Signature': twilio.getExpectedTwilioSignature(spec.authToken, spec.signedUrl, params),
          },
          body: new URLSearchParams(params).toString(),
        };
      };
  }
}

function quantile(sorted: number[], q: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]! : Number.NaN;
}

async function closedLoop(job: LoadJob, make: ReturnType<typeof requestMaker>, durationMs: number, firstId: number): Promise<LoadResult> {
  let id = firstId;
  const result = await autocannon({
    url: job.url,
    method: 'POST',
    connections: job.connections,
    duration: durationMs / 1000,
    requests: [{ setupRequest: (req) => ({ ...req, ...make(id++) }) }],
  });
  const errors = result.non2xx + result.errors;
  return {
    requests: result.requests.total,
    perSecond: result.requests.total / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    errors,
  };
}

async function openLoop(job: LoadJob, make: ReturnType<typeof requestMaker>, durationMs: number, firstId: number): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: job.connections });
  const target = new URL(job.url);
  const interval = 1000 / job.rate!;
  const total = Math.round((durationMs / 1000) * job.rate!);
  const latencies: number[] = [];
  let errors = 0;
  const inFlight: Promise<void>[] = [];
  const send = (dueAt: number, id: number) =>
    new Promise<void>((done) => {
      // Latency counts from when the request was due, so a late send (this process starved of CPU, a
      // timer firing late) counts for the requests it delayed; one sent up to a millisecond early (no
      // timer for less) counts from when it was sent. Whichever came first.
      const from = Math.min(dueAt, performance.now());
      const { headers, body } = make(id);
      const req = request(
        { host: target.hostname, port: target.port, path: target.pathname, method: 'POST', agent, headers: { ...headers, 'Content-Length': Buffer.byteLength(body) } },
        (res) => {
          res.resume();
          res.on('end', () => {
            latencies.push(performance.now() - from);
            if (res.statusCode !== 200) errors++;
            done();
          });
        },
      );
      req.on('error', () => {
        errors++;
        done();
      });
      req.end(body);
    });
  const started = performance.now();
  for (let i = 0; i < total; i++) {
    const dueAt = started + i * interval;
    const wait = dueAt - performance.now();
    if (wait > 1) await new Promise((resume) => setTimeout(resume, wait));
    inFlight.push(send(dueAt, firstId + i));
  }
  await Promise.all(inFlight);
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { requests: latencies.length, perSecond: latencies.length / elapsed, p50Ms: quantile(latencies, 0.5), p99Ms: quantile(latencies, 0.99), maxMs: latencies.at(-1) ?? Number.NaN, errors };
}

process.once('message', (job: LoadJob) => {
  const make = requestMaker(job.requests);
  const run = job.rate ? openLoop : closedLoop;
  // Warm-up (JIT, prepared statements, caches, connections), then the measured run.
  run(job, make, job.warmupMs, job.firstId)
    .then(() => run(job, make, job.durationMs, job.firstId + 1_000_000))
    .then(
      (result) => process.send!({ result }),
      (error: unknown) => process.send!({ error: error instanceof Error ? error.stack : String(error) }),
    );
});
