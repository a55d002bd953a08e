/// <reference types="node" />
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { callSid, insertCalls } from '../server/analytics/call-rows.ts';
import { startAdminServer, storeIncomingNumber, storeTwilioAsSetUp, type AdminServer } from './support/admin-setup';
import { COLLEAGUES, CUSTOMER, liveCallOf, startCallWorld, SUPERVISOR, TEST_CAST, type CallWorld } from './support/call-world';
import { closedRoot } from './support/closed-shadow';
import { launchWithExtension, sendFromPage, type LaunchedExtension } from './support/extension';
import { HOST, pageUi } from './support/page-ui';
import { addRep, LEAD_PATH, REP, signInAndGoOnline, stateFrom, until, type Reply, type State } from './support/rep';
import { startFixtureServer } from './support/servers';

// axe-core (WCAG 2.1 A and AA rules, and axe's best practices) over every screen of the extension, in
// Japanese and in English, in the states the browser tests can reach: the rep's popup idle (waiting line,
// follow-ups, recent calls, the check list), ringing, on a call (hold, recording paused, the transfer and
// add panels, a consult, someone waiting in line), writing the after-call note; on a Zoho record page our
// call buttons, and in the page UI's closed shadow root (see exposeClosedRoot) the launcher, its dialer,
// the incoming and in-call cards; a supervisor's live calls, monitoring and live board, and the rep's card
// with the supervisor on the call; every page of the options page (sign-in, each setup step, users and
// invitations, CRM, business hours, the IVR builder, the live board, analytics, the call log, My account).
// A failure lists each screen with the rule broken and the selector of every element that breaks it.

const root = fileURLToPath(new URL('../../', import.meta.url));
/** Its own build folder: the other browser test files rebuild theirs and may do so while this one runs. */
const extensionDir = path.join(root, '.output', 'axe-chrome-mv3-e2e');
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
/** WCAG 2.1 A and AA, and axe's best practices (heading order, landmarks), which every screen meets too. */
const RULE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
const LANGUAGES = ['ja', 'en'] as const;
type Language = (typeof LANGUAGES)[number];

function buildExtension(): string {
  if (process.env.YB_E2E_SKIP_BUILD && existsSync(path.join(extensionDir, 'manifest.json'))) return extensionDir;
  const script = `import { build } from 'wxt'; await build({ mode: 'e2e', outDirTemplate: 'axe-{{browser}}-mv{{manifestVersion}}{{modeSuffix}}' });`;
  execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, stdio: 'pipe', env: { ...process.env, FORCE_COLOR: '0' } });
  if (!existsSync(path.join(extensionDir, 'manifest.json'))) throw new Error(`the extension was not built into ${extensionDir}`);
  return extensionDir;
}

/**
 * axe's violations on the page (or inside `include`), one line per rule and element: the rule, its
 * impact, what it asks, the element's selector and what is wrong with it. axe is put in the page over
 * the DevTools protocol: an extension page's CSP refuses an inline <script> (addScriptTag) and eval.
 * `include` is a host whose shadow root axe must enter (exposeClosedRoot): a run that saw nothing
 * inside it is a failure too, never a vacuous pass.
 */
async function axeViolations(page: Page, include?: { selector: string; shadow: boolean }): Promise<string[]> {
  const loaded = await page.evaluate(() => typeof (globalThis as { axe?: unknown }).axe === 'object');
  if (!loaded) {
    const cdp = await page.context().newCDPSession(page);
    try {
      const result = await cdp.send('Runtime.evaluate', { expression: axeSource });
      if (result.exceptionDetails) throw new Error(`axe-core did not load: ${result.exceptionDetails.text}`);
    } finally {
      await cdp.detach();
    }
  }
  return page.evaluate(
    async ({ tags, scope, shadow }) => {
      type Result = { id: string; impact: string | null; help: string; nodes: { target: unknown[]; failureSummary?: string }[] };
      type Results = Record<'violations' | 'passes' | 'incomplete', Result[]>;
      const axe = (globalThis as unknown as { axe: { run(context: unknown, options: unknown): Promise<Results> } }).axe;
      const results = await axe.run(scope ? { include: [[scope]] } : document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
      const lines = results.violations.flatMap((violation) =>
        violation.nodes.map((node) => `${violation.id} (${violation.impact}): ${violation.help} — at ${JSON.stringify(node.target)}: ${(node.failureSummary ?? '').replace(/\s+/g, ' ')}`),
      );
      // A node in a shadow tree has for its target a list of selectors: the host's, then the node's inside it.
      const entered = [...results.violations, ...results.passes, ...results.incomplete].some((result) => result.nodes.some((node) => node.target.some(Array.isArray)));
      if (shadow && !entered) lines.push(`axe saw nothing inside <${scope}>'s shadow root`);
      if (!shadow && scope && results.passes.length + results.violations.length === 0) lines.push(`axe found nothing to check in ${scope}`);
      return lines;
    },
    { tags: RULE_TAGS, scope: include?.selector ?? null, shadow: include?.shadow ?? false },
  );
}

/**
 * The page UI lives in a closed shadow root, which axe (a page script) cannot enter: `host.shadowRoot`
 * is null. The test reaches the root as DevTools does (closed-shadow.ts) and gives the page's view of
 * the host a `shadowRoot` that returns it, as an open root would. Nothing of ours changes: the same
 * elements, styles and layout, now visible to axe; the page's own scripts are not involved.
 */
async function exposeClosedRoot(page: Page): Promise<void> {
  const shadow = await closedRoot(page, HOST);
  await shadow.evaluate((root) => {
    Object.defineProperty(root.host, 'shadowRoot', { configurable: true, get: () => root });
  });
}

/**
 * Runs axe now and files its violations under `screen`: on the whole page (our own pages), or on a CRM
 * page on what is ours there, `'page UI'` (in its closed root) or `'call buttons'` (in the page's own
 * DOM). The CRM page's own markup is not ours to fix and is left out.
 */
async function scan(found: Record<string, string[]>, screen: string, page: Page, only?: 'page UI' | 'call buttons') {
  // Let the last state push, the timers and the fade-ins settle (contrast is measured as painted).
  await page.waitForTimeout(400);
  // The page UI's host may have been made anew since the last look.
  if (only === 'page UI') await exposeClosedRoot(page);
  const include = only === 'page UI' ? { selector: HOST, shadow: true } : only === 'call buttons' ? { selector: 'yobidashi-call-button', shadow: false } : undefined;
  const violations = await axeViolations(page, include);
  if (violations.length > 0) found[screen] = violations;
}

const setLanguage = (page: Page, language: Language) =>
  page.evaluate((value) => (globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void> } } } }).chrome.storage.local.set({ languageOverride: value }), language);

describe('axe on the rep’s and the supervisor’s screens, in a call world', () => {
  /** 予約窓口: rings the rep alone, with a waiting line when the rep is busy. */
  const BOOKINGS = '+815033330000';
  const SECOND_CALLER = '+819055556666';
  let world: CallWorld;
  let rep: LaunchedExtension;
  let repControl: Page;
  let repState: () => Promise<State>;
  let fixtures: { port: number; close(): Promise<void> };

  beforeAll(async () => {
    world = await startCallWorld({
      ...TEST_CAST,
      numbers: [
        ...TEST_CAST.numbers,
        {
          definition: {
            number: BOOKINGS, label: '予約窓口', record: false, voice: { language: 'ja-JP' },
            route: { type: 'ring', users: [REP.id], strategy: 'simultaneous', ringSeconds: 30, queue: { enabled: true, announceSeconds: 30, maxWaitSeconds: 600, priority: 0 } },
          },
          digits: [],
        },
      ],
    });
    await addRep(world.server);
    fixtures = await startFixtureServer({ [LEAD_PATH]: fileURLToPath(new URL('../fixtures/crm-pages/zoho-record-lead.html', import.meta.url)) });
    rep = await launchWithExtension({ loopbackHosts: ['crm.zoho.jp'], dir: buildExtension() });
    repControl = await rep.openPage('microphone.html');
    repState = stateFrom(repControl);
    await signInAndGoOnline(repControl, world.server.url);
    world.linkPhone(repControl, REP.id);
    // A caller who gave up while the rep's phone rang: a follow-up in the rep's list (and a recent call).
    await world.customerCalls();
    await until(repState, (s) => s.calls.current.kind === 'incoming', 20_000);
    await world.customerHangsUp();
    await until(repState, (s) => s.calls.current.kind === 'idle', 20_000);
  });

  let supervisor: LaunchedExtension | null = null;
  let supervisorControl: { control: Page; state: () => Promise<State> } | null = null;

  /** 管理 美香 in a browser of her own, online, her phone linked to the emulator's device for her. */
  async function supervisorOnline() {
    if (supervisorControl) return supervisorControl;
    supervisor = await launchWithExtension({ dir: buildExtension() });
    const control = await supervisor.openPage('microphone.html');
    const state = stateFrom(control);
    const signIn = await sendFromPage<Reply<State>>(control, { type: 'signIn', serverUrl: world.server.url, email: SUPERVISOR.email, password: SUPERVISOR.password });
    if (!signIn.ok) throw new Error(signIn.error.message);
    await sendFromPage(control, { type: 'setOnline', online: true });
    await until(state, (s) => s.status === 'ready');
    world.linkPhone(control, SUPERVISOR.id);
    return (supervisorControl = { control, state });
  }

  afterAll(async () => {
    await supervisor?.close();
    await rep?.close();
    await fixtures?.close();
    await world?.close();
  });

  async function openPopup(language: Language, height = 900): Promise<Page> {
    await setLanguage(repControl, language);
    const popup = await rep.context.newPage();
    await popup.setViewportSize({ width: 400, height });
    await popup.goto(rep.url('popup.html'));
    await popup.bringToFront();
    return popup;
  }

  const callSidNow = async () => (await until(repState, (s) => s.calls.current.kind === 'in-call', 20_000)).calls.current.call!.callSid!;

  /** The customer's and the second caller's legs end; the note is skipped; the rep is idle again. */
  async function endCalls() {
    await world.twilio(async (twilio) => {
      for (const leg of twilio.legs()) if (!leg.ended && (leg.from === CUSTOMER || leg.from === SECOND_CALLER)) await leg.hangUp();
    });
    const now = await until(repState, (s) => s.calls.current.kind === 'idle' || s.calls.current.kind === 'wrap-up', 15_000);
    if (now.calls.current.kind === 'wrap-up') await sendFromPage(repControl, { type: 'finishWrapUp' });
    await until(repState, (s) => s.calls.current.kind === 'idle', 15_000);
  }

  // Whatever a test left behind when it failed half-way: the next starts from an idle phone.
  afterEach(endCalls);

  it.each(LANGUAGES)('the popup (%s): idle, ringing, on a call with its controls and panels, a caller waiting in line, the after-call note', async (language) => {
    const found: Record<string, string[]> = {};
    const popup = await openPopup(language);
    await popup.locator('input[type="tel"]').waitFor();
    await popup.locator('.yb-follow-ups__item').first().waitFor({ timeout: 15_000 });
    await popup.locator('.yb-waiting-line').waitFor({ timeout: 15_000 });
    await scan(found, 'idle: dialer, waiting line, follow-ups, recent calls', popup);
    await popup.locator('summary#yb-checklist-title').click();
    await popup.locator('.yb-check__name').first().waitFor({ timeout: 15_000 });
    await expect.poll(() => popup.locator('.yb-checklist').getAttribute('aria-busy'), { timeout: 15_000 }).toBe('false');
    await scan(found, 'idle: the check list opened', popup);

    await world.twilio((twilio) => twilio.device(COLLEAGUES.suzuki.id).live());
    await world.customerCalls();
    await popup.locator('.yb-incoming').waitFor({ timeout: 20_000 });
    await scan(found, 'ringing: the incoming card', popup);
    await popup.locator('.yb-incoming .yb-button--accept').click();
    const callSid = await callSidNow();
    await popup.locator('.yb-parties').waitFor({ timeout: 20_000 });
    await popup.locator('.yb-button--recording').waitFor({ timeout: 20_000 });
    await scan(found, 'on a call: hold, pause recording, transfer, add; who is on the call', popup);

    await popup.locator('.yb-button--hold').click();
    await popup.locator('.yb-hold').waitFor({ timeout: 20_000 });
    await scan(found, 'on hold: the hold time', popup);
    await popup.locator('.yb-button--hold').click();
    await popup.locator('.yb-hold').waitFor({ state: 'detached', timeout: 20_000 });

    await popup.locator('.yb-button--recording').click();
    await popup.locator('.yb-recording-paused').waitFor({ timeout: 20_000 });
    await scan(found, 'recording paused', popup);
    await popup.locator('.yb-button--recording').click();
    await popup.locator('.yb-recording-paused').waitFor({ state: 'detached', timeout: 20_000 });

    // Someone else calls 予約窓口 while the rep talks: they wait in line, and the popup says so.
    await world.twilio((twilio) => twilio.startIncomingCall({ from: SECOND_CALLER, to: BOOKINGS, digits: [] }));
    await popup.locator('.yb-waiting-line--busy').waitFor({ timeout: 30_000 });
    await scan(found, 'on a call, a caller waiting in line', popup);

    await popup.locator('.yb-in-call button[aria-controls]').nth(1).click();
    await popup.locator('.yb-colleague').first().waitFor({ timeout: 20_000 });
    await scan(found, 'the add-to-call panel', popup);
    await popup.locator('.yb-in-call button[aria-controls]').nth(1).click();
    await popup.locator('.yb-in-call button[aria-controls]').first().click();
    await popup.locator('.yb-colleague').first().waitFor({ timeout: 20_000 });
    await scan(found, 'the transfer panel', popup);
    await popup.locator(`.yb-colleague input[value="${COLLEAGUES.suzuki.id}"]`).check();
    await popup.locator('.yb-picker button[type="submit"]').click();
    await popup.locator('.yb-consult').waitFor({ timeout: 20_000 });
    await scan(found, 'a consult ringing the colleague', popup);
    await popup.locator('.yb-consult button').nth(1).click();
    await popup.locator('.yb-consult').waitFor({ state: 'detached', timeout: 20_000 });
    await world.waitFor(() => liveCallOf(world, COLLEAGUES.suzuki.id, callSid).catch(() => null), (live) => live?.handover === null);

    await world.twilio(async (twilio) => {
      for (const leg of twilio.legs()) if (!leg.ended && leg.from === SECOND_CALLER) await leg.hangUp();
    });
    await world.twilio((twilio) => twilio.leg(callSid).hangUp());
    await popup.locator('.yb-wrap-up').waitFor({ timeout: 20_000 });
    await scan(found, 'the after-call note', popup);
    await popup.locator('.yb-wrap-up button[type="submit"]').click();
    await popup.locator('.yb-wrap-up [role="alert"], input[type="tel"]').first().waitFor({ timeout: 20_000 });
    await scan(found, 'the after-call note, saved or refused', popup);
    await endCalls();
    await popup.close();
    expect(found).toEqual({});
  });

  it.each(LANGUAGES)('a Zoho record page (%s): our call buttons, and inside the closed shadow root the launcher, the dialer, the incoming and in-call cards, the transfer panel', async (language) => {
    const found: Record<string, string[]> = {};
    await setLanguage(repControl, language);
    const page = await rep.context.newPage();
    await page.setViewportSize({ width: 1280, height: 860 });
    await page.goto(`https://crm.zoho.jp:${fixtures.port}${LEAD_PATH}`);
    await page.locator('yobidashi-call-button').first().waitFor({ timeout: 15_000 });
    const ui = pageUi(page);
    await expect.poll(() => ui.count('.yb-launcher').catch(() => 0), { timeout: 10_000 }).toBe(1);
    await scan(found, 'the call buttons in the record', page, 'call buttons');
    await scan(found, 'the launcher', page, 'page UI');
    await ui.clickButton('.yb-launcher', language === 'ja' ? /ダイヤルを開く/ : /Open dialer/);
    await expect.poll(() => ui.count('.yb-launcher input'), { timeout: 10_000 }).toBeGreaterThan(0);
    await scan(found, 'the page’s dialer', page, 'page UI');
    await world.customerCalls();
    await expect.poll(() => ui.count('.yb-incoming'), { timeout: 20_000 }).toBe(1);
    await scan(found, 'the incoming card', page, 'page UI');
    await ui.clickButton('.yb-incoming', language === 'ja' ? '応答' : 'Accept');
    await callSidNow();
    await expect.poll(() => ui.count('.yb-parties'), { timeout: 20_000 }).toBe(1);
    await scan(found, 'the in-call card with its controls', page, 'page UI');
    await ui.clickButton('.yb-in-call__controls', language === 'ja' ? '転送' : 'Transfer');
    await expect.poll(() => ui.count('.yb-colleague'), { timeout: 20_000 }).toBeGreaterThan(0);
    await scan(found, 'the transfer panel', page, 'page UI');
    await world.customerHangsUp();
    await until(repState, (s) => s.calls.current.kind === 'wrap-up', 15_000);
    await expect.poll(() => ui.count('.yb-wrap-up'), { timeout: 10_000 }).toBeGreaterThan(0).catch(() => undefined);
    await scan(found, 'after the call', page, 'page UI');
    await endCalls();
    await page.close();
    expect(found).toEqual({});
  });

  it.each(LANGUAGES)('a supervisor’s live calls, monitoring controls and live board, and the rep’s card with the supervisor on the call (%s)', async (language) => {
    const found: Record<string, string[]> = {};
    const { control, state } = await supervisorOnline();
    await setLanguage(control, language);
    const repPopup = await openPopup(language);
    await world.customerCalls();
    await repPopup.locator('.yb-incoming .yb-button--accept').click({ timeout: 20_000 });
    const callSid = await callSidNow();
    await repPopup.locator('.yb-parties').waitFor({ timeout: 20_000 });

    const popup = await supervisor!.context.newPage();
    await popup.setViewportSize({ width: 400, height: 900 });
    await popup.goto(supervisor!.url('popup.html'));
    await popup.bringToFront();
    const row = popup.locator('.yb-live-call');
    await expect.poll(() => row.locator('.yb-segmented button').first().isEnabled().catch(() => false), { timeout: 20_000 }).toBe(true);
    await scan(found, 'the supervisor’s live calls list', popup);
    await row.locator('.yb-segmented button').first().click();
    await popup.locator('.yb-monitoring').waitFor({ timeout: 20_000 });
    await until(state, (s) => s.calls.current.kind === 'in-call', 20_000);
    await expect.poll(() => popup.locator('.yb-monitoring .yb-segmented button').first().getAttribute('aria-pressed'), { timeout: 20_000 }).toBe('true');
    await scan(found, 'the supervisor monitoring: listening', popup);
    await popup.locator('.yb-monitoring .yb-segmented button').nth(1).click();
    await expect.poll(() => popup.locator('.yb-monitoring .yb-segmented button').nth(1).getAttribute('aria-pressed'), { timeout: 20_000 }).toBe('true');
    await scan(found, 'the supervisor monitoring: whispering', popup);

    await repPopup.bringToFront();
    await repPopup.locator('.yb-party__state--monitor').waitFor({ timeout: 20_000 });
    await scan(found, 'the rep’s card: a supervisor whispering', repPopup);

    // The live board as the supervisor sees it now: the rep on the call, a caller waiting in line.
    await world.twilio((twilio) => twilio.startIncomingCall({ from: SECOND_CALLER, to: BOOKINGS, digits: [] }));
    const options = await supervisor!.context.newPage();
    await options.setViewportSize({ width: 1280, height: 900 });
    await options.goto(supervisor!.url('options.html'));
    await options.bringToFront();
    await options.locator('.yb-nav__link[data-page="board"]').click({ timeout: 15_000 });
    await expect.poll(() => options.locator(`[data-rep="${REP.id}"]`).getAttribute('data-state').catch(() => null), { timeout: 20_000 }).toBe('on-call');
    await expect.poll(() => options.locator('.yb-waiting').innerText().catch(() => ''), { timeout: 20_000 }).toContain('090-5555-6666');
    await scan(found, 'the live board: a rep on a call, a caller waiting in line', options);
    await options.close();
    await world.twilio((twilio) => twilio.leg(callSid).hangUp());
    await until(state, (s) => s.calls.current.kind === 'idle', 20_000);
    await endCalls();
    await repPopup.close();
    await popup.close();
    expect(found).toEqual({});
  });
});

describe('axe on every page of the options page', () => {
  const ADMIN = { id: 'yamada', name: '山田 太郎', email: 'yamada@example.jp', password: 'correct horse battery' };
  const MAIN_NUMBER = '+81312345678';
  let server: AdminServer;
  let browser: LaunchedExtension;
  let options: Page;

  beforeAll(async () => {
    server = await startAdminServer();
    await storeTwilioAsSetUp(server);
    await addRep(server);
    await server.testApp.addUser({ ...ADMIN, role: 'admin' });
    const ring = (users: string[]) => ({ type: 'ring', users, strategy: 'sequential', ringSeconds: 20, repeat: false });
    await storeIncomingNumber(server, {
      number: MAIN_NUMBER, label: '代表',
      route: { type: 'ivr', menu: [{ key: 1, label: '営業', action: ring([REP.id]) }, { key: 2, label: 'サポート', action: { type: 'menu', menu: [{ key: 1, label: '製品について', action: ring([ADMIN.id]) }] } }] },
    });
    // Something on every list: two open invitations, and a few days of calls for the call log and the charts.
    const token = await server.testApp.signIn(ADMIN.email, ADMIN.password);
    const invited = await server.testApp.call('POST', '/api/invites', { token, body: { invites: [{ email: 'tanaka@example.jp', name: '田中 次郎' }, { email: 'ito@example.jp' }] } });
    if (invited.status !== 200 && invited.status !== 201) throw new Error(`invites: ${invited.status} ${await invited.text()}`);
    const now = server.testApp.clock.now().getTime();
    const at = (hoursAgo: number, plusSeconds = 0) => new Date(now - hoursAgo * 3600_000 + plusSeconds * 1000).toISOString();
    await insertCalls(
      server.testApp.store.db,
      [2, 5, 26, 30, 50, 75].flatMap((hoursAgo, index) => [
        { sid: callSid(`axe-answered-${index}`), number: MAIN_NUMBER, label: '代表', status: 'completed' as const, rep: REP.id, rang: [REP.id], ivrKeys: '1', ivrState: 'routed' as const, started: at(hoursAgo), routed: at(hoursAgo, 8), answered: at(hoursAgo, 20), ended: at(hoursAgo, 200) },
        { sid: callSid(`axe-missed-${index}`), number: MAIN_NUMBER, label: '代表', status: 'missed' as const, rang: [ADMIN.id], ivrKeys: '21', ivrState: 'routed' as const, started: at(hoursAgo + 1), routed: at(hoursAgo + 1, 10), ended: at(hoursAgo + 1, 40) },
      ]),
    );
    browser = await launchWithExtension({ dir: buildExtension() });
    options = await browser.context.newPage();
    await options.setViewportSize({ width: 1280, height: 800 });
    await options.goto(browser.url('options.html'));
    await options.bringToFront();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Waits for a page's data to load and its loading state to settle. */
  const settle = async () => {
    await options.waitForLoadState('networkidle').catch(() => undefined);
    await options.waitForTimeout(300);
  };

  /** What shows that a page's list has loaded with the data put there in beforeAll. */
  const FILLED: Record<string, string> = {
    incoming: `li[data-number="${MAIN_NUMBER}"]`,
    users: '.yb-options__page :text("tanaka@example.jp")',
    callLog: '.yb-options__page tbody tr',
    board: `[data-rep="${REP.id}"]`,
    analytics: '[data-chart] rect',
  };

  /** Every page of the navigation, then an incoming number's form with business hours on, the IVR builder and its preview. */
  async function scanEveryPage(found: Record<string, string[]>, language: Language) {
    const links = options.locator('.yb-nav__link');
    const count = await links.count();
    for (let index = 0; index < count; index++) {
      const name = (await links.nth(index).getAttribute('data-page')) ?? String(index);
      await links.nth(index).click();
      await options.locator(`.yb-options__page[data-page="${name}"]`).waitFor();
      await settle();
      // The pages with lists show them filled, as an admin sees them day to day.
      // The call log lists calls once asked to (its filters' button).
      if (name === 'callLog') await options.locator('.yb-options__page form button[type="submit"]').click();
      const filled = FILLED[name];
      if (filled) await options.locator(filled).first().waitFor({ timeout: 15_000 });
      await scan(found, `${language}: ${name}`, options);
    }
    await options.locator('.yb-nav__link[data-page="incoming"]').click();
    await options.locator(`li[data-number="${MAIN_NUMBER}"] button`).nth(1).click();
    await options.locator('[role="tree"]').waitFor();
    await settle();
    await scan(found, `${language}: the IVR builder`, options);
    // The preview is of the saved number: before any change to the form.
    await options.locator('.yb-ivr-builder__preview').click();
    await options.locator('.yb-keypad__key').first().waitFor();
    await settle();
    await scan(found, `${language}: the IVR builder, previewing`, options);
    await options.locator('.yb-hours input[type="checkbox"]').first().check();
    await options.locator('.yb-hours fieldset').first().waitFor();
    await scan(found, `${language}: business hours`, options);
    // Leave the form without saving (its confirm answered yes).
    options.once('dialog', (dialog) => void dialog.accept());
    await options.locator('.yb-nav__link[data-page="users"]').click();
    await options.locator('.yb-options__page[data-page="users"]').waitFor();
  }

  it('signed out, then for an admin on every page, in Japanese and in English', async () => {
    const found: Record<string, string[]> = {};
    await options.getByLabel('Server URL').waitFor();
    await scan(found, 'en: signed out, the sign-in form', options);

    await options.getByLabel('Server URL').fill(server.url);
    await options.getByLabel('Email').fill(ADMIN.email);
    await options.getByLabel('Password').fill(ADMIN.password);
    await options.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => options.locator('.yb-nav__link').count(), { timeout: 15_000 }).toBeGreaterThan(5);

    // The UI language switch on My account: Japanese first, then back to English.
    for (const language of LANGUAGES) {
      await options.locator('.yb-nav__link[data-page="account"]').click();
      await options.locator('#account-language').selectOption(language);
      await expect.poll(() => options.locator('html').getAttribute('lang')).toBe(language);
      await scanEveryPage(found, language);
    }

    // Signed out again, in Japanese: the sign-in form.
    await options.locator('.yb-nav__link[data-page="account"]').click();
    await options.locator('#account-language').selectOption('ja');
    await options.getByRole('button', { name: 'サインアウト' }).click();
    await options.getByRole('button', { name: 'サインイン' }).waitFor({ timeout: 15_000 });
    await scan(found, 'ja: signed out, the sign-in form', options);
    expect(found).toEqual({});
  });
});
