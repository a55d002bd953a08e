/**
 * Puts a call button after every phone value a page adapter finds, and keeps doing so while the CRM
 * re-renders. A big table costs the browser a full relayout for every frame in which something inside
 * it changed, so buttons go in with the page's own change whenever they can:
 * - in the MutationObserver's callback, which runs in the microtask right after the page (or the HTML
 *   parser, from document_start) added rows, before the browser renders them: the new subtrees are
 *   scanned and their buttons inserted right there. The rows are laid out once, with their buttons.
 *   Past `sameFrameParseMs` of parsing, adapters that allow it keep each further button's place (a
 *   hidden box of its size) and background slices (task-scheduler.ts) turn the places into buttons:
 *   a repaint, no relayout.
 * - what still does not fit (`sameFrameBudgetMs`), URL changes and repairs are scanned in background
 *   slices and their buttons written by write-batches.ts: the visible ones in the next frame, the rest
 *   all together once the scan is done.
 * Idempotent: button-placements.ts remembers what each node got, so re-scans never double a button.
 * Pure DOM, no browser.* APIs: the entrypoint wires `onDial` to runtime messaging.
 */
import type { CountryCode } from '@/calling/phone-numbers';
import { DEFAULT_COUNTRY } from '@/calling/phone-numbers';
import { createButtonPlacements } from './button-placements';
import { launcherLanguage } from '@/ui/launcher-strings';
import { CALL_BUTTON_TAG, repairCallButton, type ButtonLanguage } from './call-button';
import { isElement, isText } from './editable';
import { watchNavigation, type IntervalTimer } from './navigation-watch';
import { createScanQueue } from './scan-queue';
import { createTaskSlices, type Scheduler } from './task-scheduler';
import type { CrmRecord, PageAdapter, PhoneTarget, ScanContext } from './types';
import { createWriteBatches, type PendingWrite } from './write-batches';


const SAME_FRAME_BUDGET_MS = 1_000;
const SAME_FRAME_PARSE_MS = 30;
/**
 * Values the same-frame passes of a task parse whatever the time: the first rows the rep sees. Few,
 * because the parser's code is cold then (the first values cost the most): 120 made 50–60 ms tasks on
 * a 200-row list, 40 keeps them under 50 ms; the rows after get kept places (bench "page loads").
 */
const ALWAYS_PARSED = 40;
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
  /** The rep's 表示言語; undefined for "same as the browser". */
  language?: ButtonLanguage;
  onDial(request: DialRequest): void;
  /** Called after a URL change without reload, with the new page's record. */
  onNavigate?(record: CrmRecord | null): void;
  /** Aborting removes every button and stops observing. */
  signal?: AbortSignal;
  schedule?: Scheduler;
  /** Content scripts cannot hook the page's history.pushState, so the URL is also polled. 0 = off. */
  navigationPollMs?: number;
  /** The URL poll's timer (navigation-watch.ts): the content script passes WXT's `ctx.setInterval`. */
  setInterval?: IntervalTimer;
  /**
   * Longest scan, with its insertions, right after a page change (default 1 s: a guard against a
   * runaway page, not a slice). What is left waits for background slices and then costs the page one
   * more full relayout of the table, and the buttons already in have made this frame's relayout
   * unavoidable: on a 2,000-row list the deferred rest cost a 1–2 s relayout on a loaded machine where
   * finishing took 0.2 s (bench "page loads"). Only a page that brings tens of thousands of numbers at
   * once reaches it.
   */
  sameFrameBudgetMs?: number;
  /**
   * How long the same-frame passes of one task parse numbers (default 30 ms, so that they stay inside
   * a 50 ms task with their insertions; 50 ms made 60–70 ms tasks on a 200-row list) before, for
   * adapters that allow it (`mayHoldNumber`), it only keeps each further button's place: a
   * hidden box of the button's size, laid out now with the rows, turned into the button once
   * background slices have parsed its value (no relayout; a repaint). Parsing is most of the pass:
   * ~22 µs a number with the parser's code still cold, on the benchmark's busy machine.
   */
  sameFrameParseMs?: number;
  /** Longest stretch of background scanning per task. */
  sliceMs?: number;
  /** False: the page as it is gets scanned only by scanNow() (the benchmark times that). */
  scanOnStart?: boolean;
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
  // The rep's 表示言語 (undefined: "same as the browser"), else the browser's: as the launcher.
  const language = () => launcherLanguage(options.language ?? null, window.navigator?.language);
  const sameFrameBudgetMs = options.sameFrameBudgetMs ?? SAME_FRAME_BUDGET_MS;
  const sameFrameParseMs = options.sameFrameParseMs ?? SAME_FRAME_PARSE_MS;
  const sliceMs = options.sliceMs ?? 8;
  const trustedClicksOnly = options.trustedClicksOnly ?? true;
  const now = () => window.performance?.now() ?? Date.now();

  let needsPrune = false;
  let stopped = false;
  /** Buttons go in as they are found (the same-frame pass) rather than queued for a later frame. */
  let direct = false;
  /** Values whose place the same-frame pass kept, in document order: parsed first by the slices. */
  let keptPlaces: Element[] = [];
  let keptDone = 0;

  /** The same-frame pass has parsed for `sameFrameParseMs` and only keeps places now. */
  let reserving = false;
  let parseUntil = Number.POSITIVE_INFINITY;
  let directSteps = 0;
  let waiters: (() => void)[] = [];
  let counts: ScanCounts = { candidates: 0, targets: 0, added: 0, removed: 0 };

  let scanContext: ScanContext = { country, pageUrl: new URL(window.location.href) };
  const pageRecord = () => adapter.recordContext(window.location, document);

  function dial(target: PhoneTarget): void {
    // A button left next to a value the page has since swapped or edited (until the next prune) would
    // dial the old number: it never dials, and goes at the next slice.
    if (!placements.isCurrent(target.source)) {
      needsPrune = true;
      requestFlush();
      return;
    }
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
      backlog.add(source);
      requestFlush();
      return;
    }
    placements.place(source, targets);
  }

  const writes = createWriteBatches({ window, write, onDrained: settleIfIdle });

  /**
   * In the same-frame pass, past the parsing time: keep places for values rather than parse them now.
   * The first values of a pass are always parsed: they are the rows the rep sees first (the parser's
   * code is cold then, and slow).
   */
  function keepsPlace(candidate: Element | Text): boolean {
    if (!direct || !adapter.mayHoldNumber || !isElement(candidate) || placements.has(candidate)) return false;
    if (!reserving && ++directSteps > ALWAYS_PARSED && (directSteps & 7) === 0) reserving = now() >= parseUntil;
    return reserving && adapter.mayHoldNumber(candidate);
  }

  function processCandidate(candidate: Element | Text): void {
    counts.candidates++;
    // A root may be swapped out while its (static) candidate list is being worked through.
    if (!candidate.isConnected) return;
    if (placements.isUpToDate(candidate)) {
      counts.targets += placements.buttonsOf(candidate);
      return;
    }
    if (keepsPlace(candidate)) {
      placements.reserve(candidate as Element);
      keptPlaces.push(candidate as Element);
      return;
    }
    const text = candidate.textContent;
    const queued = writes.queuedFor(candidate);
    const targets = queued && queued.text === text ? queued.targets : adapter.targetsFor(candidate, scanContext);
    counts.targets += targets.length;
    if (direct || placements.isPending(candidate)) {
      // A kept place turns into its button without moving anything: no need to wait for a frame.
      if (queued) writes.drop(candidate);
      placements.place(candidate, targets);
    } else if (queued !== undefined && queued.text === text) {
      return;
    } else if (targets.length > 0 || queued || placements.has(candidate)) {
      writes.enqueue({ source: candidate, targets, text });
    }
  }

  function prune(): void {
    needsPrune = false;
    for (const source of placements.prune()) backlog.add(source);
  }

  function navigated(href: string): void {
    scanContext = { country, pageUrl: new URL(href) };
    needsPrune = true;
    backlog.add(document);
    options.onNavigate?.(pageRecord());
  }

  const scanOptions = { findCandidates: (root: ParentNode | Text) => adapter.findCandidates(root), process: processCandidate, now };
  /** Roots of the page's latest change: scanned in the microtask after it, buttons inserted at once. */
  const fresh = createScanQueue(scanOptions);
  /** Everything else: background slices, buttons written by write-batches.ts. */
  const backlog = createScanQueue(scanOptions);

  /**
   * The parsing time is the task's, not the pass's: the HTML parser delivers its records many times
   * in one task (every chunk of rows), and a budget per pass added up to 50–100 ms tasks on a 200-row
   * list. It starts again in the next task (a timer runs only once this task is over).
   */
  let budgetTaskOpen = false;
  function startParsingBudget(started: number): void {
    if (budgetTaskOpen) return;
    budgetTaskOpen = true;
    reserving = false;
    directSteps = 0;
    parseUntil = started + sameFrameParseMs;
    window.setTimeout(() => {
      budgetTaskOpen = false;
    }, 0);
  }

  /** The same-frame pass over `fresh`; what does not fit in the budget moves to the backlog. */
  function runSameFrame(): void {
    if (stopped) return;
    if (navigation.check()) requestFlush();
    queueRecords(observer.takeRecords()); // changes made since the records were delivered, if any
    const started = now();
    direct = true;
    startParsingBudget(started);
    try {
      if (fresh.run(started + sameFrameBudgetMs)) fresh.moveTo(backlog);
      if (!backlog.empty || keptDone < keptPlaces.length) requestFlush(); // left to the slices, or places kept
    } finally {
      direct = false;
      // Nothing but this pass ran since the records were delivered: what is queued now is our own
      // insertions (thousands on a big list), not worth a callback.
      observer.takeRecords();
    }
    settleIfIdle();
  }

  const slices = createTaskSlices({
    window,
    schedule: options.schedule,
    runSlice: () => {
      navigation.check();
      if (needsPrune) prune();
      const deadline = now() + sliceMs;
      while (keptDone < keptPlaces.length) {
        processCandidate(keptPlaces[keptDone++]!);
        if ((keptDone & 3) === 0 && now() >= deadline) return true;
      }
      keptPlaces = [];
      keptDone = 0;
      return backlog.run(deadline);
    },
    onFinished: () => {
      writes.release();
      settleIfIdle();
    },
  });
  function requestFlush(): void {
    slices.request();
  }

  function isIdle(): boolean {
    return !slices.pending && fresh.empty && backlog.empty && keptDone >= keptPlaces.length && writes.size === 0;
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
    queueRecords(records);
    if (!fresh.empty) runSameFrame();
    if (needsPrune) requestFlush();
  }

  function queueRecords(records: MutationRecord[]): void {
    // A framework may insert a row node by node, parents first (~25 records per list row), and the
    // HTML parser makes one record per node it inserts (thousands per chunk of a long list): a node
    // added inside one added in the same batch is scanned with it, and its record is left unread.
    // Every DOM object touched here gets a wrapper in the content script's world, so a record inside
    // an added subtree costs only its target and a step or two up the tree.
    const added = new Set<Node>();
    const outside = new Set<Node>();
    const insideAdded = (node: Node): boolean => {
      const path: Node[] = [];
      for (let up: Node | null = node; up; up = up.parentNode) {
        if (added.has(up)) {
          for (const seen of path) added.add(seen);
          return true;
        }
        if (outside.has(up)) break;
        path.push(up);
      }
      for (const seen of path) outside.add(seen);
      return false;
    };
    for (let r = 0; r < records.length; r++) {
      const record = records[r]!;
      const target = record.target;
      if (record.type === 'characterData') {
        fresh.add(target);
        needsPrune = true;
        continue;
      }
      if (repairCallButton(target)) continue; // a page script put something inside a button
      // Inside a subtree added in this batch: the subtree is scanned whole, and a button of ours that
      // was moved into it and out again came with a removal from its old place, read in that record.
      if (insideAdded(target)) continue;
      const removed = record.removedNodes;
      for (let i = 0; i < removed.length; i++) {
        const node = removed[i]!;
        if (!isOurs(node) || placements.isLive(node)) needsPrune = true;
        // A value node swapped for a new one (a re-render, a saved inline edit): its buttons sit outside
        // it and stay on screen next to the new value. One map look-up; sources deeper in a removed
        // subtree took their buttons with them, and prune forgets them later.
        if (placements.has(node) && !node.isConnected) placements.remove(node);
      }
      const nodes = record.addedNodes;
      for (let i = 0; i < nodes.length; i++) {
        const node = nodes[i]!;
        if (isText(node)) fresh.add(node);
        else if (isElement(node) && !isOurs(node)) {
          added.add(node);
          fresh.add(node);
        }
      }
    }
  }
  const observer = new window.MutationObserver(handleRecords);
  observer.observe(document.documentElement ?? document, { childList: true, subtree: true, characterData: true });

  const navigation = watchNavigation(window, {
    pollMs: options.navigationPollMs ?? 500,
    setInterval: options.setInterval,
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
    fresh.clear();
    backlog.clear();
    keptPlaces = [];
    settle();
  }
  options.signal?.addEventListener('abort', stop, { once: true });
  if (options.signal?.aborted) stop();

  // What the page has already (nothing yet at document_start): like any other change of the page.
  if (options.scanOnStart ?? true) {
    fresh.add(document);
    runSameFrame();
  }

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
      if (needsPrune) prune();
      fresh.add(root as Node);
      backlog.moveTo(fresh);
      direct = true;
      reserving = false;
      parseUntil = Number.POSITIVE_INFINITY;
      try {
        fresh.run(Number.POSITIVE_INFINITY);
      } finally {
        direct = false;
      }
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
