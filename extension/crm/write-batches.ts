/**
 * When call buttons that could not go in with the page's own change go into the page (inject.ts puts
 * most in at once, in the microtask after the change; this is for what it had to leave to background
 * slices). Inserting into a big CRM table makes the browser lay the whole table out again in the next
 * frame (tens of milliseconds for 2,000 rows, however few the buttons), so they are written in as few
 * frames as possible:
 * - what the rep can see goes first: an IntersectionObserver reports once on each queued value (no
 *   layout reads of ours), and visible values are written in the next animation frame;
 * - the rest goes in all at once, in the frame after the scan that found them has finished
 *   (`release()`), or after MAX_WAIT_MS on a page whose scan never ends: one relayout of the table, not
 *   one per batch.
 */
import { elementOf } from './editable';
import type { PhoneTarget } from './types';

export interface PendingWrite {
  source: Element | Text;
  targets: PhoneTarget[];
  /** The source's text when it was scanned: a write whose value changed since is dropped. */
  text: string | null;
}

interface QueuedWrite extends PendingWrite {
  watched: Element | null;
}

type FrameWindow = Pick<Window, 'setTimeout' | 'clearTimeout'> &
  Partial<Pick<Window, 'requestAnimationFrame' | 'cancelAnimationFrame'>> & {
    IntersectionObserver?: typeof IntersectionObserver;
  };

export interface WriteBatchOptions {
  window: FrameWindow;
  write(entry: PendingWrite): void;
  /** Called when the queue has been written out. */
  onDrained(): void;
}

/** Longest wait for the scan to finish before what it found is written anyway (a page that keeps changing). */
const MAX_WAIT_MS = 500;
/** Values this close to the viewport count as visible: a short scroll finds their buttons there. */
const VISIBLE_MARGIN = '25% 0px';

export function createWriteBatches(options: WriteBatchOptions) {
  const { window } = options;

  const queued = new Map<Node, QueuedWrite>();
  const visible = new Set<QueuedWrite>();
  const watchers = new Map<Element, Set<QueuedWrite>>();
  let released = false;
  let frameHandle: number | null = null;
  let waitHandle: ReturnType<Window['setTimeout']> | null = null;
  let stopped = false;

  const observer =
    typeof window.IntersectionObserver === 'function'
      ? new window.IntersectionObserver(onIntersection, { rootMargin: VISIBLE_MARGIN })
      : null;

  // One report per value is enough: observing thousands of values would cost every frame their
  // geometry while the page's layout changes.
  function onIntersection(entries: IntersectionObserverEntry[]): void {
    let anyVisible = false;
    for (const entry of entries) {
      for (const write of watchers.get(entry.target) ?? []) {
        if (entry.isIntersecting) {
          visible.add(write);
          anyVisible = true;
        }
      }
      watchers.delete(entry.target);
      observer?.unobserve(entry.target);
    }
    if (anyVisible) requestFrame();
  }

  function watch(write: QueuedWrite): void {
    if (!observer || !write.watched) return;
    let writes = watchers.get(write.watched);
    if (!writes) {
      writes = new Set();
      watchers.set(write.watched, writes);
      observer.observe(write.watched);
    }
    writes.add(write);
  }

  function unwatch(write: QueuedWrite): void {
    visible.delete(write);
    if (!observer || !write.watched) return;
    const writes = watchers.get(write.watched);
    if (!writes?.delete(write) || writes.size > 0) return;
    watchers.delete(write.watched);
    observer.unobserve(write.watched);
  }

  function take(write: QueuedWrite): void {
    queued.delete(write.source);
    unwatch(write);
    options.write(write);
  }

  function writeFrame(): void {
    frameHandle = null;
    if (stopped) return;
    if (released) {
      released = false;
      clearWait();
      for (const write of queued.values()) take(write);
    } else {
      for (const write of visible) take(write);
    }
    if (queued.size === 0) options.onDrained();
  }

  function requestFrame(): void {
    if (frameHandle !== null || stopped) return;
    frameHandle =
      typeof window.requestAnimationFrame === 'function'
        ? window.requestAnimationFrame(writeFrame)
        : window.setTimeout(writeFrame, 16);
  }

  function release(): void {
    if (queued.size === 0 || stopped) return;
    released = true;
    requestFrame();
  }

  function clearWait(): void {
    if (waitHandle !== null) window.clearTimeout(waitHandle);
    waitHandle = null;
  }

  function cancel(): void {
    if (frameHandle !== null) {
      if (typeof window.cancelAnimationFrame === 'function') window.cancelAnimationFrame(frameHandle);
      else window.clearTimeout(frameHandle);
    }
    frameHandle = null;
    clearWait();
  }

  return {
    /** Queues the buttons of `source`, replacing what was queued for it. */
    enqueue(write: PendingWrite): void {
      const previous = queued.get(write.source);
      if (previous) {
        queued.delete(write.source);
        unwatch(previous);
      }
      const entry: QueuedWrite = { ...write, watched: elementOf(write.source) };
      queued.set(write.source, entry);
      watch(entry);
      waitHandle ??= window.setTimeout(() => {
        waitHandle = null;
        release();
      }, MAX_WAIT_MS);
    },
    /** Drops what was queued for `source` (its buttons were placed another way). */
    drop(source: Node): void {
      const write = queued.get(source);
      if (!write) return;
      queued.delete(source);
      unwatch(write);
      if (queued.size === 0) {
        clearWait();
        options.onDrained();
      }
    },
    /** The scan is done: write what is queued in the next frame. */
    release,
    /** What is queued for `source`, if anything. */
    queuedFor: (source: Node): PendingWrite | undefined => queued.get(source),
    get size() {
      return queued.size;
    },
    /** Writes everything now, in this task (the synchronous scan). */
    flush(): void {
      for (const write of queued.values()) take(write);
      clearWait();
    },
    stop(): void {
      stopped = true;
      cancel();
      observer?.disconnect();
      queued.clear();
      visible.clear();
      watchers.clear();
    },
  };
}
