/// <reference types="node" />
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages } from '../../extension/locales/messages';
import { startAdminServer, storeIncomingNumber, storeTwilioAsSetUp, type AdminServer } from './support/admin-setup';
import { chromiumPath } from './support/extension';
import { addRep, signInAndGoOnline } from './support/rep';

// Proves the "Language and look" claims (issue 4) and the admin pages' "Quality" (issue 5) in a real
// Chromium: 200% zoom, keyboard-only use with a visible focus, a name for every control, both languages.
// One browser and one server for the file: the rep's popup first, then an admin's options page.

const root = fileURLToPath(new URL('../../', import.meta.url));
/** Its own build folder: the other browser test files rebuild theirs and may do so while this one runs. */
const extensionDir = path.join(root, '.output', 'a11y-chrome-mv3-e2e');
const ADMIN = { id: 'yamada', name: '山田 太郎', email: 'yamada@example.jp', password: 'correct horse battery' };
const MAIN_NUMBER = '+81312345678';
const ring = (users: string[]) => ({ type: 'ring', users, strategy: 'sequential', ringSeconds: 20, repeat: false });
/** 代表's IVR: five levels (サポート › 製品 › ハードウェア › 修理 › 保証期間内 / 保証期間外). */
const FIVE_LEVELS = [
  { key: 1, label: '営業', action: ring(['rep_sato']) },
  {
    key: 2,
    label: 'サポート',
    action: { type: 'menu', menu: [
      { key: 1, label: '製品について', action: { type: 'menu', menu: [
        { key: 1, label: 'ハードウェア', action: { type: 'menu', menu: [
          { key: 1, label: '修理のご依頼', action: { type: 'menu', menu: [{ key: 1, label: '保証期間内', action: ring(['rep_sato']) }, { key: 2, label: '保証期間外', action: ring(['yamada']) }] } },
        ] } },
        { key: 2, label: 'ソフトウェア', action: ring(['rep_sato']) },
      ] } },
    ] },
  },
];

/**
 * Browser zoom, unlike pinch zoom (`Emulation.setPageScaleFactor`, which only magnifies the visual
 * viewport and never reflows), makes every CSS pixel two device pixels: the layout viewport shrinks to
 * half its CSS width and height and the page reflows into it. So a 360×600 popup at 200% lays out like a
 * 180×300 viewport, and a 1280×800 window like 640×400: that is what these sizes emulate.
 */
const AT_200_PERCENT = {
  popup: { width: 360 / 2, height: 600 / 2 },
  options: { width: 1280 / 2, height: 800 / 2 },
};

let server: AdminServer;
let context: BrowserContext;
let extensionId: string;
let userDataDir: string;

function buildExtension(): string {
  if (process.env.YB_E2E_SKIP_BUILD && existsSync(extensionDir)) return extensionDir;
  const script = `import { build } from 'wxt'; await build({ mode: 'e2e', outDirTemplate: 'a11y-{{browser}}-mv{{manifestVersion}}{{modeSuffix}}' });`;
  execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, stdio: 'pipe', env: { ...process.env, FORCE_COLOR: '0' } });
  if (!existsSync(path.join(extensionDir, 'manifest.json'))) throw new Error(`the extension was not built into ${extensionDir}`);
  return extensionDir;
}

async function openPage(name: string, viewport = { width: 360, height: 600 }): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  await page.goto(`chrome-extension://${extensionId}/${name}`);
  // A background tab gets throttled animation frames, which every Playwright action waits on.
  await page.bringToFront();
  return page;
}

/** Controls that reach past the viewport's right edge, overflow their own box, or overlap one another. */
function layoutProblems(page: Page, scope: string) {
  return page.evaluate((selector) => {
    const problems: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth + 1) problems.push(`horizontal scroll: ${root.scrollWidth} > ${root.clientWidth}`);
    const describe = (el: Element) => `${el.tagName.toLowerCase()} "${(el.getAttribute('aria-label') ?? (el as HTMLElement).innerText ?? '').trim().slice(0, 40)}"`;
    /** Inside a region that scrolls sideways on purpose (a wide table): reachable by scrolling that region. */
    const inScroller = (el: Element) => {
      for (let node = el.parentElement; node && node !== document.body; node = node.parentElement) {
        const { overflowX } = getComputedStyle(node);
        if (overflowX === 'auto' || overflowX === 'scroll') return true;
      }
      return false;
    };
    const controls = [...document.querySelectorAll<HTMLElement>(`${selector} :is(button, input, select, textarea, a[href], summary)`)].filter((el) => {
      const rect = el.getBoundingClientRect();
      return rect.width > 0 && rect.height > 0 && getComputedStyle(el).visibility !== 'hidden' && (el as HTMLInputElement).type !== 'hidden';
    });
    for (const el of controls) {
      const rect = el.getBoundingClientRect();
      if (!inScroller(el) && (rect.left < -1 || rect.right > root.clientWidth + 1)) {
        problems.push(`${describe(el)} off-screen: ${Math.round(rect.left)}…${Math.round(rect.right)} of ${root.clientWidth}`);
      }
      if (el.tagName === 'BUTTON' && el.scrollWidth > el.clientWidth + 1) {
        problems.push(`${describe(el)} text overflows its button: ${el.scrollWidth} > ${el.clientWidth}`);
      }
    }
    controls.forEach((a, i) => {
      const ra = a.getBoundingClientRect();
      for (const b of controls.slice(i + 1)) {
        if (a.contains(b) || b.contains(a)) continue;
        const rb = b.getBoundingClientRect();
        const overlapX = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
        const overlapY = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
        if (overlapX > 1 && overlapY > 1) problems.push(`${describe(a)} overlaps ${describe(b)}`);
      }
    });
    return problems;
  }, scope);
}

/** Form controls without a name from a label, aria-label, aria-labelledby or (buttons) their own text. */
function unnamedControls(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('input, select, textarea, button')]
      .filter((el) => (el as HTMLInputElement).type !== 'hidden')
      .filter((el) => {
        const labelled = (el as HTMLInputElement).labels?.length ?? 0;
        const byIds = (el.getAttribute('aria-labelledby') ?? '').split(/\s+/).filter(Boolean);
        const named =
          labelled > 0 ||
          Boolean(el.getAttribute('aria-label')?.trim()) ||
          byIds.some((id) => document.getElementById(id)?.textContent?.trim()) ||
          (el.tagName === 'BUTTON' && Boolean(el.textContent?.trim()));
        return !named;
      })
      .map((el) => el.outerHTML.slice(0, 160)),
  );
}

/** The same question asked of Chromium's own accessibility tree: interactive roles with an empty name. */
async function unnamedInAccessibilityTree(page: Page): Promise<string[]> {
  const cdp = await context.newCDPSession(page);
  try {
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as {
      nodes: { ignored: boolean; role?: { value: string }; name?: { value: string }; backendDOMNodeId?: number }[];
    };
    const interactive = new Set(['button', 'textbox', 'combobox', 'checkbox', 'radio', 'switch', 'tab', 'spinbutton', 'slider', 'searchbox', 'listbox', 'link']);
    const unnamed = nodes.filter((node) => !node.ignored && interactive.has(node.role?.value ?? '') && !node.name?.value?.trim());
    const described: string[] = [];
    for (const node of unnamed) {
      const { object } = (await cdp.send('DOM.resolveNode', { backendNodeId: node.backendDOMNodeId })) as { object: { description?: string } };
      described.push(`${node.role?.value}: ${object.description ?? '?'}`);
    }
    return described;
  } finally {
    await cdp.detach();
  }
}

/**
 * Every page of the options page, one after the other: for an admin each setup step, the day-to-day
 * pages and My account, then the IVR builder (a 5-level tree) and its call preview; for anyone else
 * the one page there is.
 */
async function eachOptionsPage(page: Page, check: (pageName: string) => Promise<void>) {
  const links = page.locator('.yb-nav__link');
  const count = await links.count();
  if (count === 0) return check('account');
  for (let index = 0; index < count; index++) {
    const name = (await links.nth(index).getAttribute('data-page')) ?? String(index);
    await links.nth(index).click();
    await page.locator(`.yb-options__page[data-page="${name}"]`).waitFor();
    // Pages load their data from the server: let the loading state settle.
    await page.waitForLoadState('networkidle').catch(() => undefined);
    await page.waitForTimeout(300);
    await check(name);
  }
  await openBuilder(page);
  await check('IVR builder');
  await page.locator('.yb-ivr-builder__preview').click();
  await page.locator('.yb-keypad__key').first().waitFor();
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await check('IVR builder, previewing');
  await page.locator('.yb-nav__link[data-page="account"]').click();
}

/** The main number's IVR builder (5 levels), from the incoming numbers' list. */
async function openBuilder(page: Page) {
  await page.locator('.yb-nav__link[data-page="incoming"]').click();
  await page.locator(`li[data-number="${MAIN_NUMBER}"] button`).nth(1).click();
  await page.locator('[role="tree"]').waitFor();
  await page.waitForLoadState('networkidle').catch(() => undefined);
}

beforeAll(async () => {
  server = await startAdminServer();
  await storeTwilioAsSetUp(server);
  await addRep(server);
  await server.testApp.addUser({ ...ADMIN, role: 'admin' });
  await storeIncomingNumber(server, { number: MAIN_NUMBER, label: '代表', route: { type: 'ivr', menu: FIVE_LEVELS } });

  const dir = buildExtension();
  userDataDir = mkdtempSync(path.join(tmpdir(), 'yobidashi-a11y-e2e-'));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: false, // --headless=new below runs extensions
    locale: 'en-US',
    args: [
      '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', '--lang=en-US',
      `--load-extension=${dir}`, `--disable-extensions-except=${dir}`,
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  extensionId = new URL(worker.url()).host;
  const control = await openPage('microphone.html');
  await signInAndGoOnline(control, server.url);
});

afterAll(async () => {
  await context?.close();
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  await server?.close();
});

describe('the rep’s popup', () => {
  it('can be used with the keyboard alone, in order, with a visible focus on every control', async () => {
    const popup = await openPage('popup.html');
    await popup.locator('input[type="tel"]').waitFor();

    const seen: { what: string; focusVisible: boolean; outline: string; boxShadow: string }[] = [];
    for (let press = 0; press < 40; press++) {
      await popup.keyboard.press('Tab');
      const focused = await popup.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return null;
        const style = getComputedStyle(el);
        const what =
          el.getAttribute('role') === 'switch' ? 'online toggle'
          : el.matches('input[type="tel"]') ? 'number field'
          : el.matches('.yb-keypad__key') ? `key ${el.dataset.key}`
          : el.matches('.yb-button--call') ? 'call button'
          : `${el.tagName.toLowerCase()} ${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 30)}`;
        return { what, focusVisible: el.matches(':focus-visible'), outline: style.outlineStyle, boxShadow: style.boxShadow };
      });
      if (!focused) break;
      if (seen.some((entry) => entry.what === focused.what)) break; // round the page once
      seen.push(focused);
      // The call button only takes focus once there is a number to call: the rep types one.
      if (focused.what === 'number field') await popup.keyboard.type('0312345678');
    }

    const order = seen.map((entry) => entry.what);
    const at = (what: string) => order.indexOf(what);
    for (const control of ['online toggle', 'number field', 'key 1', 'key 0', 'key #', 'call button']) {
      expect(order, `${control} reached by Tab`).toContain(control);
    }
    expect(at('online toggle')).toBeLessThan(at('number field'));
    expect(at('number field')).toBeLessThan(at('key 1'));
    expect(order.filter((what) => what.startsWith('key ')).map((what) => what.slice(4))).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#']);
    expect(at('key #')).toBeLessThan(at('call button'));

    const invisible = seen.filter((entry) => !entry.focusVisible || (entry.outline === 'none' && (entry.boxShadow === 'none' || !entry.boxShadow)));
    expect(invisible, JSON.stringify(invisible)).toEqual([]);

    // And the keyboard does what a click does: Space on the focused switch takes the rep offline and back.
    await popup.getByRole('switch').focus();
    await popup.keyboard.press('Space');
    await expect.poll(() => popup.getByRole('switch').getAttribute('aria-checked')).toBe('false');
    await popup.keyboard.press('Space');
    await expect.poll(() => popup.getByRole('switch').getAttribute('aria-checked')).toBe('true');
    await popup.close();
  });

  it('reflows at 200% zoom: no sideways scrolling, no control cut off or overlapping', async () => {
    const popup = await openPage('popup.html', AT_200_PERCENT.popup);
    await popup.locator('input[type="tel"]').waitFor();
    await popup.locator('input[type="tel"]').fill('0312345678');
    expect(await layoutProblems(popup, '.yb-popup')).toEqual([]);
    // The "Why can't I call?" check list, opened, as well.
    await popup.locator('summary').click();
    await popup.waitForTimeout(300);
    expect(await layoutProblems(popup, '.yb-popup')).toEqual([]);
    await popup.close();
  });

  it('names every control', async () => {
    const popup = await openPage('popup.html');
    await popup.locator('input[type="tel"]').waitFor();
    expect(await unnamedControls(popup)).toEqual([]);
    expect(await unnamedInAccessibilityTree(popup)).toEqual([]);
    await popup.close();
  });
});

describe('the options page', () => {
  let options: Page;

  it('names every form control on every page, the IVR builder included, for a signed-out visitor and a signed-in admin', async () => {
    await context.newPage().then(async (control) => {
      // The rep's session from the popup tests ends here: the admin signs in on this browser.
      await control.goto(`chrome-extension://${extensionId}/microphone.html`);
      await control.evaluate(() => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({ type: 'signOut' }));
      await control.close();
    });
    options = await openPage('options.html', { width: 1280, height: 800 });
    await options.getByLabel('Server URL').waitFor();
    expect(await unnamedControls(options)).toEqual([]);
    expect(await unnamedInAccessibilityTree(options)).toEqual([]);

    await options.getByLabel('Server URL').fill(server.url);
    await options.getByLabel('Email').fill(ADMIN.email);
    await options.getByLabel('Password').fill(ADMIN.password);
    await options.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => options.locator('.yb-nav__link').count(), { timeout: 15_000 }).toBeGreaterThan(5);

    const problems: Record<string, string[]> = {};
    await eachOptionsPage(options, async (tab) => {
      const found = [...(await unnamedControls(options)), ...(await unnamedInAccessibilityTree(options))];
      if (found.length > 0) problems[tab] = found;
    });
    expect(problems).toEqual({});
  });

  it('reflows at 200% zoom on every page, the IVR builder’s 5-level tree included', async () => {
    await options.setViewportSize(AT_200_PERCENT.options);
    const problems: Record<string, string[]> = {};
    await eachOptionsPage(options, async (tab) => {
      const found = await layoutProblems(options, '.yb-options');
      if (found.length > 0) problems[tab] = found;
    });
    await options.setViewportSize({ width: 1280, height: 800 });
    expect(problems).toEqual({});
  });

  it('moves through the steps and the IVR tree with the keyboard alone, in order, with a visible focus', async () => {
    const focused = () =>
      options.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return null;
        const style = getComputedStyle(el);
        return {
          page: el.dataset.page ?? null,
          role: el.getAttribute('role'),
          name: (el.getAttribute('aria-label') ?? el.textContent ?? '').trim(),
          visible: el.matches(':focus-visible') && (style.outlineStyle !== 'none' || (style.boxShadow !== 'none' && style.boxShadow !== '')),
        };
      });
    await options.locator('.yb-nav__link[data-page="account"]').click();
    // Start from the top, as after loading the page (a click sets where Tab starts from).
    await options.locator('h1.yb-title').click();
    const pages: string[] = [];
    const invisible: string[] = [];
    for (let press = 0; press < 16; press++) {
      await options.keyboard.press('Tab');
      const now = await focused();
      if (!now?.page) break;
      pages.push(now.page);
      if (!now.visible) invisible.push(now.page);
    }
    // The steps in their order, then the day-to-day pages: the page's first stops.
    expect(pages).toEqual(['twilio', 'incoming', 'users', 'outgoing', 'crm', 'setupCheck', 'board', 'analytics', 'presence', 'callLog', 'exportImport', 'account']);
    expect(invisible).toEqual([]);
    // Each step says in words whether it is done, not by colour alone.
    const stepNames = await options.locator('.yb-nav ol .yb-nav__link').allInnerTexts();
    expect(stepNames.every((name) => /(Done|To do|Not checked yet)$/.test(name.trim()))).toBe(true);

    await openBuilder(options);
    // One tab stop for the whole tree: Tab from the toolbar lands on the selected key.
    await options.locator('#ivr-keyboard-help').click();
    let stop = await focused();
    for (let press = 0; press < 6 && stop?.role !== 'treeitem'; press++) {
      await options.keyboard.press('Tab');
      stop = await focused();
    }
    expect(stop).toMatchObject({ role: 'treeitem', visible: true, name: expect.stringMatching(/^Key 1: 営業 — /) });
    const walk = [
      ['ArrowDown', 'Key 2: サポート'],
      ['ArrowRight', 'Key 1: 製品について'],
      ['ArrowRight', 'Key 1: ハードウェア'],
      ['ArrowRight', 'Key 1: 修理のご依頼'],
      ['ArrowRight', 'Key 1: 保証期間内'],
      ['ArrowDown', 'Key 2: 保証期間外'],
    ] as const;
    for (const [press, reached] of walk) {
      await options.keyboard.press(press);
      // Focus follows once the tree has re-rendered the selection.
      await expect.poll(async () => (await focused())?.name.replace(/ — .*$/, ''), { timeout: 5_000 }).toBe(reached);
      expect(await focused(), press).toMatchObject({ role: 'treeitem', visible: true });
    }
    // The selected key's editor follows the focus, and is the next stop.
    expect(await options.locator('.yb-ivr-node h4').innerText()).toBe('Key 2: 保証期間外');
    await options.keyboard.press('Tab');
    expect(await focused()).toMatchObject({ role: null, visible: true });
    expect(await options.evaluate(() => document.activeElement?.id)).toBe('ivr-node-key');
    await options.locator('.yb-nav__link[data-page="account"]').click();
  });

  it('speaks Japanese when the language is set to 日本語, with no message key or English left over', async () => {
    await options.locator('.yb-nav__link[data-page="account"]').click();
    await options.getByLabel('Language').selectOption('ja');
    await expect.poll(() => options.locator('body').innerText()).toContain('着信番号');
    expect(await options.locator('html').getAttribute('lang')).toBe('ja');

    const keys = new Set(Object.keys(messages));
    // English strings a Japanese page must not show (those a Japanese string contains, like "Twilio", may stay).
    const japanese = Object.values(messages).map((entry) => entry.ja).join('\n');
    const english = Object.values(messages)
      .map((entry) => entry.en)
      .filter((en) => en.length >= 8 && !en.includes('{') && !japanese.includes(en));
    const leftovers: Record<string, string[]> = {};
    await eachOptionsPage(options, async (tab) => {
      const text = await options.evaluate(() =>
        [
          document.body.innerText,
          ...[...document.querySelectorAll('[aria-label], [placeholder], [title]')].flatMap((el) =>
            ['aria-label', 'placeholder', 'title'].map((name) => el.getAttribute(name) ?? ''),
          ),
        ].join('\n'),
      );
      const found = [
        ...(text.match(/\b[a-z][a-zA-Z-]*(?:\.[a-zA-Z-]+)+\b/g) ?? []).filter((word) => keys.has(word)),
        ...english.filter((en) => text.includes(en)),
      ];
      if (found.length > 0) leftovers[tab] = found;
    });
    expect(leftovers).toEqual({});

    await options.locator('.yb-nav__link[data-page="account"]').click();
    await options.getByRole('button', { name: 'サインアウト' }).click();
    await expect.poll(() => options.getByRole('button', { name: 'サインイン' }).count()).toBe(1);
    expect(await options.getByLabel('サーバー', { exact: false }).count()).toBeGreaterThan(0);
  });

  it('keeps the language choice for the popup, which reflows in Japanese at 200% zoom too', async () => {
    const signedOut = await openPage('popup.html');
    await expect.poll(() => signedOut.locator('body').innerText()).toContain('サインインしていません');
    await signedOut.close();

    const control = await openPage('microphone.html');
    await signInAndGoOnline(control, server.url);
    const popup = await openPage('popup.html', AT_200_PERCENT.popup);
    await expect.poll(() => popup.getByRole('switch').innerText()).toContain('オンライン');
    await popup.locator('input[type="tel"]').fill('0312345678');
    await expect(popup.getByRole('button', { name: '発信' }).isEnabled()).resolves.toBe(true);
    expect(await layoutProblems(popup, '.yb-popup')).toEqual([]);
    await popup.close();
    await control.close();
  });
});
