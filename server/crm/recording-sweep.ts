import type { Kysely } from 'kysely';
import type { Logger } from '../logger.ts';
import { forgetSupersededRecording, markRecordingDeleted, saveRecordingReport, staleRecordings, supersededRecordings } from '../store/recordings.ts';
import type { Database } from '../store/schema.ts';
import { PermanentError } from './errors.ts';
import type { TwilioRecordings } from './twilio-recordings.ts';

/**
 * What Twilio's recording callbacks may leave undone, caught up on the outbox worker's timer
 * (whether or not a CRM is connected), a bounded number per pass:
 * - a recording still `in-progress` minutes after it was made — a voicemail whose `completed`
 *   callback was lost (Twilio retries a callback once at most): its status is read from Twilio
 *   (`GET …/Recordings/{Sid}.json`) and applied as the callback would have (the follow-up can play
 *   it, the CRM gets it). One Twilio no longer has is marked deleted.
 * - the ring `<Dial>`'s recording of a call that moved into its room (the room records the
 *   conversation): deleted from Twilio, as if it had never been made.
 */

export const RECORDING_SWEEP_DEFAULTS = {
  /** Twilio finishes a recording within seconds of its end; its callback follows at once. */
  staleAfterMs: 5 * 60_000,
  /** Past this, a recording Twilio still has not finished is not going to be. */
  maxAgeMs: 7 * 24 * 3_600_000,
  /** Twilio requests per kind of work and pass (the pass runs about once a minute). */
  perPass: 10,
} as const;

/** Final statuses of Twilio's Recording resource; the others (`processing`, `paused`…) are still on their way. */
const FINAL = new Set(['completed', 'absent', 'failed']);

export interface RecordingSweepOptions {
  db: Kysely<Database>;
  /** The account's recordings; null while no Twilio credentials are stored (then nothing is done). */
  twilio: () => Promise<TwilioRecordings | null>;
  now: () => Date;
  logger: Logger;
  /** After a lost callback queued a CRM delivery. */
  onCrmDelivery?: () => void;
  staleAfterMs?: number;
  maxAgeMs?: number;
  perPass?: number;
}

export interface RecordingSweepReport {
  /** Recordings whose status was read from Twilio and changed. */
  recovered: number;
  deleted: number;
  failed: number;
}

export async function sweepRecordings(options: RecordingSweepOptions): Promise<RecordingSweepReport> {
  const report: RecordingSweepReport = { recovered: 0, deleted: 0, failed: 0 };
  const twilio = await options.twilio();
  if (!twilio) return report;
  const { db, logger } = options;
  const limit = options.perPass ?? RECORDING_SWEEP_DEFAULTS.perPass;

  const stale = await staleRecordings(db, {
    now: options.now(),
    staleAfterMs: options.staleAfterMs ?? RECORDING_SWEEP_DEFAULTS.staleAfterMs,
    maxAgeMs: options.maxAgeMs ?? RECORDING_SWEEP_DEFAULTS.maxAgeMs,
    limit,
  });
  for (const recording of stale) {
    const log = logger.child({ recordingSid: recording.recording_sid, callSid: recording.call_sid });
    try {
      const found = await twilio.fetchRecording(recording.recording_sid);
      if (!found || found.status === 'deleted') {
        await markRecordingDeleted(db, recording.recording_sid);
        log.warn('a recording whose status never came is not on Twilio (any more)');
        report.recovered++;
        continue;
      }
      if (!FINAL.has(found.status)) continue;
      const queued = await saveRecordingReport(db, {
        recordingSid: recording.recording_sid,
        callSid: recording.call_sid,
        url: recording.url,
        status: found.status,
        durationSeconds: found.durationSeconds ?? recording.duration_seconds,
        channels: found.channels ?? recording.channels,
        source: recording.source ?? found.source,
        now: options.now(),
      });
      if (queued) options.onCrmDelivery?.();
      log.info({ status: found.status }, 'recording status read from Twilio: its callback never came');
      report.recovered++;
    } catch (error) {
      report.failed++;
      log.warn({ err: error }, 'could not read a recording whose status never came from Twilio; the next pass tries again');
      // Wrong credentials, a suspended account: every other request would fail the same way.
      if (error instanceof PermanentError) return report;
    }
  }

  for (const recordingSid of await supersededRecordings(db, limit)) {
    try {
      await twilio.deleteRecording(recordingSid);
      await forgetSupersededRecording(db, recordingSid);
      report.deleted++;
    } catch (error) {
      report.failed++;
      logger.warn({ err: error, recordingSid }, 'could not delete the ring recording of a call recorded in its room; the next pass tries again');
      if (error instanceof PermanentError) return report;
    }
  }
  return report;
}
