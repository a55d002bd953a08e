import type { RingStrategy } from '../phone-config/schema.ts';

/** Twilio rings at most 10 `<Client>`/`<Number>` nouns in one `<Dial>` (docs/voice/twiml/client). */
export const MAX_CLIENTS_PER_DIAL = 10;
/** Zoho: sequential ringing goes round the reps at most twice. */
export const MAX_CYCLES = 2;

export interface RingSpec {
  strategy: RingStrategy;
  users: string[];
  ringSeconds: number;
  /** Sequential only: 1, or 2 with `repeat` / `cycles: 2`. */
  cycles: number;
}

/** Presence of the spec's reps right now, each list in the order they went online. */
export interface RingPresence {
  /** Online, fresh heartbeat, not on a call. */
  ringable: string[];
  /** Online but on a call. */
  busy: string[];
}

export interface RingPosition {
  cycle: number;
  /** The reps of this cycle, in online order, as they were when the cycle began. */
  queue: string[];
  /** The next position in `queue` to consider. */
  index: number;
}

export type RingStep =
  | { kind: 'dial'; clients: string[]; timeout: number; next: RingPosition }
  /** Nobody online at all: the unavailable message at once. */
  | { kind: 'unavailable' }
  /** Everyone who could take the call is already on one: the busy message. */
  | { kind: 'busy' }
  /** Rang everyone the plan allows and nobody answered: unavailable message and voicemail. */
  | { kind: 'no-answer' };

/**
 * The next `<Dial>` of a ring plan. Simultaneous: everyone online at once (in batches of 10 beyond
 * that, one batch after the other). Sequential: one rep at a time in online order; a rep who went
 * offline or onto another call since the cycle began is skipped; a second cycle (when allowed) takes
 * a fresh snapshot, so reps who came online meanwhile are included.
 * `position` is null for the first step of a call.
 */
export function nextRingStep(spec: RingSpec, presence: RingPresence, position: RingPosition | null): RingStep {
  const ringable = presence.ringable.filter((id) => spec.users.includes(id));
  if (position === null) {
    if (ringable.length === 0) {
      return presence.busy.some((id) => spec.users.includes(id)) ? { kind: 'busy' } : { kind: 'unavailable' };
    }
    position = { cycle: 1, queue: ringable, index: 0 };
  }
  const maxCycles = spec.strategy === 'sequential' ? Math.min(Math.max(spec.cycles, 1), MAX_CYCLES) : 1;
  const batchSize = spec.strategy === 'sequential' ? 1 : MAX_CLIENTS_PER_DIAL;
  const available = new Set(ringable);

  let current = position;
  for (;;) {
    const clients: string[] = [];
    let index = current.index;
    while (index < current.queue.length && clients.length < batchSize) {
      const id = current.queue[index++]!;
      if (available.has(id) && !clients.includes(id)) clients.push(id);
    }
    if (clients.length > 0) {
      return { kind: 'dial', clients, timeout: spec.ringSeconds, next: { ...current, index } };
    }
    if (current.cycle >= maxCycles || ringable.length === 0) return { kind: 'no-answer' };
    current = { cycle: current.cycle + 1, queue: ringable, index: 0 };
  }
}
