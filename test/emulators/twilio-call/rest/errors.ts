// Twilio's REST errors as the emulator answers them: `{code, message, more_info, status}`.

import type { Context } from 'hono';
import { twilioErrorBody } from '../../twilio-rest/twilio-http.ts';

export interface RestError {
  readonly status: 400 | 401 | 404 | 405 | 429 | 500 | 503;
  readonly code: number;
  readonly message: string;
}

/**
 * A test's stand-in for Twilio failing: the next request matching `method` and `path` (the part after
 * the account, e.g. `/Calls/CA….json`) gets this error instead of its answer, `times` times (default once).
 */
export interface RestFault {
  readonly method: string;
  readonly path: RegExp;
  readonly error: RestError;
  times?: number;
}

export const AUTHENTICATE: RestError = { status: 401, code: 20003, message: 'Authenticate' };
/** Redirecting or updating a call that has ended (Twilio error 21220). */
export const CALL_NOT_IN_PROGRESS: RestError = { status: 400, code: 21220, message: 'Call is not in-progress. Cannot redirect.' };
export const MISSING_TO: RestError = { status: 400, code: 21201, message: "No 'To' number is specified" };
export const INVALID_TO: RestError = { status: 400, code: 21211, message: "Invalid 'To' Phone Number" };
/** [unverified] the code for a missing `From`. */
export const MISSING_FROM: RestError = { status: 400, code: 21213, message: "No 'From' number is specified" };
export const INVALID_FROM: RestError = { status: 400, code: 21212, message: "Invalid 'From' Phone Number" };
/** [unverified] the code for a Calls create without `Url`, `Twiml` or `ApplicationSid`. */
export const MISSING_URL: RestError = { status: 400, code: 21205, message: 'Url parameter is required' };
/** [unverified] the code Twilio uses for a parameter its validation refuses. */
export const INVALID_PARAMETER_CODE = 20001;

/**
 * [unverified] twilio-conference.md §5.10: CreateParticipant with a `Label` already used in the room.
 * TwiML refuses a duplicate label with notification 16025; the REST answer is taken to be the same
 * refusal as an HTTP 400.
 */
export const DUPLICATE_LABEL: RestError = { status: 400, code: 16025, message: 'Participant label is already in use in this conference' };

export function invalidParameter(message: string): RestError {
  return { status: 400, code: INVALID_PARAMETER_CODE, message };
}

export function notFound(path: string): RestError {
  return { status: 404, code: 20404, message: `The requested resource ${path} was not found` };
}

export function restError(c: Context, error: RestError): Response {
  return c.json(twilioErrorBody(error.status, error.code, error.message), error.status);
}
