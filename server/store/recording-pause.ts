import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

/** Where a call's room recording stands (migration 0018; docs/call-flow.md, "Pause the recording"). */

type Db = Kysely<Database>;

/** A leg joined a recorded room: the call is recorded from now on. Never undoes a pause. */
export async function markRecorded(db: Db, callSid: string): Promise<void> {
  await db.updateTable('calls').set({ recording: 'on' }).where('call_sid', '=', callSid).where('recording', 'is', null).execute();
}

/** Written once Twilio applied the change, so the state never says what Twilio did not do. */
export async function saveRecordingState(db: Db, callSid: string, change: { paused: true; at: Date; by: string } | { paused: false }): Promise<void> {
  await db
    .updateTable('calls')
    .set(
      change.paused
        ? { recording: 'paused', recording_paused_at: change.at, recording_paused_by: change.by }
        : { recording: 'on', recording_paused_at: null, recording_paused_by: null },
    )
    .where('call_sid', '=', callSid)
    .where('recording', 'is not', null)
    .execute();
}
