import type { AppDeps } from '../../http/deps.ts';
import { cachedTwilioCredentials } from '../../routes/twilio/credentials.ts';
import { ringOrder } from '../../store/presence.ts';
import { leaveLine, repsRingingFromLine, takeNudge, waitingInOrder, type WaitingRow } from '../../store/waiting-line.ts';
import { createRoomClient, type RoomClient } from '../../twilio/room-client.ts';
import { queueWaitUrl, type LineState } from '../../voice/flow-state.ts';

/**
 * Keeps the waiting line moving (docs/call-flow.md, "The waiting line"). A caller's leg loops through
 * `/queue/wait` on its own, but one turn lasts as long as the music; so every couple of seconds the
 * pacer reads the line and brings a caller's leg back to `/queue/wait` at once (Calls update
 * `Url=…`) when a rep became free for them, when their announcement or maximum wait is due, or when
 * nobody of theirs is online any more. It decides nothing itself: `/queue/wait` does, from the
 * database. Each nudge is taken by compare-and-set, so two instances never nudge a caller twice.
 */

export const PACER_INTERVAL_MS = 2_000;
/** A nudged caller is not nudged again before their leg came back (or this long passed). */
export const NUDGE_GUARD_SECONDS = 15;

export interface PacerReport {
  nudged: string[];
  gone: string[];
}

export class WaitingLinePacer {
  private readonly deps: AppDeps;
  private readonly client: Pick<RoomClient, 'redirect'>;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<PacerReport> | null = null;
  private stopped = true;

  constructor(deps: AppDeps, client?: Pick<RoomClient, 'redirect'>) {
    this.deps = deps;
    this.client = client ?? createRoomClient(cachedTwilioCredentials(deps), deps.twilioApiUrl);
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Looks at the line now (a rep went online, a call ended). */
  wake(): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.loop(), 0);
  }

  private schedule(): void {
    if (!this.stopped) this.timer = setTimeout(() => this.loop(), PACER_INTERVAL_MS);
  }

  private loop(): void {
    void this.tick()
      .catch((error: unknown) => this.deps.logger.error({ err: error }, 'waiting line pass failed'))
      .finally(() => this.schedule());
  }

  /** One pass over the line; one at a time. */
  tick(): Promise<PacerReport> {
    this.running ??= this.pass().finally(() => {
      this.running = null;
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
    const free = new Set(presence.ringable.filter((id) => !held.has(id)));
    const online = new Set([...presence.ringable, ...presence.busy]);
    for (const row of rows) {
      if (!this.due(row, now, free, online)) continue;
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

  /** Walking the line in order: the first caller of each free rep takes them. */
  private due(row: WaitingRow, now: Date, free: Set<string>, online: Set<string>): boolean {
    const mayRing = !row.ring_after || new Date(row.ring_after).getTime() <= now.getTime();
    const mine = mayRing ? row.users.filter((id) => free.has(id)) : [];
    for (const id of mine) free.delete(id);
    return mine.length > 0 || now.getTime() >= new Date(row.next_check_at).getTime() || !row.users.some((id) => online.has(id));
  }
}
