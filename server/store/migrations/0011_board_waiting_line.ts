import { sql, type Kysely } from 'kysely';

/**
 * The live board shows callers waiting in line (0010's `waiting_callers`): a caller joining, being
 * rung from the line, or leaving it writes a row to the board's change feed (0008), so every server
 * instance's board moves them at once. Forward-only.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function live_feed_waiting_callers() returns trigger language plpgsql as $$
    begin
      perform live_feed_note('line', new.users);
      return null;
    end $$`.execute(db);
  await sql`create trigger waiting_callers_live_feed_insert after insert on waiting_callers for each row execute function live_feed_waiting_callers()`.execute(db);
  await sql`
    create trigger waiting_callers_live_feed_update after update on waiting_callers for each row
    when (old.state is distinct from new.state) execute function live_feed_waiting_callers()`.execute(db);
}
