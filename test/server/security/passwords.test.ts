import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../../server/security/passwords.ts';

const cost = { N: 1024, r: 8, p: 1 };

describe('password hashing', () => {
  it('stores scrypt with its parameters and a salt, never the password', async () => {
    const hash = await hashPassword('パスワード123', cost);
    expect(hash).toMatch(/^scrypt\$1024\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(hash).not.toContain('パスワード');
    expect(await hashPassword('パスワード123', cost)).not.toBe(hash);
  });

  it('accepts the right password and refuses a wrong one', async () => {
    const hash = await hashPassword('correct horse', cost);
    expect(await verifyPassword('correct horse', hash)).toBe(true);
    expect(await verifyPassword('correct horsE', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
  });

  it('treats full-width and half-width input alike (NFKC), as Japanese IMEs mix them', async () => {
    const hash = await hashPassword('Ｐａｓｓ１２３４', cost);
    expect(await verifyPassword('Pass1234', hash)).toBe(true);
  });

  it('refuses users without a password hash', async () => {
    expect(await verifyPassword('anything', null)).toBe(false);
  });
});
