import { isMasked } from './masking.ts';
import { field, items, text, type Reporter } from './raw.ts';

export const MIN_PASSWORD_LENGTH = 8;

/** Ids and emails are unique, passwords long enough, and someone can still manage the setup. */
export function checkUsers(document: unknown, reporter: Reporter): void {
  const users = items(field(document, 'users'));
  const ids = new Set<string>();
  const emails = new Set<string>();
  let activeAdmins = 0;

  users.forEach((user, index) => {
    const id = text(field(user, 'id'));
    if (id !== undefined) {
      if (ids.has(id)) reporter.report(['users', index, 'id'], 'duplicate_user_id', { id });
      ids.add(id);
    }

    const email = text(field(user, 'email'))?.trim();
    if (email) {
      if (emails.has(email.toLowerCase())) reporter.report(['users', index, 'email'], 'duplicate_email', { email });
      emails.add(email.toLowerCase());
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
