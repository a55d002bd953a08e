import { sql, type Kysely } from 'kysely';

/**
 * Every change that can end or alter a signed-in session notifies `auth_changed` with the user's id:
 * a user updated or deleted, a session deleted (sign-out, revocation). A TRUNCATE of either table
 * notifies '*'. Instances keep recently checked sessions in memory (session-cache.ts) and drop them
 * on these notices, which PostgreSQL delivers at commit to every instance. Forward-only.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // PL/pgSQL reads a record's field only when the line runs: `old.id` is never asked of a session.
  await sql`
    create function auth_changed() returns trigger language plpgsql as $$
    begin
      if tg_level = 'STATEMENT' then
        perform pg_notify('auth_changed', '*');
      elsif tg_table_name = 'users' then
        perform pg_notify('auth_changed', old.id);
      else
        perform pg_notify('auth_changed', old.user_id);
      end if;
      return null;
    end $$`.execute(db);
  await sql`create trigger users_auth_changed after update or delete on users for each row execute function auth_changed()`.execute(db);
  await sql`create trigger sessions_auth_changed after delete on sessions for each row execute function auth_changed()`.execute(db);
  await sql`create trigger users_auth_truncated after truncate on users for each statement execute function auth_changed()`.execute(db);
  await sql`create trigger sessions_auth_truncated after truncate on sessions for each statement execute function auth_changed()`.execute(db);
}
