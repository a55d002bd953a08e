// A scenario's `DialScript` for one `<Dial>`, as the ring policies of the people it rings: who
// answers after how long, who declines, who cannot be reached, and who hangs up after talking.

import type { AfterAnswer, RingPolicy } from './endpoints.ts';
import type { DialNoun, DialVerb } from './twiml.ts';
import type { DialLeg, DialScript } from './types.ts';

const DEFAULT_RING_SECONDS = 4;
const DEFAULT_TALK_SECONDS = 30;

export type DialCallStatus = DialLeg['status'];

export interface DialPlan {
  /** The ring policy of each noun, in document order. */
  readonly policies: readonly { readonly policy: RingPolicy; readonly afterAnswer: AfterAnswer | null }[];
  /** Seconds after the Dial started when the caller gives up, if they do. */
  readonly callerHangsUpAfter: number | null;
}

export function calleeOf(noun: DialNoun): string {
  return noun.kind === 'client' ? noun.identity : noun.number;
}

/** Everyone rung at once; with `answeredBy` a list, the first listed who is rung answers. */
export function planDial(verb: DialVerb, script: DialScript): DialPlan {
  const callees = verb.nouns.map(calleeOf);
  const everyoneOr = (list: readonly string[] | 'everyone' | undefined) => new Set(list === 'everyone' ? callees : (list ?? []));
  const rejected = everyoneOr(script.outcome === 'busy' ? 'everyone' : script.rejectedBy);
  const unreachable = everyoneOr(script.outcome === 'failed' ? 'everyone' : script.unreachable);
  const answerers = script.outcome === undefined ? [script.answeredBy ?? []].flat() : [];
  const ring = script.ringSeconds ?? DEFAULT_RING_SECONDS;
  const answerer = answerers.find((name) => callees.includes(name) && !rejected.has(name) && !unreachable.has(name));
  const afterAnswer: AfterAnswer = { seconds: script.talkSeconds ?? DEFAULT_TALK_SECONDS, by: script.hungUpBy ?? 'callee' };
  return {
    policies: callees.map((callee) => {
      if (unreachable.has(callee)) return { policy: { kind: 'unreachable' }, afterAnswer: null };
      if (rejected.has(callee)) return { policy: { kind: 'decline', after: ring }, afterAnswer: null };
      if (callee === answerer) return { policy: { kind: 'answer', after: ring }, afterAnswer };
      return { policy: { kind: 'ignore' }, afterAnswer: null };
    }),
    callerHangsUpAfter: script.callerHangsUpAfter ?? null,
  };
}
