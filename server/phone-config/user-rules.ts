import { isMasked } from './masking.ts';
import { field, items, text, type Reporter } from './raw.ts';

export const MIN_PASSWORD_LENGTH = 8;

/** A stored user's address, so that a duplicate is reported on the user whose address is new. */
export interface StoredUser {
  id: string;
  email: string;
}

/**
 * Ids and emails are unique, passwords long enough, and someone can still manage the setup.
 *
 * An address used twice is reported on the user who is given it now (not in `stored`), whatever
 * their place in the list: an admin who edits one user is shown the problem on that user's field.
 * Without `stored`, or when both are new, on the later one.
 */
export function checkUsers(document: unknown, reporter: Reporter, stored?: readonly StoredUser[]): void {
  const users = items(field(document, 'users'));
  const ids = new Set<string>();
  const emails = new Map<string, { index: number; isNew: boolean }>();
  const storedEmails = new Map(stored?.map((user) => [user.id, user.email.trim().toLowerCase()]));
  let activeAdmins = 0;

  users.forEach((user, index) => {
    const id = text(field(user, 'id'));
    if (id !== undefined) {
      if (ids.has(id)) reporter.report(['users', index, 'id'], 'duplicate_user_id', { id });
      ids.add(id);
    }

    const email = text(field(user, 'email'))?.trim();
    if (email) {
      const key = email.toLowerCase();
      const isNew = stored === undefined || id === undefined || storedEmails.get(id) !== key;
      const first = emails.get(key);
      if (!first) emails.set(key, { index, isNew });
      else if (first.isNew && !isNew) {
        reporter.report(['users', first.index, 'email'], 'duplicate_email', { email });
        emails.set(key, { index, isNew });
      } else reporter.report(['users', index, 'email'], 'duplicate_email', { email });
    }

    // Absent, empty or masked: keep the stored password (the export never contains one).
    const password = text(field(user, 'password'));
    if (password && !isMasked(password) && [...password].length < MIN_PASSWORD_LENGTH) {
      reporter.report(['users', index, 'password'], 'password_too_short', { min: MIN_PASSWORD_LENGTH });
    }

    if (field(user, 'role') === 'admin' && field(user, 'active') !== false) activeAdmins++;
  });

  if (activeAdmins === 0) {
    reporter.report(['users'], 'no_active_admin');
  }
}
