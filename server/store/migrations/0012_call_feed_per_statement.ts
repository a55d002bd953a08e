import { sql, type Kysely } from 'kysely';

/**
 * New calls note the board's change feed (0008) once per INSERT statement instead of once per row.
 * Incoming calls are written in groups (write-batcher.ts): under load one statement carries dozens
 * of calls, and a feed row each was a third of the cost of writing them. Readers merge the reps of
 * every row in a range anyway, so one row naming all of them says the same. Forward-only.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function live_feed_calls_inserted() returns trigger language plpgsql as $$
    begin
      if exists (select 1 from new_calls) then
        perform live_feed_note('call', array(select r from new_calls n, unnest(array[n.rep_id] || n.rang) as r));
      end if;
      return null;
    end $$`.execute(db);
  await sql`drop trigger calls_live_feed_insert on calls`.execute(db);
  await sql`
    create trigger calls_live_feed_insert after insert on calls
    referencing new table as new_calls
    for each statement execute function live_feed_calls_inserted()`.execute(db);
}
