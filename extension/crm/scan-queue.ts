/**
 * What is left to scan: the roots the page added or changed, walked candidate by candidate so the work
 * can stop at a deadline and go on later where it stopped (inject.ts runs one queue in the microtask
 * after the page's change, another in background slices, and hands the first's leftovers to the second).
 */

export interface ScanQueueOptions {
  /** The values under a root worth a look (the page adapter's `findCandidates`). */
  findCandidates(root: ParentNode | Text): Iterable<Element | Text>;
  process(candidate: Element | Text): void;
  now(): number;
}

export interface ScanQueue {
  add(root: Node): void;
  /** Scans until the deadline passes (checked every 8 roots or candidates); true when work remains. */
  run(deadline: number): boolean;
  /** Hands every root and half-walked root still queued to `other`, which carries on in order. */
  moveTo(other: ScanQueue): void;
  readonly empty: boolean;
  clear(): void;
}

export function createScanQueue(options: ScanQueueOptions): ScanQueue {
  const { findCandidates, process, now } = options;
  const pendingRoots = new Set<Node>();
  /** Roots being walked, the current one first. */
  const walks: Iterator<Element | Text>[] = [];

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

  const queue: ScanQueue & { adopt(roots: Iterable<Node>, walks: Iterator<Element | Text>[]): void } = {
    add(root) {
      pendingRoots.add(root);
    },
    run(deadline) {
      let steps = 0;
      for (;;) {
        let walk = walks[0];
        if (!walk) {
          const root = takeRoot();
          if (!root) return false;
          walk = findCandidates(root as ParentNode | Text)[Symbol.iterator]();
          walks.push(walk);
          // A root with no candidate costs a DOM query too: it counts towards the deadline.
          if ((++steps & 7) === 0 && now() >= deadline) return true;
        }
        const next = walk.next();
        if (next.done) {
          walks.shift();
          continue;
        }
        process(next.value);
        if ((++steps & 7) === 0 && now() >= deadline) return true;
      }
    },
    moveTo(other) {
      (other as typeof queue).adopt(pendingRoots, walks.splice(0));
      pendingRoots.clear();
    },
    adopt(roots, adopted) {
      walks.push(...adopted);
      for (const root of roots) pendingRoots.add(root);
    },
    get empty() {
      return walks.length === 0 && pendingRoots.size === 0;
    },
    clear() {
      pendingRoots.clear();
      walks.length = 0;
    },
  };
  return queue;
}
