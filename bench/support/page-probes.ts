/**
 * Code that runs in the benchmark page, not in Node: `installProbes` is serialised with toString() and
 * added with page.addScriptTag, so it must be self-contained (no imports, no outer variables). Node's
 * type stripping leaves plain JavaScript behind. The DOM is typed loosely here (server tsconfig: no DOM
 * lib), only as far as these probes use it.
 */

interface PageNode {
  readonly isConnected: boolean;
  remove(): void;
}
interface PageElement extends PageNode {
  readonly localName: string;
  readonly textContent: string | null;
  readonly nextElementSibling: PageElement | null;
  getBoundingClientRect(): { top: number; bottom: number };
  readonly children: ArrayLike<PageElement>;
  readonly offsetHeight: number;
  append(...nodes: PageNode[]): void;
  insertBefore(node: PageNode, before: PageNode | null): void;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): ArrayLike<PageElement>;
  innerHTML: string;
  readonly content: PageNode;
  readonly firstChild: PageNode | null;
  after(node: PageNode): void;
  setAttribute(name: string, value: string): void;
}
interface PageDocument {
  readonly body: PageElement;
  readonly documentElement: PageElement;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): ArrayLike<PageElement>;
  createElement(tag: string): PageElement;
  createTreeWalker(root: PageNode | PageElement, whatToShow: number): { nextNode(): { data?: string } | null };
}
interface MutationRecordLike {
  addedNodes: ArrayLike<PageNode & { localName?: string }>;
}
interface PerformanceEntryLike {
  startTime: number;
  duration: number;
}
interface ScanHandle {
  adapter: string | null;
  buttons: number;
  candidates: number;
  stop(): void;
}
interface PageGlobals {
  document: PageDocument;
  performance: { now(): number };
  setTimeout: (handler: unknown, delay?: number, ...args: unknown[]) => number;
  requestAnimationFrame: (callback: (time: number) => void) => number;
  innerHeight: number;
  MutationObserver: new (callback: (records: MutationRecordLike[]) => void) => {
    observe(target: PageNode | PageElement, options: { childList: boolean; subtree: boolean }): void;
    disconnect(): void;
  };
  PerformanceObserver: new (callback: (list: { getEntries(): PerformanceEntryLike[] }) => void) => {
    observe(options: { type: string; buffered: boolean }): void;
    takeRecords(): PerformanceEntryLike[];
  };
  NodeFilter: { SHOW_TEXT: number };
  YobidashiScan?: { scanDocument(window: unknown, options: { keep?: boolean }): ScanHandle };
  __ybBench?: unknown;
}

/** What one timed injector run saw: elapsed time, the injector's own tasks (slices and frames), long tasks. */
export interface RunTiming {
  ms: number;
  buttons: number;
  slices: number[];
  longtasks: number[];
}

export function installProbes(): void {
  const page = globalThis as unknown as PageGlobals;
  const { document, performance } = page;
  const BUTTON = 'yobidashi-call-button';

  // Long tasks of any origin (our slices, the page's layout, …), kept with their start time.
  const longtasks: PerformanceEntryLike[] = [];
  const longtaskObserver = new page.PerformanceObserver((list) => longtasks.push(...list.getEntries()));
  try {
    longtaskObserver.observe({ type: 'longtask', buffered: true });
  } catch {
    // not supported: the report says so (no entries is not "no long tasks" then)
  }
  const longtasksBetween = (from: number, to: number) => {
    longtasks.push(...longtaskObserver.takeRecords());
    return longtasks.filter((entry) => entry.startTime >= from && entry.startTime <= to).map((entry) => entry.duration);
  };

  // The scanner's scheduler is window.setTimeout(task, 0): wrapping it times each slice of its work.
  const nativeSetTimeout = page.setTimeout.bind(page);
  let slices: number[] | null = null;
  page.setTimeout = (handler: unknown, delay?: number, ...args: unknown[]) => {
    if (!slices || typeof handler !== 'function') return nativeSetTimeout(handler, delay, ...args);
    const record = slices;
    return nativeSetTimeout(() => {
      const started = performance.now();
      try {
        (handler as (...a: unknown[]) => void)(...args);
      } finally {
        record.push(performance.now() - started);
      }
    }, delay);
  };
  // …and its button insertions run in animation-frame callbacks: time those too.
  const nativeRequestAnimationFrame = page.requestAnimationFrame.bind(page);
  page.requestAnimationFrame = (callback: (time: number) => void) => {
    if (!slices) return nativeRequestAnimationFrame(callback);
    const record = slices;
    return nativeRequestAnimationFrame((time) => {
      const started = performance.now();
      try {
        callback(time);
      } finally {
        record.push(performance.now() - started);
      }
    });
  };
  const pause = (ms: number) => new Promise<void>((resolve) => nativeSetTimeout(resolve, ms));

  /** Resolves with the time at which `expected` more call buttons have been inserted. */
  function buttonsArrive(expected: number, timeoutMs = 30_000): Promise<{ at: number; seen: number }> {
    return new Promise((resolve) => {
      let seen = 0;
      const observer = new page.MutationObserver((records) => {
        for (const record of records)
          for (let i = 0; i < record.addedNodes.length; i++) if (record.addedNodes[i]!.localName === BUTTON) seen++;
        if (seen >= expected) {
          observer.disconnect();
          resolve({ at: performance.now(), seen });
        }
      });
      observer.observe(document.documentElement, { childList: true, subtree: true });
      nativeSetTimeout(() => {
        observer.disconnect();
        resolve({ at: Number.NaN, seen });
      }, timeoutMs);
    });
  }

  const scanner = () => {
    if (!page.YobidashiScan) throw new Error('scanner bundle not loaded');
    return page.YobidashiScan;
  };
  const tbody = () => document.querySelector('table.lvTable tbody')!;
  const settleLayout = () => document.body.offsetHeight;
  let kept: ScanHandle | null = null;

  page.__ybBench = {
    nodeCount() {
      const all = document.querySelectorAll('*').length;
      const walker = document.createTreeWalker(document.documentElement, page.NodeFilter.SHOW_TEXT);
      let texts = 0;
      while (walker.nextNode()) texts++;
      return { elements: all, texts, values: document.querySelectorAll('span.cxPhoneViewValue').length };
    },

    /** The baseline: visit every text node of the page and read its text. */
    walk() {
      settleLayout();
      const started = performance.now();
      const walker = document.createTreeWalker(document.documentElement, page.NodeFilter.SHOW_TEXT);
      let nodes = 0;
      let chars = 0;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        nodes++;
        chars += node.data!.length;
      }
      return { ms: performance.now() - started, nodes, chars };
    },

    /** (a) One synchronous full pass of the content script's injector; buttons removed afterwards. */
    scanSync() {
      settleLayout();
      const started = performance.now();
      const scan = scanner().scanDocument(page, { keep: true });
      const scanned = performance.now();
      settleLayout();
      const laidOut = performance.now();
      const result = { ms: scanned - started, layoutMs: laidOut - scanned, buttons: scan.buttons, adapter: scan.adapter, candidates: scan.candidates };
      scan.stop();
      settleLayout();
      return result;
    },

    /**
     * (c) The initial injection as the content script runs it: the list arrives in one piece (Zoho
     * renders the table body at once) and the injector works through it in timed slices.
     */
    async batchedInitial(expected: number): Promise<RunTiming> {
      const body = tbody();
      const table = document.querySelector('table.lvTable')!;
      body.remove();
      settleLayout();
      kept = scanner().scanDocument(page, { keep: true });
      await pause(20);
      slices = [];
      const arrival = buttonsArrive(expected);
      table.append(body);
      // The page's own layout of its new rows happens here, in the page's task, before the clock starts.
      settleLayout();
      const started = performance.now();
      const { at, seen } = await arrival;
      const record = slices;
      slices = null;
      await pause(100);
      return { ms: at - started, buttons: seen, slices: record, longtasks: longtasksBetween(started, at) };
    },

    /** (b) A SPA update on the kept injector: the first `count` rows replaced by new ones. */
    async spaUpdate(html: string, count: number, expected: number): Promise<RunTiming> {
      const template = document.createElement('template');
      template.innerHTML = html;
      const body = tbody();
      settleLayout();
      await pause(20);
      slices = [];
      const arrival = buttonsArrive(expected);
      for (let i = 0; i < count; i++) body.children[0]!.remove();
      body.insertBefore(template.content, body.children[0] ?? null);
      settleLayout();
      const started = performance.now();
      const { at, seen } = await arrival;
      const record = slices;
      slices = null;
      await pause(100);
      return { ms: at - started, buttons: seen, slices: record, longtasks: longtasksBetween(started, at) };
    },

    /**
     * Control for the layout figure of scanSync: the same number of plain 20 px inline boxes inserted
     * after the same values — what any insertion into this table costs the page's layout.
     */
    layoutControl() {
      settleLayout();
      const boxes: PageElement[] = [];
      const values = document.querySelectorAll('span.cxPhoneViewValue');
      const started = performance.now();
      for (let i = 0; i < values.length; i++) {
        const value = values[i]!;
        if (!value.firstChild) continue;
        const box = document.createElement('span');
        box.setAttribute('style', 'display:inline-flex;vertical-align:middle;width:20px;height:20px;margin-left:4px');
        value.after(box);
        boxes.push(box);
      }
      const inserted = performance.now();
      settleLayout();
      const laidOut = performance.now();
      for (const box of boxes) box.remove();
      settleLayout();
      return { ms: inserted - started, layoutMs: laidOut - inserted, boxes: boxes.length };
    },

    buttonCount: () => document.querySelectorAll(BUTTON).length,

    stopKept() {
      kept?.stop();
      kept = null;
      settleLayout();
    },
  };
}

/**
 * For the real extension run: installed in the page's <head> (before the rows are parsed), records
 * when the content script's buttons arrive and every long task after DOMContentLoaded.
 */
export function installLoadProbe(expected: number): void {
  const page = globalThis as unknown as PageGlobals & {
    addEventListener(type: string, listener: () => void): void;
    __ybLoad?: {
      expected: number;
      domContentLoaded?: number;
      firstButton?: number;
      /** Every callable value in the first viewport has its button. */
      visibleDone?: number;
      visibleExpected?: number;
      done?: number;
      seen: number;
      longtasks: PerformanceEntryLike[];
    };
  };
  const state = { expected, seen: 0, longtasks: [] as PerformanceEntryLike[] } as NonNullable<typeof page.__ybLoad>;
  page.__ybLoad = state;
  try {
    new page.PerformanceObserver((list) => state.longtasks.push(...list.getEntries())).observe({ type: 'longtask', buffered: true });
  } catch {
    // reported as no entries
  }
  // The values a rep sees without scrolling, found once at DOMContentLoaded (the page lays itself out
  // for its first paint then anyway): callable = not empty, not masked, as the page generator makes them.
  const visibleValues: PageElement[] = [];
  page.addEventListener('DOMContentLoaded', () => {
    state.domContentLoaded = page.performance.now();
    const values = page.document.querySelectorAll('span.cxPhoneViewValue');
    for (let i = 0; i < values.length; i++) {
      const value = values[i]!;
      const box = value.getBoundingClientRect();
      if (box.top >= page.innerHeight) break;
      const text = value.textContent?.trim() ?? '';
      if (box.bottom > 0 && text !== '' && !text.includes('*')) visibleValues.push(value);
    }
    state.visibleExpected = visibleValues.length;
  });
  const hasButton = (value: PageElement) => value.nextElementSibling?.localName === 'yobidashi-call-button';
  const observer = new page.MutationObserver((records) => {
    for (const record of records)
      for (let i = 0; i < record.addedNodes.length; i++) if (record.addedNodes[i]!.localName === 'yobidashi-call-button') state.seen++;
    if (state.seen > 0 && state.firstButton === undefined) state.firstButton = page.performance.now();
    if (state.seen > 0 && state.visibleDone === undefined && visibleValues.length > 0 && visibleValues.every(hasButton)) {
      state.visibleDone = page.performance.now();
    }
    if (state.seen >= state.expected && state.done === undefined) state.done = page.performance.now();
  });
  observer.observe(page.document.documentElement, { childList: true, subtree: true });
}
