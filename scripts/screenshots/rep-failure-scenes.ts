import type { Page } from 'playwright-core';
import { pageCardShows, resetPhone, setTwilioNetwork, until } from './rep-phone.ts';
import { settle, type Scene } from './scene.ts';

// The rep's failure paths (issue 10, "Defects on the rep's side"), brought about as
// test/e2e/call-failures.test.ts does: the fake Voice SDK plays the network to Twilio.

/** Long enough for the call that Twilio never takes to give up (CALL_START_TIMEOUT_MS) and say why. */
const CALL_START_GIVES_UP_MS = 20_000;

const clickCallButton = (page: Page) => page.locator('yobidashi-call-button').first().click();

export const REP_FAILURE_SCENES: Scene[] = [
  {
    // A call Twilio does not take: after the start timeout the popup says the call did not start and
    // why, and is back at the dialer: no call card left behind, no wrap-up.
    name: 'failed-call-popup',
    as: 'rep',
    surface: 'popup',
    async shoot(page, { stage }) {
      await setTwilioNetwork(stage, 'stalled');
      await page.locator('input[type="tel"]').fill('0398765432');
      await page.locator('.yb-button--call').click();
      await page.locator('.yb-call-problem').waitFor({ timeout: CALL_START_GIVES_UP_MS });
      await settle(page);
    },
    cleanUp: ({ stage }) => resetPhone(stage),
  },
  {
    // The same from a call button on the Zoho record: the notice over the page, nothing else.
    name: 'failed-call-page',
    as: 'rep',
    surface: 'crm',
    async shoot(page, { stage }) {
      await settle(page, 1_500);
      await setTwilioNetwork(stage, 'stalled');
      await clickCallButton(page);
      await pageCardShows(page, '.yb-call-problem', CALL_START_GIVES_UP_MS);
      await settle(page);
    },
    cleanUp: ({ stage }) => resetPhone(stage),
  },
  {
    // A call button clicked while offline: why, and "Go online" to fix it.
    name: 'offline-call-page',
    as: 'rep',
    surface: 'crm',
    async shoot(page, { stage }) {
      await stage.send({ type: 'setOnline', online: false });
      await until(stage, (state) => !state.online, 'offline');
      await settle(page, 1_500);
      await clickCallButton(page);
      await pageCardShows(page, '.yb-call-problem');
      await settle(page);
    },
    cleanUp: ({ stage }) => resetPhone(stage),
  },
  {
    // "Why can't I call?" while Twilio is unreachable (a firewall): the first failing step names the
    // cause and its one fix.
    name: 'why-cant-i-call',
    as: 'rep',
    surface: 'popup',
    fullPage: true,
    async shoot(page, { stage }) {
      await setTwilioNetwork(stage, 'down');
      await stage.send({ type: 'setOnline', online: false });
      await stage.send({ type: 'setOnline', online: true });
      await until(stage, (state) => state.status === 'twilio-unreachable', "Twilio's outage");
      await page.locator('.yb-disclosure summary').click();
      await page.locator('.yb-check--first-broken').waitFor();
      await settle(page, 800);
    },
    cleanUp: ({ stage }) => resetPhone(stage),
  },
];
