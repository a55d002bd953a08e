import { describeTwilioError, isTwilioNotFound, twilioProblemMessage } from '../twilio/errors.ts';
import { createTwilioClient, type TwilioClient } from '../twilio/rest-client.ts';
import { PermanentError, RetryableError } from './errors.ts';

/**
 * The account's recordings on Twilio's REST API (Recording resource):
 * - deleting one once the CRM has it (the admin's choice), or one nobody needs:
 *   `DELETE /2010-04-01/Accounts/{AccountSid}/Recordings/{Sid}.json` (DeleteRecording, 204). A
 *   recording Twilio no longer has (20404) is what we wanted: done.
 * - reading one whose status callback never came: `GET …/Recordings/{Sid}.json` (FetchRecording):
 *   its `status` (`in-progress`, `paused`, `stopped`, `processing`, `completed`, `absent`,
 *   `deleted`), `duration` (seconds, a string; `-1` while recording), `channels`, `source`.
 */

export interface TwilioRecordingState {
  status: string;
  durationSeconds: number | null;
  channels: number | null;
  source: string | null;
}

export interface TwilioRecordings {
  /** Resolves once Twilio no longer has the recording. Throws RetryableError / PermanentError. */
  deleteRecording(recordingSid: string): Promise<'deleted' | 'already-gone'>;
  /** The recording as Twilio has it now; null when Twilio has no such recording. Throws as deleteRecording. */
  fetchRecording(recordingSid: string): Promise<TwilioRecordingState | null>;
}

/** Retrying helps with these; anything else (wrong credentials, a refused request) needs the admin. */
const TRANSIENT = new Set(['twilio_rate_limited', 'twilio_unreachable', 'twilio_unavailable']);

export function twilioRecordings(options: { accountSid: string; authToken: string; apiBaseUrl?: string | undefined; client?: TwilioClient }): TwilioRecordings {
  let client = options.client ?? null;
  const recording = (recordingSid: string) => {
    client ??= createTwilioClient({
      accountSid: options.accountSid,
      authToken: options.authToken,
      ...(options.apiBaseUrl ? { apiBaseUrl: options.apiBaseUrl } : {}),
    });
    return client.api.v2010.accounts(options.accountSid).recordings(recordingSid);
  };
  function failure(error: unknown, doing: string, code: string): Error {
    const problem = describeTwilioError(error);
    if (!problem) return error instanceof Error ? error : new Error(String(error));
    const message = `Twilio did not ${doing}: ${twilioProblemMessage(problem)}`;
    if (TRANSIENT.has(problem.code)) return new RetryableError(`${code}_failed`, message, { cause: error, details: problem });
    return new PermanentError(`${code}_${problem.code}`, message, problem);
  }
  return {
    async deleteRecording(recordingSid) {
      try {
        await recording(recordingSid).remove();
        return 'deleted';
      } catch (error) {
        if (isTwilioNotFound(error)) return 'already-gone';
        throw failure(error, `delete recording ${recordingSid}`, 'recording_delete');
      }
    },
    async fetchRecording(recordingSid) {
      try {
        const found = await recording(recordingSid).fetch();
        const duration = Number(found.duration);
        return {
          status: found.status,
          durationSeconds: Number.isInteger(duration) && duration >= 0 ? duration : null,
          channels: typeof found.channels === 'number' ? found.channels : null,
          source: found.source ?? null,
        };
      } catch (error) {
        if (isTwilioNotFound(error)) return null;
        throw failure(error, `read recording ${recordingSid}`, 'recording_fetch');
      }
    },
  };
}
