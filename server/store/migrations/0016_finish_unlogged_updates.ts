import { sql, type Kysely } from 'kysely';

/**
 * A rep's note on a call the CRM never logs (its `log-call` done without a Zoho record) was queued as
 * an `update-call` that waited for that record for ever, keeping the CRM section's pending count above
 * zero. The worker now finishes such updates with the skipped log (crm-outbox.ts
 * `finishUpdatesOfUnloggedCall`); this finishes the ones queued before. Forward-only.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    update crm_outbox u set status = 'done', last_error = null, updated_at = now()
    where u.status = 'pending' and u.kind = 'update-call'
      and not exists (select 1 from crm_call_records r where r.call_sid = u.call_sid)
      and exists (select 1 from crm_outbox l where l.call_sid = u.call_sid and l.kind = 'log-call'
        and l.status = 'done' and l.zoho_record_id is null)`.execute(db);
}
