/// <reference types="node" />
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardParameters } from '../../server/voice/client-card.ts';
import { sendFromPage } from './support/extension';
import { REP, sdkCallsFromNow, signInAndGoOnline, until, type State } from './support/rep';
import { openRepDesk, type RepDesk } from './support/rep-desk';

// A call whose network drops or degrades, in a real Chromium with the e2e build: the fake SDK's Call emits
// what the Voice SDK does (fake-voice-sdk.ts: `reconnecting`, `reconnected`, `warning`, `warning-cleared`,
// and past its ICE retries `disconnect` then error 31003), and the popup's call card says so.

let desk: RepDesk;
let controlPage: Page;
let state: () => Promise<State>;
let calls = 0;

/** A caller rings and the rep answers in the popup: the popup, on the call. */
async function answeredInPopup(): Promise<Page> {
  const { sdk } = await sdkCallsFromNow(controlPage);
  const parentCallSid = `CA0000000000000000000000000000n${String(++calls).padStart(2, '0')}`;
  await sdk.send({
    cmd: 'incoming',
    parameters: { From: '+81312345678', To: `client:${REP.id}` },
    customParameters: Object.fromEntries(
      cardParameters({ parentCallSid, from: '+81312345678', calledNumber: '+81501234567', calledLabel: '代表番号', ivrPath: [] }).map(({ name, value }) => [name, value]),
    ),
  });
  await until(state, (s) => s.calls.current.kind === 'incoming');
  const popup = await desk.browser.openPage('popup.html');
  await popup.getByRole('button', { name: 'Accept' }).click();
  await until(state, (s) => s.calls.current.kind === 'in-call');
  await popup.locator('.yb-in-call').waitFor({ timeout: 10_000 });
  return popup;
}

const alertText = (popup: Page) => popup.locator('.yb-in-call [role="alert"]').allInnerTexts();
const statusTexts = (popup: Page) => popup.locator('[role="status"]').allInnerTexts();
const timer = (popup: Page) => popup.locator('[role="timer"]').innerText();

beforeAll(async () => {
  desk = await openRepDesk();
  ({ controlPage, state } = desk);
  await signInAndGoOnline(controlPage, desk.server.url);
});

afterAll(() => desk?.close());

describe('a call whose network drops or degrades', () => {
  it('says “Connection lost. Reconnecting…” while the timer runs on, then quality trouble quietly; the rep can still hang up', async () => {
    const popup = await answeredInPopup();
    const { sdk, waitFor } = await sdkCallsFromNow(controlPage);

    await sdk.send({ cmd: 'reconnecting' });
    await expect.poll(() => alertText(popup), { timeout: 10_000 }).toEqual(['Connection lost. Reconnecting…']);
    const before = await timer(popup);
    await expect.poll(() => timer(popup), { timeout: 5_000 }).not.toBe(before);
    expect(await alertText(popup)).toEqual(['Connection lost. Reconnecting…']);

    await sdk.send({ cmd: 'reconnected' });
    await expect.poll(() => alertText(popup), { timeout: 10_000 }).toEqual([]);

    await sdk.send({ cmd: 'warning', name: 'high-rtt' });
    await expect.poll(() => statusTexts(popup), { timeout: 10_000 }).toContain('Poor call quality: network delay');
    await sdk.send({ cmd: 'warningCleared', name: 'high-rtt' });
    await expect.poll(() => statusTexts(popup), { timeout: 10_000 }).not.toContain('Poor call quality: network delay');

    // Mute and Hang up reach a call being reconnected, and the rep's own hang-up is no network drop.
    await sdk.send({ cmd: 'reconnecting' });
    await expect.poll(() => alertText(popup), { timeout: 10_000 }).toEqual(['Connection lost. Reconnecting…']);
    await popup.getByRole('button', { name: 'Mute' }).click();
    await waitFor((log) => log.some((entry) => entry.method === 'call.mute' && entry.args[0] === true));
    await popup.getByRole('button', { name: 'Hang up' }).click();
    await waitFor((log) => log.some((entry) => entry.method === 'call.disconnect'));
    await until(state, (s) => s.calls.current.kind === 'wrap-up');
    await popup.locator('.yb-wrap-up').waitFor({ timeout: 10_000 });
    expect((await statusTexts(popup)).join('\n')).not.toContain('network dropped');
    await sendFromPage(popup, { type: 'finishWrapUp' });
    await popup.close();
  });

  it('a call that cannot reconnect ends into its wrap-up saying the network dropped it', async () => {
    const popup = await answeredInPopup();
    const { sdk } = await sdkCallsFromNow(controlPage);
    await sdk.send({ cmd: 'reconnecting' });
    await expect.poll(() => alertText(popup), { timeout: 10_000 }).toEqual(['Connection lost. Reconnecting…']);
    await sdk.send({ cmd: 'reconnectFailed' });
    await until(state, (s) => s.calls.current.kind === 'wrap-up');
    await popup.locator('.yb-wrap-up').waitFor({ timeout: 10_000 });
    await expect.poll(() => statusTexts(popup), { timeout: 10_000 }).toContain('The network dropped this call: the other party did not hang up.');
    await sendFromPage(popup, { type: 'finishWrapUp' });
    await popup.close();
  });
});
