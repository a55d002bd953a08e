import twilio from 'twilio';
import type { z } from 'zod';
import { englishMessage } from '../../contract/api-errors.ts';

/**
 * A sentence in both languages, for what reports show (setup-check findings, the preview's summary,
 * what a number is used by). Errors are not worded here: they are codes of the API's error contract
 * (contract/api-errors.ts), worded by the extension.
 */
export type AdminMessage = { en: string; ja: string };

export type TwilioProblemCode =
  | 'twilio_auth_failed'
  | 'twilio_test_credentials'
  | 'twilio_not_found'
  | 'twilio_account_suspended'
  | 'twilio_account_closed'
  | 'twilio_account_inactive'
  | 'twilio_trial_unverified_number'
  | 'twilio_geo_permission'
  | 'twilio_rate_limited'
  | 'twilio_unreachable'
  | 'twilio_unavailable'
  | 'twilio_rejected';

/** What an API route answers (the contract's code, and Twilio's details) after a Twilio call failed. */
export type TwilioProblem = {
  code: TwilioProblemCode;
  /** Twilio's own sentence (English), for `twilio_rejected`: the most precise thing we have then. */
  detail: string | null;
  /** Twilio's numeric error code (https://www.twilio.com/docs/api/errors), when Twilio sent one. */
  twilioCode: number | null;
  httpStatus: number | null;
  moreInfo: string | null;
};

/** Thrown by `validateAccount` when the credentials are right but the account cannot be used. */
export class TwilioAccountNotUsableError extends Error {
  readonly accountStatus: 'suspended' | 'closed';

  constructor(accountStatus: 'suspended' | 'closed') {
    super(`Twilio account is ${accountStatus}`);
    this.name = 'TwilioAccountNotUsableError';
    this.accountStatus = accountStatus;
  }
}

/**
 * Twilio answered 2xx with JSON that is not what its API documents: a proxy answering in Twilio's
 * place (`{}`, `null`, its own error object), or an API that changed. Only where the reply was wrong
 * is kept, never its values: a reply may carry the Auth Token (the account's own resource does).
 */
export class UnexpectedTwilioReplyError extends Error {
  constructor(what: string, problems: readonly string[], options?: { cause?: unknown }) {
    super(`Twilio's reply to ${what} is not what its API documents: ${problems.join('; ')}`, options);
    this.name = 'UnexpectedTwilioReplyError';
  }
}

/** What the provisioning code reads of a Twilio reply, checked: a reply of another shape throws UnexpectedTwilioReplyError. */
export function parseTwilioReply<T>(schema: z.ZodType<T>, reply: unknown, what: string): T {
  const parsed = schema.safeParse(reply);
  if (parsed.success) return parsed.data;
  throw new UnexpectedTwilioReplyError(what, parsed.error.issues.map((issue) => `${issue.path.join('.') || 'the reply'}: ${issue.code}`));
}

/**
 * Runs a call of the twilio library that deserialises the reply itself (a list's pages): a page of
 * another shape fails deep inside the library, with a plain Error ("Page Records cannot be
 * deserialized") or a TypeError ("resources.forEach is not a function"). Such a failure becomes an
 * UnexpectedTwilioReplyError; Twilio's refusals and failed exchanges pass through as they are.
 */
export async function readFromTwilio<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (describeTwilioError(error) !== null) throw error;
    throw new UnexpectedTwilioReplyError(what, [error instanceof Error ? error.message : String(error)], { cause: error });
  }
}

// https://www.twilio.com/docs/api/errors/<code>
const byTwilioCode: Record<number, TwilioProblemCode> = {
  20003: 'twilio_auth_failed',
  20005: 'twilio_account_inactive',
  20008: 'twilio_test_credentials',
  20404: 'twilio_not_found',
  20429: 'twilio_rate_limited',
  21210: 'twilio_trial_unverified_number', // caller ID not verified (trial)
  21219: 'twilio_trial_unverified_number', // 'To' number not verified (trial)
  21215: 'twilio_geo_permission',
};

const networkErrorCodes = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNABORTED', 'EHOSTUNREACH', 'ENETUNREACH', 'ERR_NETWORK', 'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

/** The contract's code for a failed Twilio call; `null` when `error` did not come from talking to Twilio (a bug: rethrow it). */
export function describeTwilioError(error: unknown): TwilioProblem | null {
  if (error instanceof TwilioAccountNotUsableError) {
    const code = error.accountStatus === 'suspended' ? 'twilio_account_suspended' : 'twilio_account_closed';
    return { code, detail: null, twilioCode: null, httpStatus: null, moreInfo: null };
  }
  const rest = asRestException(error);
  if (rest) {
    const known = rest.code === undefined ? undefined : byTwilioCode[rest.code];
    const code = known ?? codeForStatus(rest.status);
    const detail = code === 'twilio_rejected' ? (rest.message ?? '') : null;
    return { code, detail, twilioCode: rest.code ?? null, httpStatus: rest.status, moreInfo: rest.moreInfo ?? null };
  }
  if (isNetworkError(error) || isTransportError(error)) return { code: 'twilio_unreachable', detail: null, twilioCode: null, httpStatus: null, moreInfo: null };
  // A reply that is not JSON: a proxy or captive portal answering in Twilio's place (an HTML page
  // with 200), or a cut-off body. The twilio library's JSON.parse throws it as is. Or JSON of
  // another shape (see UnexpectedTwilioReplyError).
  if (error instanceof SyntaxError || error instanceof UnexpectedTwilioReplyError) {
    return { code: 'twilio_unavailable', detail: null, twilioCode: null, httpStatus: null, moreInfo: null };
  }
  return null;
}

/** The problem in English, for logs and the outbox's last error. */
export function twilioProblemMessage(problem: TwilioProblem): string {
  return problem.code === 'twilio_rejected' ? englishMessage(problem.code, { detail: problem.detail ?? '' }) : englishMessage(problem.code);
}

/** True for "Twilio says this resource does not exist" (deleted in the console, wrong SID). */
export function isTwilioNotFound(error: unknown): boolean {
  const rest = asRestException(error);
  return rest !== null && (rest.code === 20404 || rest.status === 404);
}

type RestExceptionLike = { status: number; code?: number; message?: string; moreInfo?: string };

function asRestException(error: unknown): RestExceptionLike | null {
  if (error instanceof twilio.RestException) return error;
  if (typeof error !== 'object' || error === null) return null;
  const candidate = error as Record<string, unknown>;
  return typeof candidate.status === 'number' && 'moreInfo' in candidate ? (candidate as RestExceptionLike) : null;
}

function codeForStatus(status: number): TwilioProblemCode {
  if (status === 401) return 'twilio_auth_failed';
  if (status === 404) return 'twilio_not_found';
  if (status === 429) return 'twilio_rate_limited';
  if (status >= 500) return 'twilio_unavailable';
  return 'twilio_rejected';
}

/**
 * Any failure of the HTTP exchange itself, below Twilio's answers (which arrive as RestException):
 * axios throws one only when no usable reply came — a certificate the server does not trust (a
 * TLS-inspecting proxy, an expired chain), a protocol error, a proxy refusing the tunnel — whatever
 * its `code`. Such an error carries the request's `config`, Authorization header included: it must
 * become the contract's error here, never reach the log whole (see server/logger.ts).
 */
function isTransportError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const candidate = error as { isAxiosError?: unknown; config?: unknown };
  return candidate.isAxiosError === true || (typeof candidate.config === 'object' && candidate.config !== null && 'request' in candidate);
}

function isNetworkError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  // axios copies the socket error's code; older paths leave it on `cause`.
  const { code, cause } = error as { code?: unknown; cause?: { code?: unknown } };
  return [code, cause?.code].some((c) => typeof c === 'string' && networkErrorCodes.has(c));
}
