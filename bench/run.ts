// `npm run bench`: every benchmark in turn, each reporting figures against a baseline measured in the
// same run on the same machine (ratios, so a slow or busy machine does not change the verdict much).
// Nothing is asserted and the exit code is 0: targets are read, not enforced.
//   npm run bench                     all
//   npm run bench -- --only voice     the voice webhook (PGlite, and PostgreSQL with BENCH_DATABASE_URL)
//                                     and the token route over HTTP against bare routes
//   npm run bench -- --only content   the content script in Chromium (page loads side by side with
//                                     ringcentral-c2d and a bare baseline) and the extension bundles
//   npm run bench -- --only analytics the analytics and live-board queries on a million calls (embedded database)
//   npm run bench -- --only edge      hostile input on every route, huge uploads, the form flood (in-process and loopback)
//   npm run bench -- --build          rebuild the extension even when it looks up to date

import { availableParallelism, loadavg } from 'node:os';
import { formatSummary, formatTable, type ReportTable } from './support/report.ts';

interface Benchmark {
  id: 'voice' | 'content' | 'analytics' | 'edge';
  title: string;
  run(): Promise<ReportTable[]>;
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
  { id: 'voice', title: 'voice webhook + token', run: async () => (await import('./voice.ts')).runVoiceBench() },
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
