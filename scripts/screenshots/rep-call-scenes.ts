import type { Page } from 'playwright-core';
import type { CallCard } from '../../server/voice/client-card.ts';
import { pageCardShows, resetPhone, ring, until } from './rep-phone.ts';
import { settle, type Scene, type SceneContext } from './scene.ts';
import { MAIN_NUMBER } from './seed.ts';

// A call to the rep, from ringing to the note after it. The call rings the fake Voice SDK with the
// card the server's TwiML would give it: the main number's 5-level menu, and the Zoho lead it matched.

const LEAD = { module: 'Leads', id: '4876876000000456789', name: '山田 太郎' };

function callToRep(stage: SceneContext['stage']): CallCard {
  return {
    parentCallSid: `CA${Date.now().toString(16).padStart(32, '0')}`,
    from: '+81399998888',
    calledNumber: MAIN_NUMBER,
    calledLabel: '代表',
    ivrPath: ['サポート', '製品について', 'ハードウェア', '修理のご依頼', '保証期間内'],
    crmMatch: { status: 'matched', ...LEAD, url: `${stage.crmOrigin}/crm/org90000001/tab/Leads/${LEAD.id}`, others: [] },
  };
}

/** The rep answers the call; resolves once it is connected. */
async function onCall({ stage }: SceneContext): Promise<void> {
  await ring(stage, callToRep(stage));
  await stage.send({ type: 'accept' });
  await until(stage, (state) => state.calls.current.kind === 'in-call', 'on the call');
}

const inCallPanel = (page: Page) => page.locator('.yb-in-call');

export const REP_CALL_SCENES: Scene[] = [
  {
    // Ringing over the Zoho page: who calls, the number they called, their menu choices, the matched record.
    name: 'incoming-call-page',
    as: 'rep',
    surface: 'crm',
    async shoot(page, { stage }) {
      await settle(page, 1_500);
      await ring(stage, callToRep(stage));
      await pageCardShows(page, '.yb-incoming');
      await settle(page, 600);
    },
    cleanUp: ({ stage }) => resetPhone(stage),
  },
  {
    // On the call in the popup: the timer, mute, the keypad (open), hold, transfer and add.
    name: 'in-call-popup',
    as: 'rep',
    surface: 'popup',
    fullPage: true,
    async shoot(page, context) {
      await onCall(context);
      await inCallPanel(page).waitFor();
      await inCallPanel(page).locator('button[aria-expanded]').first().click();
      await settle(page, 2_500);
    },
    cleanUp: ({ stage }) => resetPhone(stage),
  },
  {
    // The same call over the Zoho page: the compact card.
    name: 'in-call-page',
    as: 'rep',
    surface: 'crm',
    async shoot(page, context) {
      await settle(page, 1_500);
      await onCall(context);
      await pageCardShows(page, '.yb-in-call');
      await settle(page, 2_500);
    },
    cleanUp: ({ stage }) => resetPhone(stage),
  },
  {
    // After the call: the outcome and a note for the call log, half filled in.
    name: 'wrap-up-popup',
    as: 'rep',
    surface: 'popup',
    async shoot(page, context) {
      await onCall(context);
      await context.stage.send({ type: 'hangUp' });
      await until(context.stage, (state) => state.calls.current.kind === 'wrap-up', 'to the note');
      const form = page.locator('.yb-wrap-up');
      await form.waitFor();
      await form.locator('select').selectOption({ index: 1 });
      await form.locator('textarea').fill(context.say({ ja: '保証期間内の修理。来週引き取りに伺う。', en: 'Repair under warranty; pick-up next week.' }));
      await settle(page);
    },
    cleanUp: ({ stage }) => resetPhone(stage),
  },
];
