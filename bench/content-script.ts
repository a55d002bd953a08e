// The content script in real Chromium on a Zoho-shaped list view of 2,000 rows (~4,000 numbers,
// ~50,000 nodes) served at crm.zoho.jp (host-resolver rule → 127.0.0.1). The scanner is bundled from
// extension/crm/scan.ts and timed in the page against a plain TreeWalker pass over the same page in the
// same run; then the real built extension loads the page once more. Prints figures; asserts nothing.
//   node bench/content-script.ts   (or `npm run bench -- --only content`)

import type { BrowserContext, Page } from 'playwright-core';
import { z } from 'zod';
import { launchChromium, ZOHO_HOST } from './support/chromium.ts';
import {
  bundleTable,
  extensionTable,
  ROWS,
  scanTable,
  UPDATE_ROWS,
  type ExtensionLoad,
  type InPageResults,
  type RunTiming,
} from './support/content-tables.ts';
import { contentScriptBundles, ensureExtensionBuild, EXTENSION_DIR } from './support/extension-build.ts';
import { installLoadProbe, installProbes } from './support/page-probes.ts';
import { startPageServer, type PageServer } from './support/page-server.ts';
import { formatTable, type ReportTable } from './support/report.ts';
import { bundleScanner } from './support/scan-bundle.ts';
import { summarize, type Summary } from './support/stats.ts';
import { LIST_PATH, listRows, zohoListPage } from './support/zoho-list-page.ts';

const REPS = Number(process.env.BENCH_REPS ?? 7);
const BATCHED_REPS = 3;
const EXTENSION_LOADS = 3;

const walkSchema = z.object({ ms: z.number(), nodes: z.number(), chars: z.number() });
const scanSchema = z.object({ ms: z.number(), layoutMs: z.number(), buttons: z.number(), adapter: z.string().nullable(), candidates: z.number() });
const timingSchema: z.ZodType<RunTiming> = z.object({ ms: z.number(), buttons: z.number(), slices: z.array(z.number()), longtasks: z.array(z.number()) });
const controlSchema = z.object({ ms: z.number(), layoutMs: z.number(), boxes: z.number() });
const nodeCountSchema = z.object({ elements: z.number(), texts: z.number(), values: z.number() });
const loadSchema = z.object({
  expected: z.number(),
  seen: z.number(),
  domContentLoaded: z.number().optional(),
  firstButton: z.number().optional(),
  visibleDone: z.number().optional(),
  visibleExpected: z.number().optional(),
  done: z.number().optional(),
  longtasks: z.array(z.object({ startTime: z.number(), duration: z.number() })),
});

/** Record k·150 + i has the same format, or empty or masked cell, as record i: updates keep the count. */
const PATTERN_PERIOD = 150;

async function openBenchPage(page: Page, url: string, scanner: string): Promise<void> {
  await page.goto(url, { waitUntil: 'load' });
  await page.addScriptTag({ content: scanner });
  await page.addScriptTag({ content: `(${installProbes.toString()})();` });
}

const call = (page: Page, expression: string) => page.evaluate(expression);

async function measureInPage(server: PageServer, scanner: string): Promise<InPageResults> {
  const listPage = zohoListPage(ROWS);
  server.set(LIST_PATH, listPage.html);
  const browser = await launchChromium();
  try {
    const page = await browser.context.newPage();
    await openBenchPage(page, `https://${ZOHO_HOST}:${server.port}${LIST_PATH}`, scanner);
    const nodes = nodeCountSchema.parse(await call(page, '__ybBench.nodeCount()'));

    // Warm-up (JIT, style caches), not counted.
    for (let i = 0; i < 3; i++) await call(page, '__ybBench.walk()');
    scanSchema.parse(await call(page, '__ybBench.scanSync()'));

    const walks: z.infer<typeof walkSchema>[] = [];
    const scans: z.infer<typeof scanSchema>[] = [];
    const controls: z.infer<typeof controlSchema>[] = [];
    for (let rep = 0; rep < REPS; rep++) {
      walks.push(walkSchema.parse(await call(page, '__ybBench.walk()')));
      scans.push(scanSchema.parse(await call(page, '__ybBench.scanSync()')));
      walks.push(walkSchema.parse(await call(page, '__ybBench.walk()')));
      controls.push(controlSchema.parse(await call(page, '__ybBench.layoutControl()')));
    }

    const batched: RunTiming[] = [];
    const updates: RunTiming[] = [];
    for (let rep = 0; rep < BATCHED_REPS; rep++) {
      batched.push(timingSchema.parse(await page.evaluate(`__ybBench.batchedInitial(${listPage.callable})`)));
      if (rep === 0) {
        for (let update = 0; update < REPS; update++) {
          const rows = listRows(PATTERN_PERIOD * (100 + 2 * update), UPDATE_ROWS);
          updates.push(
            timingSchema.parse(
              await page.evaluate(
                ([html, n, expected]) =>
                  (globalThis as unknown as { __ybBench: { spaUpdate(h: string, c: number, e: number): Promise<unknown> } }).__ybBench.spaUpdate(html, n, expected),
                [rows.html, UPDATE_ROWS, rows.callable] as const,
              ),
            ),
          );
        }
      }
      await call(page, '__ybBench.stopKept()');
    }
    return {
      nodes,
      walk: summarize(walks.map((walk) => walk.ms)),
      walkTextNodes: walks[0]!.nodes,
      scan: summarize(scans.map((scan) => scan.ms)),
      scanLayout: summarize(scans.map((scan) => scan.layoutMs)),
      controlLayout: summarize(controls.map((control) => control.layoutMs)),
      controlBoxes: controls[0]!.boxes,
      scanButtons: scans[0]!.buttons,
      adapter: scans[0]!.adapter,
      batched,
      updates,
    };
  } finally {
    await browser.close();
  }
}


/**
 * The extension opens its options page on install. That tab takes the foreground and Chromium then
 * renders the CRM tab behind it about once a second, which would measure a background tab's frame rate,
 * not the content script: close extension tabs as they open and keep `page` in front.
 */
async function keepInFront(context: BrowserContext, page: Page): Promise<void> {
  const isExtensionTab = (tab: Page) => tab.url().startsWith('chrome-extension://');
  let closedOne = false;
  const closeIfExtension = async (tab: Page) => {
    if (tab === page) return;
    // A new tab's URL is about:blank until it has navigated.
    await tab.waitForLoadState('domcontentloaded').catch(() => undefined);
    if (!isExtensionTab(tab)) return;
    await tab.close().catch(() => undefined);
    await page.bringToFront().catch(() => undefined);
    closedOne = true;
  };
  context.on('page', (tab) => void closeIfExtension(tab));
  for (const tab of context.pages()) void closeIfExtension(tab);
  // Give the install tab time to open (and be closed) before the first timed load.
  for (let waited = 0; waited < 8_000 && !closedOne; waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await page.bringToFront();
}

/** (d) The built extension's own content script on the same page, loaded EXTENSION_LOADS times. */
async function measureRealExtension(server: PageServer): Promise<ExtensionLoad[]> {
  const path = LIST_PATH.replace('/list', '/list-extension');
  const probe = zohoListPage(ROWS);
  server.set(path, zohoListPage(ROWS, `(${installLoadProbe.toString()})(${probe.callable});`).html);
  const browser = await launchChromium({ extensionDir: EXTENSION_DIR });
  const loads: ExtensionLoad[] = [];
  try {
    const page = await browser.context.newPage();
    await keepInFront(browser.context, page);
    for (let load = 0; load < EXTENSION_LOADS; load++) {
      await page.bringToFront();
      await page.goto(`https://${ZOHO_HOST}:${server.port}${path}?load=${load}`, { waitUntil: 'load' });
      await page
        .waitForFunction('window.__ybLoad && window.__ybLoad.done !== undefined', undefined, { timeout: 30_000, polling: 100 })
        .catch(() => undefined);
      await page.waitForTimeout(200); // long-task entries are delivered after their task
      const state = loadSchema.parse(await call(page, 'window.__ybLoad'));
      const dcl = state.domContentLoaded ?? Number.NaN;
      loads.push({
        expected: state.expected,
        seen: state.seen,
        sinceNavigation: state.done ?? Number.NaN,
        sinceDomContentLoaded: (state.done ?? Number.NaN) - dcl,
        visibleSinceDomContentLoaded: (state.visibleDone ?? Number.NaN) - dcl,
        visibleExpected: state.visibleExpected ?? 0,
        longtasks: state.longtasks.filter((task) => task.startTime + task.duration >= dcl).map((task) => task.duration),
      });
    }
  } finally {
    await browser.close();
  }
  return loads;
}

export async function runContentBench(): Promise<ReportTable[]> {
  const build = await ensureExtensionBuild(process.argv.includes('--build'));
  const tables: ReportTable[] = [];
  const server = await startPageServer();
  let walk: Summary | null = null;
  try {
    const scanner = await bundleScanner();
    const expected = zohoListPage(ROWS).callable;
    try {
      const results = await measureInPage(server, scanner);
      walk = results.walk;
      tables.push(scanTable(results, expected, expected));
    } catch (error) {
      tables.push({ title: 'content script in Chromium', rows: [{ metric: 'not measured', value: 'error', note: String(error).split('\n')[0] }] });
    }
    const haveBuild = contentScriptBundles().length > 0;
    const loads = haveBuild ? await measureRealExtension(server).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error)))) : new Error(`no build: ${build.error ?? 'missing'}`);
    tables.push(extensionTable(loads, walk, build));
  } finally {
    await server.close();
  }
  tables.push(bundleTable(build));
  return tables;
}

if (import.meta.main) {
  for (const table of await runContentBench()) console.log(`${formatTable(table)}\n`);
}
