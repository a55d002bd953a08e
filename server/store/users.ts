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

/** A user id derived from an e-mail's local part, made unique: `sato.hanako@…` → `sato_hanako`. */
export async function freeUserId(db: Kysely<Database>, email: string): Promise<string> {
  const base = (email.split('@')[0] ?? 'user').replace(/[^A-Za-z0-9_]/g, '_').slice(0, 48) || 'user';
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base}_${n}`;
    if (!(await findUserById(db, candidate))) return candidate;
  }
}
