import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SAME_LINK_SECONDS } from '../../../server/store/invites.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { engines, sharedTestStore } from '../support/store.ts';

/**
 * *New link* answers whether it renewed the link: a resend moments after the link was issued gives that
 * same link (hardening/double-resend.test.ts), and the admin's page must not then say the old link died.
 */

interface Resent {
  invite: { id: string; sentAt: string };
  token: string;
  reissued: boolean;
}

describe.each(engines)('the answer to New link, on %s', (engine) => {
  let t: TestApp;
  let admin: string;

  beforeEach(async () => {
    t = await createTestApp({ store: await sharedTestStore(engine) });
    await t.addUser({ id: 'admin', name: '管理者', email: 'admin@example.jp', role: 'admin' });
    admin = await t.signIn('admin@example.jp');
  });
  afterEach(() => t.close());

  async function invite(): Promise<{ id: string; token: string }> {
    const response = await t.call('POST', '/api/invites', { token: admin, body: { invites: [{ email: 'sato@example.jp' }] } });
    expect(response.status, await response.clone().text()).toBe(201);
    const [issued] = ((await response.json()) as { invites: { invite: { id: string }; token: string }[] }).invites;
    return { id: issued!.invite.id, token: issued!.token };
  }
  async function resend(id: string): Promise<Resent> {
    const response = await t.call('POST', `/api/invites/${id}/resend`, { token: admin });
    expect(response.status, await response.clone().text()).toBe(200);
    return (await response.json()) as Resent;
  }

  it('says the link is the same one right after Invite, and renewed once the link is older', async () => {
    const issued = await invite();
    t.clock.advance(2);
    expect(await resend(issued.id)).toMatchObject({ token: issued.token, reissued: false });
    t.clock.advance(SAME_LINK_SECONDS);
    const renewed = await resend(issued.id);
    expect(renewed.reissued).toBe(true);
    expect(renewed.token).not.toBe(issued.token);
  });

  it('says renewed to one click of a double click, the same link to the other', async () => {
    const issued = await invite();
    t.clock.advance(3600);
    const answers = await Promise.all([resend(issued.id), resend(issued.id)]);
    expect(answers.map((answer) => answer.reissued).sort()).toEqual([false, true]);
    expect(answers[0]!.token).toBe(answers[1]!.token);
    expect(answers[0]!.token).not.toBe(issued.token);
  });
});
