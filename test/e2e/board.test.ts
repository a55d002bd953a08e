/// <reference types="node" />
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BoardHub } from '../../server/board/board-hub.ts';
import { silentLogger } from '../../server/logger.ts';
import { setAvailability } from '../../server/store/presence.ts';
import { seededRandom } from '../emulators/twilio-call/call-parameters.ts';
import { createTwilioEmulator } from '../emulators/twilio-call/index.ts';
import { callSid, insertCalls, type CallRow } from '../server/analytics/call-rows.ts';
import { callInSteps } from '../server/board/call-steps.ts';
import { createClock, createTestApp, PUBLIC_URL, type TestApp } from '../server/support/app.ts';
import { sharedTestStore } from '../server/support/store.ts';
import { incomingNumberSchema, MAIN } from '../server/voice/phone-numbers.ts';
import { ACCOUNT_SID, AUTH_TOKEN, configureTwilio } from '../server/voice/voice-harness.ts';
import { launchAdminBrowser, type AdminBrowser } from './support/admin-setup';

// The live board and the analytics page in Debian's Chromium with the built extension, against the
// real server (embedded database): a call rung and answered through Twilio's webhooks shows on the
// board as it happens; a month of calls draws the charts. In English, then in Japanese. Screenshots go
// to docs/screenshots/ with YB_SCREENSHOTS=docs (the README's pictures), to a temporary folder otherwise.
const ADMIN = { id: 'yamada', name: '山田 太郎', email: 'yamada@example.jp', password: 'correct horse battery' };
const REPS = [['sato', '佐藤 花子'], ['suzuki', '鈴木 一郎'], ['tanaka', '田中 誠'], ['takahashi', '高橋 美咲']] as const;
const root = fileURLToPath(new URL('../../', import.meta.url));
const shots = process.env.YB_SCREENSHOTS === 'docs' ? path.join(root, 'docs', 'screenshots') : mkdtempSync(path.join(tmpdir(), 'yobidashi-board-shots-'));

let testApp: TestApp;
let hub: BoardHub;
let server: ReturnType<typeof serve>;
let url = '';
let browser: AdminBrowser;
let page: Page;

/** November 2026 up to Tuesday the 24th, 09:00 in Tokyo: busier on weekday mornings, quiet at weekends. */
function monthOfCalls(): CallRow[] {
  const random = seededRandom(7);
  const rows: CallRow[] = [];
  const keys = ['1', '1', '21', '21', '22', '2', ''] as const;
  for (let day = 1; day <= 23; day++) {
    const weekday = new Date(Date.UTC(2026, 10, day)).getUTCDay();
    const calls = weekday === 0 || weekday === 6 ? 3 : 14 + Math.floor(random() * 8);
    for (let i = 0; i < calls; i++) {
      const hour = 9 + Math.floor(random() * random() * 9);
      const started = new Date(Date.UTC(2026, 10, day, hour - 9, Math.floor(random() * 60), Math.floor(random() * 60)));
      const at = (seconds: number) => new Date(started.getTime() + seconds * 1000).toISOString();
      const key = keys[Math.floor(random() * keys.length)]!;
      const rep = REPS[Math.floor(random() * REPS.length)]![0];
      const roll = random();
      const routed = key.length > 0 && key !== '2';
      const answered = routed && roll < 0.72;
      const wait = 8 + Math.floor(random() * 40);
      rows.push({
        sid: callSid(`e2e-${day}-${i}`),
        number: MAIN.number,
        label: '代表',
        status: answered ? 'completed' : routed && roll < 0.85 ? 'voicemail' : 'missed',
        rep: answered ? rep : null,
        rang: routed ? [rep] : [],
        ivrKeys: key,
        ivrState: routed ? 'routed' : roll < 0.8 ? 'menu' : 'gave-up',
        started: started.toISOString(),
        ...(routed ? { routed: at(12) } : {}),
        ...(answered ? { answered: at(12 + wait), ended: at(12 + wait + 60 + Math.floor(random() * 400)) } : { ended: at(50) }),
      });
    }
  }
  return rows;
}

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  const store = await sharedTestStore();
  const clock = createClock(new Date('2026-11-24T09:00:00+09:00'));
  hub = new BoardHub({ db: store.db, now: clock.now, logger: silentLogger }, { pollMs: 100 });
  testApp = await createTestApp({ store, clock, deps: { publicUrl: PUBLIC_URL }, app: { board: hub } });
  await configureTwilio(store, testApp.deps);
  await testApp.addUser({ ...ADMIN, role: 'admin' });
  for (const [id, name] of REPS) await testApp.addUser({ id, name });
  const main = incomingNumberSchema.parse({ ...MAIN, record: false });
  await store.db.insertInto('incoming_numbers').values({ number: main.number, position: 0, definition: JSON.stringify(main), twilio_sid: null, previous_twilio: null, updated_at: clock.now() }).execute();
  await insertCalls(store.db, monthOfCalls());
  for (const id of ['sato', 'suzuki', 'tanaka']) await setAvailability(store.db, id, true, clock.now());
  server = await new Promise((resolve) => {
    const started = serve({ fetch: testApp.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(started));
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchAdminBrowser();
  page = await browser.openPage('options.html');
  await page.setViewportSize({ width: 1280, height: 900 });
});

afterAll(async () => {
  await browser?.close();
  hub?.close();
  await new Promise((resolve) => server?.close(resolve));
  await testApp?.close();
  if (process.env.YB_SCREENSHOTS !== 'docs') rmSync(shots, { recursive: true, force: true });
});

const card = (id: string) => page.locator(`[data-rep="${id}"]`);
/** Time passes on the server's clock; the reps' extensions keep beating (every 30 s), so they stay online. */
const wait = async (seconds: number) => {
  testApp.clock.advance(seconds);
  for (const id of ['sato', 'suzuki', 'tanaka']) await setAvailability(testApp.store.db, id, true, testApp.clock.now());
};
/** A page of the options' navigation (the setup steps and the everyday pages). */
const navTo = (name: string) => page.locator('nav.yb-nav').getByRole('button', { name, exact: true });
const shoot = async (name: string) => {
  const file = path.join(shots, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  expect(statSync(file).size).toBeGreaterThan(20_000);
};

describe('the live board and analytics in Chromium', () => {
  it('signs the admin in and opens the live board, connected', async () => {
    await page.getByLabel('Server URL').fill(url);
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await navTo('Live board').click({ timeout: 15_000 });
    await expect.poll(() => page.getByRole('status').first().innerText(), { timeout: 15_000 }).toBe('Live');
    await expect.poll(() => card('sato').getAttribute('data-state')).toBe('online');
    expect(await card('takahashi').getAttribute('data-state')).toBe('offline');
  });

  it('follows a call live: the caller in the menu, sato ringing, then on the call with the caller and the IVR branch', async () => {
    const twilio = createTwilioEmulator({ fetch: (request) => testApp.app.request(request), publicUrl: PUBLIC_URL, authToken: AUTH_TOKEN, accountSid: ACCOUNT_SID });
    const call = callInSteps(twilio, { from: '+819012345678', to: MAIN.number, seed: 'e2e-live', now: testApp.clock.now });
    await call.arrive();
    await expect.poll(() => page.locator('[data-group="inMenu"]').innerText(), { timeout: 10_000 }).toContain('090-1234-5678');
    await call.press('2');
    await call.press('1');
    await call.leg('sato', 'ringing');
    await expect.poll(() => card('sato').getAttribute('data-state'), { timeout: 10_000 }).toBe('ringing');
    await call.leg('sato', 'in-progress');
    await expect.poll(() => card('sato').getAttribute('data-state'), { timeout: 10_000 }).toBe('on-call');
    const shown = await card('sato').innerText();
    expect(shown).toContain('090-1234-5678');
    expect(shown).toContain('サポート › 製品について');
    expect(shown).toContain('On a call');

    // tanaka takes a call and hangs up: wrap-up. Another caller listens to the menu; a third rings suzuki.
    const done = callInSteps(twilio, { from: '+817012340000', to: MAIN.number, seed: 'e2e-done', now: testApp.clock.now });
    await done.arrive();
    await done.press('2');
    await done.press('1');
    await wait(40);
    await done.leg('tanaka', 'in-progress');
    await wait(184);
    await done.leg('tanaka', 'completed', 184);
    await done.bridgeEnded(184);
    await done.completed(200);
    await expect.poll(() => card('tanaka').getAttribute('data-state'), { timeout: 10_000 }).toBe('wrap-up');
    await wait(25);
    await callInSteps(twilio, { from: '+819087654321', to: MAIN.number, seed: 'e2e-menu', now: testApp.clock.now }).arrive();
    const ringing = callInSteps(twilio, { from: '+815011112222', to: MAIN.number, seed: 'e2e-ring', now: testApp.clock.now });
    await wait(15);
    await ringing.arrive();
    await wait(9);
    await ringing.press('1');
    await ringing.leg('suzuki', 'ringing');
    await wait(12);
    await expect.poll(() => card('suzuki').getAttribute('data-state'), { timeout: 10_000 }).toBe('ringing');
    await expect.poll(() => page.locator('[data-group="ringing"]').innerText()).toContain('050-1111-2222');
    expect(await page.locator('[data-group="inMenu"]').innerText()).toContain('090-8765-4321');
    await shoot('board-en');
  });

  it('draws the month’s charts with data, each with its table', async () => {
    await navTo('Analytics').click();
    await page.getByRole('button', { name: 'This month' }).click();
    await expect.poll(() => page.getByTestId('analytics-range').innerText(), { timeout: 15_000 }).toContain('2026-11-01 – 2026-11-24');
    await expect.poll(() => page.locator('[data-chart="chart-heatmap"] rect').count(), { timeout: 15_000 }).toBe(168);
    expect(await page.locator('[data-chart="chart-daily"] rect').count()).toBeGreaterThan(40);
    expect(await page.locator('[data-chart="chart-missed"] rect').count()).toBeGreaterThan(3);
    expect(await page.locator('[data-chart="chart-funnel"]').innerText()).toContain('Top menu › サポート');
    expect(await page.locator('.yb-kpis').innerText()).toMatch(/Answer rate\s+\d+(\.\d)?%/);
    const daily = page.locator('[data-chart="chart-daily"]');
    await daily.getByRole('button', { name: 'Show as table' }).click();
    expect(await daily.locator('tbody tr').count()).toBe(24);
    await daily.getByRole('button', { name: 'Show as chart' }).click();
    await shoot('analytics-en');
  });

  it('says it all in Japanese', async () => {
    await navTo('My account').click();
    await page.locator('#account-language').selectOption('ja');
    await navTo('分析').click();
    await page.getByRole('button', { name: '今月' }).click();
    await expect.poll(() => page.locator('[data-chart="chart-heatmap"] rect').count(), { timeout: 15_000 }).toBe(168);
    const kpis = await page.locator('.yb-kpis').innerText();
    expect(kpis).toContain('応答率');
    expect(kpis).toMatch(/着信\s+[\d,]+件/);
    expect(await page.locator('[data-chart="chart-heatmap"] h3').innerText()).toBe('曜日・時間帯別の着信数');
    await shoot('analytics-ja');

    await navTo('ライブボード').click();
    await expect.poll(() => card('sato').getAttribute('data-state'), { timeout: 15_000 }).toBe('on-call');
    expect(await card('sato').innerText()).toContain('通話中');
    expect(await page.getByRole('status').first().innerText()).toBe('リアルタイム更新中');
    await shoot('board-ja');
  });
});
