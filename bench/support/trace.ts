/**
 * Chromium's own trace of one page load (the events DevTools' Performance panel records), and what it
 * says about who kept the main thread busy. The Long Tasks API says how long a task was, not whose
 * code ran in it, and the Long Animation Frames API leaves extension scripts out on purpose; the trace
 * has every top-level task of the renderer's main thread with the scripts (by URL) and the style,
 * layout and paint work inside it.
 */
import type { BrowserContext, Page } from 'playwright-core';

export interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { url?: string; frame?: string }; beginData?: { url?: string } };
}

const CATEGORIES = ['-*', 'toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'loading'].join(',');

/** Starts tracing the browser; the returned function stops and hands over the events. */
export async function startTrace(context: BrowserContext, page: Page): Promise<() => Promise<TraceEvent[]>> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Tracing.start', { categories: CATEGORIES, transferMode: 'ReturnAsStream' });
  return async () => {
    const complete = new Promise<{ stream?: string }>((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.end');
    const { stream } = await complete;
    if (!stream) throw new Error('the trace came without a stream');
    const chunks: string[] = [];
    for (;;) {
      const chunk = await cdp.send('IO.read', { handle: stream });
      chunks.push(chunk.base64Encoded ? Buffer.from(chunk.data, 'base64').toString('utf8') : chunk.data);
      if (chunk.eof) break;
    }
    await cdp.send('IO.close', { handle: stream });
    await cdp.detach().catch(() => undefined);
    const parsed = JSON.parse(chunks.join('')) as TraceEvent[] | { traceEvents: TraceEvent[] };
    return Array.isArray(parsed) ? parsed : parsed.traceEvents;
  };
}

/** One top-level task of the main thread (times in ms on the trace's clock). */
export interface MainThreadTask {
  start: number;
  duration: number;
  /** Outermost script time in the task, by the owner `ownerOf` gives the script's URL. */
  scriptBy: Map<string, number>;
  /** Style, layout, paint: the rendering of a frame, or forced by a script. */
  rendering: number;
  parsing: boolean;
}

export interface LoadTrace {
  tasks: MainThreadTask[];
  /** User timing marks of the page (probes), by name: the trace time of the last one. */
  marks: Map<string, number>;
  navigationStart: number;
}

const SCRIPT_EVENTS = new Set(['FunctionCall', 'EvaluateScript', 'v8.compile', 'v8.produceCache', 'v8.evaluateModule']);
const RENDERING_EVENTS = new Set(['UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'UpdateLayer', 'Commit']);
const TASK_EVENTS = new Set(['ThreadControllerImpl::RunTask', 'RunTask']);

const urlOf = (event: TraceEvent) => String(event.args?.data?.url ?? '');

/** Script time the trace gives no URL for: promise jobs run outside any callback. */
export const UNATTRIBUTED = 'promise jobs';

/**
 * The main-thread tasks of the renderer that parsed `pageUrl` (a URL unique to this load), from its
 * navigation on; `ownerOf` names the code a script URL belongs to.
 */
export function loadTrace(events: TraceEvent[], pageUrl: string, ownerOf: (url: string, event: string) => string): LoadTrace {
  const key = (event: TraceEvent) => `${event.pid}:${event.tid}`;
  const mainThreads = new Set(events.filter((event) => event.name === 'thread_name' && event.args?.name === 'CrRendererMain').map(key));
  const parses = events.filter((event) => event.name === 'ParseHTML' && mainThreads.has(key(event)) && String(event.args?.beginData?.url ?? '').includes(pageUrl));
  const thread = parses[0] ? key(parses[0]) : null;
  if (!thread) throw new Error(`no main thread parsed ${pageUrl} in the trace`);
  const navigation = events.find((event) => event.name === 'navigationStart' && key(event) === thread && String((event.args?.data as { documentLoaderURL?: string } | undefined)?.documentLoaderURL ?? '').includes(pageUrl));
  const navigationStart = (navigation?.ts ?? Math.min(...parses.map((event) => event.ts))) / 1000;

  const own = events
    .filter((event) => key(event) === thread && event.ph === 'X' && event.ts / 1000 >= navigationStart - 1)
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const tasks: MainThreadTask[] = [];
  let current: MainThreadTask | null = null;
  let currentEnd = -1;
  let scriptEnd = -1;
  for (const event of own) {
    const start = event.ts / 1000;
    const end = start + (event.dur ?? 0) / 1000;
    if (TASK_EVENTS.has(event.name)) {
      if (current && start < currentEnd) continue; // nested
      current = { start, duration: end - start, scriptBy: new Map(), rendering: 0, parsing: false };
      currentEnd = end;
      scriptEnd = -1;
      tasks.push(current);
      continue;
    }
    if (!current || start > currentEnd) continue;
    if (SCRIPT_EVENTS.has(event.name) || event.name === 'RunMicrotasks') {
      if (start < scriptEnd) continue; // inside an outer script event
      // Promise jobs outside any callback carry no URL (an extension's code after an `await`).
      const owner = event.name === 'RunMicrotasks' ? UNATTRIBUTED : ownerOf(urlOf(event), event.name);
      current.scriptBy.set(owner, (current.scriptBy.get(owner) ?? 0) + (end - start));
      scriptEnd = end;
    } else if (RENDERING_EVENTS.has(event.name)) {
      current.rendering += end - start;
    } else if (event.name === 'ParseHTML') {
      current.parsing = true;
    }
  }

  const marks = new Map<string, number>();
  for (const event of events) {
    if (key(event) !== thread || !event.cat.includes('user_timing') || event.ts / 1000 < navigationStart) continue;
    marks.set(event.name, event.ts / 1000);
  }
  return { tasks, marks, navigationStart };
}

export interface Attribution {
  /** Longest task the contender caused (see `attribute`). */
  longestTask: number;
  /** Its own script time, in all tasks. */
  scriptTime: number;
  /** Longest main-thread task after DOMContentLoaded, whatever ran in it. */
  longestAfterDcl: number;
  /** Sum of the main thread's task time from navigation to `until`. */
  busy: number;
  /** What the longest task held (`BENCH_EXPLAIN=1` prints it): when it started after `dcl`, its own script, rendering, and whether the page had settled. */
  longest: TaskSummary & { afterPageDone: boolean } | null;
  /** Every main-thread task of 20 ms or more up to `until` (`BENCH_EXPLAIN=1` prints them). */
  longTasks: TaskSummary[];
}

/** A task, as `BENCH_EXPLAIN` shows it: when it started after `dcl`, its length, its own script and rendering. */
export interface TaskSummary {
  atMs: number;
  durationMs: number;
  ownScriptMs: number;
  renderingMs: number;
  parsing: boolean;
}

const LONG_TASK_LISTED_MS = 20;

/**
 * What one contender cost the main thread in a load. The page is static HTML: once it is parsed and
 * has rendered the result (the first rendering task after the last parsing task), it does nothing on
 * its own, so every later task is the contender's doing (its scripts, or the style and layout of what
 * they inserted). Before that point a task is the page's, and the contender is charged the time its
 * own scripts ran inside it (with any layout they forced) — not the page's parsing or rendering
 * around them: that shows in `longestAfterDcl` and `busy`, against the page alone.
 */
export function attribute(trace: LoadTrace, owner: string, dcl: number, until: number, ignore: readonly string[]): Attribution {
  // The page runs no script of its own: promise jobs outside any callback are the contender's.
  const ownerOf = (name: string) => (name === UNATTRIBUTED ? owner : name);
  const { tasks } = trace;
  let lastParse = -1;
  for (const [index, task] of tasks.entries()) if (task.parsing) lastParse = index;
  const settledAt = tasks.findIndex((task, index) => index > lastParse && task.rendering > 0);
  const pageDone = settledAt >= 0 ? tasks[settledAt]!.start + tasks[settledAt]!.duration : Number.POSITIVE_INFINITY;

  let longestTask = 0;
  let scriptTime = 0;
  let longestAfterDcl = 0;
  let busy = 0;
  let longest: Attribution['longest'] = null;
  const longTasks: TaskSummary[] = [];
  for (const task of tasks) {
    if (task.start > until) break;
    let own = 0;
    let others = 0;
    for (const [name, time] of task.scriptBy) {
      if (ownerOf(name) === owner) own += time;
      else if (!ignore.includes(name)) others += time;
    }
    scriptTime += own;
    busy += task.duration;
    if (task.start + task.duration >= dcl) longestAfterDcl = Math.max(longestAfterDcl, task.duration);
    const afterPageDone = task.start >= pageDone && others < 1;
    const caused = afterPageDone ? task.duration : own;
    const summary = (): TaskSummary => ({ atMs: task.start - dcl, durationMs: task.duration, ownScriptMs: own, renderingMs: task.rendering, parsing: task.parsing });
    if (task.duration >= LONG_TASK_LISTED_MS) longTasks.push(summary());
    if (caused > longestTask) {
      longestTask = caused;
      longest = { ...summary(), afterPageDone };
    }
  }
  return { longestTask, scriptTime, longestAfterDcl, busy, longest, longTasks };
}
