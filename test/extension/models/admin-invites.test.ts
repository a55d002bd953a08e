import { describe, expect, it } from 'vitest';
import { createInvitesAdminApi } from '@/models/admin-invites';

const INVITE = {
  id: 'inv1',
  email: 'sato@example.jp',
  name: null,
  status: 'pending',
  expiresAt: '2026-12-01T00:00:00.000Z',
  sentAt: '2026-11-24T00:00:00.000Z',
  acceptedAt: null,
};
const TOKEN = `yi_${'9'.repeat(43)}`;

describe('the answer to New link, as the extension reads it', () => {
  it('keeps whether the link was renewed', async () => {
    const api = createInvitesAdminApi(async <T,>() => ({ invite: INVITE, token: TOKEN, reissued: false }) as T);
    expect(await api.resendInvite('inv1', 7)).toMatchObject({ token: TOKEN, reissued: false });
  });

  it('takes a server that does not say for one that renewed it, as such servers always did', async () => {
    const api = createInvitesAdminApi(async <T,>() => ({ invite: INVITE, token: TOKEN }) as T);
    expect((await api.resendInvite('inv1', 7)).reissued).toBe(true);
  });
});
