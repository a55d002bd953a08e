/**
 * Code that runs in the benchmark page, not in Node: `installProbes` is serialised with toString() and
 * added with page.addScriptTag, so it must be self-contained (no imports, no outer variables). Node's
 * type stripping leaves plain JavaScript behind. The DOM is typed loosely here (server tsconfig: no DOM
 * lib), only as far as these probes use it.
 *
 * These are the single-page-app cases, timed with the scanner bundled from extension/crm/scan.ts
 * (the injector the content script runs): the CRM renders its whole list at once, or swaps 200 rows,
 * with and without the injector observing; and what one button costs the table's layout, by kind.
 */

interface PageNode {
  readonly isConnected: boolean;
  readonly localName?: string;
  remove(): void;
}
interface PageElement extends PageNode {
  readonly localName: string;
  readonly textContent: string | null;
  readonly children: ArrayLike<PageElement>;
  readonly offsetHeight: number;
  readonly firstChild: PageNode | null;
  readonly content: PageNode;
  innerHTML: string;
  append(...nodes: PageNode[]): void;
  insertBefore(node: PageNode, before: PageNode | null): void;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): ArrayLike<PageElement>;
  after(node: PageNode): void;
  setAttribute(name: string, value: string): void;
  getAttribute(name: string): string | null;
  attachShadow(init: { mode: string }): { adoptedStyleSheets: unknown[]; append(...nodes: PageNode[]): void };
  cloneNode(deep: boolean): PageElement;
  style: { cssText: string; setProperty(name: string, value: string, priority?: string): void; removeProperty(name: string): string };
  remove(): void;
}
interface PageDocument {
  readonly body: PageElement;
  readonly documentElement: PageElement;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): ArrayLike<PageElement>;
  createElement(tag: string): PageElement;
  createElementNS(namespace: string, tag: string): PageElement;
  createTreeWalker(root: PageNode | PageElement, whatToShow: number): { nextNode(): { data?: string } | null };
}
interface MutationRecordLike {
  type: string;
  target: PageNode;
  addedNodes: ArrayLike<PageNode>;
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
  setTimeout: (handler: () => void, delay?: number) => number;
  requestAnimationFrame: (callback: () => void) => number;
  MessageChannel: new () => { port1: { onmessage: (() => void) | null }; port2: { postMessage(message: unknown): void } };
  CSSStyleSheet: new () => { replaceSync(text: string): void };
  MutationObserver: new (callback: (records: MutationRecordLike[]) => void) => {
    observe(target: PageNode | PageElement, options: { childList: boolean; subtree: boolean; attributes?: boolean; attributeFilter?: string[] }): void;
    disconnect(): void;
  };
  PerformanceObserver: new (callback: (list: { getEntries(): PerformanceEntryLike[] }) => void) => {
    observe(options: { type: string; buffered: boolean }): void;
    takeRecords(): PerformanceEntryLike[];
  };
  YobidashiScan?: {
    scanDocument(window: unknown, options: { keep?: boolean }): ScanHandle;
    createCallButton(document: unknown, options: { display: string; language: string; trustedClicksOnly: boolean; onClick(): void }): PageElement;
  };
  __ybBench?: unknown;
}

/** One timed change of the page: until its buttons were in, until the frame showing them was rendered. */
export interface RunTiming {
  /** ms from the page's change until every new button was in (NaN without the injector). */
  inserted: number;
  /** ms from the page's change until the frame after it (and after the buttons) was rendered. */
  painted: number;
  buttons: number;
  /** Lengths of the long animation frames (over 50 ms: script tasks and rendering) between the change and `painted`. */
  longFrames: number[];
}

/** Kinds of button whose style and layout cost `hostCost` weighs. */
export type HostKind = 'none' | 'yobidashi' | 'closed-shadow' | 'plain-button' | 'anchored-layer' | 'positioned-layer';


export function installProbes(): void {
  const page = globalThis as unknown as PageGlobals;
  const { document, performance } = page;
  const BUTTON = 'yobidashi-call-button';

  // Long animation frames of any origin (the injector, the page's style and layout, …). Not long tasks:
  // those leave out the frame's rendering, which is most of what a change of a big table costs.
  const longFrames: PerformanceEntryLike[] = [];
  const frameObserver = new page.PerformanceObserver((list) => longFrames.push(...list.getEntries()));
  frameObserver.observe({ type: 'long-animation-frame', buffered: true });
  const longFramesBetween = (from: number, to: number) => {
    longFrames.push(...frameObserver.takeRecords());
    return longFrames.filter((entry) => entry.startTime + entry.duration >= from && entry.startTime <= to).map((entry) => entry.duration);
  };
  const pause = (ms: number) => new Promise<void>((resolve) => page.setTimeout(resolve, ms));
  /** After the next frame's style, layout and paint: a message posted from its animation-frame callback. */
  const nextFramePainted = () =>
    new Promise<number>((resolve) =>
      page.requestAnimationFrame(() => {
        const channel = new page.MessageChannel();
        channel.port1.onmessage = () => resolve(performance.now());
        channel.port2.postMessage(null);
      }),
    );

  /**
   * Resolves with the time at which `expected` more call buttons are in: inserted as buttons, or kept
   * places that became buttons (role="button").
   */
  function buttonsArrive(expected: number, timeoutMs = 30_000): Promise<{ at: number; seen: number }> {
    return new Promise((resolve) => {
      let seen = 0;
      const counted = new WeakSet<PageNode>();
      const count = (node: PageNode) => {
        if (node.localName !== BUTTON || counted.has(node) || (node as PageElement).getAttribute('role') !== 'button') return;
        counted.add(node);
        seen++;
      };
      const observer = new page.MutationObserver((records) => {
        for (const record of records) {
          if (record.type === 'attributes') count(record.target);
          else for (let i = 0; i < record.addedNodes.length; i++) count(record.addedNodes[i]!);
        }
        if (seen >= expected) {
          observer.disconnect();
          resolve({ at: performance.now(), seen });
        }
      });
      observer.observe(document.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ['role'] });
      page.setTimeout(() => {
        observer.disconnect();
        resolve({ at: Number.NaN, seen });
      }, timeoutMs);
    });
  }

  const scanner = () => {
    if (!page.YobidashiScan) throw new Error('scanner bundle not loaded');
    return page.YobidashiScan;
  };
  const table = () => document.querySelector('table.lvTable')!;
  const tbody = () => document.querySelector('table.lvTable tbody')!;
  const settleLayout = () => document.body.offsetHeight;
  let kept: ScanHandle | null = null;

  /** The phone values of `root` with a number in them (neither empty nor masked): the page's ground truth. */
  function callableValues(root: PageNode | PageElement): PageElement[] {
    const values = (root as PageElement).querySelectorAll('span.cxPhoneViewValue');
    const callable: PageElement[] = [];
    for (let i = 0; i < values.length; i++) {
      const text = values[i]!.textContent ?? '';
      if (text.trim() !== '' && !text.includes('*')) callable.push(values[i]!);
    }
    return callable;
  }

  /** The content script's own call button, labelled for `display`. */
  const callButton = (display: string) => scanner().createCallButton(document, { display, language: 'ja', trustedClicksOnly: true, onClick() {} });

  /** A call button after every callable value of `root`. */
  function buttonsAfterValues(root: PageNode | PageElement): PageElement[] {
    return callableValues(root).map((value) => {
      const button = callButton(value.textContent ?? '');
      value.after(button);
      return button;
    });
  }

  /** Times one change of the page, with the injector observing (expected > 0) or not. */
  async function timeChange(change: () => void, expected: number): Promise<RunTiming> {
    settleLayout();
    // A rendered frame between the setup and the change: a long animation frame counts from the first
    // task after the last frame, so without one the setup's tasks would be counted in the change's frame.
    await nextFramePainted();
    await pause(50);
    const arrival = expected > 0 ? buttonsArrive(expected) : Promise.resolve({ at: Number.NaN, seen: 0 });
    const started = performance.now();
    change();
    const { at, seen } = await arrival;
    const painted = await nextFramePainted();
    await pause(100); // long-animation-frame entries are delivered after their frame
    return { inserted: at - started, painted: painted - started, buttons: seen, longFrames: longFramesBetween(started, painted) };
  }

  // The previous button: a closed shadow root per button with a shared sheet, a <button> and an <svg>.
  const SHADOW_CSS =
    ':host{all:initial!important;display:inline-block!important;box-sizing:border-box!important;width:20px!important;height:20px!important;' +
    'margin:0 0 0 4px!important;padding:0!important;vertical-align:middle!important;contain:size layout style!important}' +
    'button{all:initial;box-sizing:border-box;display:flex;align-items:center;justify-content:center;width:20px;height:20px;border-radius:50%;' +
    'background:#0b7a3b;color:#fff;cursor:pointer}svg{width:12px;height:12px;fill:currentColor;pointer-events:none}';
  let shadowSheet: unknown = null;
  // Buttons out of the table: one layer after it holds them all, each placed by CSS anchor
  // positioning at the end of its value (the value gets an `anchor-name`), or, for scale, at fixed
  // coordinates (which would not follow the value): what buttons that leave the table's layout alone cost.
  const LAYER_KINDS: readonly HostKind[] = ['anchored-layer', 'positioned-layer'];
  const makeHost: Record<HostKind, () => PageElement | null> = {
    none: () => null,
    yobidashi: () => callButton('03-1234-5678'),
    'closed-shadow': () => {
      if (!shadowSheet) {
        const sheet = new page.CSSStyleSheet();
        sheet.replaceSync(SHADOW_CSS);
        shadowSheet = sheet;
      }
      const host = document.createElement('yobidashi-shadow-button');
      const shadow = host.attachShadow({ mode: 'closed' });
      shadow.adoptedStyleSheets = [shadowSheet];
      const button = document.createElement('button');
      const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
      svg.setAttribute('viewBox', '0 0 24 24');
      const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
      path.setAttribute('d', 'M6.6 10.8a15.2 15.2 0 0 0 6.6 6.6l2.2-2.2a1 1 0 0 1 1-.25 11.4 11.4 0 0 0 3.6.57 1 1 0 0 1 1 1V20a1 1 0 0 1-1 1A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5');
      svg.append(path);
      button.append(svg);
      shadow.append(button);
      return host;
    },
    'anchored-layer': () => makeHost.yobidashi(),
    'positioned-layer': () => makeHost.yobidashi(),
    'plain-button': () => {
      const button = document.createElement('button');
      button.style.cssText = 'width:20px;height:20px;padding:0;margin:0 0 0 4px;vertical-align:middle';
      return button;
    },
  };

  page.__ybBench = {
    nodeCount() {
      const all = document.querySelectorAll('*').length;
      const walker = document.createTreeWalker(document.documentElement, 4 /* SHOW_TEXT */);
      let texts = 0;
      while (walker.nextNode()) texts++;
      return { elements: all, texts, values: document.querySelectorAll('span.cxPhoneViewValue').length };
    },

    /** The baseline: visit every text node of the page and read its text. */
    walk() {
      settleLayout();
      const started = performance.now();
      const walker = document.createTreeWalker(document.documentElement, 4 /* SHOW_TEXT */);
      let nodes = 0;
      let chars = 0;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        nodes++;
        chars += node.data!.length;
      }
      return { ms: performance.now() - started, nodes, chars };
    },

    /** One synchronous full pass of the content script's injector; buttons removed afterwards. */
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
     * The CRM renders its whole list at once (Zoho's list views are rendered by script), with the
     * injector observing (`expected` > 0), or with no injector: `withButtons` puts the same buttons in
     * the rows before they go in, the least any script with a button per number costs the change.
     */
    async listRendered(expected: number, withButtons = false): Promise<RunTiming> {
      const body = tbody();
      body.remove();
      if (expected > 0) kept = scanner().scanDocument(page, { keep: true });
      const placed = withButtons ? buttonsAfterValues(body) : [];
      const timing = await timeChange(() => table().append(body), expected);
      kept?.stop();
      kept = null;
      for (const button of placed) button.remove();
      return timing;
    },

    /**
     * The CRM swaps its first `count` rows for new ones (paging, a refresh), the injector observing
     * (`expected` > 0) or not; `withButtons`: no injector, the same buttons already in the table's
     * rows and in the new rows before they go in.
     */
    async rowsSwapped(html: string, count: number, expected: number, withButtons = false): Promise<RunTiming> {
      const template = document.createElement('template');
      template.innerHTML = html;
      if (expected > 0) kept = scanner().scanDocument(page, { keep: true });
      const body = tbody();
      const placed = withButtons ? [...buttonsAfterValues(body), ...buttonsAfterValues(template.content)] : [];
      const removed: PageElement[] = [];
      const timing = await timeChange(() => {
        for (let i = 0; i < count; i++) {
          const row = body.children[0]!;
          removed.push(row);
          row.remove();
        }
        body.insertBefore(template.content, body.children[0] ?? null);
      }, expected);
      // Put the page back as it was for the next run.
      for (let i = 0; i < count; i++) body.children[0]!.remove();
      for (const row of removed.reverse()) body.insertBefore(row, body.children[0] ?? null);
      kept?.stop();
      kept = null;
      for (const button of placed) button.remove();
      settleLayout();
      return timing;
    },

    /**
     * Style and layout of the table's first layout with one button of `kind` after every callable
     * value (the buttons go in while the rows are out of the document, as the injector's do when they
     * arrive with the rows): the share of the page's frame the buttons cost.
     */
    async hostCost(kind: HostKind) {
      const body = tbody();
      body.remove();
      settleLayout();
      await pause(30);
      const values = callableValues(body);
      const made: PageElement[] = [];
      const anchored: PageElement[] = [];
      const layer = LAYER_KINDS.includes(kind) ? document.createElement('div') : null;
      layer?.style.setProperty('position', 'absolute');
      layer?.style.setProperty('inset', '0 auto auto 0');
      const started = performance.now();
      for (let i = 0; i < values.length; i++) {
        const value = values[i]!;
        const host = makeHost[kind]();
        if (!host) continue;
        if (!layer) {
          value.after(host);
        } else {
          host.style.setProperty('position', 'absolute', 'important');
          if (kind === 'anchored-layer') {
            value.style.setProperty('anchor-name', `--yb-value-${i}`);
            anchored.push(value);
            host.style.setProperty('position-anchor', `--yb-value-${i}`, 'important');
            host.style.setProperty('left', 'calc(anchor(right) + 4px)', 'important');
            host.style.setProperty('top', 'anchor(top)', 'important');
          } else {
            host.style.setProperty('left', `${(i % 40) * 24}px`, 'important');
            host.style.setProperty('top', `${Math.floor(i / 40) * 24}px`, 'important');
          }
          layer.append(host);
        }
        made.push(host);
      }
      const inserted = performance.now();
      table().append(body);
      if (layer) table().after(layer);
      settleLayout();
      const laidOut = performance.now();
      for (const host of made) host.remove();
      layer?.remove();
      for (const value of anchored) value.style.removeProperty('anchor-name');
      settleLayout();
      return { scriptMs: inserted - started, layoutMs: laidOut - inserted, buttons: made.length };
    },
  };
}
