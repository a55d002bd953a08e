import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database, UsersTable } from './schema.ts';

export type UserRow = Selectable<UsersTable>;

export interface PublicUser {
  id: string;
  name: string;
  email: string;
  role: 'admin' | 'supervisor' | 'rep';
  crmUserId: string | null;
  active: boolean;
}

export function toPublicUser(row: UserRow): PublicUser {
  return { id: row.id, name: row.name, email: row.email, role: row.role, crmUserId: row.crm_user_id, active: row.active };
}

export function findUserByEmail(db: Kysely<Database>, email: string): Promise<UserRow | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where(sql<string>`lower(email)`, '=', email.trim().toLowerCase())
    .executeTakeFirst();
}

export function findUserById(db: Kysely<Database>, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listUsers(db: Kysely<Database>): Promise<UserRow[]> {
  return db.selectFrom('users').selectAll().orderBy('created_at').orderBy('id').execute();
}

export async function countActiveAdmins(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('role', '=', 'admin')
    .where('active', '=', true)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/**
 * Every place a user id is recorded, in the current tables and in the history that outlives a user
 * (no foreign keys: the call log, follow-ups and events keep a removed rep's id on purpose). An id
 * found in any of them was someone's, and handing it to someone else would give them that person's
 * calls, notes and follow-ups. A table that stores a user id belongs here.
 */
const USER_ID_COLUMNS = [
  'users.id',
  'sessions.user_id',
  'outgoing_assignments.user_id',
  'presence.user_id',
  'oauth_states.user_id',
  'calls.rep_id',
  'calls.answered_by',
  'call_legs.rep_id',
  'call_parties.user_id',
  'call_parties.invited_by',
  'call_events.actor',
  'call_events.subject',
  'crm_connection.connected_by',
  'invites.invited_by',
  'invites.accepted_user_id',
  'follow_ups.owner_id',
  'follow_ups.done_by',
] as const;
const USER_ID_ARRAYS = ['calls.rang', 'waiting_callers.users', 'waiting_callers.ringing', 'follow_ups.responsible', 'live_feed.reps'] as const;

/** Whether `id` is, or ever was, a user's id anywhere in the database. */
export async function userIdEverUsed(db: Kysely<Database>, id: string): Promise<boolean> {
  const scalar = USER_ID_COLUMNS.map((column) => {
    const [table, field] = column.split('.') as [string, string];
    return sql`exists (select 1 from ${sql.table(table)} where ${sql.ref(field)} = ${id})`;
  });
  const arrays = USER_ID_ARRAYS.map((column) => {
    const [table, field] = column.split('.') as [string, string];
    return sql`exists (select 1 from ${sql.table(table)} where ${id} = any(${sql.ref(field)}))`;
  });
  const { rows } = await sql<{ used: boolean }>`select (${sql.join([...scalar, ...arrays], sql` or `)}) as used`.execute(db);
  return rows[0]?.used === true;
}

/**
 * A user id derived from an e-mail's local part, made unique: `sato.hanako@…` → `sato_hanako`.
 * Unique over all time, not just among today's users: a removed rep's id stays theirs.
 */
export async function freeUserId(db: Kysely<Database>, email: string): Promise<string> {
  const base = (email.split('@')[0] ?? 'user').replace(/[^A-Za-z0-9_]/g, '_').slice(0, 48) || 'user';
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base}_${n}`;
    if (!(await userIdEverUsed(db, candidate))) return candidate;
  }
}
