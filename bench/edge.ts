// The untrusted edge (issue 9), a larger run than `npm test` makes:
//  - the property suite's hostile requests (test/server/support/hostile-requests.ts), many more per
//    route, every outcome checked (5xx, hang, contract, a refusal that changed data);
//  - over real HTTP: how long a 300 MB declared upload, a 300 MB chunked upload and the 240 kB
//    repeated-key flood take to be refused, and how /healthz answers meanwhile, against an idle
//    /healthz measured in the same run; the process's memory before and after.
// `npm run bench -- --only edge`, or `node bench/edge.ts` alone.

import fc from 'fast-check';
import { apiRequest, createHostileTarget, isWebhook, sendHostile, takesBody, webhookRequest } from '../test/server/support/hostile-requests.ts';
import { serveOverHttp, uploadUntilAnswered } from '../test/server/support/http-server.ts';
import { count, ms, type ReportRow, type ReportTable } from './support/report.ts';
import { quantile, ratio } from './support/stats.ts';

const RUNS = { bodyRoute: 150, otherRoute: 30, webhook: 100 };
const SEED = 20_261_124;
const MB = 1024 * 1024;

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

async function healthz(port: number): Promise<number> {
  return (await timed(() => fetch(`http://127.0.0.1:${port}/healthz`).then((response) => response.arrayBuffer()))).ms;
}

export async function runEdgeBench(): Promise<ReportTable[]> {
  const target = await createHostileTarget();
  const rssBefore = process.memoryUsage().rss;
  let rssPeak = rssBefore;

  // 1. Hostile input on every route.
  const latencies: number[] = [];
  const problems: string[] = [];
  let requests = 0;
  let refusals = 0;
  for (const route of target.routes) {
    const arbitrary = isWebhook(route) ? webhookRequest(route) : apiRequest(route);
    const numRuns = isWebhook(route) ? RUNS.webhook : takesBody(route) ? RUNS.bodyRoute : RUNS.otherRoute;
    // One request generated at a time (fc.sample would hold every generated body at once).
    const record = async (request: Parameters<typeof sendHostile>[1]) => {
      const outcome = await sendHostile(target, request);
      requests++;
      if (outcome.status >= 400) refusals++;
      latencies.push(outcome.ms);
      problems.push(...outcome.problems);
      rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
      return true;
    };
    await fc.check(fc.asyncProperty(arbitrary, record), { seed: SEED, numRuns });
  }
  const hostile: ReportRow[] = [
    { key: true, metric: 'hostile requests with a problem (5xx, hang, contract, data changed)', value: count(problems.length), note: `${count(requests)} requests over ${target.routes.length} routes, ${count(refusals)} refused; aim 0` },
    { metric: 'hostile request p99', value: ms(quantile(latencies, 0.99)), note: `p50 ${ms(quantile(latencies, 0.5))}, max ${ms(Math.max(...latencies))}` },
    { key: true, metric: 'memory growth over the run', value: `${((rssPeak - rssBefore) / MB).toFixed(0)} MB`, note: 'peak RSS minus RSS at start' },
  ];
  for (const problem of problems.slice(0, 5)) hostile.push({ metric: 'problem', value: '', note: problem.slice(0, 160) });

  // 2. Over real HTTP: huge uploads and the form flood, and /healthz meanwhile.
  const http = await serveOverHttp((request) => target.test.app.fetch(request));
  const idle: number[] = [];
  for (let i = 0; i < 20; i++) idle.push(await healthz(http.port));
  const idleP50 = quantile(idle, 0.5);
  const rssHttp = process.memoryUsage().rss;
  const declared = await timed(() =>
    uploadUntilAnswered(http.port, `POST /twilio/voice HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${300 * MB}\r\n\r\n`, { maxBytes: 300 * MB }),
  );
  const chunk = (bytes: number) => Buffer.concat([Buffer.from(`${bytes.toString(16)}\r\n`), Buffer.alloc(bytes, 0x20), Buffer.from('\r\n')]);
  const chunked = await timed(() =>
    uploadUntilAnswered(http.port, 'POST /api/config HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n', { maxBytes: 300 * MB, chunk }),
  );
  const flood = 'a=b&'.repeat(60_000);
  const [floodAnswer, healthDuringFlood] = await Promise.all([
    timed(() => fetch(`http://127.0.0.1:${http.port}/twilio/voice`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: flood }).then((response) => response.status)),
    healthz(http.port),
  ]);
  const rssAfterHttp = process.memoryUsage().rss;
  await http.close();
  await target.close();

  const overHttp: ReportRow[] = [
    { metric: 'baseline: idle /healthz', value: ms(idleP50), note: `p50 of ${idle.length}` },
    {
      key: true,
      metric: '300 MB declared unsigned webhook → answered',
      value: ms(declared.ms),
      baseline: `idle /healthz ${ms(idleP50)}`,
      ratio: ratio(declared.ms, idleP50),
      note: `status ${declared.value.status}, ${(declared.value.bytesSent / MB).toFixed(1)} MB sent of 300 (was: 403 after reading it all, +0.8 GB)`,
    },
    {
      key: true,
      metric: '300 MB chunked JSON upload → answered',
      value: ms(chunked.ms),
      baseline: `idle /healthz ${ms(idleP50)}`,
      ratio: ratio(chunked.ms, idleP50),
      note: `status ${chunked.value.status}, ${(chunked.value.bytesSent / MB).toFixed(1)} MB sent of 300`,
    },
    {
      key: true,
      metric: '240 kB repeated-key webhook flood → answered',
      value: ms(floodAnswer.ms),
      baseline: `idle /healthz ${ms(idleP50)}`,
      ratio: ratio(floodAnswer.ms, idleP50),
      note: `status ${floodAnswer.value} (was: 403 after 32 s)`,
    },
    {
      key: true,
      metric: '/healthz during the flood',
      value: ms(healthDuringFlood),
      baseline: `idle ${ms(idleP50)}`,
      ratio: ratio(healthDuringFlood, idleP50),
      note: 'was: 32 s',
    },
    { metric: 'memory growth over the uploads', value: `${((rssAfterHttp - rssHttp) / MB).toFixed(0)} MB`, note: '600 MB offered in total' },
  ];
  return [
    { title: 'untrusted edge — hostile input on every route (test/server/support/hostile-requests.ts, larger run)', rows: hostile },
    { title: 'untrusted edge — huge bodies and the form flood over loopback HTTP', rows: overHttp },
  ];
}

if (import.meta.main) {
  const { formatTable } = await import('./support/report.ts');
  for (const table of await runEdgeBench()) console.log(`${formatTable(table)}\n`);
  process.exit(0);
}
