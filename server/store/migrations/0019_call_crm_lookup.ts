import { sql, type Kysely } from 'kysely';

/**
 * `calls.crm_lookup`: how a caller lookup (in time or after the ring's budget) ended without a record,
 * `none` (nobody in the CRM has the number: a new caller) or `unavailable` (the CRM failed or timed
 * out). A card that rang saying "the CRM did not answer in time" asks for it (`GET /api/calls/:sid/card`)
 * and says "No matching record" as soon as the server knows; a colleague's card carries it. A match
 * still goes to `crm_record` and wins over either. One short word per call, held to these two: nothing else is kept. Forward-only.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('calls')
    .addColumn('crm_lookup', 'text', (c) => c.check(sql`crm_lookup in ('none', 'unavailable')`))
    .execute();
}
