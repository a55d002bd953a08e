// Decides how one `<Dial>` plays out from the script: Twilio rings every noun at once, the first to
// answer is bridged and the others are cancelled; declines end a leg `busy`; nobody answering ends
// the Dial `no-answer` at the timeout (reference §2.3, §3.1).

import type { DialNoun, DialVerb } from './twiml.ts';
import type { DialLeg, DialScript } from './types.ts';

const DEFAULT_RING_SECONDS = 4;
const DEFAULT_TALK_SECONDS = 30;
/** What the Dial action reports when the caller hangs up while it rings [inferred, not documented]. */
const STATUS_WHEN_CALLER_GIVES_UP = 'canceled';

export type DialCallStatus = DialLeg['status'];

export interface PlannedLeg {
  readonly noun: DialNoun;
  readonly callee: string;
  readonly status: DialCallStatus;
  /** Seconds after the Dial started when the leg was answered (only the bridged leg). */
  readonly answeredAt: number | null;
  /** Seconds after the Dial started when the leg ended. */
  readonly endedAt: number;
}

export interface DialPlan {
  readonly legs: readonly PlannedLeg[];
  readonly winner: PlannedLeg | null;
  readonly dialCallStatus: DialCallStatus;
  readonly talkSeconds: number;
  /** Seconds from the start of the Dial until the caller's flow moves on. */
  readonly elapsedSeconds: number;
  readonly callerHungUp: boolean;
}

export function calleeOf(noun: DialNoun): string {
  return noun.kind === 'client' ? noun.identity : noun.number;
}

export function planDial(verb: DialVerb, script: DialScript): DialPlan {
  const callees = verb.nouns.map(calleeOf);
  const everyoneOr = (list: readonly string[] | 'everyone' | undefined) => new Set(list === 'everyone' ? callees : (list ?? []));
  const rejected = everyoneOr(script.outcome === 'busy' ? 'everyone' : script.rejectedBy);
  const unreachable = everyoneOr(script.outcome === 'failed' ? 'everyone' : script.unreachable);
  const answerers = script.outcome === undefined ? [script.answeredBy ?? []].flat() : [];
  const ring = script.ringSeconds ?? DEFAULT_RING_SECONDS;
  const callerGivesUpAt = script.callerHangsUpAfter ?? Number.POSITIVE_INFINITY;
  const talk = script.talkSeconds ?? DEFAULT_TALK_SECONDS;

  const answerer = answerers.find((name) => callees.includes(name) && !rejected.has(name) && !unreachable.has(name));
  const answers = answerer !== undefined && ring < verb.timeout && ring < callerGivesUpAt;

  if (answers) {
    const legs = verb.nouns.map((noun): PlannedLeg => {
      const callee = calleeOf(noun);
      if (callee === answerer) return { noun, callee, status: 'completed', answeredAt: ring, endedAt: ring + talk };
      if (unreachable.has(callee)) return { noun, callee, status: 'failed', answeredAt: null, endedAt: 0 };
      if (rejected.has(callee)) return { noun, callee, status: 'busy', answeredAt: null, endedAt: ring };
      return { noun, callee, status: 'canceled', answeredAt: null, endedAt: ring };
    });
    return {
      legs,
      winner: legs.find((leg) => leg.status === 'completed') ?? null,
      dialCallStatus: 'completed',
      talkSeconds: talk,
      elapsedSeconds: ring + talk,
      callerHungUp: script.hungUpBy === 'caller',
    };
  }

  const ringingEndsAt = Math.min(verb.timeout, callerGivesUpAt);
  const callerGaveUp = callerGivesUpAt < verb.timeout;
  const legs = verb.nouns.map((noun): PlannedLeg => {
    const callee = calleeOf(noun);
    if (unreachable.has(callee)) return { noun, callee, status: 'failed', answeredAt: null, endedAt: 0 };
    if (rejected.has(callee) && ring < callerGivesUpAt) return { noun, callee, status: 'busy', answeredAt: null, endedAt: ring };
    return { noun, callee, status: callerGaveUp ? 'canceled' : 'no-answer', answeredAt: null, endedAt: ringingEndsAt };
  });
  const stillRinging = legs.some((leg) => leg.status === 'no-answer' || leg.status === 'canceled');
  let dialCallStatus: DialCallStatus;
  if (stillRinging) dialCallStatus = callerGaveUp ? STATUS_WHEN_CALLER_GIVES_UP : 'no-answer';
  else if (legs.some((leg) => leg.status === 'busy')) dialCallStatus = 'busy';
  else dialCallStatus = 'failed';
  return {
    legs,
    winner: null,
    dialCallStatus,
    talkSeconds: 0,
    elapsedSeconds: Math.max(...legs.map((leg) => leg.endedAt)),
    callerHungUp: callerGaveUp,
  };
}
