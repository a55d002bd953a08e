import type { Locator, Page } from 'playwright-core';
import { openOptionsPage, settle, type Scene, type SceneContext } from './scene.ts';
import { ADMIN, MAIN_NUMBER } from './seed.ts';

// What callers hear and when: the recording announcement (outgoing numbers step), and an IVR number's
// welcome that a key may cut short, its voicemail length, and the preview marking where a key works.

const mainNumberRow = (page: Page) => page.locator(`li[data-number="${MAIN_NUMBER}"]`);

/** `method path` as the admin, through the real API; the answer's JSON. */
async function asAdmin({ stage }: SceneContext, method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const { testApp } = stage.server;
  const token = await testApp.signIn(ADMIN.email, ADMIN.password);
  const response = await testApp.call(method, path, { token, ...(body === undefined ? {} : { body }) });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as Record<string, unknown>;
}

/** Scrolls the page until `element` is just under the top of the viewport. */
async function scrollToTop(element: Locator): Promise<void> {
  await element.evaluate((node) => (globalThis as unknown as { scrollBy(x: number, y: number): void }).scrollBy(0, node.getBoundingClientRect().top - 16));
}

const mainNumberPath = `/api/incoming/${encodeURIComponent(MAIN_NUMBER)}`;
/** 代表 as seeded, while a scene changes it for its picture. */
let savedMainNumber: Record<string, unknown> | null = null;

async function restoreMainNumber(context: SceneContext): Promise<void> {
  if (!savedMainNumber) return;
  const { number: _number, ...body } = savedMainNumber;
  await asAdmin(context, 'PUT', mainNumberPath, body);
  savedMainNumber = null;
}

export const ADMIN_VOICE_SCENES: Scene[] = [
  {
    // The announcement turned on with the standard wording (in the organisation's language), not saved yet.
    name: 'options-recording-notice',
    as: 'admin',
    surface: 'options',
    async shoot(page) {
      await openOptionsPage(page, 'outgoing');
      const form = page.locator('form[aria-labelledby="recording-notice-title"]');
      await form.locator('#recording-notice-enabled').check();
      await form.locator('#recording-notice-kind:not([disabled])').waitFor();
      await settle(page, 200);
      return form;
    },
  },
  {
    // 代表's settings: callers may press a menu key during the welcome, and speak up to 3 minutes
    // after the beep (the default is 2). The form is left unsaved.
    name: 'options-incoming-welcome-skippable',
    as: 'admin',
    surface: 'options',
    async shoot(page) {
      await openOptionsPage(page, 'incoming');
      await mainNumberRow(page).getByRole('button').nth(1).click();
      const length = page.locator('#incoming-voicemail-length');
      await length.selectOption('180');
      await page.locator('input[aria-describedby="voice-welcome-skippable-help"]').check();
      // The voicemail length at the top of the picture, the welcome and its checkbox under it.
      await scrollToTop(page.locator('.yb-field', { has: length }));
      await settle(page, 300);
    },
  },
  {
    // The same number saved so, previewed: the welcome is marked as where a key already works, and
    // the caller who pressed 1 (営業) and was not answered leaves a message of up to 3 minutes.
    name: 'ivr-preview-welcome-skippable',
    as: 'admin',
    surface: 'options',
    async shoot(page, context) {
      savedMainNumber = await asAdmin(context, 'GET', mainNumberPath);
      const { number: _number, ...body } = savedMainNumber;
      await asAdmin(context, 'PUT', mainNumberPath, { ...body, welcomeSkippable: true, voicemailMaxSeconds: 180 });
      // Silence: the preview speaks through the browser.
      await page.evaluate(() => void ((globalThis as unknown as { speechSynthesis: { speak(): void } }).speechSynthesis.speak = () => undefined));
      await openOptionsPage(page, 'incoming');
      await mainNumberRow(page).getByRole('button').nth(0).click();
      await page.locator('.yb-preview__keys-from').waitFor();
      await page.locator('.yb-keypad__key', { hasText: /^1$/ }).click();
      await page.locator('.yb-preview[aria-busy="false"] .yb-preview__keys-from').waitFor();
      await settle(page, 300);
      // The page as the admin sees it, the builder at the top: the preview beside the tree, whole
      // (it is a little taller than the usual 800 px).
      await page.setViewportSize({ width: 1280, height: 860 });
      await scrollToTop(page.locator('.yb-ivr-builder'));
      await settle(page, 200);
    },
    cleanUp: restoreMainNumber,
  },
];
