import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../server/logger.ts';
import { startOutboundCall } from '../../../server/store/calls.ts';
import { saveStoredTwilio } from '../../../server/store/phone-config-store.ts';
import { createTestApp, type TestApp } from '../support/app.ts';

const example = JSON.parse(readFileSync(new URL('../../fixtures/phone-config/example.json', import.meta.url), 'utf8')) as {
  users: { id: string; email: string; role: string; password?: string }[];
  incoming: Record<string, unknown>[];
  outgoing: Record<string, unknown>[];
  twilio: Record<string, unknown>;
};

const AUTH_TOKEN = '0123456789abcdef0123456789ab1a2b';
const ACCOUNT_SID = `AC${'c'.repeat(32)}`;
/** The fixture's admin, who signs in to make the changes. */
const ADMIN = 'yamada';

let t: TestApp;
let admin: string;

/** The example document, owned by the signed-in admin, naming the stored Twilio account (its secrets left out: kept). */
function exampleDocument() {
  const document = structuredClone(example);
  for (const user of document.users) {
    if (user.id === ADMIN) delete user.password;
    else user.password = 'initial password';
  }
  document.twilio = { accountSid: ACCOUNT_SID };
  return document;
}

/** The account and Auth Token the Twilio step (PUT /api/twilio/account) checked and stored: an import may change neither. */
async function twilioStepDone(app: TestApp) {
  await saveStoredTwilio(app.store.db, { accountSid: ACCOUNT_SID, authTokenSealed: app.deps.secretBox.seal(AUTH_TOKEN) }, app.clock.now());
}

beforeEach(async () => {
  t = await createTestApp();
  await twilioStepDone(t);
  await t.addUser({ id: ADMIN, name: '山田 太郎', email: 'yamada@example.jp', role: 'admin' });
  admin = await t.signIn('yamada@example.jp');
});
afterEach(() => t.close());

const put = (body: unknown) => t.call('PUT', '/api/config', { token: admin, body });
const get = async () => (await t.call('GET', '/api/config', { token: admin })).json() as Promise<Record<string, any>>;

describe('the phone configuration document', () => {
  it('is stored as sent (numbers in E.164) and read back with secrets masked', async () => {
    const response = await put(exampleDocument());
    expect(response.status).toBe(200);
    const stored = await get();
    expect(stored.twilio).toEqual({ accountSid: ACCOUNT_SID, authToken: '••••1a2b' });
    expect(stored.incoming.map((n: { number: string }) => n.number)).toEqual(
      example.incoming.map((n) => (n.number as string).startsWith('+') ? n.number : expect.stringMatching(/^\+81\d+$/)),
    );
    expect(JSON.stringify(stored)).not.toContain(AUTH_TOKEN);
    expect(JSON.stringify(stored)).not.toContain('initial password');
    expect(stored.users.every((u: Record<string, unknown>) => !('password' in u))).toBe(true);
  });

  it('lets the stored users sign in with their new passwords', async () => {
    await put(exampleDocument());
    const rep = exampleDocument().users.find((u) => u.id !== ADMIN)!;
    expect(await t.signIn(rep.email, 'initial password')).toMatch(/^yb_/);
  });

  it('re-imports its own export unchanged (masked secrets mean "keep")', async () => {
    await put(exampleDocument());
    const exported = await get();
    const again = await put(exported);
    expect(again.status).toBe(200);
    expect(await get()).toEqual(exported);
    const secrets = await t.store.db.selectFrom('app_settings').select('twilio').executeTakeFirstOrThrow();
    expect(t.deps.secretBox.open(secrets.twilio.authTokenSealed!)).toBe(AUTH_TOKEN);
  });

  it('refuses an invalid document with every problem and its path, and changes nothing', async () => {
    await put(exampleDocument());
    const before = await get();
    const broken = exampleDocument();
    const ivr = broken.incoming[0] as { route: { menu: { key: number; action: { users?: string[] } }[] } };
    ivr.route.menu[0]!.action.users = ['tanaka'];
    ivr.route.menu[1]!.key = 1;
    broken.outgoing.push({ user: 'nobody', number: '03-1234-5678' });
    const response = await put(broken);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; issues: { path: string; message: string }[] } };
    expect(body.error.code).toBe('invalid_config');
    expect(body.error.issues.map((i) => i.path)).toEqual(
      expect.arrayContaining(['incoming[0].route.menu[0].action.users[0]', 'incoming[0].route.menu[1].key']),
    );
    expect(body.error.issues.find((i) => i.path === 'incoming[0].route.menu[0].action.users[0]')?.message).toContain('tanaka');
    expect(body.error.issues.some((i) => i.path.startsWith('outgoing['))).toBe(true);
    expect(await get()).toEqual(before);
  });

  it('refuses a body that is not JSON', async () => {
    const response = await t.call('PUT', '/api/config', { token: admin, body: '{not json' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'invalid_json' } });
  });

  it('does not let an admin remove or demote themselves', async () => {
    const document = exampleDocument();
    document.users = document.users.filter((u) => u.id !== ADMIN);
    expect((await put(document)).status).toBe(400);
    const demoted = exampleDocument();
    demoted.users[0]!.role = 'rep';
    demoted.users[1]!.role = 'admin'; // another admin remains, so only the self-demotion is wrong
    expect(demoted.users[0]!.id).toBe(ADMIN);
    const response = await put(demoted);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { issues: { path: string }[] } }).error.issues[0]?.path).toBe('users[0].role');
  });

  it('never writes a secret or password into the logs', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    await t.close();
    t = await createTestApp({ deps: { logger: createLogger('trace', sink) } });
    await twilioStepDone(t);
    await t.addUser({ id: ADMIN, name: '山田 太郎', email: 'yamada@example.jp', role: 'admin' });
    admin = await t.signIn('yamada@example.jp');
    await put(exampleDocument());
    await get();
    // A token typed into an import is refused, and not logged either.
    expect((await put({ ...exampleDocument(), twilio: { accountSid: ACCOUNT_SID, authToken: 'f'.repeat(32) } })).status).toBe(400);
    const log = lines.join('');
    expect(log).toContain('config_saved');
    for (const secret of [AUTH_TOKEN, 'f'.repeat(32), 'initial password', 'correct horse battery', admin]) expect(log).not.toContain(secret);
  });
});

describe('the Twilio secrets in an import', () => {
  const API_KEY_SECRET = 'Qm9yZWFsaXNIbnRlY2hub2xvZ3k9f9f9';
  beforeEach(async () => {
    const sealed = (secret: string) => t.deps.secretBox.seal(secret);
    const apiKeySid = `SK${'d'.repeat(32)}`;
    await saveStoredTwilio(t.store.db, { accountSid: ACCOUNT_SID, authTokenSealed: sealed(AUTH_TOKEN), apiKeySid, apiKeySecretSealed: sealed(API_KEY_SECRET) }, t.clock.now());
    expect((await put(exampleDocument())).status).toBe(200);
  });
  const storedSecrets = async () => {
    const { twilio } = await t.store.db.selectFrom('app_settings').select('twilio').executeTakeFirstOrThrow();
    return { authToken: t.deps.secretBox.open(twilio.authTokenSealed!), apiKeySecret: t.deps.secretBox.open(twilio.apiKeySecretSealed!) };
  };

  // An export carries them masked (`••••1a2b`): blanked or replaced in the file, they would be stored
  // unchecked, and every webhook refused (another Auth Token) or no rep given a Voice token.
  it.each([
    ['the Auth Token blanked', 'authToken', ''],
    ['the Auth Token replaced', 'authToken', '0123456789abcdef0123456789abcdef'],
    ['the API key secret blanked', 'apiKeySecret', ''],
    ['the API key secret replaced', 'apiKeySecret', 'another-secret-from-another-project'],
  ])('refuses an export with %s, naming the field, and keeps the stored secrets', async (_case, key, value) => {
    const exported = await get();
    expect(exported.twilio[key]).toMatch(/^••••/);
    const response = await put({ ...exported, twilio: { ...exported.twilio, [key]: value } });
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as { error: { code: string; issues: { path: string; code: string }[] } };
    expect(error.code).toBe('invalid_config');
    expect(error.issues.map(({ path, code }) => ({ path, code }))).toEqual([{ path: `twilio.${key}`, code: 'twilio_change_needs_twilio_step' }]);
    expect(await storedSecrets()).toEqual({ authToken: AUTH_TOKEN, apiKeySecret: API_KEY_SECRET });
  });

  it('keeps them when the file carries them masked, or leaves them out', async () => {
    const exported = await get();
    expect((await put(exported)).status).toBe(200);
    const { authToken: _token, apiKeySecret: _secret, ...twilio } = exported.twilio;
    expect((await put({ ...exported, twilio })).status).toBe(200);
    expect(await storedSecrets()).toEqual({ authToken: AUTH_TOKEN, apiKeySecret: API_KEY_SECRET });
  });
});

describe('resource routes', () => {
  beforeEach(async () => {
    expect((await put(exampleDocument())).status).toBe(200);
  });

  it('create, read, update and delete users with the same rules', async () => {
    const created = await t.call('POST', '/api/users', {
      token: admin,
      body: { name: '田中 太郎', email: 'tanaka.taro@example.jp', role: 'rep', password: 'password 123' },
    });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ id: 'tanaka_taro', name: '田中 太郎', role: 'rep', active: true });
    expect(await t.signIn('tanaka.taro@example.jp', 'password 123')).toMatch(/^yb_/);

    const duplicate = await t.call('POST', '/api/users', {
      token: admin,
      body: { name: '別人', email: 'TANAKA.taro@example.jp', role: 'rep', password: 'password 123' },
    });
    expect(duplicate.status).toBe(400);
    expect(((await duplicate.json()) as { error: { issues: { path: string }[] } }).error.issues[0]?.path).toBe('email');

    const patched = await t.call('PATCH', '/api/users/tanaka_taro', { token: admin, body: { active: false } });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ active: false });
    expect((await t.call('DELETE', '/api/users/tanaka_taro', { token: admin })).status).toBe(204);
    expect((await t.call('GET', '/api/users/tanaka_taro', { token: admin })).status).toBe(404);
  });

  it('gives a new user a fresh id, not the id of a removed user the call log still names', async () => {
    const body = { name: '田中 太郎', email: 'tanaka.taro@example.jp', role: 'rep', password: 'password 123' };
    expect((await t.call('POST', '/api/users', { token: admin, body })).status).toBe(201);
    const callSid = `CA${'cd'.repeat(16)}`;
    await startOutboundCall(t.store.db, { callSid, repId: 'tanaka_taro', to: '+81312345678', callerId: null, crmRecord: null, now: t.clock.now() });
    expect((await t.call('DELETE', '/api/users/tanaka_taro', { token: admin })).status).toBe(204);

    const again = await t.call('POST', '/api/users', { token: admin, body: { ...body, name: '田中 太郎 (別人)' } });
    expect(again.status).toBe(201);
    expect(await again.json()).toMatchObject({ id: 'tanaka_taro_2' });
  });

  it('refuses a new user without a password, naming the field', async () => {
    const response = await t.call('POST', '/api/users', {
      token: admin,
      body: { name: '山本', email: 'yamamoto@example.jp', role: 'rep' },
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { issues: { path: string }[] } }).error.issues[0]?.path).toBe('password');
  });

  it('add, edit and delete incoming numbers given in national format', async () => {
    const number = {
      number: '06-1234-5678',
      label: '大阪支店',
      route: { type: 'ring', users: [exampleDocument().users[1]!.id], strategy: 'simultaneous', ringSeconds: 25 },
    };
    const created = await t.call('POST', '/api/incoming', { token: admin, body: number });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ number: '+81612345678', label: '大阪支店' });
    const again = await t.call('POST', '/api/incoming', { token: admin, body: { ...number, number: '+81 6 1234 5678' } });
    expect(again.status).toBe(400);

    const edited = await t.call('PUT', `/api/incoming/${encodeURIComponent('+81612345678')}`, {
      token: admin,
      body: { ...number, label: '大阪', route: { ...number.route, ringSeconds: 99 } },
    });
    expect(edited.status).toBe(400);
    expect(((await edited.json()) as { error: { issues: { path: string }[] } }).error.issues[0]?.path).toBe('route.ringSeconds');
    expect((await t.call('GET', '/api/incoming/06-1234-5678', { token: admin }).then((r) => r.json())) as object).toMatchObject({
      label: '大阪支店',
    });
    expect((await t.call('DELETE', '/api/incoming/0612345678', { token: admin })).status).toBe(204);
    expect((await t.call('GET', '/api/incoming/0612345678', { token: admin })).status).toBe(404);
  });
  it('refuses a key the schema does not know, at its path, in the import and in a number’s own save', async () => {
    const document = exampleDocument();
    const ivr = document.incoming[0] as { route: { menu: { action: Record<string, unknown> }[] } };
    ivr.route.menu[0]!.action.cycles = 2;
    const imported = await put(document);
    expect(imported.status).toBe(400);
    expect(await imported.json()).toMatchObject({
      error: { code: 'invalid_config', issues: [{ path: 'incoming[0].route.menu[0].action.cycles', code: 'unknown_fields', params: { fields: 'cycles' } }] },
    });

    const direct = { label: '直通', route: { type: 'ring', users: ['sato'], strategy: 'sequential', ringSeconds: 20, repeat: true } };
    const saved = await t.call('PUT', `/api/incoming/${encodeURIComponent(String(example.incoming[1]!.number))}`, { token: admin, body: direct });
    expect(saved.status).toBe(400);
    expect(await saved.json()).toMatchObject({ error: { code: 'invalid_config', issues: [{ path: 'route.repeat', code: 'unknown_fields' }] } });
  });
  // Outgoing numbers are checked with Twilio on save: test/server/admin/outgoing-numbers.test.ts.
});
