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
import { watchNavigation } from './navigation-watch';
import { createScanQueue } from './scan-queue';
import { createTaskSlices, type Scheduler } from './task-scheduler';
import type { CrmRecord, PageAdapter, PhoneTarget, ScanContext } from './types';
import { createWriteBatches, type PendingWrite } from './write-batches';

export { PROCESSED_ATTRIBUTE } from './button-placements';
export type { Scheduler } from './task-scheduler';

export interface DialRequest {
  e164: string;
  display: string;
  record: CrmRecord | null;
}

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

export function startInjector(options: InjectorOptions): Injector {
  const { window, adapter, onDial } = options;
  const document = options.document ?? window.document;
  const country = options.country ?? DEFAULT_COUNTRY;
  const language = options.language ?? buttonLanguage(document);
  const sliceMs = options.sliceMs ?? 8;
  const trustedClicksOnly = options.trustedClicksOnly ?? true;
  const now = () => window.performance?.now() ?? Date.now();

  let needsPrune = false;
  let stopped = false;
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
      queue.add(source);
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
    for (const source of placements.prune()) queue.add(source);
  }

  function navigated(href: string): void {
    scanContext = { country, pageUrl: new URL(href) };
    needsPrune = true;
    queue.add(document);
    options.onNavigate?.(pageRecord());
  }

  const queue = createScanQueue({
    findCandidates: (root) => adapter.findCandidates(root),
    process: processCandidate,
    now,
  });

  /** Runs queued work; with a deadline, stops when it passes and reports whether work remains. */
  function work(deadline: number): boolean {
    if (needsPrune) prune();
    return queue.run(deadline);
  }

  const slices = createTaskSlices({
    window,
    schedule: options.schedule,
    runSlice: () => {
      navigation.check();
      return work(now() + sliceMs);
    },
    onFinished: settleIfIdle,
  });
  function requestFlush(): void {
    slices.request();
  }

  function isIdle(): boolean {
    return !slices.pending && queue.empty && writes.size === 0;
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
        queue.add(record.target);
        needsPrune = queued = true;
        continue;
      }
      for (const node of record.removedNodes) {
        if (!isOurs(node) || placements.isLive(node)) needsPrune = queued = true;
      }
      for (const node of record.addedNodes) {
        if (isOurs(node) || (!isElement(node) && !isText(node))) continue;
        queue.add(node);
        queued = true;
      }
    }
    if (queued) requestFlush();
  }
  const observer = new window.MutationObserver(handleRecords);
  observer.observe(document.documentElement ?? document, { childList: true, subtree: true, characterData: true });

  const navigation = watchNavigation(window, {
    pollMs: options.navigationPollMs ?? 500,
    onNavigate: navigated,
    onChangeNoticed: requestFlush,
  });

  function stop(): void {
    if (stopped) return;
    stopped = true;
    slices.stop();
    observer.disconnect();
    navigation.stop();
    writes.stop();
    placements.clear();
    queue.clear();
    settle();
  }
  options.signal?.addEventListener('abort', stop, { once: true });
  if (options.signal?.aborted) stop();

  queue.add(document);
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
      navigation.check();
      queue.add(root as Node);
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
