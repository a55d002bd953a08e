import { ReplyError } from '@/messaging/router';
import type { CallInfo } from '@/phone/call-info';
import { CALL_START_TIMEOUT_MS, callProblemForTwilioError, type CallProblem } from '@/phone/call-problems';
import { CallStartError, startWithin } from '@/phone/call-start';
import { CALL_GONE } from '@/phone/phone-host';

export type StartOutcome = CallProblem | 'canceled';

/** The reply code of a call that did not start (`twilio-unreachable` → `twilio_unreachable`). */
export const callProblemCode = (problem: StartOutcome): string => problem.replaceAll('-', '_');

/**
 * Why the phone's answer to a start failed: a Twilio error by its code, our own cancel, the call gone, or
 * the phone gone. Accept a moment after the caller hung up (or a colleague answered) ends as quietly as the
 * card does when the hang-up comes first: nothing was lost, so there is nothing to tell.
 */
export function startOutcomeOf(error: unknown): StartOutcome {
  if (error instanceof CallStartError) return error.problem;
  const code = (error as { code?: unknown } | null)?.code;
  // A Twilio error: by its number from the phone in this page (Firefox), as `twilio-<n>` from the offscreen document.
  if (typeof code === 'number') return callProblemForTwilioError(code);
  const twilio = typeof code === 'string' ? /^twilio-(\d+)$/.exec(code) : null;
  if (twilio) return callProblemForTwilioError(Number(twilio[1]));
  if (code === 'canceled' || code === CALL_GONE) return 'canceled';
  // The offscreen document is gone or did not answer (closed, crashed, "message channel closed").
  return 'phone-unavailable';
}

export interface CallStartsOptions {
  /** Ends the call in the state machine, with why (no wrap-up), and tells every screen. */
  onFailed(call: CallInfo, outcome: StartOutcome): Promise<void>;
  /** Tells the phone to let go of the call: a late outgoing call is hung up the moment it exists. */
  drop(callId: string): Promise<unknown>;
  timeoutMs?: number;
}

/**
 * The calls being started (dialled, or answered), under one deadline. A start that takes longer than
 * CALL_START_TIMEOUT_MS, fails with an error from Twilio, loses the phone, or is hung up by the rep
 * before Twilio took it ends through `onFailed`: nothing stays on "Calling…".
 */
export function createCallStarts({ onFailed, drop, timeoutMs = CALL_START_TIMEOUT_MS }: CallStartsOptions) {
  const starting = new Map<string, AbortController>();

  return {
    /** Runs `work` (the phone's part of starting the call) within the deadline; throws a ReplyError if it failed. */
    async start(call: CallInfo, work: () => Promise<unknown>): Promise<void> {
      const cancel = new AbortController();
      starting.set(call.callId, cancel);
      try {
        await startWithin(work(), timeoutMs, cancel.signal);
      } catch (error) {
        const outcome = startOutcomeOf(error);
        void drop(call.callId).catch(() => undefined);
        await onFailed(call, outcome);
        throw new ReplyError(callProblemCode(outcome), `The call did not start (${outcome})`);
      } finally {
        starting.delete(call.callId);
      }
    },

    isStarting: (callId: string) => starting.has(callId),

    /** Ends one start now (the rep hung up, or Twilio reported an error on it); false if none was under way. */
    abort(callId: string, outcome: StartOutcome): boolean {
      const attempt = starting.get(callId);
      attempt?.abort(new CallStartError(outcome));
      return attempt !== undefined;
    },

    /** Ends every start under way (the phone lost Twilio). */
    abortAll(outcome: StartOutcome): void {
      for (const attempt of starting.values()) attempt.abort(new CallStartError(outcome));
    },
  };
}
