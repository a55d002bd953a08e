import { type Kysely } from 'kysely';

/**
 * Issue 9's hardening:
 * - `oauth_states`: the `state` of a Zoho authorization in progress, by its hash. The callback takes
 *   (deletes) its row, so a state works once, for the admin who started it, before it expires.
 * - `crm_outbox.unconfirmed_since`: when a delivery was last sent without an answer (a timeout after
 *   sending, an abandoned claim). Until Zoho's search shows the record, or a settle window has passed
 *   since then, the delivery searches again instead of creating the record a second time.
 * Forward-only: a released migration is never edited.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('oauth_states')
    .addColumn('state_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('data_centre', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema.alterTable('crm_outbox').addColumn('unconfirmed_since', 'timestamptz').execute();
}
