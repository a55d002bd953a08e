/**
 * Puts a call button after every phone value a page adapter finds, and keeps doing so while the CRM
 * re-renders: mutations are batched into background slices that re-scan only the added subtrees; a URL
 * change without reload (Zoho swaps records in place) re-reads the record and re-scans the page.
 * Reading and writing are apart: slices only read the page and queue buttons, write-batches.ts inserts
 * them once per animation frame, visible values first, so a big list is laid out a few times, not once
 * per slice. Idempotent: button-placements.ts remembers what each node got, so re-scans never double a
 * button. Pure DOM, no browser.* APIs: the entrypoint wires `onDial` to runtime messaging.
 */
import type { CountryCode } from '@/calling/phone-numbers';
import { DEFAULT_COUNTRY } from '@/calling/phone-numbers';
import { createButtonPlacements } from './button-placements';
import { CALL_BUTTON_TAG, buttonLanguage, type ButtonLanguage } from './call-button';
import { isElement, isText } from './editable';
import type { CrmRecord, PageAdapter, PhoneTarget, ScanContext } from './types';
import { createWriteBatches, type PendingWrite } from './write-batches';

export { PROCESSED_ATTRIBUTE } from './button-placements';

export interface DialRequest {
  e164: string;
  display: string;
  record: CrmRecord | null;
}

/** Runs a task later; the default lets the CRM's own work and rendering go first. */
export type Scheduler = (task: () => void) => void;

/** The page's window: its location, timers and DOM constructors (a fake in tests). */
export type PageWindow = Window & typeof globalThis;

export interface InjectorOptions {
  window: PageWindow;
  document?: Document;
  adapter: PageAdapter;
  country?: CountryCode;
  language?: ButtonLanguage;
  onDial(request: DialRequest): void;
  /** Called after a URL change without reload, with the new page's record. */
  onNavigate?(record: CrmRecord | null): void;
  /** Aborting removes every button and stops observing. */
  signal?: AbortSignal;
  schedule?: Scheduler;
  /** Content scripts cannot hook the page's history.pushState, so the URL is also polled. 0 = off. */
  navigationPollMs?: number;
  /** Longest stretch of scanning per task; keeps main-thread tasks far below 50 ms on 4,000-number pages. */
  sliceMs?: number;
  /** Time for inserting buttons per animation frame, before the style and layout they cause (write-batches.ts). */
  writeBudgetMs?: number;
  /** Only real user clicks dial. Tests that click with .click() turn this off. */
  trustedClicksOnly?: boolean;
}

export interface ScanCounts {
  candidates: number;
  targets: number;
  added: number;
  removed: number;
}

export interface Injector {
  /** The record the page shows now. */
  readonly record: CrmRecord | null;
  readonly buttonCount: number;
  /** A synchronous full pass (tests, benchmark); normal operation is the batched one. */
  scanNow(root?: ParentNode): ScanCounts;
  /** Resolves once queued mutations and navigation re-scans are done and their buttons are in. */
  idle(): Promise<void>;
  stop(): void;
}

// Background-priority tasks run whenever input and rendering leave room. Idle callbacks would not:
// while buttons are being inserted frames are long, idle periods vanish and each slice waits for its
// timeout.
function defaultScheduler(window: PageWindow): Scheduler {
  const scheduler = (window as { scheduler?: globalThis.Scheduler }).scheduler;
  if (typeof scheduler?.postTask === 'function') {
    return (task) => void scheduler.postTask(task, { priority: 'background' }).catch(() => {});
  }
  return (task) => {
    if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(() => task(), { timeout: 50 });
    else window.setTimeout(task, 0);
  };
}

export function startInjector(options: InjectorOptions): Injector {
  const { window, adapter, onDial } = options;
  const document = options.document ?? window.document;
  const country = options.country ?? DEFAULT_COUNTRY;
  const language = options.language ?? buttonLanguage(document);
  const schedule = options.schedule ?? defaultScheduler(window);
  const sliceMs = options.sliceMs ?? 8;
  const trustedClicksOnly = options.trustedClicksOnly ?? true;
  const now = () => window.performance?.now() ?? Date.now();

  const pendingRoots = new Set<Node>();
  let current: Iterator<Element | Text> | null = null;
  let needsPrune = false;
  let scheduled = false;
  let stopped = false;
  let lastHref = window.location.href;
  let waiters: (() => void)[] = [];
  let counts: ScanCounts = { candidates: 0, targets: 0, added: 0, removed: 0 };

  let scanContext: ScanContext = { country, pageUrl: new URL(window.location.href) };
  const pageRecord = () => adapter.recordContext(window.location, document);

  function dial(target: PhoneTarget): void {
    const record = target.record !== undefined ? target.record : pageRecord();
    onDial({ e164: target.e164, display: target.display, record });
  }

  const placements = createButtonPlacements(document, {
    language,
    trustedClicksOnly,
    onClick: dial,
    onChange: (added, removed) => {
      counts.added += added;
      counts.removed += removed;
    },
  });

  function write({ source, targets, text }: PendingWrite): void {
    // Gone since it was scanned: prune drops what it had. Changed: it needs a fresh look.
    if (!source.isConnected) return;
    if (source.textContent !== text) {
      pendingRoots.add(source);
      requestFlush();
      return;
    }
    placements.place(source, targets);
  }

  const writes = createWriteBatches({
    window,
    write,
    onDrained: settleIfIdle,
    writeBudgetMs: options.writeBudgetMs,
  });

  function processCandidate(candidate: Element | Text): void {
    counts.candidates++;
    // A root may be swapped out while its (static) candidate list is being worked through.
    if (!candidate.isConnected) return;
    if (placements.isUpToDate(candidate)) {
      counts.targets += placements.buttonsOf(candidate);
      return;
    }
    const text = candidate.textContent;
    const queued = writes.queuedFor(candidate);
    if (queued && queued.text === text) {
      counts.targets += queued.targets.length;
      return;
    }
    const targets = adapter.targetsFor(candidate, scanContext);
    counts.targets += targets.length;
    if (targets.length > 0 || queued || placements.has(candidate)) writes.enqueue({ source: candidate, targets, text });
  }

  function prune(): void {
    needsPrune = false;
    for (const source of placements.prune()) pendingRoots.add(source);
  }

  function checkNavigation(): boolean {
    const href = window.location.href;
    if (href === lastHref) return false;
    lastHref = href;
    scanContext = { country, pageUrl: new URL(href) };
    needsPrune = true;
    pendingRoots.add(document);
    options.onNavigate?.(pageRecord());
    return true;
  }

  /** The next root still worth scanning: connected, and not inside another pending root. */
  function takeRoot(): Node | null {
    for (const root of pendingRoots) {
      pendingRoots.delete(root);
      if (!root.isConnected) continue;
      let covered = false;
      for (let up = root.parentNode; up && !covered; up = up.parentNode) covered = pendingRoots.has(up);
      if (!covered) return root;
    }
    return null;
  }

  /** Runs queued work; with a deadline, stops when it passes and reports whether work remains. */
  function work(deadline: number): boolean {
    if (needsPrune) prune();
    let steps = 0;
    for (;;) {
      if (!current) {
        const root = takeRoot();
        if (!root) return false;
        current = adapter.findCandidates(root as ParentNode | Text)[Symbol.iterator]();
      }
      const next = current.next();
      if (next.done) {
        current = null;
        continue;
      }
      processCandidate(next.value);
      if ((++steps & 7) === 0 && now() >= deadline) return true;
    }
  }

  function requestFlush(): void {
    if (scheduled || stopped) return;
    scheduled = true;
    schedule(() => {
      scheduled = false;
      if (stopped) return;
      checkNavigation();
      if (work(now() + sliceMs)) requestFlush();
      else settleIfIdle();
    });
  }

  function isIdle(): boolean {
    return !scheduled && !current && pendingRoots.size === 0 && writes.size === 0;
  }

  function settleIfIdle(): void {
    if (isIdle()) settle();
  }

  function settle(): void {
    const resolved = waiters;
    waiters = [];
    for (const resolve of resolved) resolve();
  }

  const isOurs = (node: Node) => isElement(node) && node.localName === CALL_BUTTON_TAG;

  function handleRecords(records: MutationRecord[]): void {
    let queued = false;
    for (const record of records) {
      if (record.type === 'characterData') {
        pendingRoots.add(record.target);
        needsPrune = queued = true;
        continue;
      }
      for (const node of record.removedNodes) {
        if (!isOurs(node) || placements.isLive(node)) needsPrune = queued = true;
      }
      for (const node of record.addedNodes) {
        if (isOurs(node) || (!isElement(node) && !isText(node))) continue;
        pendingRoots.add(node);
        queued = true;
      }
    }
    if (queued) requestFlush();
  }
  const observer = new window.MutationObserver(handleRecords);
  observer.observe(document.documentElement ?? document, { childList: true, subtree: true, characterData: true });

  const onLocationEvent = () => {
    if (checkNavigation()) requestFlush();
  };
  window.addEventListener('popstate', onLocationEvent);
  window.addEventListener('hashchange', onLocationEvent);
  const pollMs = options.navigationPollMs ?? 500;
  const poll = pollMs > 0 ? window.setInterval(onLocationEvent, pollMs) : undefined;

  function stop(): void {
    if (stopped) return;
    stopped = true;
    observer.disconnect();
    window.removeEventListener('popstate', onLocationEvent);
    window.removeEventListener('hashchange', onLocationEvent);
    if (poll !== undefined) window.clearInterval(poll);
    writes.stop();
    placements.clear();
    pendingRoots.clear();
    current = null;
    settle();
  }
  options.signal?.addEventListener('abort', stop, { once: true });
  if (options.signal?.aborted) stop();

  pendingRoots.add(document);
  requestFlush();

  return {
    get record() {
      return pageRecord();
    },
    get buttonCount() {
      return placements.buttonCount;
    },
    scanNow(root: ParentNode = document) {
      counts = { candidates: 0, targets: 0, added: 0, removed: 0 };
      if (stopped) return counts;
      checkNavigation();
      pendingRoots.add(root as Node);
      work(Number.POSITIVE_INFINITY);
      writes.flush();
      settleIfIdle();
      return counts;
    },
    idle() {
      // Mutations made just before this call may not have reached the observer yet.
      if (!stopped) handleRecords(observer.takeRecords());
      if (stopped || isIdle()) return Promise.resolve();
      return new Promise<void>((resolve) => waiters.push(resolve));
    },
    stop,
  };
}
