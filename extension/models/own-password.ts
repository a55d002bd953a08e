import { createAdminHttp } from './admin-http';
import type { HttpOptions } from './http';

/** `PUT /api/me/password`: anyone signed in, with their current password (server/routes/me.ts). */
export const OWN_PASSWORD_ENDPOINT = '/api/me/password';

export const MIN_PASSWORD_LENGTH = 8;

export type PasswordChange = (currentPassword: string, newPassword: string) => Promise<void>;

/** Rejects with an AdminApiError: wrong_password, password_too_short, too_many_attempts (both languages). */
export function ownPasswordChanger(options: HttpOptions & { language?: () => string }): PasswordChange {
  const { json } = createAdminHttp(options);
  return async (currentPassword, newPassword) => void (await json('PUT', OWN_PASSWORD_ENDPOINT, { currentPassword, newPassword }));
}
