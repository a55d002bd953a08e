import { z } from 'zod';
import { CALL_PROBLEMS, type CallProblem } from './call-problems';
import { canDial, type PhoneCalls } from './call-state';
import type { PhoneStatus } from './phone-status';

/** The call that did not start, as every screen shows it until the rep closes it or calls again. */
export const callProblemSchema = z.object({
  reason: z.enum(CALL_PROBLEMS),
  direction: z.enum(['outgoing', 'incoming']),
  /** E.164 of the number called (or of the caller); null for a withheld caller. */
  number: z.string().max(64).nullable(),
  at: z.number(),
});
export type CallProblemNotice = z.infer<typeof callProblemSchema>;

export interface ReadinessInputs {
  signedIn: boolean;
  online: boolean;
  status: PhoneStatus;
  calls: PhoneCalls;
  outgoingNumber: string | null;
}

const STATUS_PROBLEM: Record<Exclude<PhoneStatus, 'ready'>, CallProblem> = {
  offline: 'offline',
  connecting: 'connecting',
  'no-microphone': 'no-microphone',
  'server-unreachable': 'server-unreachable',
  'twilio-unreachable': 'twilio-unreachable',
};

/**
 * The one readiness check for an outgoing call (page button, popup, launcher dialer, redial): what
 * stops it, in the order the rep has to fix things, or null when it can start. Same rules as the header.
 */
export function outgoingCallBlocker({ signedIn, online, status, calls, outgoingNumber }: ReadinessInputs): CallProblem | null {
  if (!signedIn) return 'not-signed-in';
  if (!canDial(calls)) return 'busy';
  if (!online) return 'offline';
  if (status !== 'ready') return STATUS_PROBLEM[status];
  if (outgoingNumber === null) return 'no-outgoing-number';
  return null;
}

/** A call that did not start, with why (a reason of CALL_PROBLEMS, or the rep's own cancel). */
export class CallStartError extends Error {
  readonly problem: CallProblem | 'canceled';
  constructor(problem: CallProblem | 'canceled') {
    super(`the call did not start: ${problem}`);
    this.problem = problem;
  }
}

/**
 * Settles as `work` does, unless the deadline passes first (`timed-out`) or `cancel` is aborted
 * (with a CallStartError as its reason) first. The timer never outlives the race.
 */
export function startWithin<T>(work: Promise<T>, ms: number, cancel: AbortSignal): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: (() => void) | undefined;
  const stop = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CallStartError('timed-out')), ms);
    onAbort = () => reject(cancel.reason instanceof CallStartError ? cancel.reason : new CallStartError('canceled'));
    if (cancel.aborted) onAbort();
    else cancel.addEventListener('abort', onAbort, { once: true });
  });
  return Promise.race([work, stop]).finally(() => {
    clearTimeout(timer);
    if (onAbort) cancel.removeEventListener('abort', onAbort);
  });
}
