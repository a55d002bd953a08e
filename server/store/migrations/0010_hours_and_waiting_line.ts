import { sql, type Kysely } from 'kysely';

/**
 * Business hours, the waiting line and follow-ups (issue 13, docs/call-flow.md "Hours and the
 * waiting line").
 *
 * - `waiting_callers`: one row per caller who waited in line, kept after they left (how long people
 *   wait, and the expected wait for the next ones). The line's order, each caller's position and
 *   who rings next are read from here, never from memory: a restart or a second instance keeps the
 *   line in order.
 * - `follow_ups`: "call this person back", one open follow-up per caller number; each missed call,
 *   voicemail or callback request of that caller is linked once in `follow_up_calls`.
 * - the CRM outbox learns two kinds: the follow-up's Zoho Task, created once and closed once.
 * Forward-only: a released migration is never edited.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('waiting_callers')
    .addColumn('call_sid', 'text', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('users', sql`text[]`, (c) => c.notNull())
    .addColumn('priority', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('announce_seconds', 'integer', (c) => c.notNull())
    .addColumn('max_wait_seconds', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('waiting', 'ringing', 'left')`))
    .addColumn('outcome', 'text', (c) => c.check(sql`outcome in ('answered', 'voicemail', 'callback', 'timeout', 'hung-up', 'unavailable')`))
    .addColumn('ringing', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('enqueued_at', 'timestamptz', (c) => c.notNull())
    .addColumn('announced_at', 'timestamptz')
    // After a ring nobody answered: the caller rings again no sooner than this (callers behind may).
    .addColumn('ring_after', 'timestamptz')
    .addColumn('next_check_at', 'timestamptz', (c) => c.notNull())
    .addColumn('left_at', 'timestamptz')
    .execute();
  await sql`create index waiting_callers_line on waiting_callers (enqueued_at, call_sid) where state in ('waiting', 'ringing')`.execute(db);
  await sql`create index waiting_callers_served on waiting_callers (number, left_at) where outcome = 'answered'`.execute(db);

  await db.schema
    .createTable('follow_ups')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('caller_number', 'text', (c) => c.notNull())
    .addColumn('number_called', 'text')
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('missed', 'voicemail', 'callback')`))
    .addColumn('first_call_sid', 'text', (c) => c.notNull().unique())
    .addColumn('last_call_sid', 'text', (c) => c.notNull())
    .addColumn('last_call_at', 'timestamptz', (c) => c.notNull())
    .addColumn('owner_id', 'text')
    .addColumn('responsible', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('notify', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('done_at', 'timestamptz')
    .addColumn('done_by', 'text')
    .addColumn('zoho_task_id', 'text')
    .execute();
  // One open follow-up per caller: a second missed call joins it instead of adding another task.
  await sql`create unique index follow_ups_open_caller on follow_ups (caller_number) where done_at is null`.execute(db);
  await sql`create index follow_ups_open on follow_ups (last_call_at desc) where done_at is null`.execute(db);

  await db.schema
    .createTable('follow_up_calls')
    .addColumn('call_sid', 'text', (c) => c.primaryKey())
    .addColumn('follow_up_id', 'bigint', (c) => c.notNull().references('follow_ups.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('missed', 'voicemail', 'callback')`))
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('follow_up_calls_follow_up').on('follow_up_calls').column('follow_up_id').execute();

  await sql`alter table crm_outbox drop constraint if exists crm_outbox_kind_check`.execute(db);
  await sql`alter table crm_outbox add constraint crm_outbox_kind_check check (kind in ('log-call', 'update-call', 'attach-recording', 'create-task', 'close-task'))`.execute(db);
}
