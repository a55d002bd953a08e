/// <reference types="node" />
import { fileURLToPath } from 'node:url';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardParameters } from '../../server/voice/client-card.ts';
import { fakeSdk } from '../e2e/support/fake-sdk-driver';
import { addRep, LEAD_PATH, REP, type Reply, type State, until } from '../e2e/support/rep';
import { startFixtureServer, startServer, type RunningServer } from '../e2e/support/servers';
import { evaluator, launchFirefox, sendFrom, type LaunchedFirefox } from './support/firefox';

// The rep's morning in a real Firefox (firefox-esr over WebDriver BiDi), against the real server, with
// only the Twilio SDK faked at its boundary, as in Chromium (test/e2e/phone.test.ts). In Firefox the phone
// lives in the background page (no offscreen documents), so the fake SDK answers from there.
let firefox: LaunchedFirefox;
let server: RunningServer;
let fixtures: { port: number; close(): Promise<void> };
let state: () => Promise<State>;
const sdk = () => fakeSdk(evaluator(firefox.options) as never);
const text = (page: Page) => page.evaluate(() => document.body.innerText);

beforeAll(async () => {
  server = await startServer();
  await addRep(server);
  fixtures = await startFixtureServer({ [LEAD_PATH]: fileURLToPath(new URL('../fixtures/crm-pages/zoho-record-lead.html', import.meta.url)) });
  firefox = await launchFirefox({ loopbackHosts: ['crm.zoho.jp'] });
  state = async () => {
    const reply = await sendFrom<Reply<State>>(firefox.options, { type: 'getState' });
    if (!reply.ok) throw new Error(reply.error.message);
    return reply.value;
  };
});

afterAll(async () => {
  await firefox?.close();
  await fixtures?.close();
  await server?.close();
});

describe('the rep’s phone in a real Firefox', () => {
  it('opens the options page right after install, signed out', async () => {
    await expect.poll(() => text(firefox.options), { timeout: 10_000 }).toContain('Server URL');
    expect(await state()).toMatchObject({ signedIn: false, online: false, status: 'offline' });
  });

  it('shows the popup signed out', async () => {
    const popup = await firefox.openExtensionPage('popup.html');
    await expect.poll(() => text(popup), { timeout: 10_000 }).toMatch(/not signed in/i);
    await popup.close();
  });

  it('signs in from the options page against the real server', async () => {
    const options = firefox.options;
    await options.type('#account-server', server.url);
    await options.type('#account-email', REP.email);
    await options.type('#account-password', REP.password);
    await options.click('button[type="submit"]');
    await expect.poll(() => text(options), { timeout: 10_000 }).toContain(REP.name);
    expect((await state()).signedIn).toBe(true);
  });

  it('going online starts the phone in the background page and registers it with a server token', async () => {
    const reply = await sendFrom<Reply<State>>(firefox.options, { type: 'setOnline', online: true });
    expect(reply, JSON.stringify(reply)).toMatchObject({ ok: true, value: { online: true } });
    const log = await sdk().waitFor((entries) => entries.some((entry) => entry.method === 'register'));
    const constructed = log.find((entry) => entry.method === 'new Device');
    const payload = JSON.parse(Buffer.from(String(constructed?.args[0]).split('.')[1] ?? '', 'base64url').toString());
    expect(payload).toMatchObject({ grants: { identity: REP.id, voice: { incoming: { allow: true } } } });
    expect((await until(state, (s) => s.status === 'ready')).status).toBe('ready');
  });

  it('a click on a call button on a Zoho record dials the number with the record', async () => {
    const page = await firefox.browser.newPage();
    const leadUrl = `https://crm.zoho.jp:${fixtures.port}${LEAD_PATH}`;
    await page.goto(leadUrl);
    await page.waitForSelector('yobidashi-call-button', { timeout: 15_000 });
    expect(await page.$$eval('yobidashi-call-button', (buttons) => buttons.length)).toBeGreaterThan(0);
    const before = (await sdk().log()).log.length;
    await page.click('yobidashi-call-button');
    const log = await sdk().waitFor((entries) => entries.slice(before).some((entry) => entry.method === 'connect'));
    expect(log.slice(before).find((entry) => entry.method === 'connect')?.args[0]).toMatchObject({
      To: '+81312345678',
      crm: 'zoho',
      crmModule: 'Leads',
      crmId: '4876876000000456789',
      crmUrl: leadUrl,
      language: 'en-US',
    });
    await sendFrom(firefox.options, { type: 'hangUp' });
    await until(state, (s) => s.calls.current.kind === 'wrap-up' || s.calls.current.kind === 'idle');
    await sendFrom(firefox.options, { type: 'finishWrapUp' });
    expect((await until(state, (s) => s.calls.current.kind === 'idle')).calls.current.kind).toBe('idle');
    await page.close();
  });

  it('shows an incoming call in the popup and answers it', async () => {
    await sdk().send({
      cmd: 'incoming',
      parameters: { From: '+81312345678', To: `client:${REP.id}` },
      customParameters: Object.fromEntries(
        cardParameters({ parentCallSid: 'CA00000000000000000000000000000f01', from: '+81312345678', calledNumber: '+81501234567', calledLabel: '代表番号', ivrPath: ['営業'] }).map(
          ({ name, value }) => [name, value],
        ),
      ),
    });
    expect((await until(state, (s) => s.calls.current.kind === 'incoming')).calls.current.call).toMatchObject({ number: '+81312345678', calledLabel: '代表番号' });
    const popup = await firefox.openExtensionPage('popup.html');
    await expect.poll(() => text(popup), { timeout: 10_000 }).toMatch(/03-1234-5678/);
    expect(await sendFrom(popup, { type: 'accept' })).toEqual({ ok: true, value: null });
    await sdk().waitFor((entries) => entries.some((entry) => entry.method === 'call.accept'));
    expect((await until(state, (s) => s.calls.current.kind === 'in-call')).calls.current.kind).toBe('in-call');
    await sendFrom(popup, { type: 'hangUp' });
    await until(state, (s) => s.calls.current.kind === 'wrap-up');
    await sendFrom(popup, { type: 'finishWrapUp' });
    await popup.close();
  });

  it('going offline closes the phone', async () => {
    await sendFrom(firefox.options, { type: 'setOnline', online: false });
    await sdk().waitFor((entries) => entries.some((entry) => entry.method === 'destroy'));
    expect(await state()).toMatchObject({ online: false, status: 'offline' });
  });
});
