// `npm run bench`: every benchmark in turn, each reporting figures against a baseline measured in the
// same run on the same machine (ratios, so a slow or busy machine does not change the verdict much).
// Nothing is asserted and the exit code is 0: targets are read, not enforced.
//   npm run bench                     all, each in a process of its own once the machine has settled
//   npm run bench -- --only voice     the voice webhook (PGlite, and PostgreSQL with BENCH_DATABASE_URL)
//                                     and the token route over HTTP against bare routes
//   npm run bench -- --only content   the content script in Chromium (page loads side by side with
//                                     ringcentral-c2d and a bare baseline) and the extension bundles
//   npm run bench -- --only analytics the analytics and live-board queries on a million calls (embedded database)
//   npm run bench -- --only edge      hostile input on every route, huge uploads, the form flood (in-process and loopback)
//   npm run bench -- --build          rebuild the extension even when it looks up to date

import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatSummary, formatTable, reportTablesSchema, type ReportTable } from './support/report.ts';

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

/** Set in a benchmark's own process (see inOwnProcess): where it leaves its tables for the summary. */
const REPORT_FILE = process.env.BENCH_REPORT_FILE;

/** The machine counts as settled once its CPUs were this idle for QUIET_SAMPLES seconds in a row. */
const QUIET_IDLE_SHARE = 0.85;
const QUIET_SAMPLES = 2;
const SETTLE_LIMIT_MS = 60_000;

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

const notMeasured = (benchmark: Benchmark, why: string): ReportTable[] => [
  { title: benchmark.title, rows: [{ key: true, metric: `${benchmark.id}: not measured`, value: 'error', note: why }] },
];

async function runHere(benchmark: Benchmark): Promise<ReportTable[]> {
  const started = performance.now();
  let tables: ReportTable[];
  try {
    tables = await benchmark.run();
  } catch (error) {
    tables = notMeasured(benchmark, (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '');
  }
  for (const table of tables) console.log(`${formatTable(table)}\n`);
  console.log(`   (${benchmark.id}: ${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
  return tables;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function idleShare(before: ReturnType<typeof cpus>, after: ReturnType<typeof cpus>): number {
  let idle = 0;
  let total = 0;
  for (const [i, cpu] of after.entries()) {
    const was = before[i]?.times;
    if (!was) continue;
    const { user, nice, sys, irq } = cpu.times;
    idle += cpu.times.idle - was.idle;
    total += user - was.user + (nice - was.nice) + (sys - was.sys) + (irq - was.irq) + (cpu.times.idle - was.idle);
  }
  return total > 0 ? idle / total : 1;
}

/**
 * Waits until the machine is quiet: the previous benchmark's aftermath (PostgreSQL writing out what
 * the voice bench stored, Chromium's processes exiting) would otherwise land in the next one's figures.
 */
async function untilSettled(): Promise<string> {
  const started = performance.now();
  let quiet = 0;
  let idle = 1;
  while (quiet < QUIET_SAMPLES && performance.now() - started < SETTLE_LIMIT_MS) {
    const before = cpus();
    await sleep(1_000);
    idle = idleShare(before, cpus());
    quiet = idle >= QUIET_IDLE_SHARE ? quiet + 1 : 0;
  }
  const waited = ((performance.now() - started) / 1000).toFixed(0);
  const state = `CPUs ${(idle * 100).toFixed(0)}% idle, load average ${loadavg()[0]?.toFixed(2)}`;
  return quiet >= QUIET_SAMPLES ? `settled after ${waited} s (${state})` : `still busy after ${waited} s (${state}): measured anyway`;
}

/**
 * A benchmark in a process of its own, so that what one leaves behind (the voice bench's heap of a
 * gigabyte, its databases, open handles) does not slow the next: its tables come back through a file.
 */
async function inOwnProcess(benchmark: Benchmark): Promise<ReportTable[]> {
  const dir = await mkdtemp(join(tmpdir(), 'yobidashi-bench-'));
  const reportFile = join(dir, 'tables.json');
  try {
    const exitCode = await new Promise<number | null>((done) => {
      const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--only', benchmark.id, ...process.argv.slice(2).filter((arg) => arg === '--build')], {
        stdio: ['ignore', 'inherit', 'inherit'],
        env: { ...process.env, BENCH_REPORT_FILE: reportFile },
      });
      child.on('error', () => done(null));
      child.on('exit', (code) => done(code));
    });
    try {
      return reportTablesSchema.parse(JSON.parse(await readFile(reportFile, 'utf8')));
    } catch {
      return notMeasured(benchmark, `its process ended (exit code ${exitCode ?? 'none'}) without a report`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}


const started = performance.now();
const chosen = selected(process.argv.slice(2));
if (!REPORT_FILE) {
  console.log(`yobidashi benchmarks — node ${process.version}, ${availableParallelism()} CPUs, load average ${loadavg()[0]?.toFixed(2)}, ${new Date().toISOString()}\n`);
}
const all: ReportTable[] = [];
for (const benchmark of chosen) {
  if (chosen.length === 1) {
    all.push(...(await runHere(benchmark)));
    continue;
  }
  console.log(`-- ${benchmark.id}: in a process of its own; the machine ${await untilSettled()}\n`);
  all.push(...(await inOwnProcess(benchmark)));
}
if (REPORT_FILE) {
  await writeFile(REPORT_FILE, JSON.stringify(all));
  process.exit(0);
}
console.log('== summary (ratio = value / baseline; figures only, nothing asserted)');
for (const line of formatSummary(all)) console.log(`  ${line}`);
console.log(`\ntotal ${((performance.now() - started) / 1000).toFixed(1)} s`);
// Chromium and the embedded database may leave handles open; the report is complete.
process.exit(0);
