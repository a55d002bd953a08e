/// <reference types="node" />
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { liveCallOf, startCallWorld, SUPERVISOR, SUPPORT, type CallWorld } from './support/call-world';
import { launchWithExtension, sendFromPage, type LaunchedExtension } from './support/extension';
import { fakeSdk } from './support/fake-sdk-driver';
import { stateFrom, until, type Reply, type State } from './support/rep';
import { screenshot } from './support/screenshots';

// A supervisor's browser: the Live calls list, and listen / whisper / barge on a colleague's call. The
// monitoring leg rings the supervisor's own (fake) phone, and the extension answers it by itself
// because it asked for it. The rep (鈴木) is the Twilio emulator's device; the room says who hears whom.

let browser: LaunchedExtension;
let world: CallWorld;
let controlPage: Page;
let state: () => Promise<State>;

beforeAll(async () => {
  world = await startCallWorld();
  browser = await launchWithExtension();
  controlPage = await browser.openPage('microphone.html');
  state = stateFrom(controlPage);
  const signIn = await sendFromPage<Reply<State>>(controlPage, { type: 'signIn', serverUrl: world.server.url, email: SUPERVISOR.email, password: SUPERVISOR.password });
  if (!signIn.ok) throw new Error(signIn.error.message);
  await sendFromPage(controlPage, { type: 'setOnline', online: true });
  await until(state, (s) => s.status === 'ready');
  world.linkPhone(controlPage, SUPERVISOR.id);
});

afterAll(async () => {
  await browser?.close();
  await world?.close();
});

afterEach(async () => {
  await world.customerHangsUp();
  await until(state, (s) => s.calls.current.kind === 'idle');
});

async function setLanguage(language: 'ja' | 'en') {
  await controlPage.evaluate((value) => (globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void> } } } }).chrome.storage.local.set({ languageOverride: value }), language);
}

/** A customer calls サポート窓口 and picks サポート; 鈴木 answers; resolves once they talk in the room. */
async function colleagueOnACall(): Promise<string> {
  await world.twilio((twilio) => twilio.device('suzuki').answerAfter(2).hangUpAfter(null));
  const call = await world.customerCalls(SUPPORT);
  await world.waitFor(() => liveCallOf(world, 'suzuki', call.sid).catch(() => null), (live) => live?.state === 'live', 30_000);
  return call.sid;
}

async function openPopup(): Promise<Page> {
  const popup = await browser.context.newPage();
  await popup.setViewportSize({ width: 400, height: 900 });
  await popup.goto(browser.url('popup.html'));
  return popup;
}

const participant = (callSid: string, label: string) =>
  world.twilio((twilio) => {
    const found = twilio.conference(callSid).participant(label);
    return found ? { muted: found.muted, coaching: found.coaching, coached: found.callSidToCoach, status: found.status } : null;
  });

describe('a supervisor (English)', () => {
  beforeAll(() => setLanguage('en'));

  it('sees every live call, listens in (answered by itself), whispers to the rep, barges in and stops', async () => {
    const callSid = await colleagueOnACall();
    const popup = await openPopup();
    const row = popup.locator('.yb-live-call');
    await expect.poll(() => row.locator('.yb-live-call__who').innerText(), { timeout: 20_000 }).toMatch(/鈴木 一郎\s*090-1111-2222/);
    expect((await row.locator('dd').allInnerTexts())[0]).toBe('サポート窓口 › サポート');
    expect((await row.locator('dd').allInnerTexts())[1]).toMatch(/^0:\d\d$/);

    const sdk = fakeSdk(controlPage);
    await row.getByRole('button', { name: 'Listen' }).click();
    // The monitoring leg rings this browser, which answers it by itself: no incoming card, no click.
    await expect.poll(() => popup.locator('.yb-monitoring__title').innerText().catch(() => ''), { timeout: 15_000 }).toMatch(/Monitoring 鈴木 一郎’s call\s*Listen/);
    expect(await popup.locator('.yb-incoming').count()).toBe(0);
    expect((await sdk.log()).log.filter((entry) => entry.method === 'call.accept')).toHaveLength(1);
    // Twilio connects the accepted leg a moment after the SDK's accept (the emulator's clock, not ours).
    await expect.poll(() => participant(callSid, `sup:${SUPERVISOR.id}`), { timeout: 20_000 }).toMatchObject({ muted: true, coaching: false, status: 'connected' });
    expect(await world.hearing(callSid)).toMatchObject({ customer: 'hears rep:suzuki', 'rep:suzuki': 'hears customer' });
    // What the rep sees: the supervisor on the call, listening.
    expect((await liveCallOf(world, 'suzuki', callSid)).parties).toContainEqual(expect.objectContaining({ label: `sup:${SUPERVISOR.id}`, monitor: 'listen' }));
    await screenshot(popup, 'en-supervisor');

    await popup.locator('.yb-monitoring').getByRole('button', { name: 'Whisper' }).click();
    await expect.poll(() => participant(callSid, `sup:${SUPERVISOR.id}`), { timeout: 20_000 }).toMatchObject({ muted: false, coaching: true });
    await world.waitFor(() => world.hearing(callSid), (room) => room['rep:suzuki'] === `hears customer, sup:${SUPERVISOR.id}`);
    expect((await world.hearing(callSid)).customer).toBe('hears rep:suzuki');
    await expect.poll(() => popup.locator('.yb-monitoring').innerText(), { timeout: 20_000 }).toContain('Only the rep hears you.');

    await popup.locator('.yb-monitoring').getByRole('button', { name: 'Barge in' }).click();
    await world.waitFor(() => world.hearing(callSid), (room) => room.customer === `hears rep:suzuki, sup:${SUPERVISOR.id}`);
    await expect.poll(() => popup.locator('.yb-monitoring').innerText(), { timeout: 20_000 }).toContain('Everyone on the call hears you.');

    await popup.locator('.yb-monitoring').getByRole('button', { name: 'Stop monitoring' }).click();
    // The monitoring leg ends with no after-call note; the rep and the caller carry on.
    expect((await until(state, (s) => s.calls.current.kind !== 'in-call', 15_000)).calls.current.kind).toBe('idle');
    await world.waitFor(() => world.hearing(callSid), (room) => room.customer === 'hears rep:suzuki');
    await popup.close();
  });
});

describe('a supervisor (日本語)', () => {
  beforeAll(() => setLanguage('ja'));

  it('通話中の一覧から聞く・ささやく・参加するを選び、モニタリングを終了する', async () => {
    const callSid = await colleagueOnACall();
    const popup = await openPopup();
    await popup.getByRole('heading', { name: '通話中の一覧' }).waitFor({ timeout: 20_000 });
    const row = popup.locator('.yb-live-call');
    await expect.poll(() => row.getByRole('group').getByRole('button').allInnerTexts(), { timeout: 20_000 }).toEqual(['聞く', 'ささやく', '参加する']);
    await row.getByRole('button', { name: 'ささやく' }).click();
    await expect.poll(() => popup.locator('.yb-monitoring__title').innerText().catch(() => ''), { timeout: 15_000 }).toMatch(/鈴木 一郎さんの通話をモニタリング中\s*ささやく/);
    expect(await popup.locator('.yb-monitoring').innerText()).toContain('担当者にだけ聞こえます。');
    await world.waitFor(() => world.hearing(callSid), (room) => room['rep:suzuki'] === `hears customer, sup:${SUPERVISOR.id}`);
    await screenshot(popup, 'ja-supervisor');
    await popup.locator('.yb-monitoring').getByRole('button', { name: 'モニタリングを終了' }).click();
    expect((await until(state, (s) => s.calls.current.kind !== 'in-call', 15_000)).calls.current.kind).toBe('idle');
    await popup.close();
  });
});
