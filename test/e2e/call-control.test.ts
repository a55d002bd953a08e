/// <reference types="node" />
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { COLLEAGUES, liveCallOf, matchRecord, MATCHED, startCallWorld, SUPPORT, type CallWorld } from './support/call-world';
import { sendFromPage, type LaunchedExtension } from './support/extension';
import { pageUi, type PageUi } from './support/page-ui';
import { LEAD_PATH, REP, signInAndGoOnline, until, type State } from './support/rep';
import { openRepDesk, type RepDesk } from './support/rep-desk';
import { screenshot } from './support/screenshots';

// Call control with the built extension in Chromium: the rep's phone is the fake Voice SDK, linked to
// the Twilio emulator's device for the rep; the server is the real one, steering the emulator's
// conference rooms over its REST API. Each test asserts on what the rep sees and on who hears whom.

let browser: LaunchedExtension;
let world: CallWorld;
let fixtures: { port: number; close(): Promise<void> };
let controlPage: Page;
let state: () => Promise<State>;
let desk: RepDesk;
const leadUrl = () => `https://crm.zoho.jp:${fixtures.port}${LEAD_PATH}`;

beforeAll(async () => {
  world = await startCallWorld();
  ({ fixtures, browser, controlPage, state } = desk = await openRepDesk({ server: world.server }));
  await signInAndGoOnline(controlPage, world.server.url);
  world.linkPhone(controlPage, REP.id);
});

afterAll(async () => {
  await desk?.close();
  await world?.close();
});

/** Whatever a test left behind: the customer hangs up, the after-call note is skipped. */
afterEach(async () => {
  await world.customerHangsUp();
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

/** The Zoho record page with our call buttons, and its page UI. */
async function openLead(): Promise<{ page: Page; ui: PageUi }> {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1280, height: 860 });
  await page.goto(leadUrl());
  await page.locator('yobidashi-call-button').first().waitFor({ timeout: 15_000 });
  return { page, ui: pageUi(page) };
}

/** The page card's rectangle, for its picture. */
const cardRect = (ui: PageUi) => () =>
  ui.evaluate((root) => {
    const card = root.querySelector('.yb-page-card');
    if (!card) return null;
    const rect = card.getBoundingClientRect();
    return { x: rect.x, y: rect.y, width: rect.width, height: rect.height };
  });

const callSidNow = async () => (await until(state, (s) => s.calls.current.kind === 'in-call')).calls.current.call!.callSid!;

/** A customer calls 営業直通 (menu 営業 › 新規); the rep answers in the popup; resolves once the call is live in its room. */
async function answeredInPopup(popup: Page, accept = 'Accept'): Promise<string> {
  await world.customerCalls();
  await popup.locator('.yb-incoming').waitFor({ timeout: 20_000 });
  await popup.locator('.yb-incoming').getByRole('button', { name: accept }).click();
  const callSid = await callSidNow();
  await popup.locator('.yb-parties').waitFor({ timeout: 15_000 });
  return callSid;
}

/** Opens the transfer (or add) panel in the popup and picks a colleague, found by a search. */
async function pickInPopup(popup: Page, button: string, search: string, colleague: RegExp) {
  await popup.getByRole('button', { name: button, exact: true }).click();
  await popup.locator('.yb-colleague').first().waitFor({ timeout: 20_000 });
  await popup.locator('.yb-picker input[type="search"]').fill(search);
  await expect.poll(() => popup.locator('.yb-colleague').count(), { timeout: 5_000 }).toBe(1);
  await popup.getByRole('radio', { name: colleague }).check();
}

/** A colleague without a browser picks up once their phone rings (Twilio adds a participant a moment after it says so). */
async function answerWhenRinging(identity: string) {
  await world.waitFor(() => world.twilio((twilio) => twilio.device(identity).ringing.length), (ringing) => ringing > 0);
  await world.twilio((twilio) => twilio.device(identity).answer());
}

const hears = (callSid: string, who: string, what: string) => world.waitFor(() => world.hearing(callSid), (room) => room[who] === what);
const backToIdle = () => until(state, (s) => s.calls.current.kind !== 'in-call', 15_000);

describe('call control in the popup (English)', () => {
  beforeAll(() => setLanguage('en'));

  it('holds the caller with the number’s music and shows the hold time; Resume brings them back', async () => {
    const popup = await openPopup();
    const callSid = await answeredInPopup(popup);
    expect(await world.hearing(callSid)).toEqual({ customer: `hears rep:${REP.id}`, [`rep:${REP.id}`]: 'hears customer' });

    await popup.getByRole('button', { name: 'Hold', exact: true }).click();
    await popup.getByRole('button', { name: 'Resume' }).waitFor({ timeout: 20_000 });
    expect((await world.hearing(callSid)).customer).toBe('hold');
    await expect.poll(() => popup.getByRole('timer', { name: 'Time on hold' }).innerText(), { timeout: 5_000 }).toMatch(/^0:0[1-9]$/);
    expect(await popup.locator('.yb-parties').innerText()).toMatch(/Customer 090-1111-2222\s*On hold/);
    await screenshot(popup, 'en-in-call-hold');

    await popup.getByRole('button', { name: 'Resume' }).click();
    await popup.getByRole('button', { name: 'Hold', exact: true }).waitFor({ timeout: 20_000 });
    expect((await world.hearing(callSid)).customer).toBe(`hears rep:${REP.id}`);
    await popup.close();
  });

  it('transfers blind to a colleague from the list: the caller is with them at once, and the rep gets no after-call note', async () => {
    await world.twilio((twilio) => twilio.device('suzuki').answerAfter(2).hangUpAfter(null));
    const popup = await openPopup();
    const callSid = await answeredInPopup(popup);
    await popup.getByRole('button', { name: 'Transfer', exact: true }).click();
    // Who can take it now first; someone away is listed but cannot be picked.
    const listed = async () => (await popup.locator('.yb-colleague').allInnerTexts()).map((text) => text.replace(/\s+/g, ' '));
    await expect.poll(listed, { timeout: 20_000 }).toHaveLength(4);
    const [first, second, ...away] = await listed();
    expect([first, second].sort()).toEqual(['田中 次郎 Available', '鈴木 一郎 Available']);
    expect(away.sort()).toEqual(['管理 美香 Offline', '高橋 三郎 Offline']);
    expect(await popup.getByRole('radio', { name: /高橋 三郎/ }).isDisabled()).toBe(true);
    await screenshot(popup, 'en-transfer-picker');
    await popup.locator('.yb-picker input[type="search"]').fill('suzuki');
    await expect.poll(() => popup.locator('.yb-colleague').count(), { timeout: 5_000 }).toBe(1);
    await popup.getByRole('radio', { name: /鈴木 一郎/ }).check();
    await popup.getByRole('radio', { name: 'Blind: transfer now' }).check();
    await popup.getByLabel('Note for your colleague (optional)').fill('Asking about the estimate');
    await popup.getByRole('button', { name: 'Transfer now' }).click();

    const after = await backToIdle();
    expect(after.calls.current.kind).toBe('idle');
    await hears(callSid, 'customer', 'hears rep:suzuki');
    const invite = await world.twilio((twilio) => twilio.device('suzuki').invites.at(-1)!.customParameters);
    expect(invite).toMatchObject({ invitePurpose: 'transfer', invitedBy: REP.id, invitedByName: REP.name, transferNote: 'Asking about the estimate', parentCallSid: callSid });
    await popup.getByRole('button', { name: 'Call', exact: true }).waitFor();
    expect(await popup.locator('body').innerText()).not.toContain('Call ended: add a note');
    await popup.close();
  });

  it('consults a colleague while the caller waits on hold, then completes the transfer', async () => {
    await world.twilio((twilio) => twilio.device('suzuki').live());
    const popup = await openPopup();
    const callSid = await answeredInPopup(popup);
    await pickInPopup(popup, 'Transfer', 'suzuki', /鈴木 一郎/);
    expect(await popup.getByRole('radio', { name: 'Consult first, then transfer' }).isChecked()).toBe(true);
    await popup.getByRole('button', { name: 'Call to consult' }).click();

    await expect.poll(() => popup.locator('.yb-consult').innerText(), { timeout: 20_000 }).toContain('Ringing 鈴木 一郎… the customer is on hold.');
    expect(await popup.getByRole('button', { name: 'Complete transfer' }).isDisabled()).toBe(true);
    await hears(callSid, 'customer', 'hold');
    await answerWhenRinging('suzuki');
    await expect.poll(() => popup.locator('.yb-consult').innerText(), { timeout: 20_000 }).toContain('Talking with 鈴木 一郎. The customer is on hold.');
    expect(await world.hearing(callSid)).toMatchObject({ customer: 'hold', [`rep:${REP.id}`]: 'hears rep:suzuki', 'rep:suzuki': `hears rep:${REP.id}` });
    await screenshot(popup, 'en-consult');

    await popup.getByRole('button', { name: 'Complete transfer' }).click();
    expect((await backToIdle()).calls.current.kind).toBe('idle');
    await hears(callSid, 'customer', 'hears rep:suzuki');
    expect((await liveCallOf(world, 'suzuki', callSid)).ownerId).toBe('suzuki');
    await popup.close();
  });

  it('is back with the caller, who never dropped, when the colleague declines the consult', async () => {
    await world.twilio((twilio) => twilio.device('suzuki').decline(3));
    const popup = await openPopup();
    const callSid = await answeredInPopup(popup);
    await pickInPopup(popup, 'Transfer', 'suzuki', /鈴木 一郎/);
    await popup.getByRole('button', { name: 'Call to consult' }).click();
    await popup.locator('.yb-consult').waitFor({ timeout: 20_000 });
    await popup.locator('.yb-consult').waitFor({ state: 'detached', timeout: 15_000 });
    await hears(callSid, 'customer', `hears rep:${REP.id}`);
    expect((await state()).calls.current.kind).toBe('in-call');
    expect(await popup.getByRole('button', { name: 'Hold', exact: true }).isEnabled()).toBe(true);
    await popup.close();
  });

  it('adds a colleague to the call; the rep leaves and the others carry on, with no note for the rep', async () => {
    await world.twilio((twilio) => twilio.device('tanaka').answerAfter(2).hangUpAfter(null));
    const popup = await openPopup();
    const callSid = await answeredInPopup(popup);
    await pickInPopup(popup, 'Add to call', 'tanaka', /田中 次郎/);
    await popup.getByRole('button', { name: 'Add', exact: true }).click();
    await expect.poll(() => popup.locator('.yb-parties').innerText(), { timeout: 15_000 }).toMatch(/田中 次郎\s*Talking/);
    expect(await world.hearing(callSid)).toMatchObject({ customer: `hears rep:${REP.id}, rep:tanaka` });

    await popup.getByRole('button', { name: 'Leave', exact: true }).click();
    expect((await backToIdle()).calls.current.kind).toBe('idle');
    await hears(callSid, 'customer', 'hears rep:tanaka');
    await popup.close();
  });

  it('refuses an outside number the toll-fraud guard does not allow, and says why', async () => {
    const popup = await openPopup();
    const callSid = await answeredInPopup(popup);
    await popup.getByRole('button', { name: 'Transfer', exact: true }).click();
    await popup.getByRole('radio', { name: 'A phone number' }).check();
    await popup.getByLabel('Phone number', { exact: true }).fill('0990-123-456');
    await popup.getByRole('button', { name: 'Call to consult' }).click();
    await expect.poll(() => popup.locator('.yb-call-control [role="alert"]').innerText(), { timeout: 20_000 }).toBe(
      'This number cannot be called from here. Ask your admin which countries are allowed.',
    );
    expect((await world.hearing(callSid)).customer).toBe(`hears rep:${REP.id}`);
    await popup.close();
  });
});

describe('call control on a Zoho record page (日本語)', () => {
  beforeAll(() => setLanguage('ja'));

  it('保留して、相談してから転送し、取りやめてお客様に戻る', async () => {
    await world.twilio((twilio) => twilio.device('suzuki').live());
    const { page, ui } = await openLead();
    await world.customerCalls();
    await expect.poll(() => ui.count('.yb-incoming'), { timeout: 20_000 }).toBe(1);
    await ui.clickButton('.yb-incoming', '応答');
    const callSid = await callSidNow();
    await expect.poll(() => ui.count('.yb-parties'), { timeout: 15_000 }).toBe(1);

    await ui.clickButton('.yb-in-call', '保留');
    await expect.poll(() => ui.text('.yb-hold'), { timeout: 20_000 }).toMatch(/保留中\s*\d+:\d\d/);
    expect((await world.hearing(callSid)).customer).toBe('hold');
    await screenshot(page, 'ja-in-call-hold', { rect: cardRect(ui) });
    await ui.clickButton('.yb-in-call', '保留解除');
    await hears(callSid, 'customer', `hears rep:${REP.id}`);
    await expect.poll(() => ui.count('.yb-hold'), { timeout: 20_000 }).toBe(0);

    await ui.clickButton('.yb-in-call__controls', '転送');
    await expect.poll(() => ui.count('.yb-colleague'), { timeout: 20_000 }).toBe(4);
    expect(await ui.text('.yb-picker__list')).toMatch(/鈴木 一郎\s*対応可能[\s\S]*高橋 三郎\s*オフライン/);
    await ui.click('.yb-colleague input[value="suzuki"]');
    await ui.type('.yb-picker textarea', '見積もりの件です');
    await screenshot(page, 'ja-transfer-picker', { rect: cardRect(ui) });
    await ui.clickButton('.yb-picker', '呼び出して相談');
    await expect.poll(() => ui.text('.yb-consult'), { timeout: 20_000 }).toContain('鈴木 一郎さんを呼び出しています… お客様は保留中です。');
    await answerWhenRinging('suzuki');
    await expect.poll(() => ui.text('.yb-consult'), { timeout: 20_000 }).toContain('鈴木 一郎さんと相談中です。お客様は保留中です。');
    expect(await ui.text('.yb-parties')).toMatch(/お客様 090-1111-2222\s*保留中[\s\S]*佐藤 花子 （あなた）\s*通話中[\s\S]*鈴木 一郎\s*通話中/);
    await screenshot(page, 'ja-consult', { rect: cardRect(ui) });

    await ui.clickButton('.yb-consult', '転送をやめてお客様に戻る');
    await hears(callSid, 'customer', `hears rep:${REP.id}`);
    await expect.poll(() => ui.count('.yb-consult'), { timeout: 20_000 }).toBe(0);
    expect(await world.twilio((twilio) => twilio.device('suzuki').connected)).toEqual([]);
    await page.close();
  });

  it('転送先が応答しないと、担当者に呼び戻しの着信が来る', async () => {
    await world.twilio((twilio) => twilio.device('suzuki').decline(2));
    const popup = await openPopup();
    const callSid = await answeredInPopup(popup, '応答');
    await pickInPopup(popup, '転送', 'suzuki', /鈴木 一郎/);
    await popup.getByRole('radio', { name: 'ブラインド転送（すぐに転送）' }).check();
    await popup.getByRole('button', { name: '今すぐ転送' }).click();
    await backToIdle();
    await expect.poll(() => popup.locator('.yb-incoming .yb-invite__from').innerText().catch(() => ''), { timeout: 20_000 }).toBe(
      '転送先が応答しませんでした。お客様の通話に戻ります',
    );
    await popup.locator('.yb-incoming').getByRole('button', { name: '応答' }).click();
    await hears(callSid, 'customer', `hears rep:${REP.id}`);
    await popup.close();
  });
});

describe('the card of a call a colleague transferred to the rep', () => {
  it.each([
    ['ja', '鈴木 一郎さんからの転送', '引き継ぎメモ：お見積もりの件です。', 'メニューの選択：サポート'],
    ['en', 'Transferred by 鈴木 一郎', 'Note: お見積もりの件です。', 'Menu choices: サポート'],
  ] as const)('in %s: who transferred it, the caller, the CRM match, the menu path and the note; the rep who finishes writes the note', async (language, headline, note, path) => {
    await setLanguage(language);
    await world.twilio((twilio) => twilio.device('suzuki').answerAfter(2).hangUpAfter(null));
    const { page, ui } = await openLead();
    const call = await world.customerCalls(SUPPORT);
    await world.waitFor(() => liveCallOf(world, 'suzuki', call.sid).catch(() => null), (live) => live?.state === 'live', 30_000);
    await matchRecord(world, call.sid);
    const sent = await world.act('suzuki', 'POST', `/api/calls/${call.sid}/transfer`, { to: { user: REP.id }, mode: 'blind', note: 'お見積もりの件です。' });
    expect(sent.status).toBe(200);

    await expect.poll(() => ui.count('.yb-incoming'), { timeout: 20_000 }).toBe(1);
    expect(await ui.text('.yb-incoming .yb-invite__from')).toBe(headline);
    expect(await ui.text('.yb-incoming .yb-invite__note')).toBe(note);
    expect(await ui.text('.yb-incoming h2')).toBe('090-1111-2222');
    // Its text as a screen reader reads it (innerText breaks the line around the visually hidden label).
    expect(await ui.evaluate((root) => root.querySelector('.yb-incoming .yb-ivr-path')?.textContent)).toBe(path);
    expect(await ui.evaluate((root) => root.querySelector('.yb-incoming a.yb-record')?.getAttribute('href'))).toBe(MATCHED.url);
    await screenshot(page, `${language}-transferred-card`, { rect: cardRect(ui) });

    await ui.clickButton('.yb-incoming', language === 'ja' ? '応答' : 'Accept');
    await hears(call.sid, 'customer', `hears rep:${REP.id}`);
    expect((await liveCallOf(world, 'suzuki', call.sid)).ownerId).toBe(REP.id);
    // The caller hangs up: the call was this rep's at the end, so the after-call note is theirs.
    await world.twilio((twilio) => twilio.leg(call.sid).hangUp());
    expect((await until(state, (s) => s.calls.current.kind === 'wrap-up', 15_000)).calls.current.kind).toBe('wrap-up');
    await page.close();
  });
});
