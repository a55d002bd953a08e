import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';

/**
 * Inviting reps twice at once (a double click on *Invite*, or two admins with the same address): each
 * request gave the address's open invitation a new link, so both answers showed a link, the first even
 * saying it was no re-issue, and only the last one worked; the page showed whichever answer came last.
 * A send that finds the address's link issued moments ago (by the other click) now answers with that
 * same link: both answers carry one working link. Inviting the address again later still replaces it.
 */

interface Issued {
  invite: { id: string; email: string; name: string | null; expiresAt: string };
  token: string;
  reissued: boolean;
}

let t: TestApp;
let admin: string;

beforeEach(async () => {
  t = await createTestApp();
  await t.addUser({ id: 'admin', name: '管理者', email: 'admin@example.jp', role: 'admin' });
  admin = await t.signIn('admin@example.jp');
});
afterEach(() => t.close());

const LIST = [{ email: 'sato@example.jp', name: '佐藤 花子' }, { email: 'tanaka@example.jp' }];

async function send(invites: { email: string; name?: string }[] = LIST, expiresInDays = 7): Promise<Issued[]> {
  const response = await t.call('POST', '/api/invites', { token: admin, body: { invites, expiresInDays } });
  expect(response.status, await response.clone().text()).toBe(201);
  return ((await response.json()) as { invites: Issued[] }).invites;
}
const works = async (token: string) => (await t.call('POST', '/api/invites/lookup', { body: { token } })).status === 200;

describe('the same invitations sent twice at once', () => {
  it('give both answers the same working link for each address, neither a re-issue', async () => {
    const [first, second] = await Promise.all([send(), send()]);
    expect(first!.map((entry) => entry.token)).toEqual(second!.map((entry) => entry.token));
    for (const entry of [...first!, ...second!]) expect(await works(entry.token)).toBe(true);
    expect([...first!, ...second!].map((entry) => entry.reissued)).toEqual([false, false, false, false]);
    expect(await t.store.db.selectFrom('invites').select('email').orderBy('email').execute()).toEqual([{ email: 'sato@example.jp' }, { email: 'tanaka@example.jp' }]);
  });

  it('for addresses already invited a while ago: one new link in both answers, the old one no longer works', async () => {
    const [old] = await send();
    t.clock.advance(3600);
    const [first, second] = await Promise.all([send(), send()]);
    expect(first![0]!.token).not.toBe(old!.token);
    expect(second![0]!.token).toBe(first![0]!.token);
    expect(await works(first![0]!.token)).toBe(true);
    expect(await works(old!.token)).toBe(false);
    expect([first![0]!.reissued, second![0]!.reissued]).toEqual([true, true]);
  });

  it('a second send moments later gives the same link, with the expiry and name it asked for', async () => {
    const [first] = await send([{ email: 'sato@example.jp' }], 7);
    t.clock.advance(5);
    const [again] = await send([{ email: 'sato@example.jp', name: '佐藤 花子' }], 14);
    expect(again!.token).toBe(first!.token);
    expect(again!.invite).toMatchObject({ id: first!.invite.id, name: '佐藤 花子', expiresAt: new Date(t.clock.now().getTime() + 14 * 86_400_000).toISOString() });
    expect(await works(first!.token)).toBe(true);
  });

  it('a send later than that still replaces the link, as before', async () => {
    const [first] = await send();
    t.clock.advance(31);
    const [later] = await send();
    expect(later!.token).not.toBe(first!.token);
    expect(later!.reissued).toBe(true);
    expect(await works(first!.token)).toBe(false);
    expect(await works(later!.token)).toBe(true);
  });

  it('a link made with *New link* moments before is handed out again, still working', async () => {
    const [first] = await send();
    t.clock.advance(3600);
    const resent = (await (await t.call('POST', `/api/invites/${first!.invite.id}/resend`, { token: admin })).json()) as { token: string };
    t.clock.advance(5);
    const [again] = await send();
    expect(resent.token).not.toBe(first!.token);
    expect(again!.token).toBe(resent.token);
    expect(await works(resent.token)).toBe(true);
  });
});
