import { ApiError, apiErrorWith } from '../http/errors.ts';
import { describeTwilioError, type TwilioProblem } from '../twilio/errors.ts';

/**
 * A failed Twilio exchange as the API's error: the contract's code (worded by the extension in the
 * admin's language), Twilio's own code and "more info" link as details. What the admin typed or
 * the account itself is theirs to fix (400); Twilio unreachable, overloaded or failing is an
 * upstream failure (502) — the contract gives each code its status.
 */
export function twilioProblemError(problem: TwilioProblem): ApiError {
  const details = { twilioCode: problem.twilioCode, moreInfo: problem.moreInfo };
  return problem.code === 'twilio_rejected'
    ? apiErrorWith(problem.code, details, { detail: problem.detail ?? '' })
    : apiErrorWith(problem.code, details);
}

/** Runs a Twilio exchange; Twilio's failures become the contract's errors, anything else (a bug) propagates. */
export async function talkToTwilio<T>(exchange: () => Promise<T>): Promise<T> {
  try {
    return await exchange();
  } catch (error) {
    const problem = describeTwilioError(error);
    if (problem) throw twilioProblemError(problem);
    throw error;
  }
}
