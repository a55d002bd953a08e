import { sql, type Kysely } from 'kysely';

/**
 * Invitations (issue 15): an admin invites reps by e-mail; each invite carries a one-time link whose
 * token is stored only as its SHA-256 (like sessions), an expiry, and what became of it (accepted by
 * which user, or revoked). At most one open invite per address: inviting the address again issues a
 * new link on the same invite. Forward-only: a released migration is never edited.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('invites')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('invited_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('sent_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('accepted_at', 'timestamptz')
    .addColumn('accepted_user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('revoked_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('invites_open_email_unique')
    .on('invites')
    .unique()
    .expression(sql`lower(email)`)
    .where(sql.ref('accepted_at'), 'is', null)
    .where(sql.ref('revoked_at'), 'is', null)
    .execute();
}
