import { sql, type Kysely } from 'kysely';

/**
 * The live board shows a rep that their call's recording is paused (0018), so pausing and resuming
 * must reach its change feed (0008), whose update trigger on `calls` watches only the columns the
 * board showed before. A second trigger, only for the recording's columns, names every rep the card
 * change concerns: the call's owner, the reps in its room (a colleague in a 3-way, a transfer's
 * target) and anyone whose presence says they are on it. Forward-only.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function live_feed_call_recording() returns trigger language plpgsql as $$
    begin
      perform live_feed_note('recording', array[new.rep_id]
        || array(select p.user_id from call_parties p where p.call_sid = new.call_sid and p.kind = 'rep' and p.user_id is not null and p.left_at is null)
        || array(select pr.user_id from presence pr where pr.on_call_sid = new.call_sid));
      return null;
    end $$`.execute(db);
  await sql`
    create trigger calls_live_feed_recording after update on calls for each row
    when (old.recording is distinct from new.recording or old.recording_paused_at is distinct from new.recording_paused_at)
    execute function live_feed_call_recording()`.execute(db);
}
