/**
 * What runs on the benchmark page besides the page itself, as scripts Chromium evaluates before the
 * page's first byte (Playwright `addInitScript`), each with a `sourceURL` so the trace tells them apart:
 * - the bare baseline: at DOMContentLoaded one TreeWalker pass over the text, a plain `<button>` after
 *   every phone value (it knows where they are: no detection at all), in one task. The least any
 *   content script can do to put buttons on this page.
 * - ringcentral-c2d (RingCentral's click-to-dial detector, a dev dependency loaded from node_modules,
 *   never committed): constructed at DOMContentLoaded with its own defaults, the Japanese numbering
 *   plan, and its matcher wrapped to learn when it ran and what it matched. It has no "done" event: it
 *   is done when its queue is empty after its last match.
 * - the load probe (load-probe.ts), in every load.
 * Yobidashi itself is the built extension (.output/chrome-mv3): its content script, nothing injected.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { installLoadProbe, type ProbeConfig } from './load-probe.ts';

export type ContenderId = 'page' | 'bare' | 'c2d' | 'ours';

export const CONTENDERS: Record<ContenderId, { label: string; source?: string }> = {
  page: { label: 'page alone (no script)' },
  bare: { label: 'bare TreeWalker + plain buttons', source: 'bench-bare-buttons.js' },
  c2d: { label: 'ringcentral-c2d', source: 'bench-ringcentral-c2d.js' },
  ours: { label: 'Yobidashi (built extension)' },
};

export const PROBE_SOURCE = 'bench-load-probe.js';
export const BARE_BUTTON = { tag: 'button', className: 'bench-bare-button' } as const;

/** Its bundle's evaluation, kept apart from its work (see c2dScript). */
export const C2D_LOAD = 'c2d bundle evaluation';

/** Whose code a script event in the trace is, by the script's URL (and the event, for c2d's load). */
export function ownerOfScript(url: string, event: string): string {
  if (url.startsWith('chrome-extension://')) return 'ours';
  if (url.endsWith(CONTENDERS.c2d.source!) && (event === 'EvaluateScript' || event === 'v8.compile')) return C2D_LOAD;
  for (const [id, contender] of Object.entries(CONTENDERS)) if (contender.source && url.endsWith(contender.source)) return id;
  if (url.endsWith(PROBE_SOURCE)) return 'probe';
  return 'page';
}

const asInitScript = (fn: string, argument: unknown, source: string) => `(${fn})(${JSON.stringify(argument)});\n//# sourceURL=${source}\n`;

export const probeScript = (config: ProbeConfig) => asInitScript(installLoadProbe.toString(), config, PROBE_SOURCE);

/** The page's DOM, as far as the page code below uses it (the bench's tsconfig has no DOM lib). */
interface PageNode {
  readonly nodeType: number;
  readonly textContent: string | null;
  readonly parentElement: PageElement | null;
  readonly data?: string;
}
interface PageElement extends PageNode {
  readonly classList: { contains(name: string): boolean };
  className: string;
  closest(selector: string): PageElement | null;
  after(node: PageNode): void;
  cloneNode(deep: boolean): PageNode;
  setAttribute(name: string, value: string): void;
}
interface PageDocument {
  readonly body: PageElement;
  addEventListener(type: string, listener: () => void): void;
  createElement(tag: string): PageElement & { type: string };
  createTreeWalker(root: PageElement, whatToShow: number): { nextNode(): PageNode | null };
}

/** Page code (self-contained): the bare baseline. */
function installBareButtons(button: { className: string }): void {
  const page = globalThis as unknown as { document: PageDocument };
  page.document.addEventListener('DOMContentLoaded', () => {
    const { document } = page;
    const prototype = document.createElement('button');
    prototype.type = 'button';
    prototype.className = button.className;
    prototype.setAttribute('aria-label', 'Call');
    prototype.setAttribute('style', 'width:20px;height:20px;padding:0;margin:0 0 0 4px;vertical-align:middle');
    const values: PageElement[] = [];
    const walker = document.createTreeWalker(document.body, 4 /* NodeFilter.SHOW_TEXT */);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      const text = node.data ?? '';
      if (parent?.classList.contains('cxPhoneViewValue') && text.trim() !== '' && !text.includes('*')) values.push(parent);
    }
    for (const value of values) value.after(prototype.cloneNode(true));
  });
}

export const bareScript = () => asInitScript(installBareButtons.toString(), BARE_BUTTON, CONTENDERS.bare.source!);

export interface C2dState {
  calls: number;
  lastEnd?: number;
  queued: number;
  matches: number;
}

/** Page code (self-contained): starts ringcentral-c2d now and watches its matcher. */
function startC2d(countryCode: string): void {
  interface Match {
    startsNode: PageNode;
  }
  interface C2dInstance {
    observer: {
      _props: { matcher: { match(props: unknown): Match[] | undefined; _props: { countryCode?: string } } };
      _nodeQueue: { length(): number };
    };
  }
  const page = globalThis as unknown as {
    performance: { now(): number };
    RingCentralC2D: new () => C2dInstance;
    __ybC2d?: { state: C2dState; found: Match[]; queue: () => number };
  };
  const state: C2dState = { calls: 0, queued: 0, matches: 0 };
  const found: Match[] = [];
  const c2d = new page.RingCentralC2D();
  const { matcher } = c2d.observer._props;
  matcher._props.countryCode = countryCode;
  const match = matcher.match;
  matcher.match = (props: unknown) => {
    const models = match(props);
    state.calls++;
    state.lastEnd = page.performance.now();
    // Checked later against the page's ground truth (not in its task: the trace would count it as c2d's).
    if (models) for (const model of models) found.push(model);
    state.matches = found.length;
    state.queued = c2d.observer._nodeQueue.length();
    return models;
  };
  page.__ybC2d = { state, found, queue: () => c2d.observer._nodeQueue.length() };
}

/**
 * Its published bundle (1.2 MB, unminified, with libphonenumber's full metadata) is evaluated before
 * the page's first byte, as a content script at document_start would be; its styles look for <head>
 * then, so they get a detached one, moved into the page at DOMContentLoaded, where it starts.
 */
export function c2dScript(): string {
  const bundle = readFileSync(createRequire(import.meta.url).resolve('ringcentral-c2d/build/index.js'), 'utf8');
  return `(() => {
  const pendingHead = document.createElement('head');
  const querySelector = Document.prototype.querySelector;
  Document.prototype.querySelector = function (selector) {
    return selector === 'head' && !this.head ? pendingHead : querySelector.call(this, selector);
  };
  try {
${bundle}
  } finally {
    Document.prototype.querySelector = querySelector;
  }
  document.addEventListener('DOMContentLoaded', () => {
    document.head.append(...pendingHead.childNodes);
    (${startC2d.toString()})('JP');
  }, { once: true });
})();
//# sourceURL=${CONTENDERS.c2d.source!}
`;
}

/** Page code: ringcentral-c2d's matches against the ground truth (run by the benchmark, after the load). */
export function checkC2dMatches(): { truePositives: number; falsePositives: number; samples: string[] } {
  const page = globalThis as unknown as { __ybC2d?: { found: { startsNode: PageNode }[] } };
  const matched = new Set<PageElement>();
  let falsePositives = 0;
  const samples: string[] = [];
  for (const { startsNode } of page.__ybC2d?.found ?? []) {
    const element = startsNode.nodeType === 1 ? (startsNode as PageElement) : startsNode.parentElement;
    const value = element?.closest('span.cxPhoneViewValue');
    const text = value?.textContent ?? '';
    if (value && text.trim() !== '' && !text.includes('*')) matched.add(value);
    else {
      falsePositives++;
      if (samples.length < 5) samples.push((element?.textContent ?? '').trim().slice(0, 40));
    }
  }
  return { truePositives: matched.size, falsePositives, samples };
}
