import type { LiveCall } from '@/call-control/live-call';

/** What the feed learnt about the call it follows: how it stands, or that the server has no such call for us. */
export type LiveCallUpdate = { callSid: string; call: LiveCall } | { callSid: string; call: null };

/**
 * Where the live state of the call being talked on comes from. One small interface so that a
 * server-sent-events stream can replace the polling below without the rest of the background noticing.
 */
export interface LiveCallFeed {
  /** Follows this call (null: none): its state reaches `onUpdate` until told otherwise. Idempotent. */
  follow(callSid: string | null): void;
  /** Asks again now (right after an action), and starts the rhythm over. */
  refresh(): void;
  stop(): void;
}

/** How often the call is asked for while the rep is on it. */
export const LIVE_POLL_MS = 1_500;

export interface PollingFeedDeps {
  fetchLive(callSid: string): Promise<LiveCall>;
  onUpdate(update: LiveCallUpdate): void | Promise<void>;
  /** Whether a failed fetch means the server has no such call for this user (404 call_not_found). */
  isGone(error: unknown): boolean;
  intervalMs?: number;
}

/**
 * GET /api/calls/:callSid/live about every 1.5 s while following a call. One request at a time; an
 * answer for a call no longer followed is dropped; a failure other than "no such call" keeps the last
 * known state (a network blip must not blank the card).
 */
export function createPollingFeed({ fetchLive, onUpdate, isGone, intervalMs = LIVE_POLL_MS }: PollingFeedDeps): LiveCallFeed {
  let followed: string | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let inFlight = false;
  let again = false;

  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = followed ? setTimeout(() => void poll(), intervalMs) : null;
  };

  async function poll(): Promise<void> {
    const callSid = followed;
    if (!callSid) return;
    if (inFlight) {
      again = true;
      return;
    }
    inFlight = true;
    try {
      const call = await fetchLive(callSid);
      if (followed === callSid) await onUpdate({ callSid, call });
    } catch (error) {
      if (followed === callSid && isGone(error)) await onUpdate({ callSid, call: null });
    } finally {
      inFlight = false;
    }
    if (again) {
      again = false;
      return poll();
    }
    if (followed) schedule();
  }

  return {
    follow(callSid) {
      if (callSid === followed) return;
      followed = callSid;
      again = false;
      if (callSid) void poll();
      else schedule();
    },
    refresh() {
      if (!followed) return;
      if (timer) clearTimeout(timer);
      timer = null;
      void poll();
    },
    stop() {
      followed = null;
      schedule();
    },
  };
}
