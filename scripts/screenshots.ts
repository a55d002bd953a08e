// `npm run screenshots`: the README's pictures, taken from the real thing: the server (embedded
// database, a rep with an outgoing number, a Twilio account whose SIDs have Twilio's shapes), the
// extension built in e2e mode (the Voice SDK replaced by the test double, as Twilio is unreachable here)
// in Debian's Chromium, the popup in Japanese and a saved Zoho record page with its call buttons.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import { fixtureTls } from '../test/support/tls.ts';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const root = resolve(import.meta.dirname, '..');
const ext = join(root, '.output/chrome-mv3-e2e');
const data = mkdtempSync(join(tmpdir(), 'yb-shot-'));
const server = spawn(process.execPath, ['server/index.ts'], { cwd: root, env: { PATH: process.env.PATH, PORT: '8799', DATA_DIR: data, ADMIN_EMAIL: 'yamada@example.jp', ADMIN_PASSWORD: 'kanri-sha-2024', LOG_LEVEL: 'warn', PUBLIC_URL: 'https://phone.example.jp' }, stdio: 'inherit' });
await new Promise((r) => setTimeout(r, 6000));
// A rep with an outgoing number, through the real API.
const login = await (await fetch('http://127.0.0.1:8799/api/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: 'yamada@example.jp', password: 'kanri-sha-2024' }) })).json() as { token: string };
const auth = { Authorization: `Bearer ${login.token}`, 'Content-Type': 'application/json' };
void (await fetch('http://127.0.0.1:8799/api/users', { method: 'POST', headers: auth, body: JSON.stringify({ id: 'sato', name: '佐藤 花子', email: 'sato@example.jp', role: 'rep', password: 'hanako-pass-01' }) }));
const config = await (await fetch('http://127.0.0.1:8799/api/config', { headers: auth })).json() as Record<string, unknown>;
config.twilio = { accountSid: 'AC' + 'a1'.repeat(16), authToken: 'f3c2a9d8e7b6a5f4e3d2c1b0a9f81a2b', apiKeySid: 'SK' + 'b2'.repeat(16), apiKeySecret: 'screenshot-api-key-secret-000000', twimlAppSid: 'AP' + 'c3'.repeat(16) };
void (await fetch('http://127.0.0.1:8799/api/config', { method: 'PUT', headers: auth, body: JSON.stringify(config) }));
void (await fetch('http://127.0.0.1:8799/api/outgoing/sato', { method: 'PUT', headers: auth, body: JSON.stringify({ number: '03-1234-5678', record: true }) }));

const lead = readFileSync(join(root, 'test/fixtures/crm-pages/zoho-record-lead.html'));
const pages = createServer(fixtureTls(), (_req, res) => { res.setHeader('Content-Type', 'text/html; charset=utf-8'); res.end(lead); }).listen(8798);

const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'yb-ud-')), {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, ignoreHTTPSErrors: true, locale: 'ja-JP', viewport: { width: 1280, height: 800 },
  args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--lang=ja',
    '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', '--host-resolver-rules=MAP crm.zoho.jp 127.0.0.1',
    `--load-extension=${ext}`, `--disable-extensions-except=${ext}`],
});
let [worker] = context.serviceWorkers();
worker ??= await context.waitForEvent('serviceworker');
const id = new URL(worker.url()).host;
await new Promise((r) => setTimeout(r, 2000));
const options = await context.newPage();
await options.goto(`chrome-extension://${id}/options.html`);
await options.bringToFront();
await options.locator('input[type=url]').first().fill('http://127.0.0.1:8799');
await options.locator('input[type=email]').fill('sato@example.jp');
await options.locator('input[type=password]').fill('hanako-pass-01');
await options.locator('button[type=submit]').first().click();
await new Promise((r) => setTimeout(r, 2500));
const popup = await context.newPage();
await popup.setViewportSize({ width: 380, height: 600 });
await popup.goto(`chrome-extension://${id}/popup.html`);
await popup.bringToFront();
await new Promise((r) => setTimeout(r, 1500));
const toggle = popup.getByRole('switch').or(popup.getByRole('checkbox')).first();
if (await toggle.count()) await toggle.click();
await new Promise((r) => setTimeout(r, 2500));
await popup.locator('input').first().fill('0312345678');
await new Promise((r) => setTimeout(r, 500));
await popup.screenshot({ path: join(root, 'docs/popup.png') });
const crm = await context.newPage();
await crm.goto('https://crm.zoho.jp:8798/crm/org90000001/tab/Leads/4876876000000456789');
await crm.bringToFront();
await new Promise((r) => setTimeout(r, 3000));
await crm.screenshot({ path: join(root, 'docs/crm-record.png') });
await context.close();
pages.close();
server.kill('SIGTERM');
