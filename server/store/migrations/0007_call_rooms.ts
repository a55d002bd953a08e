import { sql, type Kysely } from 'kysely';

/**
 * Conference-based calls (docs/call-flow.md): an answered call moves into a Twilio conference room
 * named after the customer's CallSid, so it can be held, transferred, joined and monitored.
 *
 * - `calls` learns its room: the name, the ConferenceSid once Twilio reports it, where the move
 *   stands, who answered first (`rep_id` becomes the rep who owns the call now), the customer's own
 *   leg (outbound calls: the `<Number>` child), a version for compare-and-set of call control.
 * - `call_parties`: everyone in (or invited to) the room, one row per leg.
 * - `call_events`: the call's history (answer, holds, transfers, consults, additions, monitoring),
 *   kept for the call log and written into the CRM's call record.
 * - users may be supervisors.
 * Forward-only: a released migration is never edited.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('calls')
    .addColumn('room', 'text')
    .addColumn('conference_sid', 'text')
    .addColumn('room_state', 'text', (c) => c.check(sql`room_state in ('joining', 'live', 'ended')`))
    .addColumn('customer_leg_sid', 'text')
    .addColumn('answered_by', 'text')
    .addColumn('control_version', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('calls_room').on('calls').column('room').where(sql.ref('room'), 'is not', null).execute();
  await db.schema.createIndex('calls_conference').on('calls').column('conference_sid').where(sql.ref('conference_sid'), 'is not', null).execute();
  await sql`create index calls_live on calls (started_at desc) where room_state in ('joining', 'live')`.execute(db);

  await db.schema
    .createTable('call_parties')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('call_sid', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('customer', 'rep', 'guest', 'supervisor')`))
    .addColumn('purpose', 'text', (c) =>
      c.notNull().check(sql`purpose in ('customer', 'answer', 'transfer', 'consult', 'add', 'monitor', 'recall')`),
    )
    .addColumn('user_id', 'text')
    .addColumn('number', 'text')
    .addColumn('leg_sid', 'text')
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('ringing', 'talking', 'held', 'left', 'failed')`))
    .addColumn('monitor', 'text', (c) => c.check(sql`monitor in ('listen', 'whisper', 'barge')`))
    .addColumn('invited_by', 'text')
    .addColumn('note', 'text')
    .addColumn('outcome', 'text')
    .addColumn('event_seq', 'integer', (c) => c.notNull().defaultTo(-1))
    .addColumn('invited_at', 'timestamptz', (c) => c.notNull())
    .addColumn('joined_at', 'timestamptz')
    .addColumn('left_at', 'timestamptz')
    .addColumn('held_since', 'timestamptz')
    .execute();
  await sql`create unique index call_parties_leg on call_parties (leg_sid) where leg_sid is not null`.execute(db);
  // One current (not yet gone) participant per label in a room, as Twilio requires of labels.
  await sql`create unique index call_parties_current_label on call_parties (call_sid, label) where state in ('ringing', 'talking', 'held')`.execute(db);
  await db.schema.createIndex('call_parties_call').on('call_parties').column('call_sid').execute();
  await sql`create index call_parties_user_current on call_parties (user_id) where state in ('ringing', 'talking', 'held')`.execute(db);

  await db.schema
    .createTable('call_events')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('call_sid', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('actor', 'text')
    .addColumn('subject', 'text')
    .addColumn('details', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('dedupe_key', 'text')
    .execute();
  await db.schema.createIndex('call_events_call').on('call_events').columns(['call_sid', 'at', 'id']).execute();
  await sql`create unique index call_events_dedupe on call_events (call_sid, dedupe_key) where dedupe_key is not null`.execute(db);

  await sql`alter table users drop constraint if exists users_role_check`.execute(db);
  await sql`alter table users add constraint users_role_check check (role in ('admin', 'supervisor', 'rep'))`.execute(db);
}
