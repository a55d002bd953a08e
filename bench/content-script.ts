// The content script in real Chromium, on a Zoho-shaped list page served at crm.zoho.jp (host-resolver
// rule → 127.0.0.1): each row two phone numbers in Japanese formats, plus a date, an amount, a postal
// code and an order id that are not numbers. Prints figures against baselines of the same run; asserts
// nothing.
//   1. page loads at 100, 200 and 2,000 rows, side by side: the built extension (.output/chrome-mv3),
//      ringcentral-c2d (RingCentral's detector, a dev dependency), a bare TreeWalker + plain buttons, and
//      the page alone; each load traced by Chromium (bench/support/page-loads.ts, trace.ts);
//   2. the single-page-app cases (the CRM renders its list or swaps rows by script) with the injector
//      bundled from extension/crm/scan.ts, against the same change without it;
//   3. what a button costs the table's layout, by kind; 4. the bundle sizes.
//   npm run bench -- --only content          (BENCH_REPS=7, BENCH_ROWS=100,200,2000 by default;
//                                             BENCH_EXPLAIN=1 prints what each load's longest task held,
//                                             and every task of 20 ms or more)

import type { Page } from 'playwright-core';
import { z } from 'zod';
import { launchChromium, ZOHO_HOST } from './support/chromium.ts';
import { bundleTable, hostTable, loadDetailTable, loadSummaryTable, spaTable, type HostCost, type SpaResults } from './support/content-tables.ts';
import { contentScriptBundles, ensureExtensionBuild, EXTENSION_DIR } from './support/extension-build.ts';
import { measurePageLoads, type LoadResult } from './support/page-loads.ts';
import { installProbes, type HostKind, type RunTiming } from './support/page-probes.ts';
import { startPageServer, type PageServer } from './support/page-server.ts';
import type { ReportTable } from './support/report.ts';
import { bundleScanner } from './support/scan-bundle.ts';
import { summarize } from './support/stats.ts';
import { LIST_PATH, listRows, zohoListPage } from './support/zoho-list-page.ts';

const REPS = Number(process.env.BENCH_REPS ?? 7);
const SIZES = (process.env.BENCH_ROWS ?? '100,200,2000').split(',').map(Number).filter((rows) => rows > 0);
const SPA_ROWS = 2000;
const SWAP_ROWS = 200;
const COMMAND = `npm run bench -- --only content   # BENCH_REPS=${REPS} BENCH_ROWS=${SIZES.join(',')}`;
/** Record k·150 + i has the same format, or empty or masked cell, as record i: swapped rows keep the count. */
const PATTERN_PERIOD = 150;

const walkSchema = z.object({ ms: z.number(), nodes: z.number(), chars: z.number() });
const scanSchema = z.object({ ms: z.number(), layoutMs: z.number(), buttons: z.number(), adapter: z.string().nullable(), candidates: z.number() });
/** NaN: not measured (no injector, or its buttons never all came). */
const time = z.union([z.number(), z.nan()]);
const timingSchema: z.ZodType<RunTiming> = z.object({ inserted: time, painted: time, buttons: z.number(), longFrames: z.array(z.number()) });
const hostSchema = z.object({ scriptMs: z.number(), layoutMs: z.number(), buttons: z.number() });
const nodeCountSchema = z.object({ elements: z.number(), texts: z.number(), values: z.number() });

const call = (page: Page, expression: string) => page.evaluate(expression);
const HOST_KINDS: HostKind[] = ['none', 'yobidashi', 'closed-shadow', 'plain-button', 'anchored-layer', 'positioned-layer'];

/** 2. and 3.: in one page of SPA_ROWS rows, with the scanner bundle added to it. */
async function measureInPage(server: PageServer, scanner: string): Promise<{ spa: SpaResults; hosts: HostCost[]; expected: number }> {
  const listPage = zohoListPage(SPA_ROWS);
  server.set(LIST_PATH, listPage.html);
  const browser = await launchChromium();
  try {
    const page = await browser.context.newPage();
    await page.goto(`https://${ZOHO_HOST}:${server.port}${LIST_PATH}`, { waitUntil: 'load' });
    await page.addScriptTag({ content: scanner });
    await page.addScriptTag({ content: `(${installProbes.toString()})();` });
    const nodes = nodeCountSchema.parse(await call(page, '__ybBench.nodeCount()'));

    // Warm-up (JIT, style caches), not counted.
    for (let i = 0; i < 3; i++) await call(page, '__ybBench.walk()');
    scanSchema.parse(await call(page, '__ybBench.scanSync()'));

    const walks: number[] = [];
    const scans: z.infer<typeof scanSchema>[] = [];
    const listWith: RunTiming[] = [];
    const listWithout: RunTiming[] = [];
    const listButtonsOnly: RunTiming[] = [];
    const swapWith: RunTiming[] = [];
    const swapWithout: RunTiming[] = [];
    const swapButtonsOnly: RunTiming[] = [];
    const hostRuns = new Map<HostKind, z.infer<typeof hostSchema>[]>(HOST_KINDS.map((kind) => [kind, []]));
    for (let rep = 0; rep < REPS; rep++) {
      walks.push(walkSchema.parse(await call(page, '__ybBench.walk()')).ms);
      scans.push(scanSchema.parse(await call(page, '__ybBench.scanSync()')));
      const rows = listRows(PATTERN_PERIOD * (100 + 2 * rep), SWAP_ROWS);
      const swap = (expected: number, withButtons = false) =>
        page.evaluate(
          ([html, count, wanted, buttons]) =>
            (globalThis as unknown as { __ybBench: { rowsSwapped(h: string, c: number, e: number, b: boolean): Promise<unknown> } }).__ybBench.rowsSwapped(html, count, wanted, buttons),
          [rows.html, SWAP_ROWS, expected, withButtons] as const,
        );
      // A different order each round, as for the page loads: a run's place in the round moved its time
      // more than the variant did (up to 165 ms), and a fixed order charged that to one variant.
      const variants: [RunTiming[], () => Promise<unknown>][][] = [
        [
          [listWith, () => call(page, `__ybBench.listRendered(${listPage.callable})`)],
          [listWithout, () => call(page, '__ybBench.listRendered(0)')],
          [listButtonsOnly, () => call(page, '__ybBench.listRendered(0, true)')],
        ],
        [
          [swapWith, () => swap(rows.callable)],
          [swapWithout, () => swap(0)],
          [swapButtonsOnly, () => swap(0, true)],
        ],
      ];
      for (const change of variants) {
        for (let i = 0; i < change.length; i++) {
          const [runs, run] = change[(i + rep) % change.length]!;
          runs.push(timingSchema.parse(await run()));
        }
      }
      for (const kind of HOST_KINDS) hostRuns.get(kind)!.push(hostSchema.parse(await call(page, `__ybBench.hostCost(${JSON.stringify(kind)})`)));
    }
    return {
      expected: listPage.callable,
      spa: {
        walk: summarize(walks),
        nodes,
        scan: summarize(scans.map((scan) => scan.ms)),
        scanLayout: summarize(scans.map((scan) => scan.layoutMs)),
        scanButtons: scans[0]!.buttons,
        listWith,
        listWithout,
        listButtonsOnly,
        swapWith,
        swapWithout,
        swapButtonsOnly,
        swapRows: SWAP_ROWS,
        rows: SPA_ROWS,
      },
      hosts: HOST_KINDS.map((kind) => {
        const runs = hostRuns.get(kind)!;
        return { kind, layout: summarize(runs.map((run) => run.layoutMs)), script: summarize(runs.map((run) => run.scriptMs)), buttons: runs[0]?.buttons ?? 0 };
      }),
    };
  } finally {
    await browser.close();
  }
}

/** `BENCH_EXPLAIN=1`: what the load's longest task held, and its tasks of 20 ms or more (at after DCL / length / rendering / own script, P = parsing). */
function explainLoad(result: LoadResult, contender: string, rows: number): void {
  const round = (value: number) => Math.round(value * 10) / 10;
  console.error(`   ${contender} ${rows} rows: longest ${JSON.stringify(result.attribution.longest, (_, v: unknown) => (typeof v === 'number' ? round(v) : v))}`);
  const tasks = result.attribution.longTasks.map((task) =>
    [task.atMs, task.durationMs, task.renderingMs, task.ownScriptMs].map((value) => Math.round(value)).join('/') + (task.parsing ? ' P' : ''),
  );
  console.error(`     tasks ≥ 20 ms (at/length/rendering/own script ms): ${tasks.join(', ')}`);
}

function notMeasured(title: string, error: unknown): ReportTable {
  const message = String(error instanceof Error ? error.message : error);
  console.error(`   ${title}: ${message}`);
  return { title, rows: [{ key: true, metric: `${title}: not measured`, value: 'error', note: message.replace(/\s+/g, ' ').slice(0, 200) }] };
}

export async function runContentBench(): Promise<ReportTable[]> {
  const build = await ensureExtensionBuild(process.argv.includes('--build'));
  const tables: ReportTable[] = [];
  const server = await startPageServer();
  try {
    if (contentScriptBundles().length > 0) {
      try {
        const results: LoadResult[] = await measurePageLoads({
          server,
          extensionDir: EXTENSION_DIR,
          sizes: SIZES,
          reps: REPS,
          contenders: ['page', 'bare', 'c2d', 'ours'],
          onLoad: (result, contender, rows) => {
            if (result instanceof Error) console.error(`   load failed (${contender}, ${rows} rows): ${result.message.split('\n')[0]}`);
            else if (process.env.BENCH_EXPLAIN) explainLoad(result, contender, rows);
          },
        });
        tables.push(loadSummaryTable(results, SIZES, REPS, COMMAND));
        for (const rows of SIZES) tables.push(loadDetailTable(results, rows, REPS, COMMAND));
      } catch (error) {
        tables.push(notMeasured('page loads', error));
      }
    } else {
      tables.push(notMeasured('page loads', `no build: ${build.error ?? 'missing'}`));
    }
    try {
      const { spa, hosts, expected } = await measureInPage(server, await bundleScanner());
      tables.push(spaTable(spa, expected, COMMAND), hostTable(hosts, SPA_ROWS, COMMAND));
    } catch (error) {
      tables.push(notMeasured('single-page app and button host', error));
    }
  } finally {
    await server.close();
  }
  tables.push(bundleTable(build));
  return tables;
}

if (import.meta.main) {
  const { formatTable } = await import('./support/report.ts');
  for (const table of await runContentBench()) console.log(`${formatTable(table)}\n`);
}
