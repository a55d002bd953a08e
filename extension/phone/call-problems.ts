// No imports and no zod: the page UI bundle (crm-ui) words these problems and must stay light.

/** The problems the phone's own state explains: they go away once the phone is ready again. */
const READINESS = ['not-signed-in', 'offline', 'connecting', 'no-microphone', 'server-unreachable', 'twilio-unreachable'] as const;

/**
 * Why a call did not start: refused before it began (the readiness check every way into a call goes
 * through) or failed while starting (the start deadline, an error from Twilio, the phone gone).
 * The UI words each one in the rep's language (`callProblem.<reason>` in extension/locales).
 */
export const CALL_PROBLEMS = [...READINESS, 'busy', 'no-outgoing-number', 'timed-out', 'phone-unavailable', 'call-failed'] as const;
export type CallProblem = (typeof CALL_PROBLEMS)[number];

export const READINESS_PROBLEMS: ReadonlySet<CallProblem> = new Set(READINESS);

/**
 * How long a call may take to start: an outgoing call until the SDK hands back its Call (Twilio has it
 * from then on, and hanging up works), an answered one until it connects. Twilio normally takes well
 * under two seconds once the phone is registered; past this, the network is the problem.
 */
export const CALL_START_TIMEOUT_MS = 10_000;

/**
 * What a Twilio error on a call that was starting means to the rep (lib/twilio/errors/generated.ts).
 * 31401/31402/31208: the microphone. 31000/31005/31009/53000/53001/53405: signalling or media could not
 * reach Twilio. Anything else (a refused or malformed call): Twilio could not place it.
 */
export function callProblemForTwilioError(code: number): CallProblem {
  if (code === 31401 || code === 31402 || code === 31208) return 'no-microphone';
  if ([31000, 31005, 31009, 53000, 53001, 53405].includes(code)) return 'twilio-unreachable';
  return 'call-failed';
}
