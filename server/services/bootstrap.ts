import type { Logger } from '../logger.ts';
import { hashPassword } from '../security/passwords.ts';
import type { Store } from '../store/database.ts';
import { countActiveAdmins, findUserByEmail, freeUserId } from '../store/users.ts';

/**
 * Creates the first admin from ADMIN_EMAIL / ADMIN_PASSWORD, only while no active admin exists, so
 * the variables can stay set without ever overwriting a password changed later in the options page.
 */
export async function ensureInitialAdmin(
  store: Store,
  admin: { email: string; password: string } | null,
  logger: Logger,
  now: Date,
): Promise<'created' | 'exists' | 'missing'> {
  if ((await countActiveAdmins(store.db)) > 0) return 'exists';
  if (!admin) {
    logger.warn('No admin exists yet: set ADMIN_EMAIL and ADMIN_PASSWORD and restart to create the first one.');
    return 'missing';
  }
  const passwordHash = await hashPassword(admin.password);
  const existing = await findUserByEmail(store.db, admin.email);
  if (existing) {
    await store.db
      .updateTable('users')
      .set({ role: 'admin', active: true, password_hash: passwordHash, updated_at: now })
      .where('id', '=', existing.id)
      .execute();
  } else {
    await store.db
      .insertInto('users')
      .values({
        id: await freeUserId(store.db, admin.email),
        name: admin.email.split('@')[0] ?? 'admin',
        email: admin.email,
        role: 'admin',
        password_hash: passwordHash,
        crm_user_id: null,
        updated_at: now,
      })
      .execute();
  }
  logger.info({ event: 'admin_created' }, `Created the first admin account (${admin.email}).`);
  return 'created';
}
