/// <reference types="node" />
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALL_START_TIMEOUT_MS } from '../../extension/phone/call-problems';
import { closedRoot, type ClosedRoot } from './support/closed-shadow';
import { sendFromPage, type LaunchedExtension } from './support/extension';
import { fakeSdk } from './support/fake-sdk-driver';
import { LEAD_PATH, REP, sdkCallsFromNow, until, type Reply, type State } from './support/rep';
import { openRepDesk, type RepDesk } from './support/rep-desk';
import type { RunningServer } from './support/servers';

// Issue 10, "Defects on the rep's side": every way a call can fail to start, in a real Chromium with the
// e2e build, against the real server. The fake SDK plays the network (fake-voice-sdk.ts, `network`): Twilio
// unreachable as a firewall makes it (the SDK waits forever and reports 31005), or calls that hang.
// The same with the real Twilio SDK: real-voice-sdk.test.ts.

let browser: LaunchedExtension;
let server: RunningServer;
let fixtures: { port: number; close(): Promise<void> };
let controlPage: Page;
let state: () => Promise<State>;
let desk: RepDesk;
const leadUrl = () => `https://crm.zoho.jp:${fixtures.port}${LEAD_PATH}`;

/** A Zoho record page with our call buttons and the launcher, and a way into the page UI's closed root. */
async function openLead(): Promise<{ page: Page; ui: ClosedRoot }> {
  const page = await browser.context.newPage();
  await page.goto(leadUrl());
  await page.locator('yobidashi-call-button').first().waitFor({ timeout: 15_000 });
  const ui = await closedRoot(page, 'yobidashi-page-ui');
  await ui.waitFor('.yb-launcher', { timeout: 10_000 });
  return { page, ui };
}
/** The notice of a call that did not start, over the CRM page (inside our closed shadow root). */
const NOTICE = '.yb-call-problem';

async function setOnline(online: boolean): Promise<State> {
  const reply = await sendFromPage<Reply<State>>(controlPage, { type: 'setOnline', online });
  if (!reply.ok) throw new Error(reply.error.message);
  return reply.value;
}

beforeAll(async () => {
  ({ server, fixtures, browser, controlPage, state } = desk = await openRepDesk());
  const signIn = await sendFromPage<Reply<State>>(controlPage, { type: 'signIn', serverUrl: server.url, email: REP.email, password: REP.password });
  if (!signIn.ok) throw new Error(signIn.error.message);
});

afterAll(() => desk?.close());

describe('a call button clicked while offline', () => {
  it('says why over the page and offers to go online; going online makes the phone ready and the notice goes', async () => {
    expect((await state()).online).toBe(false);
    const { page, ui } = await openLead();
    await page.locator('yobidashi-call-button').first().click();

    await expect.poll(() => ui.text(NOTICE), { timeout: 10_000 }).toContain("Couldn't call 03-1234-5678");
    expect(await ui.text(NOTICE)).toContain('You are offline. Go online to call.');
    expect((await state()).calls.current.kind).toBe('idle');

    await ui.clickButton(NOTICE, 'Go online');
    expect((await until(state, (s) => s.status === 'ready')).online).toBe(true);
    await expect.poll(() => ui.count(NOTICE), { timeout: 10_000 }).toBe(0);
    await page.close();
  });
});

describe('Twilio unreachable while the server is reachable', () => {
  it('the popup says so, a call button fails at once with the reason, and nothing is left behind', async () => {
    const sdk = fakeSdk(controlPage);
    await sdk.setNetwork('down');
    await setOnline(false);
    const started = Date.now();
    await setOnline(true);
    expect((await until(state, (s) => s.status === 'twilio-unreachable', 5_000)).status).toBe('twilio-unreachable');
    expect(Date.now() - started).toBeLessThan(5_000);

    const popup = await browser.openPage('popup.html');
    await expect.poll(() => popup.locator('.yb-status__label').innerText(), { timeout: 10_000 }).toBe("Can't reach Twilio");
    await popup.getByLabel('Phone number').fill('03-1234-5678');
    expect(await popup.getByRole('button', { name: 'Call', exact: true }).isDisabled()).toBe(true);
    // "Why can't I call?" names Twilio, as the header does, and does not tell an online rep to go online.
    await popup.getByText("Why can't I call?").click();
    const broken = popup.locator('.yb-check--first-broken');
    await expect.poll(() => broken.innerText(), { timeout: 10_000 }).toContain("Can't reach Twilio");
    expect(await broken.innerText()).toContain('status.twilio.com');
    expect(await broken.getByRole('button', { name: 'Go online' }).count()).toBe(0);

    const { page, ui } = await openLead();
    const calls = await sdkCallsFromNow(controlPage);
    const clicked = Date.now();
    await page.locator('yobidashi-call-button').first().click();
    await expect.poll(() => ui.text(NOTICE), { timeout: 5_000 }).toContain("Can't reach Twilio");
    expect(Date.now() - clicked).toBeLessThan(5_000);
    expect(await ui.count('.yb-in-call')).toBe(0);
    expect(await state()).toMatchObject({ calls: { current: { kind: 'idle' }, waiting: null }, callProblem: { reason: 'twilio-unreachable' } });
    expect((await calls.entries()).map((entry) => entry.method)).not.toContain('connect');
    // The popup shows the same notice.
    await expect.poll(() => popup.locator('.yb-call-problem').innerText(), { timeout: 5_000 }).toContain("Couldn't call 03-1234-5678");

    // Twilio back: the SDK registers, the phone is ready, the notice has done its job.
    await sdk.setNetwork('up');
    expect((await until(state, (s) => s.status === 'ready')).callProblem).toBeNull();
    await expect.poll(() => ui.count(NOTICE), { timeout: 10_000 }).toBe(0);
    await page.close();
    await popup.close();
  });
});

describe('a call that Twilio does not take', () => {
  it(`ends after ${CALL_START_TIMEOUT_MS / 1000} seconds with why, no wrap-up; the SDK’s late call is hung up`, async () => {
    const sdk = fakeSdk(controlPage);
    await sdk.setNetwork('stalled');
    const { page, ui } = await openLead();
    const calls = await sdkCallsFromNow(controlPage);
    await page.locator('yobidashi-call-button').first().click();
    await expect.poll(() => ui.text('.yb-in-call'), { timeout: 5_000 }).toContain('Calling…');

    await expect
      .poll(() => ui.text(NOTICE), { timeout: CALL_START_TIMEOUT_MS + 5_000 })
      .toContain(`Twilio did not respond within ${CALL_START_TIMEOUT_MS / 1000} seconds.`);
    expect(await ui.count('.yb-in-call')).toBe(0);
    // A wrap-up would stay until someone finished it: idle means there never was one.
    expect((await state()).calls.current.kind).toBe('idle');

    await sdk.setNetwork('up');
    const log = await calls.waitFor((entries) => entries.some((entry) => entry.method === 'call.disconnect'));
    expect(log.map((entry) => entry.method).filter((method) => method === 'connect' || method.startsWith('call.'))).toEqual([
      'connect',
      'call.disconnect',
    ]);
    await ui.clickButton(NOTICE, 'Close');
    await expect.poll(() => ui.count(NOTICE), { timeout: 5_000 }).toBe(0);
    await page.close();
  });

  it('Hang up while it is starting ends it at once: no wrap-up, no notice', async () => {
    const sdk = fakeSdk(controlPage);
    await sdk.setNetwork('stalled');
    const { page, ui } = await openLead();
    await page.locator('yobidashi-call-button').first().click();
    await expect.poll(() => ui.text('.yb-in-call'), { timeout: 5_000 }).toContain('Calling…');
    const hungUp = Date.now();
    await ui.clickButton('.yb-in-call', 'Hang up');
    await expect.poll(() => ui.count('.yb-in-call'), { timeout: 3_000 }).toBe(0);
    expect(Date.now() - hungUp).toBeLessThan(3_000);
    expect(await state()).toMatchObject({ calls: { current: { kind: 'idle' } }, callProblem: null });
    expect(await ui.count(NOTICE)).toBe(0);
    await sdk.setNetwork('up');
    await page.close();
  });

  it('going offline while it is starting shows no raw error and no wrap-up (the “message channel closed” path)', async () => {
    const sdk = fakeSdk(controlPage);
    await sdk.setNetwork('stalled');
    const popup = await browser.openPage('popup.html');
    await expect.poll(() => popup.locator('.yb-status__label').innerText(), { timeout: 10_000 }).toBe('Ready');
    await popup.getByLabel('Phone number').fill('03-9876-5432');
    await popup.getByRole('button', { name: 'Call', exact: true }).click();
    await expect.poll(() => popup.locator('.yb-in-call').innerText(), { timeout: 5_000 }).toContain('Calling…');

    await popup.getByRole('switch').click();
    expect((await until(state, (s) => s.status === 'offline' && s.calls.current.kind === 'idle')).calls.current.kind).toBe('idle');
    await new Promise((resolve) => setTimeout(resolve, 500));
    const text = await popup.locator('body').innerText();
    expect(text).not.toMatch(/message channel|listener indicated/i);
    expect(await popup.locator('.yb-wrap-up, textarea').count()).toBe(0);
    expect((await state()).calls.current.kind).toBe('idle');
    await sdk.setNetwork('up');
    await popup.close();
  });
});
