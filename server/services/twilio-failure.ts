import { englishMessage } from '../../contract/api-errors.ts';
import { ApiError, apiErrorWith } from '../http/errors.ts';
import { describeTwilioError, twilioProblemMessage, type TwilioProblem, type TwilioProblemCode } from '../twilio/errors.ts';

/** Problems with the stored account that are ours to see, not Twilio's to answer. */
export type StoredAccountProblemCode = 'twilio_secrets_unreadable' | 'twilio_secondary_auth_token';

/** A problem shown inside an answer (not thrown): the contract's code, params and English message. */
export interface ProblemView {
  code: TwilioProblemCode | StoredAccountProblemCode;
  params?: { detail: string };
  message: string;
}

export function problemView(problem: TwilioProblem | StoredAccountProblemCode): ProblemView {
  if (typeof problem === 'string') return { code: problem, message: englishMessage(problem) };
  return { code: problem.code, ...(problem.detail === null ? {} : { params: { detail: problem.detail } }), message: twilioProblemMessage(problem) };
}

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
