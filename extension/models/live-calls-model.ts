import { signal } from '@preact/signals';
import type { LiveCallView } from '@/call-control/live-call-view';
import type { CallControlClient, MonitorMode } from './call-control-client';
import { describeControlError } from './call-control-model';

/** How often the supervisor's list of live calls is asked for while it is on screen. */
export const LIVE_CALLS_REFRESH_MS = 3_000;

/**
 * How long a call the supervisor just left (Stop, or a click on another call) is shown without them
 * while the server still lists them: it hears that they left from Twilio a moment later.
 */
export const LEFT_SHOWN_MS = 15_000;

/** The call as it is once the supervisor's monitoring leg has gone. */
const withoutYou = (call: LiveCallView): LiveCallView => ({
  ...call,
  monitoring: null,
  parties: call.parties.filter((party) => !(party.you && party.kind === 'supervisor')),
});

/**
 * A supervisor's (or admin's) list of every live call: who talks to whom, on which line, for how long,
 * on hold or not; and Listen / Whisper / Barge / Stop on each. Monitoring rings the supervisor's own
 * phone, which the background answers by itself (it asked for it). One call at a time: a click on
 * another call moves them there (the server takes them off the first, server/voice/monitoring.ts).
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
  /** Calls the supervisor left from here, and when. */
  const left = new Map<string, number>();

  function shown(fresh: LiveCallView[]): LiveCallView[] {
    const at = Date.now();
    for (const [callSid, since] of left) {
      const stillListed = fresh.some((call) => call.callSid === callSid && call.monitoring !== null);
      if (!stillListed || at - since > LEFT_SHOWN_MS) left.delete(callSid);
    }
    return fresh.map((call) => (left.has(call.callSid) ? withoutYou(call) : call));
  }

  async function load(): Promise<void> {
    loading.value = true;
    try {
      calls.value = shown(await client.liveCalls());
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
    monitor: (callSid: string, mode: MonitorMode) =>
      run(callSid, async () => {
        const wasMonitoring = calls.value.some((call) => call.callSid === callSid && call.monitoring !== null);
        await client.monitor(callSid, mode);
        if (wasMonitoring) return;
        // Started here: the server took them off whichever call they monitored before.
        left.delete(callSid);
        for (const call of calls.value) if (call.callSid !== callSid && call.monitoring !== null) left.set(call.callSid, Date.now());
      }),
    stop: (callSid: string) =>
      run(callSid, async () => {
        await client.stopMonitor(callSid);
        left.set(callSid, Date.now());
      }),
  };
}
export type LiveCallsModel = ReturnType<typeof createLiveCallsModel>;
