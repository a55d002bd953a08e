import { signal } from '@preact/signals';
import type { LiveCallView } from '@/call-control/live-call-view';
import type { CallControlClient, MonitorMode } from './call-control-client';
import { describeControlError } from './call-control-model';

/** How often the supervisor's list of live calls is asked for while it is on screen. */
export const LIVE_CALLS_REFRESH_MS = 3_000;

/**
 * A supervisor's (or admin's) list of every live call: who talks to whom, on which line, for how long,
 * on hold or not; and Listen / Whisper / Barge / Stop on each. Monitoring rings the supervisor's own
 * phone, which the background answers by itself (it asked for it).
 */
export function createLiveCallsModel(client: CallControlClient) {
  const calls = signal<LiveCallView[]>([]);
  const loading = signal(false);
  const failed = signal(false);
  const busy = signal<string | null>(null);
  const error = signal<string | null>(null);
  /** The clock the durations count from, ticking every second while the list is shown. */
  const now = signal(Date.now());
  let timers: ReturnType<typeof setInterval>[] = [];

  async function load(): Promise<void> {
    loading.value = true;
    try {
      calls.value = await client.liveCalls();
      now.value = Date.now();
      failed.value = false;
    } catch {
      failed.value = true;
    } finally {
      loading.value = false;
    }
  }

  async function run(callSid: string, work: () => Promise<unknown>) {
    if (busy.value) return;
    busy.value = callSid;
    error.value = null;
    try {
      await work();
      await load();
    } catch (caught) {
      error.value = describeControlError(caught);
    } finally {
      busy.value = null;
    }
  }

  return {
    calls,
    now,
    loading,
    failed,
    busy,
    error,
    load,
    /** Keeps the list fresh while it is shown; returns the way to stop. */
    follow(): () => void {
      void load();
      if (timers.length === 0) {
        timers = [setInterval(() => void load(), LIVE_CALLS_REFRESH_MS), setInterval(() => (now.value = Date.now()), 1_000)];
      }
      return () => {
        timers.forEach(clearInterval);
        timers = [];
      };
    },
    monitor: (callSid: string, mode: MonitorMode) => run(callSid, () => client.monitor(callSid, mode)),
    stop: (callSid: string) => run(callSid, () => client.stopMonitor(callSid)),
  };
}
export type LiveCallsModel = ReturnType<typeof createLiveCallsModel>;
