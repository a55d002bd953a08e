// `npm run bench`: every benchmark in turn, each reporting figures against a baseline measured in the
// same run on the same machine (ratios, so a slow or busy machine does not change the verdict much).
// Nothing is asserted and the exit code is 0: targets are read, not enforced.
//   npm run bench                     all
//   npm run bench -- --only voice     the voice webhook and token routes (in-process)
//   npm run bench -- --only content   the content script in Chromium (page loads side by side with
//                                     ringcentral-c2d and a bare baseline) and the extension bundles
//   npm run bench -- --only analytics the analytics and live-board queries on a million calls (embedded database)
//   npm run bench -- --only edge      hostile input on every route, huge uploads, the form flood (in-process and loopback)
//   npm run bench -- --build          rebuild the extension even when it looks up to date

import { availableParallelism, loadavg } from 'node:os';
import { formatSummary, formatTable, ms, type ReportRow, type ReportTable } from './support/report.ts';
import { ratio } from './support/stats.ts';

const VOICE_THROUGHPUT_AIM = 0.5;

interface Benchmark {
  id: 'voice' | 'content' | 'analytics' | 'edge';
  title: string;
  run(): Promise<ReportTable[]>;
}

/** bench/voice.ts (the voice helper's) reports `BenchResult`s with the bare Hono route first. */
async function voiceTables(): Promise<ReportTable[]> {
  const { runVoiceBench } = await import('./voice.ts');
  const { inProcess, http } = await runVoiceBench();
  return [
    voiceTable('voice path — in-process app.request, embedded database (bench/voice.ts)', inProcess),
    voiceTable('voice path — over HTTP on loopback (server on one core, load from a worker thread), embedded database', http),
  ].filter((table): table is ReportTable => table !== null);
}

function voiceTable(title: string, results: Awaited<ReturnType<typeof import('./voice.ts').runVoiceBench>>['inProcess']): ReportTable | null {
  const [bare, ...routes] = results;
  if (!bare) return null;
  const perSecond = (value: number) => `${value.toFixed(0)} req/s`;
  const rows: ReportRow[] = [
    { metric: `baseline: ${bare.name} throughput`, value: perSecond(bare.perSecond), note: `p50 ${ms(bare.p50Ms)}, p99 ${ms(bare.p99Ms)}, ${bare.requests} requests` },
  ];
  for (const route of routes) {
    const webhook = route.name.includes('/twilio/voice');
    rows.push(
      {
        key: true,
        metric: `${route.name} throughput`,
        value: perSecond(route.perSecond),
        baseline: `bare ${perSecond(bare.perSecond)}`,
        ratio: ratio(route.perSecond, bare.perSecond),
        note: `higher is better${webhook ? `; aim ≥ ×${VOICE_THROUGHPUT_AIM.toFixed(2)}` : ''}; ${route.requests} requests${route.errors ? `, ${route.errors} UNEXPECTED STATUSES` : ''}`,
      },
      {
        key: true,
        metric: `${route.name} p99`,
        value: ms(route.p99Ms),
        baseline: `bare ${ms(bare.p99Ms)}`,
        ratio: ratio(route.p99Ms, bare.p99Ms),
        note: `p50 ${ms(route.p50Ms)} (bare ${ms(bare.p50Ms)})`,
      },
    );
  }
  return { title, rows };
}

async function contentTables(): Promise<ReportTable[]> {
  const { runContentBench } = await import('./content-script.ts');
  return runContentBench();
}

async function edgeTables(): Promise<ReportTable[]> {
  const { runEdgeBench } = await import('./edge.ts');
  return runEdgeBench();
}

const BENCHMARKS: Benchmark[] = [
  { id: 'voice', title: 'voice webhook + token', run: voiceTables },
  { id: 'content', title: 'content script + bundles', run: contentTables },
  { id: 'analytics', title: 'analytics + live board queries', run: async () => (await import('./analytics.ts')).runAnalyticsBench() },
  { id: 'edge', title: 'untrusted edge', run: edgeTables },
];

function selected(argv: readonly string[]): Benchmark[] {
  const at = argv.indexOf('--only');
  const only = at >= 0 ? argv[at + 1] : argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length);
  if (!only) return BENCHMARKS;
  const chosen = BENCHMARKS.filter((benchmark) => benchmark.id === only);
  if (chosen.length === 0) {
    console.error(`unknown benchmark "${only}": use --only ${BENCHMARKS.map((benchmark) => benchmark.id).join('|')}`);
    process.exit(2);
  }
  return chosen;
}

const started = performance.now();
const [load1] = loadavg();
console.log(
  `yobidashi benchmarks — node ${process.version}, ${availableParallelism()} CPUs, load average ${load1?.toFixed(2)}, ${new Date().toISOString()}\n`,
);
const all: ReportTable[] = [];
for (const benchmark of selected(process.argv.slice(2))) {
  const benchStarted = performance.now();
  let tables: ReportTable[];
  try {
    tables = await benchmark.run();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    tables = [{ title: benchmark.title, rows: [{ key: true, metric: `${benchmark.id}: not measured`, value: 'error', note: message.split('\n')[0] }] }];
  }
  for (const table of tables) console.log(`${formatTable(table)}\n`);
  console.log(`   (${benchmark.id}: ${((performance.now() - benchStarted) / 1000).toFixed(1)} s)\n`);
  all.push(...tables);
}
console.log('== summary (ratio = value / baseline; figures only, nothing asserted)');
for (const line of formatSummary(all)) console.log(`  ${line}`);
console.log(`\ntotal ${((performance.now() - started) / 1000).toFixed(1)} s`);
// Chromium and the embedded database may leave handles open; the report is complete.
process.exit(0);
