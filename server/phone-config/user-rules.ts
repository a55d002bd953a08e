import { isMasked } from './masking.ts';
import { field, items, text, type Reporter } from './raw.ts';

export const MIN_PASSWORD_LENGTH = 8;

/** Ids and emails are unique, passwords long enough, and someone can still manage the setup. */
export function checkUsers(document: unknown, reporter: Reporter): void {
  const users = items(field(document, 'users'));
  const firstWithId = new Map<string, number>();
  const firstWithEmail = new Map<string, number>();
  let activeAdmins = 0;

  users.forEach((user, index) => {
    const id = text(field(user, 'id'));
    if (id !== undefined) {
      const first = firstWithId.get(id);
      if (first === undefined) firstWithId.set(id, index);
      else reporter.report(['users', index, 'id'], `user id "${id}" is already used by users[${first}]`);
    }

    const email = text(field(user, 'email'))?.trim();
    if (email) {
      const first = firstWithEmail.get(email.toLowerCase());
      if (first === undefined) firstWithEmail.set(email.toLowerCase(), index);
      else reporter.report(['users', index, 'email'], `email "${email}" is already used by users[${first}]`);
    }

    // Absent, empty or masked: keep the stored password (the export never contains one).
    const password = text(field(user, 'password'));
    if (password && !isMasked(password) && [...password].length < MIN_PASSWORD_LENGTH) {
      reporter.report(['users', index, 'password'], `a password needs at least ${MIN_PASSWORD_LENGTH} characters`);
    }

    if (field(user, 'role') === 'admin' && field(user, 'active') !== false) activeAdmins++;
  });

  if (activeAdmins === 0) {
    reporter.report(['users'], 'at least one active admin is required, or nobody could manage the phone setup');
  }
}
