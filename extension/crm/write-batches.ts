/**
 * When call buttons that could not go in with the page's own change go into the page (inject.ts puts
 * most in at once, in the microtask after the change; this is for what it had to leave to background
 * slices). Inserting into a big CRM table makes the browser lay the whole table out again in the next
 * frame (tens of milliseconds for 2,000 rows, however few the buttons), so they are written in as few
 * frames as possible:
 * - what the rep can see goes first: an IntersectionObserver reports once on each queued value (no
 *   layout reads of ours), and visible values are written in the next animation frame, alone;
 * - the rest waits until the main thread is idle (the scan has finished, the CRM is quiet), then goes in
 *   all at once, in one frame: one relayout of the table, not one per batch.
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
  /** The observer has reported on it (or there is no observer). */
  seen: boolean;
  queuedInFrame: number;
}

type FrameWindow = Pick<Window, 'setTimeout' | 'clearTimeout'> &
  Partial<Pick<Window, 'requestAnimationFrame' | 'cancelAnimationFrame' | 'requestIdleCallback' | 'cancelIdleCallback'>> & {
  IntersectionObserver?: typeof IntersectionObserver;
};

export interface WriteBatchOptions {
  window: FrameWindow;
  write(entry: PendingWrite): void;
  /** Called when the queue has been written out. */
  onDrained(): void;
}

/** Longest wait for an idle moment before the rest is written anyway (a CRM that is never idle). */
const IDLE_TIMEOUT_MS = 500;
/** Frames a value waits for the observer's first report before it is written in document order anyway. */
const VISIBILITY_GRACE_FRAMES = 2;
/** Values this close to the viewport count as visible: a short scroll finds their buttons there. */
const VISIBLE_MARGIN = '25% 0px';

export function createWriteBatches(options: WriteBatchOptions) {
  const { window } = options;

  const queued = new Map<Node, QueuedWrite>();
  const visible = new Set<QueuedWrite>();
  const watchers = new Map<Element, Set<QueuedWrite>>();
  let frame = 0;
  let frameHandle: number | null = null;
  let idleHandle: number | null = null;
  let stopped = false;

  const observer =
    typeof window.IntersectionObserver === 'function'
      ? new window.IntersectionObserver(onIntersection, { rootMargin: VISIBLE_MARGIN })
      : null;

  // One report per value is enough: observing thousands of values would cost every frame their
  // geometry while the batches below change the layout.
  function onIntersection(entries: IntersectionObserverEntry[]): void {
    let anyVisible = false;
    for (const entry of entries) {
      for (const write of watchers.get(entry.target) ?? []) {
        write.seen = true;
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
    frame++;
    if (visible.size > 0) {
      for (const write of visible) take(write);
    } else {
      for (const write of queued.values()) {
        if (!write.seen && frame - write.queuedInFrame < VISIBILITY_GRACE_FRAMES) continue;
        take(write);
      }
    }
    if (visible.size > 0) requestFrame();
    else if (queued.size > 0) requestIdleFrame();
    else options.onDrained();
  }

  function requestFrame(): void {
    if (frameHandle !== null || stopped) return;
    frameHandle =
      typeof window.requestAnimationFrame === 'function'
        ? window.requestAnimationFrame(writeFrame)
        : window.setTimeout(writeFrame, 16);
  }

  function requestIdleFrame(): void {
    if (idleHandle !== null || frameHandle !== null || stopped) return;
    const onIdle = () => {
      idleHandle = null;
      requestFrame();
    };
    idleHandle =
      typeof window.requestIdleCallback === 'function'
        ? window.requestIdleCallback(onIdle, { timeout: IDLE_TIMEOUT_MS })
        : window.setTimeout(onIdle, 0);
  }

  function cancel(): void {
    if (frameHandle !== null) {
      if (typeof window.cancelAnimationFrame === 'function') window.cancelAnimationFrame(frameHandle);
      else window.clearTimeout(frameHandle);
    }
    if (idleHandle !== null) {
      if (typeof window.cancelIdleCallback === 'function') window.cancelIdleCallback(idleHandle);
      else window.clearTimeout(idleHandle);
    }
    frameHandle = idleHandle = null;
  }

  return {
    /** Drops what was queued for `source` (its buttons were placed another way). */
    drop(source: Node): void {
      const write = queued.get(source);
      if (!write) return;
      queued.delete(source);
      unwatch(write);
      if (queued.size === 0) options.onDrained();
    },
    /** Queues the buttons of `source`, replacing what was queued for it. */
    enqueue(write: PendingWrite): void {
      const previous = queued.get(write.source);
      if (previous) {
        queued.delete(write.source);
        unwatch(previous);
      }
      const entry: QueuedWrite = {
        ...write,
        watched: elementOf(write.source),
        seen: observer === null,
        queuedInFrame: frame,
      };
      queued.set(write.source, entry);
      watch(entry);
      requestIdleFrame();
    },
    /** What is queued for `source`, if anything. */
    queuedFor: (source: Node): PendingWrite | undefined => queued.get(source),
    get size() {
      return queued.size;
    },
    /** Writes everything now, in this task (the synchronous scan). */
    flush(): void {
      for (const write of queued.values()) take(write);
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
