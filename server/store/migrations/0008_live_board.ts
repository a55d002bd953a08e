import { sql, type Kysely } from 'kysely';

/**
 * The live board and call analytics (docs: README "Live board and analytics").
 *
 * - `calls` learns where the caller is in the IVR: the keys of the menu path they are at (`'21'` =
 *   pressed 2, then 1; `''` = the top menu; null = the call never met a menu), whether the menu
 *   routed them to a ring action or they gave up on invalid keys, and when it routed them (the start
 *   of the wait for a rep). Written at every menu step; callers who hang up in a menu keep the path
 *   they were at, which is what the IVR funnel counts.
 * - Each call's outcome, wait and talk time as generated columns, and indexes for the board's live
 *   calls and the analytics' date ranges.
 * - `live_feed`: one row per change of a call, a leg, a rep's presence or a user, written by
 *   triggers in the writing transaction, with that transaction's id. Every server instance reads it
 *   up to the oldest transaction still running (so nothing committed late is ever skipped) and
 *   pushes the board's changes to its event streams; the transaction horizon is the stream's event
 *   id, so a client resumes on any instance. `live_feed_floor` says from where the pruned feed can
 *   still replay.
 * Forward-only: a released migration is never edited.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('calls')
    .addColumn('ivr_keys', 'text', (c) => c.check(sql`ivr_keys ~ '^[1-9]*$'`))
    .addColumn('ivr_state', 'text', (c) => c.check(sql`ivr_state in ('menu', 'routed', 'gave-up')`))
    .addColumn('ivr_routed_at', 'timestamptz')
    .execute();

  // What analytics aggregate, worked out once per write instead of once per read: the outcome, the
  // caller's wait for a rep and the talk time (immutable expressions of the row; see analytics-range.ts).
  await sql`alter table calls
    add column outcome text generated always as (case
      when answered_at is not null then 'answered'
      when status = 'voicemail' then 'voicemail'
      when status in ('missed', 'busy', 'canceled') then 'missed' end) stored,
    add column wait_seconds real generated always as (case when answered_at is not null then
      greatest(0, date_part('epoch', answered_at - coalesce(ivr_routed_at, started_at))) end) stored,
    add column talk_seconds real generated always as (case when answered_at is not null and ended_at >= answered_at then
      date_part('epoch', ended_at - answered_at) end) stored`.execute(db);

  await sql`create index calls_in_progress on calls (started_at) where status = 'in-progress'`.execute(db);
  // Analytics read a date range: every column they aggregate or filter on is in the index, so
  // PostgreSQL answers from it alone once the table is vacuumed (an index-only scan).
  await sql`create index calls_analytics on calls (started_at)
    include (direction, status, answered_at, outcome, wait_seconds, talk_seconds, number_called, rep_id, rang, ivr_keys, ivr_state)`.execute(db);
  await sql`create index call_legs_ringing on call_legs (rep_id) where status in ('queued', 'initiated', 'ringing')`.execute(db);

  await db.schema
    .createTable('live_feed')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('tx', 'bigint', (c) => c.notNull().defaultTo(sql`pg_current_xact_id()::text::bigint`))
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('reps', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .execute();
  await db.schema.createIndex('live_feed_tx').on('live_feed').column('tx').execute();
  await db.schema.createIndex('live_feed_at').on('live_feed').column('at').execute();
  await db.schema
    .createTable('live_feed_floor')
    .addColumn('id', 'smallint', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('tx', 'bigint', (c) => c.notNull())
    .execute();
  await sql`insert into live_feed_floor (id, tx) values (1, pg_snapshot_xmin(pg_current_snapshot())::text::bigint)`.execute(db);

  await sql`
    create function live_feed_note(topic text, reps text[]) returns void language sql as $$
      insert into live_feed (topic, reps)
      values (topic, array(select distinct r from unnest(reps) as r where r is not null))
    $$`.execute(db);

  await sql`
    create function live_feed_calls() returns trigger language plpgsql as $$
    begin
      if tg_op = 'INSERT' then
        perform live_feed_note('call', array[new.rep_id] || new.rang);
      else
        perform live_feed_note('call', array[new.rep_id, old.rep_id] || new.rang);
      end if;
      return null;
    end $$`.execute(db);
  await sql`create trigger calls_live_feed_insert after insert on calls for each row execute function live_feed_calls()`.execute(db);
  await sql`
    create trigger calls_live_feed_update after update on calls for each row
    when (old.status is distinct from new.status or old.rep_id is distinct from new.rep_id
      or old.rang is distinct from new.rang or old.answered_at is distinct from new.answered_at
      or old.ended_at is distinct from new.ended_at or old.ivr_keys is distinct from new.ivr_keys
      or old.ivr_state is distinct from new.ivr_state or old.note is distinct from new.note
      or old.disposition is distinct from new.disposition or old.crm_record is distinct from new.crm_record
      or old.ivr_path is distinct from new.ivr_path)
    execute function live_feed_calls()`.execute(db);

  await sql`
    create function live_feed_user_row() returns trigger language plpgsql as $$
    declare
      who text;
    begin
      if tg_op = 'DELETE' then
        who := to_jsonb(old) ->> tg_argv[1];
      else
        who := to_jsonb(new) ->> tg_argv[1];
      end if;
      perform live_feed_note(tg_argv[0], array[who]);
      return null;
    end $$`.execute(db);
  await sql`create trigger call_legs_live_feed_insert after insert on call_legs for each row execute function live_feed_user_row('leg', 'rep_id')`.execute(db);
  await sql`
    create trigger call_legs_live_feed_update after update on call_legs for each row
    when (old.status is distinct from new.status) execute function live_feed_user_row('leg', 'rep_id')`.execute(db);
  await sql`create trigger presence_live_feed_change after insert or delete on presence for each row execute function live_feed_user_row('presence', 'user_id')`.execute(db);
  // Heartbeats that change nothing the board shows write nothing.
  await sql`
    create trigger presence_live_feed_update after update on presence for each row
    when (old.available is distinct from new.available or old.online_since is distinct from new.online_since
      or old.on_call_sid is distinct from new.on_call_sid or old.on_call_since is distinct from new.on_call_since)
    execute function live_feed_user_row('presence', 'user_id')`.execute(db);
  await sql`create trigger users_live_feed_change after insert or delete on users for each row execute function live_feed_user_row('user', 'id')`.execute(db);
  await sql`
    create trigger users_live_feed_update after update on users for each row
    when (old.name is distinct from new.name or old.role is distinct from new.role or old.active is distinct from new.active)
    execute function live_feed_user_row('user', 'id')`.execute(db);

  // Conference-based calls (0007_call_rooms, merged separately): holds, transfers and monitoring live
  // in call_parties. Where that table exists, its changes feed the board too: the party's user and
  // the rep who owns the call (a customer put on hold changes the owner's card).
  await sql`
    do $$
    begin
      if to_regclass('call_parties') is not null then
        create function live_feed_call_parties() returns trigger language plpgsql as $f$
        begin
          perform live_feed_note('party', array[new.user_id, (select c.rep_id from calls c where c.call_sid = new.call_sid)]);
          return null;
        end $f$;
        create trigger call_parties_live_feed after insert or update on call_parties for each row
          execute function live_feed_call_parties();
      end if;
    end $$`.execute(db);
}
