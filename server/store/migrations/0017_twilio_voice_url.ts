import type { Kysely } from 'kysely';

/**
 * The Voice URL we set on each connected Twilio number, `PUBLIC_URL/twilio/voice` at the time.
 * Once PUBLIC_URL changes (a new domain, a new tunnel), a number still pointing at our old address
 * is still ours: deleting it or switching accounts gives it back, and the number list does not call
 * our own webhook "in use elsewhere" (provisioning-urls.ts `ourVoiceUrls`). Rows connected before
 * stay null: for them only the current PUBLIC_URL counts as ours, as before, until they are
 * connected again (the setup check's fix does). Forward-only.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('incoming_numbers').addColumn('twilio_voice_url', 'text').execute();
}
