/**
 * When the injector scans what the same-frame pass left (inject.ts): in short slices of normal
 * ('user-visible') priority, so input and rendering go first and no main-thread task comes near 50 ms.
 * One slice is scheduled at a time; a slice that runs out of time asks for the next.
 */

/** Runs a task later; the default lets the CRM's own work and rendering go first. */
export type Scheduler = (task: () => void) => void;

type SchedulerWindow = Pick<Window, 'setTimeout'> & { scheduler?: globalThis.Scheduler };

// Not 'background' priority, nor idle callbacks: Chromium runs those only when nothing else is queued,
// which on a page still loading (or a busy machine) left kept places waiting seconds for their buttons
// (bench "page loads": 6–13 s for a 2,000-row list).
export function defaultScheduler(window: SchedulerWindow): Scheduler {
  const scheduler = window.scheduler;
  if (typeof scheduler?.postTask === 'function') {
    return (task) => void scheduler.postTask(task, { priority: 'user-visible' }).catch(() => {});
  }
  return (task) => void window.setTimeout(task, 0);
}

export interface TaskSliceOptions {
  window: SchedulerWindow;
  schedule?: Scheduler;
  /** Does one slice of the work; true when work remains. */
  runSlice(): boolean;
  /** Called after a slice that finished the work. */
  onFinished(): void;
}

export interface TaskSlices {
  /** Schedules a slice unless one already is. */
  request(): void;
  /** A slice is scheduled and has not run yet. */
  readonly pending: boolean;
  stop(): void;
}

export function createTaskSlices(options: TaskSliceOptions): TaskSlices {
  const { window, runSlice, onFinished } = options;
  const schedule = options.schedule ?? defaultScheduler(window);
  let scheduled = false;
  let stopped = false;

  function request(): void {
    if (scheduled || stopped) return;
    scheduled = true;
    schedule(() => {
      scheduled = false;
      if (stopped) return;
      if (runSlice()) request();
      else onFinished();
    });
  }

  return {
    request,
    get pending() {
      return scheduled;
    },
    stop() {
      stopped = true;
    },
  };
}
