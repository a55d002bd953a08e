import type { Kysely } from 'kysely';
import type { RecordingState } from '../voice/recording-pause.ts';
import type { Database } from './schema.ts';

/** Where a call's room recording stands (migration 0018; docs/call-flow.md, "Pause the recording"). */

type Db = Kysely<Database>;

/**
 * A leg joined a recorded room, or the call stayed a plain bridge recorded by its ring `<Dial record>`
 * (its move into the room failed): the call is recorded from now on. Never undoes a pause.
 */
export async function markRecorded(db: Db, callSid: string): Promise<void> {
  await db.updateTable('calls').set({ recording: 'on' }).where('call_sid', '=', callSid).where('recording', 'is', null).execute();
}

/**
 * A call that never moved into its room (no `room`): a plain bridge between the customer and its
 * owner, `live` while answered and not ended. Null for a call with a room, or no such call.
 */
export async function bridgeOf(db: Db, callSid: string): Promise<{ live: boolean } | null> {
  const call = await db.selectFrom('calls').select(['room', 'answered_at', 'ended_at', 'status']).where('call_sid', '=', callSid).executeTakeFirst();
  if (!call || call.room !== null) return null;
  return { live: call.answered_at !== null && call.ended_at === null && call.status === 'in-progress' };
}

type RecordingColumns = { recording: 'on' | 'paused'; recording_paused_at: Date | null; recording_paused_by: string | null };

function columnsOf(state: RecordingState): RecordingColumns {
  return state.state === 'paused'
    ? { recording: 'paused', recording_paused_at: state.since, recording_paused_by: state.by }
    : { recording: 'on', recording_paused_at: null, recording_paused_by: null };
}

/**
 * Claims the call (compare-and-set on `control_version`, as `claimControl`) and writes the state asked
 * for in the same step, before Twilio is told: a second request racing this one (two reps of a 3-way
 * pressing Pause together) then reads what this one is doing, not the state it is changing, so the
 * room is paused once, by one of them. False when another decision on the call got in first.
 */
export async function claimRecordingChange(db: Db, callSid: string, expectedVersion: number, next: RecordingState): Promise<boolean> {
  const row = await db
    .updateTable('calls')
    .set({ control_version: expectedVersion + 1, ...columnsOf(next) })
    .where('call_sid', '=', callSid)
    .where('control_version', '=', expectedVersion)
    .where('recording', 'is not', null)
    .returning('call_sid')
    .executeTakeFirst();
  return row !== undefined;
}

/** Twilio refused the change claimed by `claimRecordingChange`: the state goes back, unless a later request changed it since. */
export async function restoreRecordingState(db: Db, callSid: string, claimed: RecordingState, previous: RecordingState): Promise<void> {
  const mine = columnsOf(claimed);
  await db
    .updateTable('calls')
    .set(columnsOf(previous))
    .where('call_sid', '=', callSid)
    .where('recording', '=', mine.recording)
    .where((eb) => (mine.recording_paused_at ? eb('recording_paused_at', '=', mine.recording_paused_at) : eb('recording_paused_at', 'is', null)))
    .execute();
}
