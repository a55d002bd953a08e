/**
 * What is left to scan: the roots the page added or changed, walked candidate by candidate so the work
 * can stop at a deadline and go on in the next slice where it stopped (task-scheduler.ts).
 */

export interface ScanQueueOptions {
  /** The values under a root worth a look (the page adapter's `findCandidates`). */
  findCandidates(root: ParentNode | Text): Iterable<Element | Text>;
  process(candidate: Element | Text): void;
  now(): number;
}

export function createScanQueue(options: ScanQueueOptions) {
  const { findCandidates, process, now } = options;
  const pendingRoots = new Set<Node>();
  let current: Iterator<Element | Text> | null = null;

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

  return {
    add(root: Node): void {
      pendingRoots.add(root);
    },
    /** Scans until the deadline passes (checked every 8 candidates); true when work remains. */
    run(deadline: number): boolean {
      let steps = 0;
      for (;;) {
        if (!current) {
          const root = takeRoot();
          if (!root) return false;
          current = findCandidates(root as ParentNode | Text)[Symbol.iterator]();
        }
        const next = current.next();
        if (next.done) {
          current = null;
          continue;
        }
        process(next.value);
        if ((++steps & 7) === 0 && now() >= deadline) return true;
      }
    },
    get empty(): boolean {
      return !current && pendingRoots.size === 0;
    },
    clear(): void {
      pendingRoots.clear();
      current = null;
    },
  };
}
