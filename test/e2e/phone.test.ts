/// <reference types="node" />
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeSdk } from './support/fake-sdk-driver';
import { launchWithExtension, sendFromPage, type LaunchedExtension } from './support/extension';
import { startFixtureServer, startServer, type RunningServer } from './support/servers';

// One browser, one server, one rep for the whole file: the steps build on each other like a rep's morning.
const REP = { id: 'rep_sato', name: '佐藤 花子', email: 'sato@example.jp', password: 'correct horse battery' };
const LEAD_PATH = '/crm/org90000001/tab/Leads/4876876000000456789';

type Reply<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };
interface State {
  signedIn: boolean;
  online: boolean;
  status: string;
  calls: { current: { kind: string; call?: { callId: string; number: string | null; calledLabel: string | null } }; waiting: unknown };
}

let browser: LaunchedExtension;
let server: RunningServer;
let fixtures: { port: number; close(): Promise<void> };
let controlPage: Page;

const state = async () => {
  const reply = await sendFromPage<Reply<State>>(controlPage, { type: 'getState' });
  if (!reply.ok) throw new Error(reply.error.message);
  return reply.value;
};
async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!ok(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await read();
  }
  return value;
}

beforeAll(async () => {
  server = await startServer();
  await server.testApp.addUser({ ...REP, role: 'rep' });
  fixtures = await startFixtureServer({
    [LEAD_PATH]: fileURLToPath(new URL('../fixtures/crm-pages/zoho-record-lead.html', import.meta.url)),
  });
  browser = await launchWithExtension({ loopbackHosts: ['crm.zoho.jp'] });
  controlPage = await browser.openPage('microphone.html');
});

afterAll(async () => {
  await browser?.close();
  await fixtures?.close();
  await server?.close();
});

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
      parameters: { From: '+81312345678', To: `client:rep_${REP.id}` },
      customParameters: { caller: '+81312345678', calledNumber: '+81501234567', calledLabel: '代表番号', ivrPath: '["営業","新規"]' },
    });
    const ringing = await until(state, (s) => s.calls.current.kind === 'incoming');
    expect(ringing.calls.current).toMatchObject({ kind: 'incoming', call: { number: '+81312345678', calledLabel: '代表番号' } });

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
    await sdk.send({ cmd: 'incoming', parameters: { From: 'anonymous' }, customParameters: {} });
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

  it('a click on a Zoho record’s call button makes the phone connect with the number and the record', async () => {
    const page = await browser.context.newPage();
    await page.goto(`http://crm.zoho.jp:${fixtures.port}${LEAD_PATH}`);
    const button = page.locator('yobidashi-call-button').first();
    await button.waitFor({ timeout: 15_000 });
    await button.click();

    const log = await fakeSdk(controlPage).waitFor((entries) => entries.some((entry) => entry.method === 'connect'));
    const params = log.find((entry) => entry.method === 'connect')?.args[0] as Record<string, string>;
    expect(params).toMatchObject({
      To: '+81312345678',
      crm: 'zoho',
      crmModule: 'Leads',
      crmRecordId: '4876876000000456789',
      crmRecordName: '山田 太郎',
    });
    expect((await state()).calls.current.kind).toMatch(/dialing|ringing-out/);
    await sendFromPage(controlPage, { type: 'hangUp' });
    await page.close();
  });

  it('a web page cannot reach the extension', async () => {
    const page = await browser.context.newPage();
    await page.goto(`http://crm.zoho.jp:${fixtures.port}${LEAD_PATH}`);
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
