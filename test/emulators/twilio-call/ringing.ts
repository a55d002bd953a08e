// The ringing phase of an outbound leg (a `<Dial>` child or a REST-created call): the endpoint rings
// and answers, declines (`busy`), cannot be reached (`failed`), or lets it ring out (`no-answer`).

import type { AfterAnswer, RingPolicy } from './endpoints.ts';
import type { Leg, TwimlSource } from './leg.ts';
import { PRIORITY, TIMEOUT } from './scheduler.ts';

/** A scenario's decision for this ring, which wins over the endpoint's own policy. */
export type RingOverride = { readonly policy: RingPolicy; readonly afterAnswer: AfterAnswer | null } | undefined;

/**
 * Rings the leg's endpoint. Resolves `true` once answered (the leg is then `in-progress`), `false`
 * when the leg ended without an answer. `timeoutSeconds` null: whoever placed the leg ends it.
 * A REST redirect while ringing replaces the TwiML the leg will run when answered (`onRedirect`).
 */
export async function ringLeg(leg: Leg, override: RingOverride, timeoutSeconds: number | null, onRedirect?: (to: TwimlSource) => void): Promise<boolean> {
  const scheduler = leg.world.scheduler;
  leg.progress('ringing');
  leg.activity = { kind: 'ringing' };
  leg.endpoint?.ring(leg, override);
  leg.record({ type: 'ringing', at: leg.to });
  const deadline = timeoutSeconds === null ? null : scheduler.nowMillis + timeoutSeconds * 1000;
  for (;;) {
    const remaining = deadline === null ? null : Math.max(0, (deadline - scheduler.nowMillis) / 1000);
    const notice = await leg.mailbox.next(remaining, PRIORITY.ends);
    if (leg.ended) return false;
    if (notice === TIMEOUT) {
      leg.end('no-answer', 'not-answered');
      return false;
    }
    switch (notice.type) {
      case 'answer':
        leg.record({ type: 'answered', by: leg.to });
        leg.answer();
        leg.activity = { kind: 'idle' };
        return true;
      case 'decline':
        leg.end('busy', 'not-answered');
        return false;
      case 'unreachable':
        leg.end('failed', 'not-answered');
        return false;
      case 'api-hangup':
        leg.end('canceled', 'ended-by-api');
        return false;
      case 'time-limit':
        leg.end('canceled', 'time-limit');
        return false;
      case 'redirect':
        onRedirect?.(notice.to);
        continue;
      default:
        continue;
    }
  }
}
