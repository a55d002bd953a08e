import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithSignedInAdmin, type TestApp } from '../support/app.ts';

/**
 * `POST /api/users` without an id makes one from the e-mail's local part (`sato@…` → `sato`, then
 * `sato_2`…). It was chosen before the configuration's lock: two such requests at once (two admins, or
 * two addresses with the same local part pasted in turn) both chose `sato`, and the second was refused
 * `user_exists` for an id the admin never typed. Each now gets an id of its own.
 */

let t: TestApp;
let admin: string;

beforeAll(async () => ({ t, admin } = await appWithSignedInAdmin()));
afterAll(() => t.close());

const newUser = (email: string, name: string) => t.call('POST', '/api/users', { token: admin, body: { email, name, role: 'rep', password: 'correct horse battery' } });

describe('two new users whose addresses make the same id, added at once', () => {
  it('are both added, each with an id of their own', async () => {
    const answers = await Promise.all([newUser('sato@tokyo.example.jp', '佐藤 花子'), newUser('sato@osaka.example.jp', '佐藤 次郎')]);
    expect(answers.map((answer) => answer.status), await answers[0]!.clone().text()).toEqual([201, 201]);
    const made = (await Promise.all(answers.map((answer) => answer.json()))) as { id: string; email: string }[];
    expect(made.map((user) => user.id).sort()).toEqual(['sato', 'sato_2']);
    const stored = await t.store.db.selectFrom('users').select(['id', 'email']).where('email', 'like', 'sato@%').orderBy('id').execute();
    expect(stored.map((user) => user.id)).toEqual(['sato', 'sato_2']);
    for (const user of made) expect(stored).toContainEqual({ id: user.id, email: user.email });
  });

  it('an id the admin typed that is taken is still refused as taken', async () => {
    await t.addUser({ id: 'kato', email: 'kato@tokyo.example.jp' });
    const response = await t.call('POST', '/api/users', { token: admin, body: { id: 'kato', email: 'kato@osaka.example.jp', name: '加藤 三郎', role: 'rep', password: 'correct horse battery' } });
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ error: { code: 'user_exists', params: { id: 'kato' } } });
  });
});
