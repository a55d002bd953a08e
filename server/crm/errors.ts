/**
 * The three ways a CRM delivery can fail, as the outbox worker sees them:
 * - RetryableError: nothing was written (or it is safe to write again); try later, after `retryAfterMs` if given.
 * - AmbiguousError: the request may have been applied (a timeout after sending; a 5xx or an unreadable
 *   2xx answer to a create). Before writing again, look for the record (the delivery functions do
 *   this on every retry), over Zoho's search-settle window (zoho/search-settle.ts).
 * - RecheckLaterError: not due yet — the look-up found nothing yet but may be behind, or Twilio has not yet sent
 *   the call's last reports; look again shortly, without counting an attempt.
 * - PermanentError: retrying cannot help (invalid data, missing scope, revoked grant); park the entry.
 */
export class CrmDeliveryError extends Error {
  readonly code: string;
  readonly details: unknown;
  constructor(code: string, message: string, details?: unknown, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.details = details;
  }
}

export class RetryableError extends CrmDeliveryError {
  readonly retryAfterMs: number | null;
  constructor(code: string, message: string, opts: { retryAfterMs?: number | null; details?: unknown; cause?: unknown } = {}) {
    super(code, message, opts.details, { cause: opts.cause });
    this.retryAfterMs = opts.retryAfterMs ?? null;
  }
}

export class AmbiguousError extends RetryableError {}

/**
 * Not yet: an earlier send may have landed and the CRM's search cannot tell yet, or what the record
 * must say is still on its way. Ask again after `recheckInMs`, without counting an attempt or holding
 * up other deliveries.
 */
export class RecheckLaterError extends RetryableError {
  readonly recheckInMs: number;
  constructor(code: string, message: string, recheckInMs: number) {
    super(code, message);
    this.recheckInMs = recheckInMs;
  }
}

export class PermanentError extends CrmDeliveryError {}

export function isRetryable(error: unknown): error is RetryableError {
  return error instanceof RetryableError;
}
