import { settle, type Scene } from './scene.ts';

/** The rep's screens: the popup at 360 px and call buttons on a Zoho CRM record. */
export const REP_SCENES: Scene[] = [
  {
    name: 'popup-ready',
    as: 'rep',
    surface: 'popup',
    async shoot(page) {
      await page.locator('input[type="tel"]').fill('0312345678');
      await settle(page, 500);
    },
  },
  {
    name: 'crm-record',
    as: 'rep',
    surface: 'crm',
    async shoot(page) {
      await page.locator('[data-yobidashi-launcher], yobidashi-launcher, body').first().waitFor();
      await settle(page, 2_500);
    },
  },
  // ── Rep-side states go here ─────────────────────────────────────────────────────────────────
  // The failed-call card and the rep's other failure paths (branch `uxrep`) add their scenes to this
  // list: one small function per state, bringing the popup or the CRM page into it (e.g. drive the
  // fake Voice SDK with test/e2e/support/fake-sdk-driver.ts to fail a call), then returning the card's
  // locator so only the card is captured.
];
