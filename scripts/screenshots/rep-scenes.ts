import { REP_CALL_SCENES } from './rep-call-scenes.ts';
import { REP_FAILURE_SCENES } from './rep-failure-scenes.ts';
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
  ...REP_FAILURE_SCENES,
  ...REP_CALL_SCENES,
];
