import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { InviteAcceptForm } from '@/components/options/invite-accept-form';
import { uiLanguage } from '@/locales/i18n';
import { button, click, field, flush, renderUi, type } from './render';

const TOKEN = `yi_${'a'.repeat(43)}`;

describe('an invitation link while the organisation locks the server', () => {
  beforeEach(() => (uiLanguage.value = 'en'));
  afterEach(() => (document.body.innerHTML = ''));

  it.each([
    ['as the policy wrote it', 'https://phone.example.co.jp'],
    ['with an upper-case host and the API address', 'https://Phone.Example.co.jp/api/'],
  ])('looks up a link for the locked server written %s', async (_what, lockedServer) => {
    const lookupInvite = vi.fn(async () => ({ email: 'sato@example.jp', name: null, existingUser: false, expiresAt: '2030-01-01T00:00:00Z' }));
    const view = renderUi(<InviteAcceptForm actions={{ lookupInvite, acceptInvite: vi.fn() } as never} lockedServer={lockedServer} />);
    await type(field(view.container, 'Invitation link'), `https://phone.example.co.jp/invite#${TOKEN}`);
    await click(button(view.container, 'Continue'));
    await flush();
    expect(lookupInvite).toHaveBeenCalledWith({ serverUrl: 'https://phone.example.co.jp', token: TOKEN });
  });

  it('refuses a link for another server before any request', async () => {
    const lookupInvite = vi.fn();
    const view = renderUi(<InviteAcceptForm actions={{ lookupInvite, acceptInvite: vi.fn() }} lockedServer="https://phone.example.co.jp" />);
    await type(field(view.container, 'Invitation link'), `https://other.example.co.jp/invite#${TOKEN}`);
    await click(button(view.container, 'Continue'));
    await flush();
    expect(lookupInvite).not.toHaveBeenCalled();
    expect(view.container.textContent).toContain('https://phone.example.co.jp');
  });
});
