/// <reference types="node" />
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setAvailability } from '../../server/store/presence.ts';
import { newCallerId, newNumber, type FakeAccountData, type FakeNumber } from '../emulators/twilio-rest/state.ts';
import { launchAdminBrowser, startAdminServer, type AdminBrowser, type AdminServer } from './support/admin-setup';

// One browser, one server, one admin for the whole file: the steps build on each other like the
// admin's first afternoon with Yobidashi.
const ADMIN = { id: 'yamada', name: '山田 太郎', email: 'yamada@example.jp', password: 'correct horse battery' };
const NUMBER = '+81312345678';
const WELCOME = 'お電話ありがとうございます。';

let server: AdminServer;
let browser: AdminBrowser;
let page: Page;
let account: FakeAccountData;
let owned: FakeNumber;
let elsewhere: FakeNumber;
let adminToken: string;
let tmp: string;

const text = () => page.locator('body').innerText();
/** The IVR builder's key whose label is `label` (`untitled` for a new one), as the tree names it. */
const key = (label: string) => page.getByRole('treeitem', { name: new RegExp(`^Key \\d: ${label} — `) });
/** The selected key's editor, beside the tree. */
const editor = () => page.locator('.yb-ivr-node');
const ownField = (scope: Locator, label: string) => scope.getByLabel(label, { exact: true }).first();
/** A page of the options page's navigation: a setup step, a day-to-day page or My account. */
async function open(name: string) {
  await page.locator(`.yb-nav__link[data-page="${name}"]`).click();
  await page.locator(`.yb-options__page[data-page="${name}"]`).waitFor();
}

/** A call to the number as Twilio makes it: the first webhook, then the Gather's action with a key. */
async function twiml(url: string, params: Record<string, string>) {
  const response = await server.twilioWebhook(
    url,
    { AccountSid: account.account.sid, ApiVersion: '2010-04-01', CallSid: `CA${'e'.repeat(32)}`, Direction: 'inbound', From: '+819012345678', To: NUMBER, ...params },
    account.account.authToken,
  );
  expect(response.status).toBe(200);
  return response.text();
}

beforeAll(async () => {
  server = await startAdminServer();
  const { testApp, twilioApi } = server;
  await testApp.addUser({ ...ADMIN, role: 'admin' });
  await testApp.addUser({ id: 'sato', name: '佐藤' });
  await testApp.addUser({ id: 'suzuki', name: '鈴木' });
  // Listed in the page when it loads, removed on the server before the admin saves (a stale choice).
  await testApp.addUser({ id: 'takahashi', name: '高橋' });
  adminToken = await testApp.signIn(ADMIN.email, ADMIN.password);
  account = twilioApi.fake.addAccount({ friendly_name: '山田商事 本番', type: 'Full' });
  owned = newNumber(NUMBER, { friendly_name: '東京代表' });
  account.numbers.set(owned.sid, owned);
  elsewhere = newNumber('+815012345678', { voice_url: 'https://ivr.example.com/answer' });
  account.numbers.set(elsewhere.sid, elsewhere);
  tmp = mkdtempSync(path.join(tmpdir(), 'yobidashi-admin-import-'));

  browser = await launchAdminBrowser();
  page = await browser.openPage('options.html');
  // Leaving a form, deleting a number and importing ask first: the admin says yes.
  page.on('dialog', (dialog) => void dialog.accept());
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('the admin’s options page in a real Chromium, against the real server', () => {
  it('signs the admin in and starts the guided setup at step 1, everything still to do', async () => {
    await page.getByLabel('Server URL').fill(server.url);
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(text, { timeout: 15_000 }).toContain(ADMIN.name);
    const steps = page.locator('.yb-nav ol .yb-nav__link');
    await expect.poll(() => steps.allInnerTexts(), { timeout: 15_000 }).toEqual([
      expect.stringMatching(/Twilio\s+To do$/),
      expect.stringMatching(/Incoming numbers\s+To do$/),
      // Three reps already exist.
      expect.stringMatching(/Users\s+Done$/),
      expect.stringMatching(/Outgoing numbers\s+To do$/),
      expect.stringMatching(/CRM\s+To do$/),
      expect.stringMatching(/Setup check\s+To do$/),
    ]);
    expect(await page.locator('.yb-nav__link[aria-current="page"]').getAttribute('data-page')).toBe('twilio');
  });

  it('authenticates Twilio against the fake REST API and shows the account, never the token again', async () => {
    await open('twilio');
    await page.getByLabel('Account SID').fill(account.account.sid);
    await page.getByLabel('Auth Token').fill(account.account.authToken);
    await page.getByRole('button', { name: 'Verify and save' }).click();
    const summary = page.getByTestId('twilio-account');
    await expect.poll(() => summary.innerText({ timeout: 1_000 }).catch(() => ''), { timeout: 15_000 }).toContain('山田商事 本番');
    const shown = await summary.innerText();
    expect(shown).toContain('Active');
    expect(shown).toContain('Full');
    expect(shown).toContain(`Stored: ••••${account.account.authToken.slice(-4)}`);
    expect(await text()).not.toContain(account.account.authToken);
    // What outgoing calls need was created in the account.
    expect(account.keys.size).toBe(1);
    expect([...account.applications.values()].map((app) => app.voice_url)).toEqual([`${server.publicUrl}/twilio/voice/outgoing`]);
  });

  it('adds a number of the account with a 2-level IVR built in the builder, and points it at the server', async () => {
    await open('incoming');
    await page.getByRole('button', { name: '+ Add number' }).click();
    const pick = page.getByLabel('Number from your Twilio account');
    await expect.poll(() => pick.locator('option').allInnerTexts(), { timeout: 10_000 }).toEqual([
      '— choose a number —',
      expect.stringMatching(/東京代表 — not in use$/),
      expect.stringMatching(/Voice URL https:\/\/ivr\.example\.com\/answer$/),
    ]);
    await pick.selectOption(NUMBER);
    await page.getByRole('button', { name: 'Add', exact: true }).click();

    // The new number's first key is selected: its editor is beside the tree.
    await ownField(editor(), 'Label').fill('営業');
    await editor().getByRole('checkbox', { name: '佐藤' }).check();
    await page.getByRole('button', { name: 'Add a key to the top menu' }).click();
    await ownField(editor(), 'Label').fill('サポート');
    await ownField(editor(), 'Action').selectOption('menu');
    // Into the submenu with the keyboard: → from サポート.
    await key('サポート').focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => editor().locator('h4').innerText()).toBe('Key 1: untitled');
    await ownField(editor(), 'Label').fill('製品について');
    await editor().getByRole('checkbox', { name: '鈴木' }).check();
    expect(await page.locator('.yb-ivr-card').count()).toBe(2);
    await page.getByLabel('Welcome message', { exact: true }).fill(WELCOME);
    await page.getByRole('button', { name: 'Save', exact: true }).click();

    await expect.poll(() => page.locator(`li[data-number="${NUMBER}"]`).count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByRole('status').first().innerText()).toBe('03-1234-5678 was saved.');
    expect(owned).toMatchObject({ voice_url: `${server.publicUrl}/twilio/voice`, status_callback: `${server.publicUrl}/twilio/status` });
  });

  it('the server’s /twilio/voice TwiML for the number speaks those menus', async () => {
    const top = await twiml(`${server.publicUrl}/twilio/voice`, { CallStatus: 'ringing' });
    expect(top).toContain(WELCOME);
    expect(top).toContain('営業');
    expect(top).toContain('サポート');
    const action = top.match(/<Gather[^>]*action="([^"]+)"/)?.[1]?.replaceAll('&amp;', '&');
    expect(action, top).toBeTruthy();
    const submenu = await twiml(new URL(action!, `${server.publicUrl}/twilio/voice`).toString(), { CallStatus: 'in-progress', Digits: '2' });
    expect(submenu).toContain('製品について');
    expect(submenu).not.toContain('営業');
  });

  it('warns with the server’s sentence before taking over a number used elsewhere, and connects it once confirmed', async () => {
    await page.getByRole('button', { name: '+ Add number' }).click();
    const pick = page.getByLabel('Number from your Twilio account');
    await expect.poll(() => pick.locator('option').count(), { timeout: 10_000 }).toBe(2);
    await pick.selectOption(elsewhere.phone_number);
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByLabel('How calls are handled').selectOption('ring');
    await page.getByRole('checkbox', { name: '佐藤' }).check();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const warning = page.getByRole('alertdialog');
    await expect.poll(() => warning.innerText({ timeout: 1_000 }).catch(() => ''), { timeout: 15_000 }).toContain(
      'currently answers calls elsewhere (Voice URL https://ivr.example.com/answer)',
    );
    expect(elsewhere.voice_url).toBe('https://ivr.example.com/answer');
    await page.getByRole('button', { name: 'Connect it to Yobidashi anyway' }).click();
    await expect.poll(() => elsewhere.voice_url, { timeout: 10_000 }).toBe(`${server.publicUrl}/twilio/voice`);
  });

  it('the setup check finds a TwiML App deleted in Twilio’s console and re-creates it with one click', async () => {
    account.applications.clear();
    await open('setupCheck');
    const problem = page.locator('[data-finding="twiml-app"]');
    await expect.poll(() => problem.innerText({ timeout: 1_000 }).catch(() => ''), { timeout: 15_000 }).toContain('The TwiML App for outgoing calls is missing');
    await problem.getByRole('button', { name: 'Fix it' }).click();
    await expect.poll(() => account.applications.size, { timeout: 10_000 }).toBe(1);
    await expect.poll(() => page.locator('[data-finding="twiml-app"]').innerText(), { timeout: 10_000 }).toBe('The TwiML App for outgoing calls exists.');
    expect(await page.locator('[data-finding="twiml-app"] svg[data-icon="check"]').count()).toBe(1);
    // Who can be rung on each number right now (nobody is online yet).
    expect(await page.locator('tbody tr').first().innerText()).toMatch(/営業|佐藤|鈴木/);
  });

  it('assigns outgoing numbers from the account’s numbers and verified caller IDs only, and confirms the save', async () => {
    const verified = newCallerId('+819012345678', { friendly_name: '山田 携帯' });
    account.callerIds.set(verified.sid, verified);
    await open('outgoing');
    await page.getByRole('button', { name: '+ Add row' }).click();
    await page.getByLabel('User 1').selectOption('sato');
    const number = page.getByLabel('Number 1', { exact: true });
    await expect.poll(() => number.locator('optgroup').evaluateAll((groups) => groups.map((g) => `${(g as HTMLOptGroupElement).label}: ${g.textContent}`)), { timeout: 10_000 }).toEqual([
      'Numbers of your Twilio account: 03-1234-5678 東京代表050-1234-5678',
      'Verified caller IDs: 090-1234-5678 山田 携帯',
    ]);
    await number.selectOption('+819012345678');
    // The row's own Save (the hold music below has its own).
    await page.locator('tr', { has: number }).getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => page.getByRole('status').innerText(), { timeout: 10_000 }).toBe('Saved: 佐藤 calls from 090-1234-5678.');
    // The server asked Twilio about exactly that number before saving it.
    expect(server.twilioApi.fake.requests.some((r) => r.method === 'GET' && r.path.endsWith('/OutgoingCallerIds.json'))).toBe(true);
  });

  it('the setup check flags an imported outgoing number Twilio would refuse, in national format', async () => {
    const document = (await (await server.testApp.call('GET', '/api/config', { token: adminToken })).json()) as { outgoing: unknown[] };
    document.outgoing = [...document.outgoing, { user: 'suzuki', number: '03-9999-0000', record: false }];
    expect((await server.testApp.call('PUT', '/api/config', { token: adminToken, body: document })).status).toBe(200);
    await open('setupCheck');
    const flagged = page.locator('[data-finding="outgoing:suzuki:caller-id"]');
    await expect.poll(() => flagged.innerText({ timeout: 1_000 }).catch(() => ''), { timeout: 15_000 }).toContain(
      '鈴木 cannot make calls: 03-9999-0000 is neither a number of this Twilio account nor a verified caller ID',
    );
    await expect.poll(() => page.locator('.yb-nav__link[data-page="outgoing"] .yb-nav__state').innerText()).toBe('To do');
    await open('incoming');
  });

  it('previews the call beside the tree: speaks the menus, walks them with the keypad, marks where the caller is', async () => {
    await page.evaluate(() => {
      const spoken: { text: string; lang: string }[] = [];
      (window as unknown as { spoken: typeof spoken }).spoken = spoken;
      speechSynthesis.speak = (utterance: SpeechSynthesisUtterance) => void spoken.push({ text: utterance.text, lang: utterance.lang });
    });
    const spoken = () => page.evaluate(() => (window as unknown as { spoken: { text: string; lang: string }[] }).spoken);
    await page.locator(`li[data-number="${NUMBER}"]`).getByRole('button', { name: /^Preview / }).click();
    const summary = page.getByTestId('preview-summary');
    await expect.poll(() => summary.innerText({ timeout: 1_000 }).catch(() => ''), { timeout: 15_000 }).toBe('plays the menu and waits for a key');
    // The sentence callers hear is the one the editor starts from.
    expect((await spoken()).map((line) => line.text)).toContain('営業の場合、1を押してください。');
    expect((await spoken()).every((line) => line.lang === 'ja-JP')).toBe(true);
    const callerAt = () => page.locator('.yb-ivr-card--caller').getAttribute('aria-label', { timeout: 2_000 }).catch(() => null);
    await expect.poll(callerAt).toBe('Top menu — Level 1');

    await page.getByRole('button', { name: 'Press 2' }).click();
    await expect.poll(spoken, { timeout: 10_000 }).toContainEqual({ text: expect.stringContaining('製品について'), lang: 'ja-JP' });
    await expect.poll(callerAt).toBe('Submenu of “サポート” — Level 2');
    await page.getByRole('button', { name: 'Press 1' }).click();
    await expect.poll(() => summary.innerText(), { timeout: 10_000 }).toContain('nobody online: unavailable message');

    // 鈴木 comes online: the same keys now ring him, and the key being rung is marked.
    await setAvailability(server.testApp.store.db, 'suzuki', true, server.testApp.clock.now());
    await page.getByRole('button', { name: 'Call again' }).click();
    await expect.poll(() => summary.innerText(), { timeout: 10_000 }).toBe('plays the menu and waits for a key');
    await page.getByRole('button', { name: 'Press 2' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Press 1' }).isEnabled(), { timeout: 10_000 }).toBe(true);
    await page.getByRole('button', { name: 'Press 1' }).click();
    await expect.poll(() => summary.innerText(), { timeout: 10_000 }).toMatch(/^サポート > 製品について: rings 鈴木 for 20 s/);
    await expect.poll(() => page.locator('.yb-ivr-key--caller .yb-ivr-key__label').innerText()).toBe('製品について');
    await page.getByRole('button', { name: 'Hang up' }).click();
    await page.getByRole('button', { name: 'Cancel' }).click();
  });

  it('refuses an invalid tree with the server’s message next to the field', async () => {
    await page.locator(`li[data-number="${NUMBER}"]`).getByRole('button', { name: /^Edit / }).click();
    // 高橋 is still offered by the page, but no longer exists on the server.
    const removed = await server.testApp.call('DELETE', '/api/users/takahashi', { token: adminToken });
    expect(removed.status).toBe(204);
    await key('営業').click();
    await editor().getByRole('checkbox', { name: '高橋' }).check();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const error = page.locator('#ivr-node-users-error');
    await expect.poll(() => error.innerText({ timeout: 1_000 }).catch(() => ''), { timeout: 10_000 }).toBe('There is no user “takahashi”.');
    // The form is kept, with the admin's edit, and the key is marked in the tree.
    expect(await editor().getByRole('checkbox', { name: '高橋' }).isChecked()).toBe(true);
    expect(await key('営業').innerText()).toContain('needs attention');
    await editor().getByRole('checkbox', { name: '高橋' }).uncheck();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => page.locator(`li[data-number="${NUMBER}"]`).count(), { timeout: 10_000 }).toBe(1);
  });

  it('refuses an imported configuration naming an unknown rep, showing the server’s issue with its path', async () => {
    const exported = (await (await server.testApp.call('GET', '/api/config', { token: adminToken })).json()) as {
      incoming: { route: { menu: { action: { users?: string[] } }[] } }[];
    };
    exported.incoming[0]!.route.menu[0]!.action.users = ['tanaka'];
    const file = path.join(tmp, 'config.json');
    writeFileSync(file, JSON.stringify(exported));
    await open('exportImport');
    await page.getByLabel('Configuration file to import').setInputFiles(file);
    await page.getByRole('button', { name: 'Replace the configuration' }).click();
    await expect.poll(text, { timeout: 10_000 }).toContain('incoming[0].route.menu[0].action.users[0]: There is no user “tanaka”.');
  });

  it('deleting a number gives the Twilio number back what it had before', async () => {
    await open('incoming');
    for (const [number, before] of [[owned, 'https://demo.twilio.com/welcome/voice/'], [elsewhere, 'https://ivr.example.com/answer']] as const) {
      await page.locator(`li[data-number="${number.phone_number}"]`).getByRole('button', { name: /^Delete / }).click();
      await expect.poll(() => page.locator(`li[data-number="${number.phone_number}"]`).count(), { timeout: 10_000 }).toBe(0);
      expect(number.voice_url).toBe(before);
    }
  });

  it('changes the admin’s own password under My account; the new one signs in', async () => {
    await open('account');
    await page.getByLabel('Current password').fill(ADMIN.password);
    await page.getByLabel('New password', { exact: true }).fill('a much longer passphrase');
    await page.getByLabel('New password again').fill('a much longer passphrase');
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect.poll(() => page.getByRole('status').innerText(), { timeout: 10_000 }).toBe('Your password was changed.');
    const signIn = (password: string) => server.testApp.call('POST', '/api/auth/login', { body: { email: ADMIN.email, password } });
    expect((await signIn('a much longer passphrase')).status).toBe(200);
    expect((await signIn(ADMIN.password)).status).toBe(401);
  });

  it('lines up each user’s name, role select and buttons on one line', async () => {
    await open('users');
    const row = page.locator('tr', { hasText: '佐藤' });
    await row.getByRole('combobox', { name: 'Role of 佐藤' }).waitFor();
    // Vertical centres, in px: the name as drawn (its text, not its cell), the select, the first button.
    const middles = await row.evaluate((tr) => {
      const middle = (box: { top: number; height: number }) => box.top + box.height / 2;
      const name = tr.querySelector('td')!;
      const text = document.createRange();
      text.selectNodeContents(name);
      return [middle(text.getBoundingClientRect()), middle(tr.querySelector('select')!.getBoundingClientRect()), middle(tr.querySelector('button')!.getBoundingClientRect())];
    });
    for (const value of middles) expect(Math.abs(value - middles[1]!)).toBeLessThanOrEqual(2);
  });
});
