/**
 * Page loads side by side in one Chromium with the built extension: the Zoho-shaped list page at each
 * size, loaded again and again by each contender in turn (page alone, the bare baseline,
 * ringcentral-c2d, Yobidashi), each load traced (trace.ts) and probed (load-probe.ts). Yobidashi's
 * content script runs on crm.zoho.jp; the others get the same page from 127.0.0.1, where it does not.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { z } from 'zod';
import { launchChromium, ZOHO_HOST } from './chromium.ts';
import { bareScript, BARE_BUTTON, C2D_LOAD, c2dScript, checkC2dMatches, ownerOfScript, probeScript, type ContenderId } from './contenders.ts';
import type { ProbeConfig } from './load-probe.ts';
import type { PageServer } from './page-server.ts';
import { attribute, loadTrace, startTrace, type Attribution } from './trace.ts';
import { LIST_PATH, zohoListPage } from './zoho-list-page.ts';

export interface LoadResult {
  contender: ContenderId;
  rows: number;
  expected: number;
  /** Numbers that got a button (or a c2d match), false ones apart. */
  found: number;
  falsePositives: number;
  falseSamples: string[];
  /** ms after DOMContentLoaded: every button in the DOM (c2d: its last match). */
  doneAfterDcl: number;
  /** …and the frame showing them rendered. */
  paintedAfterDcl: number;
  /** ms after DOMContentLoaded until the numbers in the first viewport had their buttons. */
  visibleAfterDcl: number;
  attribution: Attribution;
}

const CALL_BUTTON = { tag: 'yobidashi-call-button', role: 'button' };

const stateSchema = z.object({
  dcl: z.number().optional(),
  expected: z.number().optional(),
  visibleDone: z.number().optional(),
  done: z.number().optional(),
  painted: z.number().optional(),
  buttons: z.number(),
  truePositives: z.number(),
  falsePositives: z.number(),
  falseSamples: z.array(z.string()),
});
const c2dStateSchema = z.object({ calls: z.number(), lastEnd: z.number().optional(), queued: z.number(), quietFor: z.number() }).nullable();
const c2dCheckSchema = z.object({ truePositives: z.number(), falsePositives: z.number(), samples: z.array(z.string()) });

const pathFor = (rows: number) => `${LIST_PATH}/${rows}`;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The extension opens its options page on install. That tab takes the foreground and Chromium then
 * renders the CRM tab behind it about once a second, which would measure a background tab's frame rate,
 * not the content script: close extension tabs as they open.
 */
async function closeExtensionTabs(context: BrowserContext): Promise<void> {
  let closedOne = false;
  const closeIfExtension = async (tab: Page) => {
    await tab.waitForLoadState('domcontentloaded').catch(() => undefined);
    if (!tab.url().startsWith('chrome-extension://')) return;
    await tab.close().catch(() => undefined);
    closedOne = true;
  };
  context.on('page', (tab) => void closeIfExtension(tab));
  for (const tab of context.pages()) void closeIfExtension(tab);
  for (let waited = 0; waited < 8_000 && !closedOne; waited += 100) await sleep(100);
}

/** How many phone values the first viewport shows at this size (Chromium's 1280×800 window). */
async function visibleValueCount(context: BrowserContext, url: string): Promise<number> {
  const tab = await context.newPage();
  try {
    await tab.goto(url, { waitUntil: 'load' });
    return z
      .number()
      .parse(await tab.evaluate(`[...document.querySelectorAll('span.cxPhoneViewValue')].filter((value) => value.getBoundingClientRect().top < innerHeight).length`));
  } finally {
    await tab.close();
  }
}

async function untilDone(tab: Page, contender: ContenderId): Promise<void> {
  if (contender === 'page') return sleep(1_500);
  if (contender === 'c2d') {
    // Done: it has matched, its queue is empty, and nothing happened for longer than its 1 s delay.
    for (let waited = 0; waited < 30_000; waited += 200) {
      const state = c2dStateSchema.parse(
        await tab.evaluate(
          `(() => { const c2d = window.__ybC2d; if (!c2d) return null;
            return { calls: c2d.state.calls, lastEnd: c2d.state.lastEnd, queued: c2d.queue(), quietFor: performance.now() - (c2d.state.lastEnd ?? performance.now()) }; })()`,
        ),
      );
      if (state && state.calls > 0 && state.queued === 0 && state.quietFor > 1_500) return;
      await sleep(200);
    }
    return;
  }
  await tab.waitForFunction('window.__ybLoad && window.__ybLoad.painted !== undefined', undefined, { timeout: 30_000, polling: 100 }).catch(() => undefined);
  await sleep(300); // the trace's last events
}

async function oneLoad(context: BrowserContext, server: PageServer, contender: ContenderId, rows: number, load: number, visibleValues: number): Promise<LoadResult> {
  const config: ProbeConfig = { button: contender === 'ours' ? CALL_BUTTON : contender === 'bare' ? BARE_BUTTON : null, visibleValues };
  const tab = await context.newPage();
  try {
    await tab.addInitScript({ content: probeScript(config) });
    if (contender === 'bare') await tab.addInitScript({ content: bareScript() });
    if (contender === 'c2d') await tab.addInitScript({ content: c2dScript() });
    await tab.bringToFront();
    const host = contender === 'ours' ? ZOHO_HOST : '127.0.0.1';
    const query = `load=${contender}-${rows}-${load}`;
    const stopTrace = await startTrace(context, tab);
    let events;
    try {
      await tab.goto(`https://${host}:${server.port}${pathFor(rows)}?${query}`, { waitUntil: 'load', timeout: 60_000 });
      await untilDone(tab, contender);
    } finally {
      events = await stopTrace();
    }
    const state = stateSchema.parse(await tab.evaluate('window.__ybLoad'));
    const trace = loadTrace(events, query, ownerOfScript);
    const dclTrace = trace.marks.get('yb:dcl');
    const dcl = state.dcl ?? Number.NaN;
    const after = (time: number | undefined) => (time === undefined ? Number.NaN : time - dcl);
    let found = state.truePositives;
    let falsePositives = state.falsePositives;
    let falseSamples = state.falseSamples;
    let done = state.done;
    let painted = state.painted;
    if (contender === 'c2d') {
      const check = c2dCheckSchema.parse(await tab.evaluate(checkC2dMatches));
      const lastEnd = await tab.evaluate('window.__ybC2d && window.__ybC2d.state.lastEnd');
      ({ truePositives: found, falsePositives, samples: falseSamples } = check);
      done = painted = typeof lastEnd === 'number' ? lastEnd : undefined;
    }
    // Probe times are performance.now(); the trace's clock is another: the DCL mark joins them.
    const toTrace = (time: number | undefined) => (time === undefined || dclTrace === undefined ? Number.POSITIVE_INFINITY : dclTrace + (time - dcl));
    const until = contender === 'page' ? Number.POSITIVE_INFINITY : toTrace(painted);
    return {
      contender,
      rows,
      expected: state.expected ?? 0,
      found,
      falsePositives,
      falseSamples,
      doneAfterDcl: after(done),
      paintedAfterDcl: after(painted),
      visibleAfterDcl: contender === 'c2d' ? after(done) : after(state.visibleDone),
      attribution: attribute(trace, contender, dclTrace ?? trace.navigationStart, until, ['probe', C2D_LOAD]),
    };
  } finally {
    await tab.close();
  }
}

export interface PageLoadOptions {
  server: PageServer;
  extensionDir: string;
  sizes: number[];
  reps: number;
  contenders: ContenderId[];
  onLoad?(result: LoadResult | Error, contender: ContenderId, rows: number): void;
}

export async function measurePageLoads(options: PageLoadOptions): Promise<LoadResult[]> {
  const { server } = options;
  for (const rows of options.sizes) server.set(pathFor(rows), zohoListPage(rows).html);
  const browser = await launchChromium({ extensionDir: options.extensionDir });
  const results: LoadResult[] = [];
  try {
    await closeExtensionTabs(browser.context);
    for (const rows of options.sizes) {
      const visible = await visibleValueCount(browser.context, `https://127.0.0.1:${server.port}${pathFor(rows)}`);
      for (let rep = 0; rep < options.reps; rep++) {
        // A different order each round, so a busy moment of the machine does not always hit the same one.
        const order = options.contenders.map((_, index) => options.contenders[(index + rep) % options.contenders.length]!);
        for (const contender of order) {
          try {
            const result = await oneLoad(browser.context, server, contender, rows, rep, visible);
            results.push(result);
            options.onLoad?.(result, contender, rows);
          } catch (error) {
            options.onLoad?.(error instanceof Error ? error : new Error(String(error)), contender, rows);
          }
        }
      }
    }
  } finally {
    await browser.close();
  }
  return results;
}
