import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseServerConfig } from '../../../server/config.ts';
import { pageLanguage } from '../../../server/routes/invite-page.ts';
import { createTestApp, type TestApp } from '../support/app.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp({ deps: { extensionInstallUrl: 'https://intranet.example.jp/yobidashi' } });
});
afterEach(() => t.close());

describe('the page an invitation link opens', () => {
  it('speaks Japanese to a Japanese browser and says where to get the extension', async () => {
    const response = await t.call('GET', '/invite', { headers: { 'Accept-Language': 'ja-JP,ja;q=0.9,en;q=0.8' } });
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain('<html lang="ja">');
    expect(page).toContain('呼び出し（Yobidashi）への招待');
    expect(page).toContain('href="https://intranet.example.jp/yobidashi"');
    // Every refusal the link can meet has its sentence on the page, hidden until the script shows it.
    for (const code of ['invite_unknown', 'invite_expired', 'invite_used', 'invite_revoked']) expect(page).toContain(`data-status="${code}"`);
  });

  it('speaks English otherwise, and sends no referrer and no cached copy', async () => {
    const response = await t.call('GET', '/invite', { headers: { 'Accept-Language': 'en-US,en;q=0.9' } });
    expect(await response.text()).toContain('Your invitation to Yobidashi');
    expect(response.headers.get('Referrer-Policy')).toBe('no-referrer');
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    expect(response.headers.get('Content-Security-Policy')).toContain("script-src 'self'");
  });

  it('serves its script, which looks the token up in the fragment', async () => {
    const response = await t.call('GET', '/invite/invite.js');
    expect(response.headers.get('Content-Type')).toMatch(/^text\/javascript/);
    expect(await response.text()).toContain("new URL('api/invites/lookup', location.href)");
  });

  it.each([
    ['ja,en;q=0.5', 'ja'],
    ['en-GB,ja;q=0.3', 'en'],
    ['fr-FR,ja;q=0.8,en;q=0.7', 'ja'],
    ['de', 'en'],
    [undefined, 'en'],
  ] as const)('picks the language for Accept-Language %s', (header, language) => {
    expect(pageLanguage(header)).toBe(language);
  });

  it('takes the install address from EXTENSION_INSTALL_URL', () => {
    expect(parseServerConfig({ EXTENSION_INSTALL_URL: 'https://chromewebstore.google.com/detail/x' }).extensionInstallUrl).toBe(
      'https://chromewebstore.google.com/detail/x',
    );
    expect(parseServerConfig({}).extensionInstallUrl).toBeNull();
    expect(() => parseServerConfig({ EXTENSION_INSTALL_URL: 'not a url' })).toThrow(/EXTENSION_INSTALL_URL/);
  });
});
