import { TWILIO_PATHS } from './flow-state.ts';
import type { RingSpec } from './ring-plan.ts';
import { nextCheckAt, nextLineRing } from './waiting-line.ts';

/**
 * When the waiting line looks again (docs/call-flow.md, "The waiting line", Pacing). Pure: which
 * callers one pass of the pacer brings back to `/queue/wait`, whether a caller's leg is still on its
 * way back from the last pass, and which of Twilio's requests may have freed a rep, so that the line
 * looks at once rather than at the pacer's next tick.
 */

/** A caller waiting in line, as the pacer reads them (the line in order). */
export interface WaitingCaller {
  users: readonly string[];
  /** Their ring action's plan; null when it is gone (the configuration changed): `/queue/wait` tells them. */
  spec: RingSpec | null;
  ringAfter: Date | null;
  nextCheckAt: Date;
  /** Brought back by a pass a moment ago, and their leg has not reached `/queue/wait` yet. */
  onTheWay: boolean;
}

/**
 * Which callers to bring back now, walking the line in order. A caller takes the free reps their
 * next ring would hold (nextLineRing): all of theirs when they ring simultaneously, only the first in
 * ring order when sequentially — so the next free rep goes to the caller behind in this same pass,
 * not one pass later, and no rep is offered to two callers. A caller already on the way takes their
 * reps too, but is not brought back twice. Also due: a caller whose announcement or maximum wait is
 * due, and one none of whose reps is online. `free`: in ring order.
 */
export function callersToBringBack(
  line: readonly WaitingCaller[],
  reps: { free: readonly string[]; online: ReadonlySet<string> },
  now: Date,
): boolean[] {
  let free = [...reps.free];
  return line.map((caller) => {
    const mayRing = caller.ringAfter === null || caller.ringAfter.getTime() <= now.getTime();
    const mine = mayRing ? free.filter((id) => caller.users.includes(id)) : [];
    const takes = caller.spec && mine.length > 0 ? (nextLineRing(caller.spec, mine, null)?.hold ?? []) : mine;
    free = free.filter((id) => !takes.includes(id));
    if (caller.onTheWay) return false;
    return takes.length > 0 || now.getTime() >= caller.nextCheckAt.getTime() || !caller.users.some((id) => reps.online.has(id));
  });
}

/**
 * Whether the caller's leg is still on its way back from a nudge (or this long passed: the nudge's
 * guard). Every visit of the leg to `/queue/wait` sets `next_check_at` to the line's own schedule
 * (nextCheckAt from the last announcement); a nudge sets it to its guard instead. Read from the row,
 * so a pass on any instance sees it: a second redirect would cut short the ring the first one started
 * (twilio-conference.md §3.2), leaving its rep claimed by a caller who is back to music.
 */
export function onTheWay(
  row: { enqueuedAt: Date; announcedAt: Date | null; announceSeconds: number; maxWaitSeconds: number; nextCheckAt: Date },
  now: Date,
): boolean {
  if (now.getTime() >= row.nextCheckAt.getTime()) return false;
  const own = row.announcedAt ? nextCheckAt(row, row.announcedAt) : null;
  return own?.getTime() !== row.nextCheckAt.getTime();
}

const CALL_ENDED = new Set(['completed', 'busy', 'no-answer', 'failed', 'canceled']);
const LEFT_ROOM = new Set(['participant-leave', 'conference-end']);

/**
 * Whether a request from Twilio may have freed a rep for the line: a call or leg ended (status
 * callbacks), someone left a room, or a `<Dial>` ended — the ring plan's (a ring from the line moved
 * on to the next rep or back to the line, or the call it bridged ended) or an outgoing call's.
 */
export function mayFreeRep(path: string, params: Readonly<Record<string, string | undefined>>): boolean {
  switch (path) {
    case TWILIO_PATHS.status:
    case TWILIO_PATHS.participant:
      return CALL_ENDED.has(params.CallStatus ?? '');
    case TWILIO_PATHS.conference:
      return LEFT_ROOM.has(params.StatusCallbackEvent ?? '');
    case TWILIO_PATHS.ring:
    case TWILIO_PATHS.outgoingDialed:
      return true;
    default:
      return false;
  }
}
