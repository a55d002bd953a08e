import { createHash, randomBytes } from 'node:crypto';

/** Bearer session tokens: 256 random bits; only their SHA-256 is stored, so a database leak reveals none. */
export function newSessionToken(): string {
  return `yb_${randomBytes(32).toString('base64url')}`;
}

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
