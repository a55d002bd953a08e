import type { PhoneConfig } from './schema.ts';

/**
 * Secrets are write-only. A read shows `••••` plus the last four characters so an admin can tell
 * which token is set; an export carries that masked value and re-importing it means "keep the
 * stored secret" (see `validatePhoneConfig`). Passwords are never shown, not even masked.
 */
export const MASK = '••••';

/** Shorter secrets show only the mask: four characters of an eight-character secret is too much. */
const MIN_LENGTH_TO_SHOW_TAIL = 16;

export function maskSecret(value: string | null | undefined): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  return value.length >= MIN_LENGTH_TO_SHOW_TAIL ? MASK + value.slice(-4) : MASK;
}

export function isMasked(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(MASK);
}

/** The document as `GET /api/config` and the export show it: secrets masked, passwords removed. */
export function maskConfigForRead(config: PhoneConfig): PhoneConfig {
  const twilio = { ...config.twilio };
  setOrDelete(twilio, 'authToken', maskSecret(twilio.authToken));
  setOrDelete(twilio, 'apiKeySecret', maskSecret(twilio.apiKeySecret));
  return {
    ...config,
    twilio,
    users: config.users.map(({ password: _password, ...user }) => user),
  };
}

function setOrDelete<K extends 'authToken' | 'apiKeySecret'>(target: PhoneConfig['twilio'], key: K, value: string | undefined): void {
  if (value === undefined) delete target[key];
  else target[key] = value;
}
