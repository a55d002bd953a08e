import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../server/store/database.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { engines, openSharedStores } from '../support/store.ts';

/**
 * *New link* pressed twice at once (a double click, or two admins): each resend gave the invitation a
 * new random link, so both answers showed a link and only the last one worked; the page showed
 * whichever answer came first, a dead link. A resend that finds the link issued moments ago (by the
 * other click, or by the send itself) now answers with that same link, as a send does
 * (double-invite.test.ts). A resend later than that still replaces the link.
 */

interface Resent {
  invite: { id: string; status: string; sentAt: string; expiresAt: string };
  token: string;
}

beforeAll(() => openSharedStores(engines));

describe.each(engines)('New link pressed twice at once, on %s', (engine: Engine) => {
  let t: TestApp;
  let admin: string;

  async function invite(): Promise<{ id: string; token: string }> {
    const response = await t.call('POST', '/api/invites', { token: admin, body: { invites: [{ email: 'sato@example.jp', name: '佐藤 花子' }] } });
    expect(response.status, await response.clone().text()).toBe(201);
    const [issued] = ((await response.json()) as { invites: { invite: { id: string }; token: string }[] }).invites;
    return { id: issued!.invite.id, token: issued!.token };
  }
  async function resend(id: string, expiresInDays?: number): Promise<Resent> {
    const response = await t.call('POST', `/api/invites/${id}/resend`, { token: admin, ...(expiresInDays ? { body: { expiresInDays } } : {}) });
    expect(response.status, await response.clone().text()).toBe(200);
    return (await response.json()) as Resent;
  }
  afterEach(() => t?.close());
  const lookup = async (token: string) => (await t.call('POST', '/api/invites/lookup', { body: { token } })).status;

  async function start(): Promise<{ id: string; token: string }> {
    t = await createTestApp({ engine });
    await t.addUser({ id: 'admin', name: '管理者', email: 'admin@example.jp', role: 'admin' });
    admin = await t.signIn('admin@example.jp');
    const issued = await invite();
    // Not a double click on *Invite*: the link to replace was sent an hour ago.
    t.clock.advance(3600);
    return issued;
  }

  it('gives both answers the same new link, which works, and the old one no longer does', async () => {
    const issued = await start();
    const [first, second] = await Promise.all([resend(issued.id), resend(issued.id)]);
    expect(first!.token).not.toBe(issued.token);
    expect(second!.token).toBe(first!.token);
    expect(await lookup(first!.token)).toBe(200);
    expect(await lookup(issued.token)).toBe(404);
    expect(first!.invite.sentAt).toBe(t.clock.now().toISOString());
  });

  it('a second resend moments later gives the same link, with the expiry it asked for', async () => {
    const issued = await start();
    const first = await resend(issued.id, 7);
    t.clock.advance(29);
    const again = await resend(issued.id, 14);
    expect(again.token).toBe(first.token);
    expect(again.invite).toMatchObject({ sentAt: first.invite.sentAt, expiresAt: new Date(t.clock.now().getTime() + 14 * 86_400_000).toISOString() });
    expect(await lookup(first.token)).toBe(200);
  });

  it('a resend later than that still replaces the link, the old one then refused', async () => {
    const issued = await start();
    const first = await resend(issued.id);
    t.clock.advance(30);
    const later = await resend(issued.id);
    expect(later.token).not.toBe(first.token);
    expect(await lookup(later.token)).toBe(200);
    expect(await lookup(first.token)).toBe(404);
  });

  it('a resend right after the invitation was sent gives that link, still working', async () => {
    await start();
    t.clock.advance(1);
    const issued = await invite();
    t.clock.advance(2);
    const resent = await resend(issued.id);
    expect(resent.token).toBe(issued.token);
    expect(await lookup(issued.token)).toBe(200);
  });
});
