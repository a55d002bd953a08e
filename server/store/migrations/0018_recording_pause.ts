import { sql, type Kysely } from 'kysely';

/**
 * Pausing a call's recording while the customer gives card numbers or other personal data (PCI;
 * docs/call-flow.md, "Pause the recording"). The state is the server's, on the call row, so every
 * rep on the call, a supervisor and the board read the same, and a closed popup loses nothing:
 *
 * - `recording`: null while the room is not recorded; `on` once a leg joined a recorded room
 *   (`record-from-start`); `paused` while Twilio skips the conversation.
 * - `recording_paused_at`, `recording_paused_by`: since when, and who paused it (null when `on`).
 * Forward-only: a released migration is never edited.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('calls')
    .addColumn('recording', 'text', (c) => c.check(sql`recording in ('on', 'paused')`))
    .addColumn('recording_paused_at', 'timestamptz')
    .addColumn('recording_paused_by', 'text')
    .execute();
}
