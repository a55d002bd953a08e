import { effect, signal, untracked, type ReadonlySignal } from '@preact/signals';
import type { LiveCallView } from '@/call-control/live-call-view';
import type { CallControlClient, MonitorMode } from './call-control-client';
import { describeControlError } from './call-control-model';
import type { PhoneSnapshot } from './phone-state';

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

/** Which call the phone is on, and in what phase: a change of either is a call answered or ended. */
const phoneCallOf = (snapshot: PhoneSnapshot) => ({
  key: `${snapshot.phase}:${snapshot.call?.callId ?? ''}`,
  sid: snapshot.phase === 'in-call' ? (snapshot.call?.sid ?? null) : null,
});

/**
 * A supervisor's (or admin's) list of every live call: who talks to whom, on which line, for how long,
 * on hold or not; and Listen / Whisper / Barge / Stop on each. Monitoring rings the supervisor's own
 * phone, which the background answers by itself (it asked for it). One call at a time: a click on
 * another call moves them there (the server takes them off the first, server/voice/monitoring.ts).
 *
 * `phone`, the supervisor's own phone: when it answers or ends a call the list is asked for at once
 * (not at the next refresh), and a call it has just left offers no action until the server's list
 * asked after that answers: for a second it could still show them monitoring a call that is over.
 */
export function createLiveCallsModel(client: CallControlClient, phone?: { snapshot: ReadonlySignal<PhoneSnapshot> }) {
  const calls = signal<LiveCallView[]>([]);
  const loading = signal(false);
  const failed = signal(false);
  const busy = signal<string | null>(null);
  const error = signal<string | null>(null);
  /** Calls the phone has just left: no action on them until a list asked since then comes. */
  const settling = signal<ReadonlySet<string>>(new Set());
  /** The clock the durations count from, ticking every second while the list is shown. */
  const now = signal(Date.now());
  let timers: ReturnType<typeof setInterval>[] = [];
  let stopWatchingPhone: (() => void) | null = null;
  /** Calls the supervisor left from here or on the phone, and when. */
  const left = new Map<string, number>();
  /** The list's requests, numbered: an answer older than the one shown is dropped. */
  let asked = 0;
  let applied = 0;
  /** The request after which each settling call may offer actions again. */
  const settlingSince = new Map<string, number>();

  function shown(fresh: LiveCallView[]): LiveCallView[] {
    const at = Date.now();
    for (const [callSid, since] of left) {
      const stillListed = fresh.some((call) => call.callSid === callSid && call.monitoring !== null);
      if (!stillListed || at - since > LEFT_SHOWN_MS) left.delete(callSid);
    }
    return fresh.map((call) => (left.has(call.callSid) ? withoutYou(call) : call));
  }

  async function load(): Promise<void> {
    const ticket = ++asked;
    loading.value = true;
    try {
      const fresh = await client.liveCalls();
      if (ticket < applied) return;
      applied = ticket;
      calls.value = shown(fresh);
      now.value = Date.now();
      failed.value = false;
      settle(ticket);
    } catch {
      if (ticket > applied) failed.value = true;
    } finally {
      if (ticket === asked) loading.value = false;
    }
  }

  function settle(ticket: number) {
    for (const [callSid, since] of settlingSince) if (ticket > since) settlingSince.delete(callSid);
    if (settlingSince.size !== settling.value.size) settling.value = new Set(settlingSince.keys());
  }

  /** The phone's call changed: the call it was on is shown without them, and the list asked again now. */
  function watchPhone(source: { snapshot: ReadonlySignal<PhoneSnapshot> }): () => void {
    let seen: ReturnType<typeof phoneCallOf> | null = null;
    return effect(() => {
      const next = phoneCallOf(source.snapshot.value);
      const before = seen;
      seen = next;
      if (!before || before.key === next.key) return;
      untracked(() => {
        const gone = before.sid !== null && before.sid !== next.sid ? before.sid : null;
        if (gone) {
          left.set(gone, Date.now());
          settlingSince.set(gone, asked);
          settling.value = new Set(settlingSince.keys());
          calls.value = calls.value.map((call) => (call.callSid === gone ? withoutYou(call) : call));
        }
        void load();
      });
    });
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
    settling,
    load,
    /** Keeps the list fresh while it is shown, and at once when the phone's call changes; returns the way to stop. */
    follow(): () => void {
      void load();
      if (timers.length === 0) {
        timers = [setInterval(() => void load(), LIVE_CALLS_REFRESH_MS), setInterval(() => (now.value = Date.now()), 1_000)];
      }
      if (phone && !stopWatchingPhone) stopWatchingPhone = watchPhone(phone);
      return () => {
        timers.forEach(clearInterval);
        timers = [];
        stopWatchingPhone?.();
        stopWatchingPhone = null;
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
