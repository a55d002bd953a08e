import { sql, type Kysely } from 'kysely';

/**
 * The call log: one row per call (the parent CallSid), its legs (the `<Dial>` child CallSids) and its
 * recordings. Twilio may deliver a callback twice or out of order; the primary keys make every
 * write an upsert, and the ranks / sequence numbers let the database refuse going backwards.
 * Forward-only: a released migration is never edited.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('calls')
    .addColumn('call_sid', 'text', (c) => c.primaryKey())
    .addColumn('direction', 'text', (c) => c.notNull().check(sql`direction in ('inbound', 'outbound')`))
    .addColumn('from_number', 'text', (c) => c.notNull())
    .addColumn('to_number', 'text', (c) => c.notNull())
    .addColumn('number_called', 'text')
    .addColumn('number_label', 'text')
    .addColumn('ivr_path', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('rep_id', 'text')
    .addColumn('rang', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('in-progress'))
    .addColumn('status_rank', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reason', 'text')
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('answered_at', 'timestamptz')
    .addColumn('ended_at', 'timestamptz')
    .addColumn('duration_seconds', 'integer')
    .addColumn('sequence_number', 'integer', (c) => c.notNull().defaultTo(-1))
    .addColumn('crm_record', 'jsonb')
    .addColumn('note', 'text')
    .addColumn('disposition', 'text')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('calls_started').on('calls').columns(['started_at desc', 'call_sid desc']).execute();
  await db.schema.createIndex('calls_rep').on('calls').columns(['rep_id', 'started_at desc']).execute();
  await sql`create index calls_rang on calls using gin (rang)`.execute(db);

  await db.schema
    .createTable('call_legs')
    .addColumn('call_sid', 'text', (c) => c.primaryKey())
    .addColumn('parent_call_sid', 'text', (c) => c.notNull())
    .addColumn('rep_id', 'text')
    .addColumn('to_number', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('sequence_number', 'integer', (c) => c.notNull())
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('answered_at', 'timestamptz')
    .addColumn('ended_at', 'timestamptz')
    .addColumn('duration_seconds', 'integer')
    .execute();
  await db.schema.createIndex('call_legs_parent').on('call_legs').column('parent_call_sid').execute();

  await db.schema
    .createTable('call_recordings')
    .addColumn('recording_sid', 'text', (c) => c.primaryKey())
    .addColumn('call_sid', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('status_rank', 'integer', (c) => c.notNull())
    .addColumn('duration_seconds', 'integer')
    .addColumn('channels', 'integer')
    .addColumn('source', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('call_recordings_call').on('call_recordings').column('call_sid').execute();
}
