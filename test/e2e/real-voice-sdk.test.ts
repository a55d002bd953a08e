/// <reference types="node" />
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedRoot } from './support/closed-shadow';
import { launchWithExtension, sendFromPage, type LaunchedExtension } from './support/extension';
import { offscreenLog, type LogLine } from './support/offscreen-log';
import { buildProductionExtension } from './support/production-build';
import { addRep, LEAD_PATH, REP, stateFrom, until, type Reply, type State } from './support/rep';
import { startFixtureServer, startServer, type RunningServer } from './support/servers';

// Issue 15, "The real Voice SDK, smoke-tested" (Chromium), and issue 10's first defect on the same build:
// the production build (`wxt build`, the real @twilio/voice-sdk in the offscreen document) against the real
// server, on a machine that cannot reach Twilio. The server's access tokens are signed locally (servers.ts);
// Twilio's signalling (wss://…twilio.com/signal) does not resolve here, as behind a strict firewall.
//
// No test-only permission: the production manifest has no host permission for the loopback server, and
// needs none. The server answers CORS for extension origins (server/http/middleware.ts `apiCors`), which is
// how a real rep's extension reaches a self-hosted server too.

let browser: LaunchedExtension;
let dir: string;
let server: RunningServer;
let fixtures: { port: number; close(): Promise<void> };
let controlPage: Page;
let state: () => Promise<State>;
let offscreen: { lines: LogLine[]; close(): Promise<void> } | undefined;
const leadUrl = () => `https://crm.zoho.jp:${fixtures.port}${LEAD_PATH}`;

/** What would mean the SDK did not load or run: a CSP refusal, an uncaught error, a broken bundle. */
const BROKEN = /Content Security Policy|Refused to|Uncaught|SyntaxError|ReferenceError|Failed to fetch dynamically imported module|is not a constructor/i;

beforeAll(async () => {
  dir = buildProductionExtension();
  server = await startServer();
  await addRep(server);
  fixtures = await startFixtureServer({
    [LEAD_PATH]: fileURLToPath(new URL('../fixtures/crm-pages/zoho-record-lead.html', import.meta.url)),
  });
  browser = await launchWithExtension({ dir, loopbackHosts: ['crm.zoho.jp'] });
  controlPage = await browser.openPage('microphone.html');
  state = stateFrom(controlPage);
  // The rep reads Japanese (the options page's language choice).
  await controlPage.evaluate(() => (globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void> } } } }).chrome.storage.local.set({ languageOverride: 'ja' }));
});

afterAll(async () => {
  await offscreen?.close();
  await browser?.close();
  await fixtures?.close();
  await server?.close();
});

describe('the production build with the real Twilio Voice SDK, Twilio unreachable (Chromium)', () => {
  it('is the real thing: built without the fake SDK and without a test-only host permission', () => {
    const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { host_permissions: string[] };
    expect(manifest.host_permissions.filter((host) => /127\.0\.0\.1|localhost/.test(host))).toEqual([]);
    // The offscreen document's scripts: the SDK itself, not the browser tests' stand-in (fake-voice-sdk.ts).
    const html = readFileSync(path.join(dir, 'offscreen.html'), 'utf8');
    const scripts = [...html.matchAll(/src="\/?([^"]+\.js)"/g)].map((match) => readFileSync(path.join(dir, match[1]!), 'utf8')).join('\n');
    expect(scripts).toContain('[TwilioVoice]');
    expect(scripts).not.toContain('yobidashi-fake-voice-sdk');
  });

  it('signs in against the real server', async () => {
    const reply = await sendFromPage<Reply<State>>(controlPage, { type: 'signIn', serverUrl: server.url, email: REP.email, password: REP.password });
    expect(reply).toMatchObject({ ok: true, value: { signedIn: true, outgoingNumber: '+81501234567' } });
  });

  it('going online: the SDK loads and constructs in the offscreen document, tries to register, and the rep is told within seconds', async () => {
    const started = Date.now();
    const reply = await sendFromPage<Reply<State>>(controlPage, { type: 'setOnline', online: true });
    expect(reply).toMatchObject({ ok: true, value: { online: true, status: 'twilio-unreachable' } });
    expect(Date.now() - started).toBeLessThan(5_000);

    offscreen = await offscreenLog(controlPage);
    await expect
      .poll(() => offscreen!.lines.filter((line) => /WebSocket connection to 'wss:\/\/[\w.-]+\.twilio\.com\/signal' failed/.test(line.text)).length, { timeout: 10_000 })
      .toBeGreaterThan(0);
    // The SDK's own Device reported the failure (so it was constructed and registering), with Twilio's code.
    const deviceErrors = () => offscreen!.lines.filter((line) => line.text.includes('[TwilioVoice][Device]') && /\(310\d\d\)/.test(line.text));
    await expect.poll(() => deviceErrors().length, { timeout: 10_000 }).toBeGreaterThan(0);
    expect(offscreen.lines.filter((line) => BROKEN.test(line.text))).toEqual([]);

    const popup = await browser.openPage('popup.html');
    await expect.poll(() => popup.locator('.yb-status__label').innerText(), { timeout: 10_000 }).toBe('Twilio に接続できません');
    expect(await popup.locator('.yb-status__help').innerText()).toContain('ファイアウォール');
    await popup.getByLabel('電話番号').fill('03-1234-5678');
    expect(await popup.getByRole('button', { name: '発信', exact: true }).isDisabled()).toBe(true);
    await popup.close();
  });

  it('a call button on the CRM page fails within seconds with that reason, and no call is left behind', async () => {
    const page = await browser.context.newPage();
    await page.goto(leadUrl());
    const button = page.locator('yobidashi-call-button').first();
    await button.waitFor({ timeout: 15_000 });
    // The page UI lives in a closed shadow root: reached as DevTools does (closed-shadow.ts).
    const ui = await closedRoot(page, 'yobidashi-page-ui');
    await ui.waitFor('.yb-launcher', { timeout: 10_000 });
    const clicked = Date.now();
    await button.click();

    const notice = '.yb-call-problem';
    await expect.poll(() => ui.text(notice), { timeout: 5_000 }).toContain('03-1234-5678 に発信できませんでした');
    expect(Date.now() - clicked).toBeLessThan(5_000);
    expect(await ui.text(notice)).toContain('Twilio に接続できません。');
    expect(await ui.count('.yb-in-call')).toBe(0);
    expect(await state()).toMatchObject({
      status: 'twilio-unreachable',
      calls: { current: { kind: 'idle' }, waiting: null },
      callProblem: { reason: 'twilio-unreachable', number: '+81312345678' },
    });

    // "Why can't I call?" names the same cause as the header, not "go online".
    const popup = await browser.openPage('popup.html');
    await popup.getByText('発信できない理由を確認').click();
    const broken = popup.locator('.yb-check--first-broken');
    await expect.poll(() => broken.innerText(), { timeout: 10_000 }).toContain('Twilio に接続できません');
    expect(await broken.innerText()).not.toContain('オンラインにしてください');
    expect(await popup.locator('.yb-in-call').count()).toBe(0);
    await popup.close();
    await page.close();
  });

  it('going offline afterwards leaves nothing behind: no call, no wrap-up, no error', async () => {
    const popup = await browser.openPage('popup.html');
    await popup.getByRole('switch').click();
    const after = await until(state, (s) => s.status === 'offline');
    expect(after).toMatchObject({ online: false, calls: { current: { kind: 'idle' }, waiting: null }, callProblem: null });
    // The popup renders the background's state as it arrives: what it shows once that state is in.
    await expect.poll(() => popup.locator('[role="alert"]').allInnerTexts(), { timeout: 5_000 }).toEqual([]);
    expect(await popup.locator('.yb-wrap-up').count()).toBe(0);
    expect(offscreen!.lines.filter((line) => BROKEN.test(line.text))).toEqual([]);
    await popup.close();
  });
});
