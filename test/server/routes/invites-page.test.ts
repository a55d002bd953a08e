import { Window } from 'happy-dom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseServerConfig } from '../../../server/config.ts';
import { pageLanguage } from '../../../server/routes/invite-page.ts';
import { createTestApp, PUBLIC_URL, type TestApp } from '../support/app.ts';

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

describe('what the page says once its script has looked the link up', () => {
  const TOKEN = `yi_${'a'.repeat(43)}`;
  type Lookup = (url: URL, init: RequestInit) => Promise<Response>;
  const server: Lookup = (url, init) => Promise.resolve(t.app.request(url.pathname, init));

  /** The page in a Japanese browser at its link, its script run with `fetch`: the paragraphs it shows once settled. */
  async function openLink(fetch: Lookup, token = TOKEN) {
    const html = await (await t.call('GET', '/invite', { headers: { 'Accept-Language': 'ja' } })).text();
    const script = await (await t.call('GET', '/invite/invite.js')).text();
    const window = new Window({
      url: `${PUBLIC_URL}/invite#${token}`,
      settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true, handleDisabledFileLoadingAsSuccess: true },
    });
    window.document.write(html);
    new Function('document', 'location', 'fetch', 'navigator', script)(window.document, window.location, fetch, window.navigator);
    const shown = () => [...window.document.querySelectorAll('[data-status]:not([hidden])')].map((p) => [p.getAttribute('data-status'), p.textContent]);
    try {
      await vi.waitFor(() => expect(shown()).not.toEqual([]));
      return shown();
    } finally {
      await window.happyDOM.close();
    }
  }
  const COULD_NOT_CHECK = [['unreachable', '招待を確認できませんでした。しばらくしてから再読み込みしてください。']];

  it('says for whom a working link is, and until when', async () => {
    await t.addUser({ id: 'admin', email: 'admin@example.jp', role: 'admin' });
    const admin = await t.signIn('admin@example.jp');
    const issued = await t.call('POST', '/api/invites', { token: admin, body: { invites: [{ email: 'sato@example.jp' }] } });
    const [{ token }] = ((await issued.json()) as { invites: [{ token: string }] }).invites;
    expect(await openLink(server, token)).toEqual([['pending', expect.stringMatching(/^招待先: sato@example\.jp（2026年12月\d+日 \d+:\d+ まで有効）$/)]]);
  });

  it('says why the server refused a link', async () => {
    expect(await openLink(server)).toEqual([['invite_unknown', expect.stringMatching(/^この招待リンクは無効です。/)]]);
  });

  it.each([
    ['an error the page has no sentence for', () => Response.json({ error: { code: 'internal', message: 'Internal error' } }, { status: 500 })],
    ['a proxy’s HTML error page', () => new Response('<html><body>502 Bad Gateway</body></html>', { status: 502, headers: { 'Content-Type': 'text/html' } })],
    ['an answer that is not JSON', () => new Response('OK', { status: 200 })],
    ['no answer at all', () => Promise.reject(new TypeError('Failed to fetch'))],
  ])('says the invitation could not be checked after %s', async (_case, answer) => {
    expect(await openLink(async () => answer())).toEqual(COULD_NOT_CHECK);
  });
});
