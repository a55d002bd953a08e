import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startOutboundCall } from '../../../server/store/calls.ts';
import { INVITE_DEFAULT_DAYS, SAME_LINK_SECONDS } from '../../../server/store/invites.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { holdSavesAfterTheyReadTheUsers, PATIENCE } from '../support/config-lock.ts';
import { engines, sharedTestStore } from '../support/store.ts';

interface Issued {
  invite: { id: string; email: string; name: string | null; status: string; expiresAt: string };
  token: string;
  reissued: boolean;
  existingUser: boolean;
}
interface ErrorBody {
  error: { code: string; message: string };
}

describe.each(engines)('invitations on %s', (engine) => {
  let t: TestApp;
  let admin: string;

  beforeEach(async () => {
    t = await createTestApp({ store: await sharedTestStore(engine) });
    await t.addUser({ id: 'admin', name: '管理者', email: 'admin@example.jp', role: 'admin' });
    await t.addUser({ id: 'suzuki', name: '鈴木 一郎', email: 'suzuki@example.jp', role: 'rep' });
    admin = await t.signIn('admin@example.jp');
  });
  afterEach(() => t.close());

  const invite = async (invites: { email: string; name?: string }[], extra: Record<string, unknown> = {}) => {
    const response = await t.call('POST', '/api/invites', { token: admin, body: { invites, ...extra } });
    expect(response.status, await response.clone().text()).toBe(201);
    return ((await response.json()) as { invites: Issued[] }).invites;
  };
  const accept = (body: Record<string, unknown>) => t.call('POST', '/api/invites/accept', { body });
  const errorCode = async (response: Response) => ((await response.json()) as ErrorBody).error.code;

  it('invites a pasted list once per address, each with its own one-time link', async () => {
    const issued = await invite([
      { email: 'sato@example.jp', name: '佐藤 花子' },
      { email: 'tanaka@example.jp' },
      { email: 'Sato@Example.jp', name: '別名' },
    ]);
    expect(issued.map((entry) => [entry.invite.email, entry.invite.name, entry.invite.status, entry.reissued])).toEqual([
      ['sato@example.jp', '佐藤 花子', 'pending', false],
      ['tanaka@example.jp', null, 'pending', false],
    ]);
    expect(issued[0]?.token).toMatch(/^yi_[\w-]{43}$/);
    expect(issued[0]?.token).not.toBe(issued[1]?.token);
    expect(new Date(issued[0]!.invite.expiresAt).getTime() - t.clock.now().getTime()).toBe(INVITE_DEFAULT_DAYS * 86_400_000);
    // Only the hash is kept: the database alone cannot produce a working link.
    const stored = await t.store.db.selectFrom('invites').select('token_hash').execute();
    expect(stored.map((row) => row.token_hash)).not.toContain(issued[0]?.token);
  });

  it('is for admins only', async () => {
    const rep = await t.signIn('suzuki@example.jp');
    expect((await t.call('GET', '/api/invites', { token: rep })).status).toBe(403);
    expect((await t.call('POST', '/api/invites', { body: { invites: [{ email: 'x@example.jp' }] } })).status).toBe(401);
  });

  it('refuses an address that is not one, naming the entry', async () => {
    const response = await t.call('POST', '/api/invites', { token: admin, body: { invites: [{ email: 'ok@example.jp' }, { email: 'not an address' }] } });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { issues: { path: string }[] } }).error.issues.map((issue) => issue.path)).toEqual(['invites[1].email']);
    expect((await t.call('GET', '/api/invites', { token: admin }).then((r) => r.json())) as unknown).toEqual({ invites: [] });
  });

  it('lets a new rep choose a password and signs them in, once', async () => {
    const [issued] = await invite([{ email: 'sato@example.jp', name: '佐藤 花子' }]);
    const lookup = await t.call('POST', '/api/invites/lookup', { body: { token: issued!.token } });
    expect(await lookup.json()).toEqual({ email: 'sato@example.jp', name: '佐藤 花子', expiresAt: issued!.invite.expiresAt, existingUser: false });

    const tooShort = await accept({ token: issued!.token, password: 'short' });
    expect([tooShort.status, await errorCode(tooShort)]).toEqual([400, 'password_too_short']);

    const accepted = await accept({ token: issued!.token, password: 'my own passphrase' });
    expect(accepted.status).toBe(200);
    const { token, user } = (await accepted.json()) as { token: string; user: Record<string, unknown> };
    expect(user).toEqual({ id: 'sato', name: '佐藤 花子', email: 'sato@example.jp', role: 'rep', crmUserId: null, active: true });
    expect((await t.call('GET', '/api/me', { token })).status).toBe(200);
    // The password is theirs from now on.
    await t.signIn('sato@example.jp', 'my own passphrase');

    const again = await accept({ token: issued!.token, password: 'another passphrase' });
    expect([again.status, await errorCode(again)]).toEqual([410, 'invite_used']);
    const listed = (await t.call('GET', '/api/invites', { token: admin }).then((r) => r.json())) as { invites: { status: string }[] };
    expect(listed.invites.map((entry) => entry.status)).toEqual(['accepted']);
  });

  it('signs an existing user in with their own password, and a wrong one leaves the link usable', async () => {
    const [issued] = await invite([{ email: 'suzuki@example.jp' }]);
    expect(issued!.existingUser).toBe(true);
    const lookup = (await t.call('POST', '/api/invites/lookup', { body: { token: issued!.token } }).then((r) => r.json())) as { existingUser: boolean; name: string };
    expect(lookup).toMatchObject({ existingUser: true, name: '鈴木 一郎' });

    const wrong = await accept({ token: issued!.token, password: 'not my password' });
    expect([wrong.status, await errorCode(wrong)]).toEqual([401, 'invalid_credentials']);
    const right = await accept({ token: issued!.token, password: 'correct horse battery' });
    expect(right.status).toBe(200);
    expect(((await right.json()) as { user: { id: string } }).user.id).toBe('suzuki');
    expect(await t.store.db.selectFrom('users').select('id').orderBy('id').execute()).toEqual([{ id: 'admin' }, { id: 'suzuki' }]);
  });

  it('counts wrong passwords on an invite like failed sign-ins', async () => {
    const [issued] = await invite([{ email: 'suzuki@example.jp' }]);
    for (let i = 0; i < 5; i++) await accept({ token: issued!.token, password: `guess-${i}` });
    const locked = await accept({ token: issued!.token, password: 'correct horse battery' });
    expect([locked.status, await errorCode(locked)]).toEqual([429, 'too_many_attempts']);
  });

  it('refuses a deactivated account', async () => {
    await t.store.db.updateTable('users').set({ active: false }).where('id', '=', 'suzuki').execute();
    const [issued] = await invite([{ email: 'suzuki@example.jp' }]);
    const response = await accept({ token: issued!.token, password: 'correct horse battery' });
    expect([response.status, await errorCode(response)]).toEqual([403, 'account_inactive']);
  });

  it('refuses an expired link, and a resent one works while the old one does not', async () => {
    const [issued] = await invite([{ email: 'sato@example.jp' }]);
    t.clock.advance(INVITE_DEFAULT_DAYS * 86_400 + 1);
    const expired = await t.call('POST', '/api/invites/lookup', { body: { token: issued!.token } });
    expect([expired.status, await errorCode(expired)]).toEqual([410, 'invite_expired']);

    const resent = await t.call('POST', `/api/invites/${issued!.invite.id}/resend`, { token: admin, body: { expiresInDays: 2 } });
    const { token, invite: fresh } = (await resent.json()) as { token: string; invite: { status: string; expiresAt: string } };
    expect(fresh.status).toBe('pending');
    expect(new Date(fresh.expiresAt).getTime() - t.clock.now().getTime()).toBe(2 * 86_400_000);
    const old = await accept({ token: issued!.token, password: 'my own passphrase' });
    expect([old.status, await errorCode(old)]).toEqual([404, 'invite_unknown']);
    expect((await accept({ token, password: 'my own passphrase' })).status).toBe(200);
  });

  it('inviting an address again gives its open invite a new link', async () => {
    const [first] = await invite([{ email: 'sato@example.jp', name: '佐藤 花子' }]);
    // Not moments later: that is a double click, which gets the same link (hardening/double-invite.test.ts).
    t.clock.advance(SAME_LINK_SECONDS);
    const [second] = await invite([{ email: 'SATO@example.jp' }]);
    expect(second).toMatchObject({ reissued: true, invite: { id: first!.invite.id, name: '佐藤 花子' } });
    expect((await t.call('POST', '/api/invites/lookup', { body: { token: first!.token } })).status).toBe(404);
    expect((await t.call('POST', '/api/invites/lookup', { body: { token: second!.token } })).status).toBe(200);
  });

  it('revokes an invite: its link is refused, and it cannot be resent', async () => {
    const [issued] = await invite([{ email: 'sato@example.jp' }]);
    const revoked = await t.call('POST', `/api/invites/${issued!.invite.id}/revoke`, { token: admin });
    expect(((await revoked.json()) as { invite: { status: string } }).invite.status).toBe('revoked');
    const refused = await accept({ token: issued!.token, password: 'my own passphrase' });
    expect([refused.status, await errorCode(refused)]).toEqual([410, 'invite_revoked']);
    const resend = await t.call('POST', `/api/invites/${issued!.invite.id}/resend`, { token: admin });
    expect([resend.status, await errorCode(resend)]).toEqual([409, 'invite_already_revoked']);
    // The address can be invited afresh.
    const [again] = await invite([{ email: 'sato@example.jp' }]);
    expect(again!.reissued).toBe(false);
  });

  it('cannot revoke an invite that was used', async () => {
    const [issued] = await invite([{ email: 'sato@example.jp' }]);
    await accept({ token: issued!.token, password: 'my own passphrase' });
    const response = await t.call('POST', `/api/invites/${issued!.invite.id}/revoke`, { token: admin });
    expect([response.status, await errorCode(response)]).toEqual([409, 'invite_already_accepted']);
    expect((await t.call('POST', '/api/invites/nope/revoke', { token: admin })).status).toBe(404);
  });

  it('makes one user when the same link is accepted twice at once', async () => {
    const [issued] = await invite([{ email: 'sato@example.jp' }]);
    const answers = await Promise.all([
      accept({ token: issued!.token, password: 'first passphrase' }),
      accept({ token: issued!.token, password: 'second passphrase' }),
    ]);
    expect(answers.map((response) => response.status).sort()).toEqual([200, 410]);
    expect(await t.store.db.selectFrom('users').select('id').where('email', '=', 'sato@example.jp').execute()).toHaveLength(1);
  });

  it('never gives a newcomer the id of a removed rep, whose calls keep it', async () => {
    await t.addUser({ id: 'sato', email: 'sato@old-agency.example.jp' });
    const sid = `CA${'ab'.repeat(16)}`;
    await startOutboundCall(t.store.db, { callSid: sid, repId: 'sato', to: '+81312345678', callerId: null, crmRecord: null, now: t.clock.now() });
    expect((await t.call('DELETE', '/api/users/sato', { token: admin })).status).toBe(204);

    const [issued] = await invite([{ email: 'sato@example.jp', name: '新しい佐藤' }]);
    const accepted = await accept({ token: issued!.token, password: 'my own passphrase' });
    expect(accepted.status).toBe(200);
    const { token, user } = (await accepted.json()) as { token: string; user: { id: string } };
    expect(user.id).toBe('sato_2');
    const log = (await (await t.call('GET', '/api/calls', { token })).json()) as { calls: unknown[] };
    expect(log.calls).toEqual([]);
    expect((await t.call('PATCH', `/api/calls/${sid}`, { token, body: { note: 'not mine' } })).status).toBe(404);
  });

  describe.runIf(engine === 'postgres')('while an admin saves the configuration', () => {
    /** The save (PATCH of a user) held after it read the users, and the link accepted meanwhile. */
    async function acceptDuringSave(change: Record<string, unknown>, token: string) {
      const held = await holdSavesAfterTheyReadTheUsers(t.store);
      try {
        const save = t.call('PATCH', '/api/users/suzuki', { token: admin, body: change });
        await vi.waitFor(async () => expect(await held.waiting()).toBe(1), PATIENCE);
        let answered = false;
        const acceptance = accept({ token, password: 'my own passphrase' }).finally(() => (answered = true));
        // Either the acceptance waits for the save's lock, or it went ahead without it.
        await vi.waitFor(async () => {
          if (!answered) expect(await held.waiting()).toBe(2);
        }, PATIENCE);
        await held.release();
        return { saved: await save, accepted: await acceptance };
      } finally {
        await held.release();
      }
    }

    it('keeps the rep who joins and the admin\'s change both', async () => {
      const [issued] = await invite([{ email: 'sato@example.jp', name: '佐藤 花子' }]);
      const { saved, accepted } = await acceptDuringSave({ name: '鈴木 一郎 (営業部)' }, issued!.token);
      expect(saved.status).toBe(200);
      expect(accepted.status).toBe(200);
      const users = await t.store.db.selectFrom('users').select(['id', 'name']).orderBy('id').execute();
      expect(users).toEqual([
        { id: 'admin', name: '管理者' },
        { id: 'sato', name: '佐藤 花子' },
        { id: 'suzuki', name: '鈴木 一郎 (営業部)' },
      ]);
      const { token } = (await accepted.json()) as { token: string };
      expect((await t.call('GET', '/api/me', { token })).status).toBe(200);
    });

    it('refuses the link cleanly when the admin gives its address to someone else, and keeps it usable', async () => {
      const [issued] = await invite([{ email: 'sato@example.jp' }]);
      const { saved, accepted } = await acceptDuringSave({ email: 'sato@example.jp' }, issued!.token);
      expect(saved.status).toBe(200);
      expect([accepted.status, await errorCode(accepted)]).toEqual([409, 'user_exists']);
      const users = await t.store.db.selectFrom('users').select(['id', 'email']).orderBy('id').execute();
      expect(users).toEqual([
        { id: 'admin', email: 'admin@example.jp' },
        { id: 'suzuki', email: 'sato@example.jp' },
      ]);
      // Nothing was claimed: the link now leads to the account's own sign-in.
      const lookup = await t.call('POST', '/api/invites/lookup', { body: { token: issued!.token } });
      expect(await lookup.json()).toMatchObject({ email: 'sato@example.jp', existingUser: true });
    });
  });

  it('refuses a malformed token without touching the database', async () => {
    const response = await accept({ token: 'yi_short', password: 'whatever passphrase' });
    expect([response.status, await errorCode(response)]).toEqual([400, 'invalid_input']);
  });
});
