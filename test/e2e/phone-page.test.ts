/// <reference types="node" />
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardParameters, type CallCard } from '../../server/voice/client-card.ts';
import { crmMatchCard } from '../../server/crm/caller-match.ts';
import { closedRoot, type ClosedRoot } from './support/closed-shadow';
import { sendFromPage, type LaunchedExtension } from './support/extension';
import { fakeSdk } from './support/fake-sdk-driver';
import { LEAD_PATH, sdkCallsFromNow, signInAndGoOnline, until, type State } from './support/rep';
import { openRepDesk, type RepDesk } from './support/rep-desk';
import type { RunningServer } from './support/servers';

// The rep at work on a Zoho CRM record (a saved page served as crm.zoho.jp): call buttons, the call card
// over the page, the page's dialer, and the popup's dialer. Real Chromium, real server; only the SDK is fake.
const LEAD_NAME = '山田 太郎';
const NEXT_LEAD_PATH = '/crm/org90000001/tab/Leads/4876876000000999001';

let browser: LaunchedExtension;
let server: RunningServer;
let fixtures: { port: number; close(): Promise<void> };
let controlPage: Page;
let state: () => Promise<State>;
let desk: RepDesk;
const leadUrl = () => `https://crm.zoho.jp:${fixtures.port}${LEAD_PATH}`;

/** The ringing leg as the server's TwiML describes it, delivered to the (fake) SDK. */
async function ring(overrides: Partial<CallCard> = {}) {
  const parameters = cardParameters({
    parentCallSid: `CA${Math.random().toString(16).slice(2).padEnd(32, '0').slice(0, 32)}`,
    from: '+819012345678',
    calledNumber: '+81501234567',
    calledLabel: '代表番号',
    ivrPath: ['営業', '新規'],
    ...overrides,
  });
  await fakeSdk(controlPage).send({
    cmd: 'incoming',
    parameters: { From: overrides.from ?? '+819012345678', To: 'client:rep_sato' },
    customParameters: Object.fromEntries(parameters.map(({ name, value }) => [name, value])),
  });
}

/** A Zoho record page with our call buttons and the launcher, and a way into the page UI's closed root. */
async function openLead(): Promise<{ page: Page; ui: ClosedRoot }> {
  const page = await browser.context.newPage();
  await page.goto(leadUrl());
  await page.locator('yobidashi-call-button').first().waitFor({ timeout: 15_000 });
  await page.locator('yobidashi-page-ui').waitFor({ state: 'attached', timeout: 10_000 });
  const ui = await closedRoot(page, 'yobidashi-page-ui');
  await expect.poll(() => ui.count('.yb-launcher'), { timeout: 10_000 }).toBe(1);
  return { page, ui };
}

/**
 * The rep's click on Accept, once the browser has vouched for what the rep sees, as the page UI's sight
 * check asks it: the card seen, or (`seen: false`) covered, faded or moved away by the page.
 */
async function clickAccept(ui: ClosedRoot, { seen }: { seen: boolean }) {
  await ui.waitForSight('.yb-page-card', { seen });
  await ui.clickButton('.yb-incoming', 'Accept');
}

async function backToIdle() {
  const now = await state();
  if (now.calls.current.kind === 'wrap-up') await sendFromPage(controlPage, { type: 'finishWrapUp' });
  else if (now.calls.current.kind !== 'idle') await sendFromPage(controlPage, { type: 'hangUp' });
  await until(state, (s) => s.calls.current.kind === 'wrap-up' || s.calls.current.kind === 'idle');
  await sendFromPage(controlPage, { type: 'finishWrapUp' });
  expect((await until(state, (s) => s.calls.current.kind === 'idle')).calls.current.kind).toBe('idle');
}

beforeAll(async () => {
  ({ server, fixtures, browser, controlPage, state } = desk = await openRepDesk({ morePaths: [NEXT_LEAD_PATH] }));
  await signInAndGoOnline(controlPage, server.url);
});

afterAll(() => desk?.close());

describe('on a Zoho CRM record page', () => {
  it('a click on a call button makes the phone connect with the number, the record and the rep’s language', async () => {
    const { page, ui } = await openLead();
    const sdk = await sdkCallsFromNow(controlPage);
    await page.locator('yobidashi-call-button').first().click();

    const log = await sdk.waitFor((entries) => entries.some((entry) => entry.method === 'connect'));
    expect(log.find((entry) => entry.method === 'connect')?.args[0]).toEqual({
      To: '+81312345678',
      crm: 'zoho',
      crmModule: 'Leads',
      crmId: '4876876000000456789',
      crmName: LEAD_NAME,
      crmUrl: leadUrl(),
      language: 'en-US',
    });
    // The in-call card over the page, with the record, and its hang-up button works the call.
    await expect.poll(() => ui.text('.yb-in-call'), { timeout: 10_000 }).toContain('03-1234-5678');
    expect(await ui.text('.yb-in-call')).toContain(LEAD_NAME);
    await ui.clickButton('.yb-in-call', 'Hang up');
    await sdk.waitFor((entries) => entries.some((entry) => entry.method === 'call.disconnect'));
    await backToIdle();
    await page.close();
  });

  it('shows an incoming call on the page with the caller, the IVR path and the CRM record; Accept answers', async () => {
    const { page, ui } = await openLead();
    const sdk = await sdkCallsFromNow(controlPage);
    await ring({ crmMatch: { status: 'matched', module: 'Leads', id: '4876876000000456789', name: LEAD_NAME, url: leadUrl(), others: [] } });

    await expect.poll(() => ui.count('.yb-incoming'), { timeout: 10_000 }).toBe(1);
    const text = await ui.text('.yb-incoming');
    expect(text).toContain('090-1234-5678');
    expect(text).toContain('営業 › 新規');
    expect(text).toContain('代表番号');
    expect(await ui.evaluate((root) => root.querySelector('.yb-incoming a.yb-record')?.getAttribute('href'))).toBe(leadUrl());
    // The page shows the card itself: no system notification on top, and nothing of it in the page's reach.
    expect(await page.evaluate(() => document.body.innerText)).not.toContain('090-1234-5678');
    expect(await page.evaluate(() => document.querySelector('yobidashi-page-ui')?.shadowRoot ?? null)).toBeNull();

    await clickAccept(ui, { seen: true });
    await sdk.waitFor((entries) => entries.some((entry) => entry.method === 'call.accept'));
    expect((await until(state, (s) => s.calls.current.kind === 'in-call')).calls.current.call?.record?.name).toBe(LEAD_NAME);
    await expect.poll(() => ui.count('.yb-in-call'), { timeout: 5_000 }).toBe(1);
    await ui.clickButton('.yb-in-call', 'Mute');
    await sdk.waitFor((entries) => entries.some((entry) => entry.method === 'call.mute' && entry.args[0] === true));
    await ui.clickButton('.yb-in-call', 'Hang up');
    await sdk.waitFor((entries) => entries.some((entry) => entry.method === 'call.disconnect'));
    await backToIdle();
    await page.close();
  });

  it('shows a withheld caller as Anonymous; Decline rejects only this rep’s leg', async () => {
    const { page, ui } = await openLead();
    const sdk = await sdkCallsFromNow(controlPage);
    // As the server describes a withheld caller: nobody to look up (caller-match.ts answers `none`).
    await ring({ from: '+266696687', ivrPath: [], crmMatch: crmMatchCard({ status: 'none' }) });
    await expect.poll(() => ui.count('.yb-incoming'), { timeout: 10_000 }).toBe(1);
    expect(await ui.text('.yb-incoming h2')).toMatch(/^(Anonymous|非通知)$/);
    expect(await ui.text('.yb-incoming')).toContain('No matching record');

    await ui.clickButton('.yb-incoming', 'Decline');
    const log = await sdk.waitFor((entries) => entries.some((entry) => entry.method === 'call.reject'));
    // The SDK's reject() refuses this client's leg only; nothing hangs up the caller or other reps' legs.
    expect(log.map((entry) => entry.method).filter((method) => method.startsWith('call.'))).toEqual(['call.reject']);
    expect((await until(state, (s) => s.calls.current.kind === 'idle')).calls.current.kind).toBe('idle');
    await expect.poll(() => ui.count('.yb-incoming'), { timeout: 5_000 }).toBe(0);
    await page.close();
  });

  it('keeps its look whatever the page’s stylesheet says about it; a click on the card in plain sight answers', async () => {
    const { page, ui } = await openLead();
    const sdk = await sdkCallsFromNow(controlPage);
    await page.addStyleTag({
      content: 'yobidashi-page-ui { opacity: 0 !important; visibility: hidden !important; transform: scale(0) !important; filter: opacity(0) !important; }',
    });
    await page.evaluate(() => document.querySelector('yobidashi-page-ui')!.setAttribute('style', 'opacity: 0 !important; display: none !important'));
    await ring();
    await expect.poll(() => ui.count('.yb-incoming'), { timeout: 10_000 }).toBe(1);
    const look = await page.evaluate(() => {
      const style = getComputedStyle(document.querySelector('yobidashi-page-ui')!);
      return [style.opacity, style.visibility, style.transform, style.filter, style.display];
    });
    expect(look).toEqual(['1', 'visible', 'none', 'none', 'block']);
    await clickAccept(ui, { seen: true });
    await sdk.waitFor((entries) => entries.some((entry) => entry.method === 'call.accept'));
    await backToIdle();
    await page.close();
  });

  it.each([
    [
      'covered by the page’s own element that lets clicks through',
      () => {
        const cover = document.createElement('div');
        cover.id = 'bait';
        cover.textContent = 'Click here to claim your prize';
        cover.setAttribute('style', 'position:fixed;inset:0;z-index:2147483647;background:#fff;pointer-events:none');
        document.documentElement.append(cover);
      },
    ],
    [
      'made transparent by fading the page around it',
      () => {
        document.documentElement.style.setProperty('opacity', '0.02', 'important');
      },
    ],
    [
      'moved into a transparent element of the page',
      () => {
        const box = document.createElement('div');
        box.id = 'bait';
        box.setAttribute('style', 'opacity:0');
        document.body.append(box);
        box.append(document.querySelector('yobidashi-page-ui')!);
      },
    ],
  ] as [string, () => void][])('does not answer a click on a card %s; the shortcut still answers', async (_case, hide) => {
    const { page, ui } = await openLead();
    const sdk = await sdkCallsFromNow(controlPage);
    await ring();
    await expect.poll(() => ui.count('.yb-incoming'), { timeout: 10_000 }).toBe(1);
    await page.evaluate(hide);
    await clickAccept(ui, { seen: false });
    await expect.poll(() => ui.text('[role="alert"]'), { timeout: 5_000 }).toContain('Alt+Shift+A');
    expect((await sdk.entries()).map((entry) => entry.method)).not.toContain('call.accept');
    expect((await state()).calls.current.kind).toBe('incoming');

    // Alt+Shift+A is a browser shortcut, out of any page's reach (and of Playwright's: it drives web
    // content only). It makes the background answer the ringing call: `accept` with no call named.
    expect(await sendFromPage(controlPage, { type: 'accept' })).toEqual({ ok: true, value: null });
    await sdk.waitFor((entries) => entries.some((entry) => entry.method === 'call.accept'));
    await backToIdle();
    await page.close();
  });

  it('follows a single-page navigation: the new record’s numbers get buttons, none twice', async () => {
    const { page } = await openLead();
    const buttonsPerValue = () =>
      page.evaluate(() =>
        [...document.querySelectorAll('span.cxPhoneViewValue')].map((value) => {
          let count = 0;
          for (let next = value.nextSibling; next && next.nodeName === 'YOBIDASHI-CALL-BUTTON'; next = next.nextSibling) count++;
          return `${value.textContent?.trim()}:${count}`;
        }),
      );
    await expect.poll(buttonsPerValue, { timeout: 10_000 }).toContain('03-1234-5678:1');

    // Zoho swaps the record in place: a pushState and new field values, no reload.
    await page.evaluate((path) => {
      history.pushState({}, '', path);
      document.querySelector('[data-zcqa="entityName"]')!.textContent = '鈴木 一郎';
      const values = document.querySelectorAll('span.cxPhoneViewValue');
      values[0]!.textContent = '06-6543-2100';
      const extra = document.createElement('span');
      extra.className = 'cxPhoneViewValue lvPhFld';
      extra.textContent = '045-222-3333';
      values[0]!.parentElement!.append(document.createElement('br'), extra);
    }, NEXT_LEAD_PATH);

    await expect.poll(buttonsPerValue, { timeout: 10_000 }).toEqual(expect.arrayContaining(['06-6543-2100:1', '045-222-3333:1']));
    // A second re-render of the same values must not add buttons either.
    await page.evaluate(() => {
      const value = [...document.querySelectorAll('span.cxPhoneViewValue')].find((node) => node.textContent === '045-222-3333')!;
      value.textContent = '045-222-3333';
    });
    await new Promise((resolve) => setTimeout(resolve, 700));
    const counts = await buttonsPerValue();
    expect(counts.filter((entry) => !entry.endsWith(':0') && !entry.endsWith(':1')), counts.join(', ')).toEqual([]);
    expect(await page.locator('yobidashi-page-ui').count()).toBe(1);

    // The button dials with the record the page shows now.
    const sdk = await sdkCallsFromNow(controlPage);
    await page.locator('yobidashi-call-button').first().click();
    const log = await sdk.waitFor((entries) => entries.some((entry) => entry.method === 'connect'));
    expect(log.find((entry) => entry.method === 'connect')?.args[0]).toMatchObject({
      To: '+81665432100',
      crmId: '4876876000000999001',
      crmName: '鈴木 一郎',
    });
    await backToIdle();
    await page.close();
  });

  it('the page’s launcher opens a dialer that calls a typed number', async () => {
    const { page, ui } = await openLead();
    // Until the rep opens it, the page has the launcher only: the page UI (Preact, its stylesheet) is not loaded.
    expect(await ui.count('style')).toBe(1);
    await ui.clickButton('.yb-launcher', /Open dialer/);
    await expect.poll(() => ui.count('.yb-launcher input[type="tel"], .yb-launcher input'), { timeout: 10_000 }).toBeGreaterThan(0);
    await ui.click('.yb-launcher input');
    await page.keyboard.type('0120-123-456');
    expect(await ui.count('style')).toBe(2);
    const sdk = await sdkCallsFromNow(controlPage);
    await ui.clickButton('.yb-launcher', 'Call');
    const log = await sdk.waitFor((entries) => entries.some((entry) => entry.method === 'connect'));
    expect(log.find((entry) => entry.method === 'connect')?.args[0]).toEqual({ To: '+81120123456', language: 'en-US' });
    await backToIdle();
    await page.close();
  });
});

describe('the popup dialer', () => {
  it('calls a typed number with the right To', async () => {
    const popup = await browser.openPage('popup.html');
    await expect.poll(() => popup.locator('.yb-status__label').innerText(), { timeout: 10_000 }).toBe('Ready');
    await popup.getByLabel('Phone number').fill('０３－９８７６－５４３２');
    expect(await popup.getByLabel('Phone number').inputValue()).toBe('03-9876-5432');
    const sdk = await sdkCallsFromNow(controlPage);
    await popup.getByRole('button', { name: 'Call', exact: true }).click();
    const log = await sdk.waitFor((entries) => entries.some((entry) => entry.method === 'connect'));
    expect(log.find((entry) => entry.method === 'connect')?.args[0]).toEqual({ To: '+81398765432', language: 'en-US' });
    await expect.poll(() => popup.locator('.yb-in-call').innerText(), { timeout: 10_000 }).toContain('03-9876-5432');
    await popup.getByRole('button', { name: 'Hang up' }).click();
    await backToIdle();
    await popup.close();
  });
});
