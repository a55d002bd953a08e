/// <reference types="node" />
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Reply, type State, until } from '../e2e/support/rep';
import { startServer, type RunningServer } from '../e2e/support/servers';
import { launchFirefox, sendFrom, type LaunchedFirefox } from './support/firefox';

// Rolling out to a team in a real Firefox: the organisation's policy (storage.managed) presets the
// server, locks it, adds a site and makes Japanese the default; an admin's invitation link opens its page
// in the browser and, pasted into the options page, signs a new rep in with the password they choose.
const SITE = 'https://crm.example.co.jp';
let firefox: LaunchedFirefox;
let server: RunningServer;
let link: string;
const text = (page: Page) => page.evaluate(() => document.body.innerText);

beforeAll(async () => {
  server = await startServer();
  await server.testApp.addUser({ id: 'admin', email: 'admin@example.jp', role: 'admin' });
  const admin = await server.testApp.signIn('admin@example.jp');
  const created = await server.testApp.call('POST', '/api/invites', { token: admin, body: { invites: [{ email: 'kato@example.jp', name: '加藤 美咲' }] } });
  const [issued] = ((await created.json()) as { invites: { token: string }[] }).invites;
  link = `${server.url}/invite#${issued!.token}`;
  firefox = await launchFirefox({ managed: { serverUrl: server.url, lockServerUrl: true, enabledSites: [SITE], defaultLanguage: 'ja' } });
});

afterAll(async () => {
  await firefox?.close();
  await server?.close();
});

describe('rolling out to a team, in a real Firefox', () => {
  it('applies the organisation’s policy: the server locked, the site listed as managed, Japanese by default', async () => {
    const options = firefox.options;
    // The page may have read the settings before the background applied the policy: read them again.
    // (The driver may not reload an extension page; the page may.)
    // The old document is marked, so nothing below reads it while the new one loads (a read that lands
    // mid-reload fails in Firefox's driver with a cross-compartment error).
    await options.evaluate(() => {
      (window as { beforeReload?: boolean }).beforeReload = true;
      setTimeout(() => location.reload(), 0);
    });
    const reloaded = () =>
      options.evaluate(() => !(window as { beforeReload?: boolean }).beforeReload && document.readyState === 'complete').catch(() => false);
    await expect.poll(reloaded, { timeout: 10_000 }).toBe(true);
    await expect.poll(() => text(options), { timeout: 10_000 }).toContain('組織による設定');
    const server_ = await options.$eval('#account-server', (input) => ({ value: (input as HTMLInputElement).value, readOnly: (input as HTMLInputElement).readOnly }));
    expect(server_).toEqual({ value: server.url, readOnly: true });
    const page = await text(options);
    expect(page).toContain('このサーバーは組織によって設定されており、ここでは変更できません。');
    expect(page).toMatch(new RegExp(`${SITE.replaceAll('.', '\\.')}\\s+組織による設定`));
    expect(page).toContain('組織の既定：日本語');
  });

  it('refuses to sign in to another server than the locked one', async () => {
    const reply = await sendFrom<Reply<State>>(firefox.options, { type: 'signIn', serverUrl: 'https://elsewhere.example.jp', email: 'a@example.jp', password: 'whatever' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'server_locked' } });
  });

  it('opens the invitation page, which says for whom the link is', async () => {
    const page = await firefox.browser.newPage();
    await page.goto(link);
    await expect.poll(() => text(page), { timeout: 10_000 }).toContain('kato@example.jp');
    expect(await text(page)).toContain(server.url);
    await page.close();
  });

  it('signs a new rep in from the pasted link with the password they choose', async () => {
    const options = firefox.options;
    await options.type('#invite-link', link);
    await options.click('#invite-link ~ button, form:has(#invite-link) button[type="submit"]');
    await expect.poll(() => text(options), { timeout: 10_000 }).toContain('への招待（kato@example.jp）');
    expect(await options.$eval('#invite-name', (input) => (input as HTMLInputElement).value)).toBe('加藤 美咲');
    await options.type('#invite-password', 'kato-no-passphrase');
    await options.click('form:has(#invite-password) button[type="submit"]');
    await expect.poll(() => text(options), { timeout: 10_000 }).toContain('加藤 美咲（kato@example.jp）でサインイン中');
    const state = await until(
      async () => (await sendFrom<Reply<State>>(options, { type: 'getState' })) as Reply<State>,
      (reply) => reply.ok && reply.value.signedIn,
    );
    expect(state).toMatchObject({ ok: true, value: { signedIn: true, serverUrl: server.url } });
    // The link is spent: the same paste now says so, in Japanese.
    const again = await server.testApp.call('POST', '/api/invites/lookup', { body: { token: link.split('#')[1] } });
    expect(again.status).toBe(410);
  });
});
