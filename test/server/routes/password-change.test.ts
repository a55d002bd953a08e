import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';

// Changing a password signs the user out everywhere: a stolen session (or someone who knew the old
// password) must not outlive the change. Only the session that made the change, for its own user, stays.

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
  await t.addUser({ id: 'admin', email: 'admin@example.jp', role: 'admin' });
  await t.addUser({ id: 'sato', email: 'sato@example.jp', role: 'rep' });
});
afterEach(() => t.close());

const signedIn = async (token: string) => (await t.call('GET', '/api/me', { token })).status;

describe('changing a password', () => {
  it('signs the rep out of every session when an admin resets it', async () => {
    const [laptop, desk] = [await t.signIn('sato@example.jp'), await t.signIn('sato@example.jp')];
    const admin = await t.signIn('admin@example.jp');
    const reset = await t.call('PATCH', '/api/users/sato', { token: admin, body: { password: 'a brand new password' } });
    expect(reset.status).toBe(200);

    expect([await signedIn(laptop), await signedIn(desk)]).toEqual([401, 401]);
    expect(await signedIn(admin)).toBe(200);
    expect(await t.signIn('sato@example.jp', 'a brand new password')).toMatch(/^yb_/);
  });

  it('keeps the session that changed its own password, and ends the others', async () => {
    const [here, elsewhere] = [await t.signIn('admin@example.jp'), await t.signIn('admin@example.jp')];
    const changed = await t.call('PATCH', '/api/users/admin', { token: here, body: { password: 'my own new password' } });
    expect(changed.status).toBe(200);
    expect(await signedIn(here)).toBe(200);
    expect(await signedIn(elsewhere)).toBe(401);
  });

  it('does the same through a whole-document save (PUT /api/config)', async () => {
    const rep = await t.signIn('sato@example.jp');
    const admin = await t.signIn('admin@example.jp');
    const document = (await (await t.call('GET', '/api/config', { token: admin })).json()) as { users: Record<string, unknown>[] };
    const users = document.users.map((user) => (user['id'] === 'sato' ? { ...user, password: 'a brand new password' } : user));
    expect((await t.call('PUT', '/api/config', { token: admin, body: { ...document, users } })).status).toBe(200);
    expect(await signedIn(rep)).toBe(401);
    expect(await signedIn(admin)).toBe(200);
  });

  it('leaves sessions alone when a save changes no password', async () => {
    const rep = await t.signIn('sato@example.jp');
    const admin = await t.signIn('admin@example.jp');
    expect((await t.call('PATCH', '/api/users/sato', { token: admin, body: { name: '佐藤 花子' } })).status).toBe(200);
    expect(await signedIn(rep)).toBe(200);
  });
});
