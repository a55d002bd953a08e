import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { UsersSection } from '@/components/options/users-section';
import { uiLanguage } from '@/locales/i18n';
import { fakeAdminApi } from './fake-admin-api';
import { button, click, field, flush, renderUi, type } from './render';

/**
 * The options page's add-user form as Chromium lays it out at 1280 px: the component rendered here,
 * its markup put in the page's layout with the page's own stylesheets. happy-dom has no layout, so
 * the measuring is Chromium's (the one the e2e tests drive).
 */

const ASSETS = join(dirname(fileURLToPath(import.meta.url)), '../../../extension/assets');
const STYLESHEETS = ['tokens.css', 'call-control.css', 'ui.css', 'options.css'];
const CHROMIUM = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => path && existsSync(path));

/** The form's markup as the admin first sees it, and after Add with a name, a wrong email and a short password. */
async function formStates(): Promise<{ clean: string; invalid: string }> {
  const { container, unmount } = renderUi(<UsersSection api={fakeAdminApi()} users={[]} onChanged={() => {}} />);
  const form = () => container.querySelector('.yb-user-form')!.outerHTML;
  const clean = form();
  await type(field(container, '名前'), '伊藤 さくら');
  await type(field(container, 'メールアドレス'), 'ito@');
  await type(field(container, 'パスワード'), '12345');
  await click(button(container, 'ユーザーを追加'));
  await flush();
  const invalid = form();
  expect([...container.querySelectorAll('.yb-user-form .yb-field__error--reserved')].filter((slot) => slot.textContent).map((slot) => slot.id)).toEqual(['new-user-email-error', 'new-user-password-error']);
  unmount();
  return { clean, invalid };
}

/** The options page around the form: the steps beside the page (options-app.tsx). */
function page(form: string): string {
  const css = STYLESHEETS.map((name) => readFileSync(join(ASSETS, name), 'utf8').replace(/@import[^;]+;/g, '')).join('\n');
  return `<!doctype html><html lang="ja"><head><meta charset="utf-8"><style>${css}</style></head><body>
    <main class="yb-root yb-options"><div class="yb-options__layout"><nav class="yb-nav"></nav>
    <div class="yb-options__page"><section>${form}</section></div></div></main></body></html>`;
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

afterEach(() => {
  uiLanguage.value = 'ja';
  document.body.innerHTML = '';
});

describe('the add-user form at 1280 px', () => {
  it('puts its four fields on one row, the button right under their error room, and moves nothing when errors show', { timeout: 30_000 }, async () => {
    expect(CHROMIUM, 'Chromium (apt-get install -y chromium, or CHROMIUM_PATH)').toBeDefined();
    uiLanguage.value = 'ja';
    const states = await formStates();
    const browser = await chromium.launch({ executablePath: CHROMIUM!, args: ['--no-sandbox'] });
    try {
      const tab = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      const measure = async (form: string) => {
        await tab.setContent(page(form));
        const boxes = (selector: string) => tab.locator(selector).evaluateAll((elements) => elements.map((element) => element.getBoundingClientRect().toJSON() as Box));
        return { controls: await boxes('.yb-user-form__fields :is(input, select)'), button: (await boxes('.yb-user-form button[type="submit"]'))[0]!, rem: await tab.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize)) };
      };
      const clean = await measure(states.clean);
      expect(clean.controls).toHaveLength(4);
      // One row: no field alone on a second one, with the others' empty error room above it.
      expect(new Set(clean.controls.map((box) => Math.round(box.y)))).toHaveProperty('size', 1);
      // Between the controls and the button: the two lines kept for an error, and the usual gaps, no more.
      const below = Math.max(...clean.controls.map((box) => box.y + box.height));
      expect((clean.button.y - below) / clean.rem).toBeLessThanOrEqual(3.25);

      const invalid = await measure(states.invalid);
      expect(invalid.controls.map((box) => [box.x, box.y])).toEqual(clean.controls.map((box) => [box.x, box.y]));
      expect([invalid.button.x, invalid.button.y]).toEqual([clean.button.x, clean.button.y]);
    } finally {
      await browser.close();
    }
  });
});
