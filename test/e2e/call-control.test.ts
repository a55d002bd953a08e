/// <reference types="node" />
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { COLLEAGUES, CUSTOMER, liveCallOf, matchRecord, startCallWorld, SUPPORT, type CallWorld } from './support/call-world';
import { launchWithExtension, sendFromPage, type LaunchedExtension } from './support/extension';
import { pageUi } from './support/page-ui';
import { addRep, LEAD_PATH, REP, signInAndGoOnline, stateFrom, until, type State } from './support/rep';
import { screenshot } from './support/screenshots';
import { startFixtureServer } from './support/servers';

// Call control with the built extension in Chromium: the rep's phone is the fake Voice SDK, linked to
// the Twilio emulator's device for the rep; the server is the real one, steering the emulator's
// conference rooms over its REST API. Each test asserts on what the rep sees and on who hears whom.

let browser: LaunchedExtension;
let world: CallWorld;
let fixtures: { port: number; close(): Promise<void> };
let controlPage: Page;
let state: () => Promise<State>;
const leadUrl = () => `https://crm.zoho.jp:${fixtures.port}${LEAD_PATH}`;

beforeAll(async () => {
  world = await startCallWorld();
  await addRep(world.server);
  fixtures = await startFixtureServer({ [LEAD_PATH]: fileURLToPath(new URL('../fixtures/crm-pages/zoho-record-lead.html', import.meta.url)) });
  browser = await launchWithExtension({ loopbackHosts: ['crm.zoho.jp'] });
  controlPage = await browser.openPage('microphone.html');
  state = stateFrom(controlPage);
  await signInAndGoOnline(controlPage, world.server.url);
  world.linkPhone(controlPage, REP.id);
});

afterAll(async () => {
  await browser?.close();
  await fixtures?.close();
  await world?.close();
});

/** Whatever a test left behind: the customer hangs up, the after-call note is skipped. */
afterEach(async () => {
  await world.twilio(async (twilio) => {
    for (const leg of twilio.legs()) if (!leg.ended && leg.from === CUSTOMER) await leg.hangUp();
  });
  const now = await until(state, (s) => s.calls.current.kind === 'idle' || s.calls.current.kind === 'wrap-up');
  if (now.calls.current.kind === 'wrap-up') await sendFromPage(controlPage, { type: 'finishWrapUp' });
  await until(state, (s) => s.calls.current.kind === 'idle');
  await world.twilio((twilio) => {
    for (const colleague of Object.values(COLLEAGUES)) twilio.device(colleague.id).ignore().hangUpAfter(null);
  });
});

async function setLanguage(language: 'ja' | 'en') {
  await controlPage.evaluate((value) => (globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void> } } } }).chrome.storage.local.set({ languageOverride: value }), language);
}

async function openPopup(): Promise<Page> {
  const popup = await browser.context.newPage();
  await popup.setViewportSize({ width: 400, height: 760 });
  await popup.goto(browser.url('popup.html'));
  return popup;
}

/** A customer calls 営業直通 (menu 営業 › 新規); the rep answers in the popup; resolves once the call is live in its room. */
async function answeredInPopup(popup: Page, accept = 'Accept'): Promise<string> {
  await world.customerCalls();
  await popup.locator('.yb-incoming').waitFor({ timeout: 20_000 });
  await popup.locator('.yb-incoming').getByRole('button', { name: accept }).click();
  const callSid = (await until(state, (s) => s.calls.current.kind === 'in-call')).calls.current.call!.callSid!;
  await popup.locator('.yb-parties').waitFor({ timeout: 15_000 });
  return callSid;
}

describe('call control in the popup (English)', () => {
  beforeAll(() => setLanguage('en'));

  it('holds the caller with the number’s music and shows the hold time; Resume brings them back', async () => {
    const popup = await openPopup();
    const callSid = await answeredInPopup(popup);
    expect(await world.hearing(callSid)).toEqual({ customer: `hears rep:${REP.id}`, [`rep:${REP.id}`]: 'hears customer' });

    await popup.getByRole('button', { name: 'Hold', exact: true }).click();
    await popup.getByRole('button', { name: 'Resume' }).waitFor({ timeout: 10_000 });
    expect((await world.hearing(callSid)).customer).toBe('hold');
    await expect.poll(() => popup.getByRole('timer', { name: 'Time on hold' }).innerText(), { timeout: 5_000 }).toMatch(/^00:0[1-9]$/);
    expect(await popup.locator('.yb-parties').innerText()).toMatch(/Customer 090-1111-2222\s*On hold/);
    await screenshot(popup, 'en-in-call-hold');

    await popup.getByRole('button', { name: 'Resume' }).click();
    await popup.getByRole('button', { name: 'Hold', exact: true }).waitFor({ timeout: 10_000 });
    expect((await world.hearing(callSid)).customer).toBe(`hears rep:${REP.id}`);
    await popup.close();
  });
});
