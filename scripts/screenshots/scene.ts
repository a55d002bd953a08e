import type { Locator, Page } from 'playwright-core';
import type { Language, Stage } from './stage.ts';

/**
 * One screen in one state, taken in Japanese and in English: `docs/screenshots/<name>.<lang>.png`.
 * `shoot` brings the page into the state; it returns the element to capture, or nothing for the
 * viewport (`fullPage` for the whole page). `cleanUp` puts things back for the next picture.
 */
export interface Scene {
  name: string;
  /** Who is signed in: the admin (options page), the rep (popup, CRM page) or, in the call room, a supervisor. */
  as: 'admin' | 'rep' | 'supervisor';
  /**
   * Played in the call room (call-room.ts): a second real server steering the Twilio call emulator's
   * conference rooms, for call control. Taken after the other scenes.
   */
  room?: boolean;
  surface: 'options' | 'popup' | 'crm';
  fullPage?: boolean;
  /** Taken on the fresh server (only the first admin) before the company's data is added. */
  firstRun?: boolean;
  shoot(page: Page, context: SceneContext): Promise<Locator | void>;
  cleanUp?(context: SceneContext): Promise<void>;
}

export interface SceneContext {
  stage: Stage;
  language: Language;
  /** The scene's text in the page language. */
  say(text: { ja: string; en: string }): string;
}

/** The viewport of each surface: the popup at its real 360 px width, pages at 1280 px. */
export const VIEWPORTS = {
  options: { width: 1280, height: 800 },
  popup: { width: 360, height: 600 },
  crm: { width: 1280, height: 800 },
} as const;

/** Sections load from the server: wait until nothing is in flight and the page has settled. */
export async function settle(page: Page, ms = 400): Promise<void> {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.waitForTimeout(ms);
}

/** Opens a page of the options page's navigation (a setup step, a day-to-day page, My account). */
export async function openOptionsPage(page: Page, name: string): Promise<void> {
  await page.locator(`.yb-nav__link[data-page="${name}"]`).click();
  await page.locator(`.yb-options__page[data-page="${name}"]`).waitFor();
  await settle(page);
}
