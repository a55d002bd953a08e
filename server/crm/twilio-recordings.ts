import { describeTwilioError, isTwilioNotFound, twilioProblemMessage } from '../twilio/errors.ts';
import { createTwilioClient, type TwilioClient } from '../twilio/rest-client.ts';
import { PermanentError, RetryableError } from './errors.ts';

/**
 * Deleting a call's recording from Twilio once the CRM has it (the admin's choice):
 * `DELETE /2010-04-01/Accounts/{AccountSid}/Recordings/{Sid}.json` (DeleteRecording, 204).
 * A recording Twilio no longer has (20404) is what we wanted: done.
 */

export interface TwilioRecordings {
  /** Resolves once Twilio no longer has the recording. Throws RetryableError / PermanentError. */
  deleteRecording(recordingSid: string): Promise<'deleted' | 'already-gone'>;
}

/** Retrying helps with these; anything else (wrong credentials, a refused request) needs the admin. */
const TRANSIENT = new Set(['twilio_rate_limited', 'twilio_unreachable', 'twilio_unavailable']);

export function twilioRecordings(options: { accountSid: string; authToken: string; apiBaseUrl?: string | undefined; client?: TwilioClient }): TwilioRecordings {
  let client = options.client ?? null;
  return {
    async deleteRecording(recordingSid) {
      client ??= createTwilioClient({
        accountSid: options.accountSid,
        authToken: options.authToken,
        ...(options.apiBaseUrl ? { apiBaseUrl: options.apiBaseUrl } : {}),
      });
      try {
        await client.api.v2010.accounts(options.accountSid).recordings(recordingSid).remove();
        return 'deleted';
      } catch (error) {
        if (isTwilioNotFound(error)) return 'already-gone';
        const problem = describeTwilioError(error);
        if (!problem) throw error;
        const message = `Twilio did not delete recording ${recordingSid}: ${twilioProblemMessage(problem)}`;
        if (TRANSIENT.has(problem.code)) throw new RetryableError('recording_delete_failed', message, { cause: error, details: problem });
        throw new PermanentError(`recording_delete_${problem.code}`, message, problem);
      }
    },
  };
}
