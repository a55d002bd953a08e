import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOGIN_LIMITS } from '../../../server/routes/auth.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { wordedAs } from '../support/worded.ts';

// The first admin's generated password is "shown once: change it in the options page" — this is
// where it changes. Reps use it too.

let t: TestApp;
let token: string;
beforeEach(async () => {
  t = await createTestApp();
  await t.addUser({ id: 'sato', name: '佐藤', email: 'sato@example.jp', password: 'generated-Xy7k2' });
  token = await t.signIn('sato@example.jp', 'generated-Xy7k2');
});
afterEach(() => t.close());

const change = (body: unknown, as = token) => t.call('PUT', '/api/me/password', { token: as, body, headers: { 'Accept-Language': 'ja' } });
const signIn = (password: string) => t.call('POST', '/api/auth/login', { body: { email: 'sato@example.jp', password } });

describe('Changing one’s own password', () => {
  it('takes the current password and the new one; the new one signs in, the old one no longer does', async () => {
    expect((await change({ currentPassword: 'generated-Xy7k2', newPassword: 'わたしの新しいパスワード' })).status).toBe(204);
    expect((await signIn('わたしの新しいパスワード')).status).toBe(200);
    expect((await signIn('generated-Xy7k2')).status).toBe(401);
  });

  it('signs the user out of their other sessions, keeping the one that made the change', async () => {
    const elsewhere = await t.signIn('sato@example.jp', 'generated-Xy7k2');
    expect((await change({ currentPassword: 'generated-Xy7k2', newPassword: 'わたしの新しいパスワード' })).status).toBe(204);
    expect((await t.call('GET', '/api/me', { token })).status).toBe(200);
    expect((await t.call('GET', '/api/me', { token: elsewhere })).status).toBe(401);
  });

  it('refuses a wrong current password, worded in the user’s language', async () => {
    const response = await change({ currentPassword: 'guess', newPassword: 'another password' });
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body).toMatchObject({ error: { code: 'wrong_password' } });
    expect(wordedAs('ja', body)).toBe('現在のパスワードが正しくありません。');
    expect((await signIn('generated-Xy7k2')).status).toBe(200);
  });

  it('refuses a new password shorter than 8 characters', async () => {
    const response = await change({ currentPassword: 'generated-Xy7k2', newPassword: 'short' });
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body).toMatchObject({ error: { code: 'password_too_short', params: { min: 8 } } });
    expect(wordedAs('en', body)).toBe('A password needs at least 8 characters.');
  });

  it('stops guessing with a stolen session: wrong current passwords count like failed sign-ins', async () => {
    for (let attempt = 0; attempt < LOGIN_LIMITS.perAccount.limit; attempt++) await change({ currentPassword: `guess ${attempt}`, newPassword: 'another password' });
    const response = await change({ currentPassword: 'generated-Xy7k2', newPassword: 'another password' });
    expect(response.status).toBe(429);
    expect(await response.json()).toMatchObject({ error: { code: 'too_many_attempts', params: { retryAfterMinutes: 15 } } });
  });

  it('needs a signed-in user', async () => {
    expect((await t.call('PUT', '/api/me/password', { body: { currentPassword: 'x', newPassword: 'another password' } })).status).toBe(401);
  });
});
