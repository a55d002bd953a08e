import type { AppDeps } from '../../http/deps.ts';
import { cachedTwilioCredentials } from '../../routes/twilio/credentials.ts';
import { ringActionOf } from '../../routes/twilio/incoming/stage.ts';
import { cachedIncomingNumber } from '../../store/incoming-number-cache.ts';
import { ringOrder } from '../../store/presence.ts';
import { leaveLine, repsRingingFromLine, takeNudge, waitingInOrder, type WaitingRow } from '../../store/waiting-line.ts';
import { createRoomClient, type RoomClient } from '../../twilio/room-client.ts';
import { queueWaitUrl, type LineState } from '../../voice/flow-state.ts';
import { callersToBringBack, onTheWay, type WaitingCaller } from '../../voice/line-pacing.ts';

/**
 * Keeps the waiting line moving (docs/call-flow.md, "The waiting line"). A caller's leg loops through
 * `/queue/wait` on its own, but one turn lasts as long as the music; so the pacer reads the line and
 * brings a caller's leg back to `/queue/wait` at once (Calls update `Url=…`) when a rep became free
 * for them, when their announcement or maximum wait is due, or when nobody of theirs is online any
 * more. It looks every couple of seconds, and at once when woken (a Twilio request that may have
 * freed a rep: server/voice/line-pacing.ts). It decides nothing itself: `/queue/wait` does, from the
 * database. Each nudge is taken by compare-and-set, so two instances never nudge a caller twice at
 * once, and no pass nudges a caller whose leg is still on its way back from the last nudge.
 */

export const PACER_INTERVAL_MS = 2_000;
/** A nudged caller is not nudged again before their leg came back (or this long passed). */
export const NUDGE_GUARD_SECONDS = 15;

export interface PacerReport {
  nudged: string[];
  gone: string[];
}

/** setTimeout and clearTimeout; a test gives its virtual clock's. */
export interface PacerTimers {
  set(run: () => void, ms: number): unknown;
  clear(timer: unknown): void;
}

const NODE_TIMERS: PacerTimers = {
  set: (run, ms) => setTimeout(run, ms),
  clear: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
};

export class WaitingLinePacer {
  private readonly deps: AppDeps;
  private readonly client: Pick<RoomClient, 'redirect'>;
  private readonly timers: PacerTimers;
  private timer: unknown = null;
  private running: Promise<PacerReport> | null = null;
  /** Woken while a pass was under way: that pass may have read the line before the change. */
  private again = false;
  private stopped = true;

  constructor(deps: AppDeps, options: { client?: Pick<RoomClient, 'redirect'>; timers?: PacerTimers } = {}) {
    this.deps = deps;
    this.client = options.client ?? createRoomClient(cachedTwilioCredentials(deps), deps.twilioApiUrl);
    this.timers = options.timers ?? NODE_TIMERS;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(PACER_INTERVAL_MS);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.schedule(null);
    await this.running;
  }

  /** Looks at the line now (a rep may have become free), or right after the pass under way. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) this.again = true;
    else this.schedule(0);
  }

  /** The next pass in `ms` (replacing any other), or none. */
  private schedule(ms: number | null): void {
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = ms === null || this.stopped ? null : this.timers.set(() => this.loop(), ms);
  }

  private loop(): void {
    this.timer = null;
    void this.tick()
      .catch((error: unknown) => this.deps.logger.error({ err: error }, 'waiting line pass failed'))
      .finally(() => {
        if (this.timer === null) this.schedule(PACER_INTERVAL_MS);
      });
  }

  /** One pass over the line; one at a time. */
  tick(): Promise<PacerReport> {
    this.running ??= this.pass().finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        this.schedule(0);
      }
    });
    return this.running;
  }

  private async pass(): Promise<PacerReport> {
    const { db } = this.deps.store;
    const report: PacerReport = { nudged: [], gone: [] };
    const rows = await waitingInOrder(db);
    if (rows.length === 0) return report;
    const now = this.deps.now();
    const presence = await ringOrder(db, { userIds: [...new Set(rows.flatMap((row) => row.users))], now });
    const held = await repsRingingFromLine(db, null);
    const free = presence.ringable.filter((id) => !held.has(id));
    const online = new Set([...presence.ringable, ...presence.busy]);
    const line: WaitingCaller[] = [];
    // One after the other: the first reads the numbers (cached), the others find them there.
    for (const row of rows) line.push(await this.callerOf(row, now));
    const due = callersToBringBack(line, { free, online }, now);
    for (const [index, row] of rows.entries()) {
      if (!due[index]) continue;
      if (!(await takeNudge(db, row.call_sid, new Date(row.next_check_at), new Date(now.getTime() + NUDGE_GUARD_SECONDS * 1000)))) continue;
      const state: LineState = { language: row.language as LineState['language'], path: [...row.path].map(Number) };
      const moved = await this.client.redirect(row.call_sid, queueWaitUrl(this.deps.publicUrl ?? '', state)).catch((error: unknown) => {
        this.deps.logger.warn({ err: error, callSid: row.call_sid }, 'could not bring a waiting caller back to the line; their own loop will');
        return 'ok' as const;
      });
      if (moved === 'gone') {
        // The caller hung up and the news has not reached us: they are not waiting any more.
        await leaveLine(db, row.call_sid, 'hung-up', now);
        report.gone.push(row.call_sid);
      } else {
        report.nudged.push(row.call_sid);
      }
    }
    return report;
  }

  private async callerOf(row: WaitingRow, now: Date): Promise<WaitingCaller> {
    const number = await cachedIncomingNumber(this.deps.store.db, row.number);
    const nextCheckAt = new Date(row.next_check_at);
    return {
      users: row.users,
      spec: number ? (ringActionOf(number, [...row.path].map(Number))?.spec ?? null) : null,
      ringAfter: row.ring_after ? new Date(row.ring_after) : null,
      nextCheckAt,
      onTheWay: onTheWay(
        {
          enqueuedAt: new Date(row.enqueued_at),
          announcedAt: row.announced_at ? new Date(row.announced_at) : null,
          announceSeconds: row.announce_seconds,
          maxWaitSeconds: row.max_wait_seconds,
          nextCheckAt,
        },
        now,
      ),
    };
  }
}
