import type { Page } from 'playwright-core';
import type { FakeFault } from '../../test/emulators/twilio-rest/fake-twilio-rest.ts';
import { newNumber } from '../../test/emulators/twilio-rest/state.ts';
import { openOptionsPage, settle, type Scene } from './scene.ts';
import { ADMIN, MAIN_NUMBER, REP, twilioAccount } from './seed.ts';

const treeItem = (page: Page, label: string) => page.getByRole('treeitem', { name: new RegExp(`[:：] ?${label} — `) });

async function openBuilder(page: Page, mode: 'edit' | 'preview'): Promise<void> {
  await openOptionsPage(page, 'incoming');
  const row = page.locator(`li[data-number="${MAIN_NUMBER}"]`);
  await row.getByRole('button').nth(mode === 'preview' ? 0 : 1).click();
  await page.locator('.yb-ivr-builder').waitFor();
  await settle(page);
}

/** A number bought on the Twilio account and not added to Yobidashi yet: one scene's, for its picture. */
const SPARE_NUMBER = '+81521234567';

/** Twilio's outage on the next change to a number of the account (the fake answers it once). */
const TWILIO_DOWN: FakeFault = { method: 'POST', path: /\/IncomingPhoneNumbers\/PN[0-9a-f]+\.json$/, status: 503, code: 20503, message: 'Service Unavailable' };

/** The admin's screens: the guided setup and each step in the states issue 10 asks about. */
export const ADMIN_SCENES: Scene[] = [
  {
    name: 'options-first-run',
    as: 'admin',
    surface: 'options',
    firstRun: true,
    // A fresh server: every step to do, the admin starts at step 1.
    async shoot(page) {
      await page.locator('.yb-options__page[data-page="twilio"] form').waitFor();
      await settle(page, 800);
    },
  },
  {
    name: 'options-guided-setup',
    as: 'admin',
    surface: 'options',
    // Half-way: the admin lands on the first step still to do (an imported caller ID Twilio would refuse).
    async shoot(page) {
      await page.locator('.yb-nav').waitFor();
      await settle(page, 800);
    },
  },
  {
    name: 'options-twilio',
    as: 'admin',
    surface: 'options',
    async shoot(page) {
      await openOptionsPage(page, 'twilio');
      await page.getByTestId('twilio-account').waitFor();
    },
  },
  {
    name: 'options-incoming-numbers',
    as: 'admin',
    surface: 'options',
    async shoot(page) {
      await openOptionsPage(page, 'incoming');
      await page.locator(`li[data-number="${MAIN_NUMBER}"]`).waitFor();
    },
  },
  {
    // A number added while Twilio fails to point it here: saved all the same, with Twilio's reason and
    // the offer to connect it again.
    name: 'options-incoming-connect-failed',
    as: 'admin',
    surface: 'options',
    async shoot(page, { stage }) {
      const spare = newNumber(SPARE_NUMBER, { friendly_name: '名古屋営業所' });
      twilioAccount().numbers.set(spare.sid, spare);
      await openOptionsPage(page, 'incoming');
      await page.locator('section[aria-labelledby="incoming-title"] > button.yb-button--primary').click();
      await page.locator(`#incoming-pick option[value="${SPARE_NUMBER}"]`).waitFor({ state: 'attached' });
      await page.locator('#incoming-pick').selectOption(SPARE_NUMBER);
      await page.locator('form.yb-form', { has: page.locator('#incoming-pick') }).locator('button[type="submit"]').click();
      await page.locator('#incoming-routing').selectOption('ring');
      await page.locator('#direct-users label', { hasText: '佐藤' }).locator('input').check();
      stage.server.twilioApi.fake.faults.push(TWILIO_DOWN);
      await page.locator('.yb-incoming-form > .yb-actions button[type="submit"]').click();
      await page.locator('#takeover-text').waitFor();
      await settle(page);
    },
    // The number out of Yobidashi (never connected: nothing to give back) and of the account again,
    // so that the next picture, and the other scenes, see the company as seeded.
    async cleanUp({ stage }) {
      const { faults } = stage.server.twilioApi.fake;
      if (faults.includes(TWILIO_DOWN)) faults.splice(faults.indexOf(TWILIO_DOWN), 1);
      const { testApp } = stage.server;
      const token = await testApp.signIn(ADMIN.email, ADMIN.password);
      const removed = await testApp.call('DELETE', `/api/incoming/${encodeURIComponent(SPARE_NUMBER)}`, { token });
      if (!removed.ok) throw new Error(`DELETE ${SPARE_NUMBER}: ${removed.status} ${await removed.text()}`);
      const { numbers } = twilioAccount();
      for (const [sid, number] of numbers) if (number.phone_number === SPARE_NUMBER) numbers.delete(sid);
    },
  },
  {
    name: 'ivr-builder-5-levels',
    as: 'admin',
    surface: 'options',
    async shoot(page) {
      await openBuilder(page, 'edit');
      await treeItem(page, '保証期間外').click();
      await page.locator('.yb-ivr-node').waitFor();
      return page.locator('.yb-ivr-builder');
    },
  },
  {
    name: 'ivr-builder-preview',
    as: 'admin',
    surface: 'options',
    // The caller pressed 2 › 1 › 1: the path is marked, the menu waiting for a key says "caller is here".
    async shoot(page) {
      // Silence: the preview speaks through the browser.
      await page.evaluate(() => void ((globalThis as unknown as { speechSynthesis: { speak(): void } }).speechSynthesis.speak = () => undefined));
      await openBuilder(page, 'preview');
      for (const key of ['2', '1', '1']) {
        const button = page.locator('.yb-keypad__key', { hasText: new RegExp(`^${key}$`) });
        await button.click();
        await settle(page, 300);
      }
      await page.locator('.yb-ivr-card--caller').waitFor();
      return page.locator('.yb-ivr-builder');
    },
  },
  {
    name: 'ivr-menu-sentence',
    as: 'admin',
    surface: 'options',
    async shoot(page) {
      await openBuilder(page, 'edit');
      return page.locator('.yb-sentence');
    },
  },
  {
    name: 'ivr-label-too-long',
    as: 'admin',
    surface: 'options',
    async shoot(page, { say }) {
      await openBuilder(page, 'edit');
      await treeItem(page, '営業').click();
      await page.locator('#ivr-node-label').fill(say({
        ja: '営業部（新規のお客様、既存のお客様、代理店の皆さま、法人向けのご相談、個人向けのご相談、お見積もりのご依頼、カタログや資料のご請求、製品デモのご依頼、展示会やセミナーに関するお問い合わせ、そのほか営業に関するすべてのご用件）',
        en: 'Sales (new customers, existing customers, resellers, business enquiries, personal enquiries, quotes, brochures, demos, trade-show questions, and everything else)',
      }));
      await page.locator('#ivr-node-label-error').waitFor();
      return page.locator('.yb-ivr-builder');
    },
  },
  {
    name: 'options-outgoing-numbers',
    as: 'admin',
    surface: 'options',
    // Picked from the account's numbers and verified caller IDs; a saved row says so; the imported
    // 03-9999-0000 is flagged.
    async shoot(page) {
      await openOptionsPage(page, 'outgoing');
      const number = page.locator('tr[data-user="suzuki"] select').nth(1);
      await number.locator('option').nth(1).waitFor({ state: 'attached' });
      const current = await number.inputValue();
      await number.selectOption(current === '+81663456789' ? '+819012345678' : '+81663456789');
      await page.locator('tr[data-user="suzuki"]').getByRole('button').first().click();
      await page.locator('.yb-alert--ok').waitFor();
    },
  },
  {
    name: 'options-users-add-error',
    as: 'admin',
    surface: 'options',
    async shoot(page) {
      await openOptionsPage(page, 'users');
      await page.locator('#new-user-name').fill('伊藤 さくら');
      await page.locator('#new-user-email').fill('ito@');
      await page.locator('#new-user-password').fill('short');
      await page.locator('form.yb-form', { has: page.locator('#new-user-name') }).locator('button[type="submit"]').click();
      await page.locator('#new-user-email-error:not(:empty), #new-user-password-error:not(:empty)').first().waitFor();
      await page.locator('#new-user-password').scrollIntoViewIfNeeded();
    },
  },
  {
    // Each row's role is a select: 佐藤 made a supervisor, and the page says so.
    name: 'options-users-role-changed',
    as: 'admin',
    surface: 'options',
    async shoot(page, { say }) {
      await openOptionsPage(page, 'users');
      await page.getByRole('combobox', { name: say({ ja: `${REP.name}さんの役割`, en: `Role of ${REP.name}` }) }).selectOption('supervisor');
      await page.locator('.yb-alert--ok', { hasText: REP.name }).waitFor();
      await settle(page);
    },
    // 佐藤 is the rep of the rep's scenes: a rep again.
    async cleanUp({ stage }) {
      const { testApp } = stage.server;
      const token = await testApp.signIn(ADMIN.email, ADMIN.password);
      const reset = await testApp.call('PATCH', `/api/users/${REP.id}`, { token, body: { role: 'rep' } });
      if (!reset.ok) throw new Error(`PATCH ${REP.id}: ${reset.status} ${await reset.text()}`);
    },
  },
  {
    name: 'options-setup-check',
    as: 'admin',
    surface: 'options',
    fullPage: true,
    async shoot(page) {
      await openOptionsPage(page, 'setupCheck');
      await page.locator('[data-finding="outgoing:takahashi:caller-id"]').waitFor();
    },
  },
  {
    name: 'options-my-account',
    as: 'admin',
    surface: 'options',
    async shoot(page) {
      await openOptionsPage(page, 'account');
      await page.locator('#password-title').scrollIntoViewIfNeeded();
    },
  },
];
