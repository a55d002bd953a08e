import { sql, type Kysely } from 'kysely';

/**
 * CRM write-back (issue 6): the Zoho connection (tokens sealed), the outbox of deliveries written in
 * the same transaction as a call's final status, and the Zoho record id per CallSid (Zoho has no
 * idempotency key, so this table is what makes a delivery happen once).
 * Forward-only: a released migration is never edited.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('crm_connection')
    .addColumn('id', 'smallint', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('connection_id', 'text', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull().check(sql`provider in ('zoho')`))
    .addColumn('data_centre', 'text', (c) => c.notNull())
    .addColumn('accounts_url', 'text', (c) => c.notNull())
    .addColumn('api_domain', 'text', (c) => c.notNull())
    .addColumn('refresh_token_sealed', 'text', (c) => c.notNull())
    .addColumn('access_token_sealed', 'text')
    .addColumn('access_token_expires_at', 'timestamptz')
    .addColumn('client_id', 'text')
    .addColumn('client_secret_sealed', 'text')
    .addColumn('org', 'jsonb')
    .addColumn('connected_user', 'jsonb')
    .addColumn('connected_by', 'text')
    .addColumn('problem', 'text')
    .addColumn('connected_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('crm_outbox')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('call_sid', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('log-call', 'update-call', 'attach-recording')`))
    .addColumn('payload', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending').check(sql`status in ('pending', 'sending', 'done', 'parked')`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    // Bumped when an entry is enqueued again (a new note): a send that started before it does not finish it.
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('zoho_record_id', 'text')
    .addColumn('claimed_by', 'text')
    .addColumn('claimed_until', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('crm_outbox_call_kind', ['call_sid', 'kind'])
    .execute();
  await sql`create index crm_outbox_due on crm_outbox (next_attempt_at, id) where status in ('pending', 'sending')`.execute(db);
  await sql`create index crm_outbox_parked on crm_outbox (updated_at desc) where status = 'parked'`.execute(db);

  await db.schema
    .createTable('crm_call_records')
    .addColumn('call_sid', 'text', (c) => c.primaryKey())
    .addColumn('zoho_call_id', 'text', (c) => c.notNull())
    .addColumn('note_id', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
}
