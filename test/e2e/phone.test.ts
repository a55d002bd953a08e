/// <reference types="node" />
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardParameters } from '../../server/voice/client-card.ts';
import { fakeSdk } from './support/fake-sdk-driver';
import { sendFromPage, type LaunchedExtension } from './support/extension';
import { LEAD_PATH, REP, until, type Reply, type State } from './support/rep';
import { openRepDesk, type RepDesk } from './support/rep-desk';
import type { RunningServer } from './support/servers';

/** The `<Parameter>`s the server puts on the ringing `<Client>` (server/voice/client-card.ts), as a record. */
const card = (...args: Parameters<typeof cardParameters>) =>
  Object.fromEntries(cardParameters(...args).map(({ name, value }) => [name, value]));

// One browser, one server, one rep for the whole file: the steps build on each other like a rep's morning.
// The CRM page, the page's call card and the popup dialer: phone-page.test.ts.
let browser: LaunchedExtension;
let server: RunningServer;
let fixtures: { port: number; close(): Promise<void> };
let controlPage: Page;
let state: () => Promise<State>;
let desk: RepDesk;

beforeAll(async () => {
  ({ server, fixtures, browser, controlPage, state } = desk = await openRepDesk());
});

afterAll(() => desk?.close());

describe('the rep’s phone in a real Chromium', () => {
  it('opens the options page right after install', async () => {
    const tabUrls = () =>
      browser.worker.evaluate(async () => {
        const api = (globalThis as unknown as { chrome: { runtime: { getContexts(f: object): Promise<{ documentUrl?: string }[]> } } }).chrome;
        return (await api.runtime.getContexts({ contextTypes: ['TAB'] })).map((context) => context.documentUrl ?? '');
      });
    const urls = await until(tabUrls, (list) => list.some((url) => url.includes('/options.html')));
    expect(urls, JSON.stringify(urls)).toContain(`chrome-extension://${browser.extensionId}/options.html`);
  });

  it('shows the popup signed out', async () => {
    const popup = await browser.openPage('popup.html');
    await expect.poll(() => popup.locator('body').innerText(), { timeout: 10_000 }).toMatch(/not signed in|サインインしていません/i);
    expect(await state()).toMatchObject({ signedIn: false, online: false, status: 'offline' });
    await popup.close();
  });

  it('signs in from the options page against the real server', async () => {
    const options = await browser.openPage('options.html');
    await options.getByLabel(/server|サーバー/i).first().fill(server.url);
    await options.getByLabel(/e-?mail|メール/i).first().fill(REP.email);
    await options.getByLabel(/password|パスワード/i).first().fill(REP.password);
    await options.getByRole('button', { name: /sign in|サインイン|ログイン/i }).first().click();
    await expect.poll(() => options.locator('body').innerText(), { timeout: 10_000 }).toContain(REP.name);
    expect((await state()).signedIn).toBe(true);
    await options.close();
  });

  it('signs in through the protocol, as the options page does', async () => {
    const reply = await sendFromPage<Reply<State>>(controlPage, {
      type: 'signIn',
      serverUrl: server.url,
      email: REP.email,
      password: REP.password,
    });
    expect(reply).toMatchObject({ ok: true, value: { signedIn: true } });
  });

  it('refuses a wrong password with a clear error', async () => {
    const reply = await sendFromPage<Reply<State>>(controlPage, {
      type: 'signIn', serverUrl: server.url, email: REP.email, password: 'wrong',
    });
    expect(reply).toMatchObject({ ok: false });
  });

  it('going online creates the offscreen document and registers the phone with a server token', async () => {
    const reply = await sendFromPage<Reply<State>>(controlPage, { type: 'setOnline', online: true });
    expect(reply, JSON.stringify(reply)).toMatchObject({ ok: true, value: { online: true } });

    const offscreenDocuments = await browser.worker.evaluate(async () => {
      const api = (globalThis as unknown as { chrome: { runtime: { getContexts(f: object): Promise<{ documentUrl?: string }[]> } } }).chrome;
      const contexts = await api.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'] });
      return contexts.map((context) => new URL(context.documentUrl ?? '').pathname);
    });
    expect(offscreenDocuments).toEqual(['/offscreen.html']);

    const log = await fakeSdk(controlPage).waitFor((entries) => entries.some((entry) => entry.method === 'register'));
    const constructed = log.find((entry) => entry.method === 'new Device');
    // The Access Token the server signed for this rep (twilio.md §4): identity = the rep's id, voice grant.
    const payload = JSON.parse(Buffer.from(String(constructed?.args[0]).split('.')[1] ?? '', 'base64url').toString());
    expect(payload).toMatchObject({ grants: { identity: REP.id, voice: { incoming: { allow: true } } }, iss: expect.stringMatching(/^SK/) });
    expect(constructed?.args[1]).toMatchObject({ allowIncomingWhileBusy: true });
    expect((await until(state, (s) => s.status === 'ready')).status).toBe('ready');
  });

  it('shows an incoming call in the popup and answers it with Accept', async () => {
    const sdk = fakeSdk(controlPage);
    await sdk.send({
      cmd: 'incoming',
      parameters: { From: '+81312345678', To: `client:${REP.id}` },
      customParameters: card({
        parentCallSid: 'CA00000000000000000000000000000p01',
        from: '+81312345678',
        calledNumber: '+81501234567',
        calledLabel: '代表番号',
        ivrPath: ['営業', '新規'],
      }),
    });
    const ringing = await until(state, (s) => s.calls.current.kind === 'incoming');
    expect(ringing.calls.current).toMatchObject({
      kind: 'incoming',
      call: { number: '+81312345678', calledLabel: '代表番号', ivrPath: ['営業', '新規'], callSid: 'CA00000000000000000000000000000p01' },
    });

    const popup = await browser.openPage('popup.html');
    await expect.poll(() => popup.locator('body').innerText(), { timeout: 10_000 }).toMatch(/3123|5678/);

    const accept = await sendFromPage<Reply<null>>(popup, { type: 'accept' });
    expect(accept).toEqual({ ok: true, value: null });
    await sdk.waitFor((entries) => entries.some((entry) => entry.method === 'call.accept'));
    expect((await until(state, (s) => s.calls.current.kind === 'in-call')).calls.current.kind).toBe('in-call');

    await sendFromPage(popup, { type: 'hangUp' });
    await sdk.waitFor((entries) => entries.some((entry) => entry.method === 'call.disconnect'));
    expect((await until(state, (s) => s.calls.current.kind === 'wrap-up')).calls.current.kind).toBe('wrap-up');
    await sendFromPage(popup, { type: 'finishWrapUp' });
    await popup.close();
  });

  it('declines a call with Decline, rejecting only this rep’s leg', async () => {
    const sdk = fakeSdk(controlPage);
    await sdk.send({
      cmd: 'incoming',
      parameters: { From: 'anonymous' },
      customParameters: card({ parentCallSid: 'CA00000000000000000000000000000p02', from: '+266696687', calledNumber: '+81501234567', calledLabel: '代表番号', ivrPath: [] }),
    });
    const ringing = await until(state, (s) => s.calls.current.kind === 'incoming');
    expect(ringing.calls.current.call?.number).toBeNull(); // 非通知 / Anonymous
    expect(await sendFromPage(controlPage, { type: 'reject' })).toEqual({ ok: true, value: null });
    await sdk.waitFor((entries) => entries.some((entry) => entry.method === 'call.reject'));
    expect((await until(state, (s) => s.calls.current.kind === 'idle')).calls.current.kind).toBe('idle');
  });

  it('a caller who hangs up before the answer leaves the rep idle', async () => {
    const sdk = fakeSdk(controlPage);
    await sdk.send({ cmd: 'incoming', parameters: { From: '+14155550100' }, customParameters: {} });
    expect((await until(state, (s) => s.calls.current.kind === 'incoming')).calls.current.kind).toBe('incoming');
    await sdk.send({ cmd: 'cancel' });
    expect((await until(state, (s) => s.calls.current.kind === 'idle')).calls.current.kind).toBe('idle');
  });

  it('a web page cannot reach the extension', async () => {
    const page = await browser.context.newPage();
    await page.goto(`https://crm.zoho.jp:${fixtures.port}${LEAD_PATH}`);
    const reachable = await page.evaluate((id) => {
      const runtime = (globalThis as unknown as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome?.runtime;
      if (typeof runtime?.sendMessage !== 'function') return false;
      try {
        (runtime.sendMessage as (id: string, m: unknown) => void)(id, { type: 'getState' });
        return true;
      } catch {
        return false;
      }
    }, browser.extensionId);
    expect(reachable).toBe(false);
    await page.close();
  });

  it('going offline closes the phone', async () => {
    await sendFromPage(controlPage, { type: 'setOnline', online: false });
    const documents = await browser.worker.evaluate(async () => {
      const api = (globalThis as unknown as { chrome: { runtime: { getContexts(f: object): Promise<unknown[]> } } }).chrome;
      return (await api.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'] })).length;
    });
    expect(documents).toBe(0);
    expect(await state()).toMatchObject({ online: false, status: 'offline' });
  });
});
