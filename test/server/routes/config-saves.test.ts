import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PhoneConfig } from '../../../server/phone-config/schema.ts';
import { uniqueViolationIssue } from '../../../server/store/phone-config-store.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { engines, openSharedStores } from '../support/store.ts';

/**
 * Saves of the phone configuration by admins at the same moment, and saves that move e-mail
 * addresses between users: on every engine the suite runs on (PGlite, and PostgreSQL in CI).
 */

type Issues = { error: { code: string; issues?: { path: string; code: string }[] } };
const NUMBER = '+81312345678';
const ring = (users: string[]) => ({ type: 'ring', users, strategy: 'sequential' });

beforeAll(() => openSharedStores(engines), 120_000);

describe.each(engines)('saving the phone configuration on %s', (engine) => {
  let t: TestApp;
  let admin: string;
  let other: string;
  const as = (token: string, method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
    t.call(method, path, { token, ...(body === undefined ? {} : { body }), ...(headers ? { headers } : {}) });
  const users = async () => (await t.store.db.selectFrom('users').select(['id', 'email', 'name', 'active']).orderBy('id').execute());

  beforeEach(async () => {
    t = await createTestApp({ engine });
    await t.addUser({ id: 'yamada', name: '山田', email: 'yamada@example.jp', role: 'admin' });
    await t.addUser({ id: 'suzuki', name: '鈴木', email: 'suzuki@example.jp', role: 'admin' });
    await t.addUser({ id: 'sato', name: '佐藤', email: 'sato@example.jp', role: 'rep' });
    await t.addUser({ id: 'tanaka', name: '田中', email: 'tanaka@example.jp', role: 'rep' });
    admin = await t.signIn('yamada@example.jp');
    other = await t.signIn('suzuki@example.jp');
    expect((await as(admin, 'POST', '/api/incoming', { number: NUMBER, label: '代表', route: ring(['sato']) })).status).toBe(201);
  });
  afterEach(() => t.close());

  describe('two admins at the same moment', () => {
    it('keeps both edits of different resources', async () => {
      const [a, b] = await Promise.all([
        as(admin, 'PATCH', '/api/users/tanaka', { active: false }),
        as(other, 'PUT', `/api/incoming/${encodeURIComponent(NUMBER)}`, { label: '代表（新）', route: ring(['sato']) }),
      ]);
      expect([a.status, b.status]).toEqual([200, 200]);
      const config = (await (await as(admin, 'GET', '/api/config')).json()) as PhoneConfig;
      expect({ tanaka: config.users.find((u) => u.id === 'tanaka')?.active, label: config.incoming[0]?.label }).toEqual({ tanaka: false, label: '代表（新）' });
    });

    it('keeps every one of many edits made at once', async () => {
      const responses = await Promise.all([
        as(admin, 'PATCH', '/api/users/sato', { name: '佐藤 花子' }),
        as(other, 'PATCH', '/api/users/tanaka', { name: '田中 一郎' }),
        as(admin, 'PUT', '/api/settings/hours', { followUpDueHours: 4 }),
        as(other, 'POST', '/api/incoming', { number: '06-1234-5678', label: '大阪', route: ring(['tanaka']) }),
      ]);
      expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 201]);
      const config = (await (await as(admin, 'GET', '/api/config')).json()) as PhoneConfig;
      expect({
        names: config.users.filter((u) => u.role === 'rep').map((u) => u.name).sort(),
        followUpDueHours: config.settings.followUpDueHours,
        numbers: config.incoming.map((n) => n.number).sort(),
      }).toEqual({ names: ['佐藤 花子', '田中 一郎'], followUpDueHours: 4, numbers: ['+81312345678', '+81612345678'] });
    });
  });

  describe('PUT /api/config with If-Match', () => {
    it('answers an ETag, and refuses with 412 a document changed since it was read, changing nothing', async () => {
      const read = await as(admin, 'GET', '/api/config');
      const etag = read.headers.get('ETag');
      expect(etag).toMatch(/^"\d+-[\w-]+"$/);
      const document = (await read.json()) as PhoneConfig;

      // Another admin deactivates a rep who left.
      expect((await as(other, 'PATCH', '/api/users/tanaka', { active: false })).status).toBe(200);
      const stale = await as(admin, 'PUT', '/api/config', { ...document, settings: { ...document.settings, followUpDueHours: 8 } }, { 'If-Match': etag! });
      expect(stale.status).toBe(412);
      expect(((await stale.json()) as Issues).error.code).toBe('config_changed');
      expect((await users()).find((u) => u.id === 'tanaka')?.active).toBe(false);
    });

    it('saves with the current tag and answers the next one', async () => {
      const read = await as(admin, 'GET', '/api/config');
      const document = (await read.json()) as PhoneConfig;
      const saved = await as(admin, 'PUT', '/api/config', { ...document, settings: { ...document.settings, followUpDueHours: 8 } }, { 'If-Match': read.headers.get('ETag')! });
      expect(saved.status).toBe(200);
      const next = saved.headers.get('ETag');
      expect(next).not.toBe(read.headers.get('ETag'));
      expect((await as(admin, 'GET', '/api/config')).headers.get('ETag')).toBe(next);
    });

    it('notices a user who joined without a save of the document (an accepted invitation)', async () => {
      const etag = (await as(admin, 'GET', '/api/config')).headers.get('ETag');
      await t.addUser({ id: 'kimura', name: '木村', email: 'kimura@example.jp' });
      expect((await as(admin, 'GET', '/api/config')).headers.get('ETag')).not.toBe(etag);
    });

    it('without If-Match (an import from a file), or with *, replaces what is stored', async () => {
      const document = (await (await as(admin, 'GET', '/api/config')).json()) as PhoneConfig;
      expect((await as(other, 'PATCH', '/api/users/sato', { name: '佐藤 花子' })).status).toBe(200);
      expect((await as(admin, 'PUT', '/api/config', document, { 'If-Match': '*' })).status).toBe(200);
      expect((await as(admin, 'PUT', '/api/config', document)).status).toBe(200);
      expect((await users()).find((u) => u.id === 'sato')?.name).toBe('佐藤');
    });
  });

  describe('e-mail addresses moving between users', () => {
    const withEmails = async (emails: Record<string, string>) => {
      const document = (await (await as(admin, 'GET', '/api/config')).json()) as PhoneConfig;
      return { ...document, users: document.users.map((u) => ({ ...u, email: emails[u.id] ?? u.email })) };
    };

    it('saves two users exchanging their addresses', async () => {
      const response = await as(admin, 'PUT', '/api/config', await withEmails({ sato: 'tanaka@example.jp', tanaka: 'sato@example.jp' }));
      expect(response.status).toBe(200);
      expect((await users()).filter((u) => u.id === 'sato' || u.id === 'tanaka').map((u) => [u.id, u.email])).toEqual([
        ['sato', 'tanaka@example.jp'],
        ['tanaka', 'sato@example.jp'],
      ]);
    });

    it('saves one user taking the address another gives up, whichever comes first in the list', async () => {
      expect((await as(admin, 'PUT', '/api/config', await withEmails({ sato: 'TANAKA@example.jp', tanaka: 'tanaka.old@example.jp' }))).status).toBe(200);
      expect((await as(admin, 'PUT', '/api/config', await withEmails({ tanaka: 'sato@example.jp', sato: 'sato.old@example.jp' }))).status).toBe(200);
      expect((await users()).filter((u) => u.id === 'sato' || u.id === 'tanaka').map((u) => u.email)).toEqual(['sato.old@example.jp', 'sato@example.jp']);
    });

    it('reports an address already in use on the user given it, before or after the other in the list', async () => {
      const later = await as(admin, 'PATCH', '/api/users/sato', { email: 'Tanaka@example.jp' });
      const earlier = await as(admin, 'PATCH', '/api/users/tanaka', { email: 'sato@example.jp' });
      for (const response of [later, earlier]) {
        expect(response.status).toBe(400);
        expect(((await response.json()) as Issues).error.issues).toEqual([expect.objectContaining({ path: 'email', code: 'duplicate_email' })]);
      }
      const document = await withEmails({ suzuki: 'tanaka@example.jp' });
      const index = document.users.findIndex((u) => u.id === 'suzuki');
      const imported = await as(admin, 'PUT', '/api/config', document);
      expect(((await imported.json()) as Issues).error.issues).toEqual([expect.objectContaining({ path: `users[${index}].email`, code: 'duplicate_email' })]);
    });
  });
});

describe('a unique violation a writer outside the lock caused', () => {
  const config = { users: [{ id: 'sato', email: 'Sato@example.jp' }] } as unknown as PhoneConfig;

  it('names the user whose address or id was taken meanwhile', () => {
    const email = { code: '23505', constraint: 'users_email_unique', detail: 'Key (lower(email))=(sato@example.jp) already exists.' };
    const id = { code: '23505', constraint: 'users_pkey', detail: 'Key (id)=(sato) already exists.' };
    expect(uniqueViolationIssue(email, config)).toMatchObject({ path: 'users[0].email', code: 'duplicate_email', params: { email: 'Sato@example.jp' } });
    expect(uniqueViolationIssue(id, config)).toMatchObject({ path: 'users[0].id', code: 'duplicate_user_id', params: { id: 'sato' } });
  });

  it('leaves any other error alone', () => {
    expect(uniqueViolationIssue(new Error('connection lost'), config)).toBeNull();
    expect(uniqueViolationIssue({ code: '23505', constraint: 'incoming_numbers_pkey' }, config)).toBeNull();
  });
});
