import { sql, type Kysely } from 'kysely';

/**
 * `calls.crm_lookup` may also say `pending`: the caller lookup outlived the ring's budget and goes on.
 * Without it a call under way with no record and no verdict looked the same whether the lookup was still
 * running or no CRM is connected, so the card of a colleague rung into the call in the lookup's first
 * seconds (a transfer, an added party, a supervisor) said nothing and never asked for the late answer.
 * The late answer replaces `pending` (`none`, `unavailable`); a record in `crm_record` wins over any.
 * Forward-only.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // 0019's check has PostgreSQL's generated name.
  await sql`alter table calls drop constraint calls_crm_lookup_check`.execute(db);
  await sql`alter table calls add constraint calls_crm_lookup_check check (crm_lookup in ('pending', 'none', 'unavailable'))`.execute(db);
}
