import type { ParamValues } from '../../contract/api-errors.ts';

// Types only: send.ts extends this in the content script's bundle, which stays small.

/**
 * The error of a background reply (`Reply`'s `ok: false`) as an Error: its code, which the UI words
 * in the user's language, and the values that sentence needs.
 */
export class CodedError extends Error {
  readonly code: string;
  /** The values the code's sentence needs, when there are some (`retryAfterMinutes`…). */
  readonly params: ParamValues | undefined;
  constructor(code: string, message: string, params?: ParamValues) {
    super(message);
    this.code = code;
    this.params = params;
  }
}
