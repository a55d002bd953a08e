import { sql, type Kysely } from 'kysely';
import { recordRecording, settleCall, type RecordingUpdate } from './calls.ts';
import { enqueueCallDelivery } from './crm-outbox.ts';
import { recordFollowUp } from './follow-ups.ts';
import { loadSettings } from './phone-config-store.ts';
import type { Database } from './schema.ts';

/**
 * A recording's status as Twilio reports it — the voicemail's `<Record>` action, its status callback
 * or, when that was lost, its REST resource (crm/recording-sweep.ts) — and what follows from it,
 * committed together: the call log's recording, a voicemail's outcome and follow-up, and once the
 * media is complete, its delivery to the CRM. Whichever of them comes first, twice, or late.
 */

/** What Twilio says of a recording (calls.ts `RecordingUpdate`), and when we heard it. */
export type RecordingReport = Omit<RecordingUpdate, 'at'> & { now: Date };

/** Returns whether a CRM delivery was queued (the outbox worker may be woken). */
export async function saveRecordingReport(db: Kysely<Database>, report: RecordingReport): Promise<boolean> {
  const { recordingSid, callSid, now } = report;
  return db.transaction().execute(async (trx) => {
    await recordRecording(trx, {
      recordingSid,
      callSid,
      url: report.url,
      status: report.status,
      durationSeconds: report.durationSeconds,
      channels: report.channels,
      source: report.source,
      at: now,
    });
    // What is known now decides, not this report: a repeated one, or the action after `completed`,
    // never takes a recording back to in progress (calls.ts `recordRecording`).
    const kept = await trx.selectFrom('call_recordings').select(['status', 'source']).where('recording_sid', '=', recordingSid).executeTakeFirstOrThrow();
    let queued = false;
    // A `<Record>` recording is a caller's message (the action says so before the media is ready):
    // unless Twilio found it empty or failed, the call is a voicemail, to be called back.
    if (kept.source === 'RecordVerb' && (kept.status === 'in-progress' || kept.status === 'completed')) {
      await settleCall(trx, callSid, 'voicemail', { reason: null });
      const { followUpDueHours } = await loadSettings(trx);
      queued = (await recordFollowUp(trx, callSid, { now, dueHours: followUpDueHours }))?.created === true;
    }
    // Only complete media can be sent: queued any earlier, the delivery would fail and back off.
    if (kept.status === 'completed') {
      await enqueueCallDelivery(trx, { callSid, kind: 'attach-recording', payload: { recordingSid }, now });
      queued = true;
    }
    return queued;
  });
}

/**
 * The status of the ring `<Dial>`'s own recording of a call that then moved into its room: the room
 * records the conversation, so this one (answer to move) is not the call's recording and goes
 * nowhere (not to the CRM, not in the call log). The sweep deletes it from Twilio, then forgets it.
 */
export const SUPERSEDED = 'superseded';

/** Kept so that nothing Twilio made is left on Twilio unknown. */
export async function saveSupersededRecording(db: Kysely<Database>, report: Omit<RecordingReport, 'status'>): Promise<void> {
  await recordRecording(db, { ...report, status: SUPERSEDED, at: report.now });
}

/** A superseded ring recording, once deleted from Twilio: nothing of it is left anywhere. */
export async function forgetSupersededRecording(db: Kysely<Database>, recordingSid: string): Promise<void> {
  await db.deleteFrom('call_recordings').where('recording_sid', '=', recordingSid).where('status', '=', SUPERSEDED).execute();
}

/** Recordings Twilio no longer has (gone when asked): final, and never offered again. */
export async function markRecordingDeleted(db: Kysely<Database>, recordingSid: string): Promise<void> {
  await db
    .updateTable('call_recordings')
    .set({ status: 'deleted', status_rank: sql<number>`greatest(status_rank, 2)` })
    .where('recording_sid', '=', recordingSid)
    .execute();
}

/**
 * Still `in-progress` in the call log though made more than `staleAfterMs` ago (a voicemail's
 * `completed` callback lost), newest first up to `limit`, none older than `maxAgeMs` (Twilio had
 * time enough: a recording still unfinished by then is not going to be).
 */
export async function staleRecordings(db: Kysely<Database>, options: { now: Date; staleAfterMs: number; maxAgeMs: number; limit: number }) {
  const { now } = options;
  return db
    .selectFrom('call_recordings')
    .select(['recording_sid', 'call_sid', 'url', 'source', 'channels', 'duration_seconds'])
    .where('status', '=', 'in-progress')
    .where('created_at', '<=', new Date(now.getTime() - options.staleAfterMs))
    .where('created_at', '>', new Date(now.getTime() - options.maxAgeMs))
    .orderBy('created_at', 'desc')
    .limit(options.limit)
    .execute();
}

/** Ring `<Dial>` recordings of calls that moved into their room, still on Twilio. */
export async function supersededRecordings(db: Kysely<Database>, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('call_recordings')
    .select('recording_sid')
    .where('status', '=', SUPERSEDED)
    .orderBy('created_at')
    .limit(limit)
    .execute();
  return rows.map((row) => row.recording_sid);
}
