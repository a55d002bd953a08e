import { afterEach, describe, expect, it } from 'vitest';
import { InvitesSection } from '@/components/options/invites-section';
import { uiLanguage } from '@/locales/i18n';
import { fakeAdminApi, fakeInvite } from './fake-admin-api';
import { button, click, flush, renderUi } from './render';

/**
 * *New link* within moments of the last link (a double click, or right after *Invite*) gives the same
 * link again (server/store/invites.ts): the page says so, rather than that the old link stopped working.
 */

const TOKEN = `yi_${'9'.repeat(43)}`;

afterEach(() => {
  document.body.innerHTML = '';
  uiLanguage.value = 'ja';
});

async function newLink(reissued: boolean) {
  const api = fakeAdminApi({
    listInvites: async () => [fakeInvite('inv1', 'sato@example.jp', null, 7)],
    resendInvite: async (id, days) => ({ invite: fakeInvite(id, 'sato@example.jp', null, days), token: TOKEN, reissued }),
  });
  const { container } = renderUi(<InvitesSection api={api} serverUrl="https://phone.example.jp" />);
  await flush();
  await click(button(container, uiLanguage.value === 'ja' ? 'sato@example.jp のリンクを再発行' : 'New link for sato@example.jp'));
  await flush();
  const shown = container.querySelector('[aria-live="polite"] li');
  expect(shown?.querySelector('code')?.textContent).toBe(`https://phone.example.jp/invite#${TOKEN}`);
  return shown?.querySelector('.yb-field__help')?.textContent;
}

describe('New link, as the admin sees its answer', () => {
  it.each([
    ['ja', true, '招待済み：新しいリンクを発行しました（以前のリンクは使えません）。'],
    ['ja', false, '発行済み：さきほど発行したリンクと同じです（このリンクは引き続き使えます）。'],
    ['en', true, 'Already invited: this new link replaces the old one.'],
    ['en', false, 'Just issued: this is the same link as a moment ago, and it still works.'],
  ] as const)('in %s, renewed %s: says %s', async (language, reissued, line) => {
    uiLanguage.value = language;
    expect(await newLink(reissued)).toBe(line);
  });
});
