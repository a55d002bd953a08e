import type { Page } from 'playwright-core';
import type { CallCard } from '../../server/voice/client-card.ts';
import { pageCardClick, pageCardShows, resetPhone, ring, until } from './rep-phone.ts';
import { settle, type Scene, type SceneContext } from './scene.ts';
import { MAIN_NUMBER } from './seed.ts';

// A call to the rep, from ringing to the note after it. The call rings the fake Voice SDK with the
// card the server's TwiML would give it: the main number's 5-level menu, and the Zoho lead it matched.

const LEAD = { module: 'Leads', id: '4876876000000456789', name: '山田 太郎' };
/** Other records with the caller's number: the family's contact and the caller's company. */
const OTHERS = [
  { module: 'Contacts', id: '4876876000000512345', name: '山田 花子' },
  { module: 'Accounts', id: '4876876000000598765', name: '山田工務店' },
];

const recordUrl = (stage: SceneContext['stage'], record: { module: string; id: string }) => `${stage.crmOrigin}/crm/org90000001/tab/${record.module}/${record.id}`;

/** `crmMatch`: what the CRM lookup gave while the call rang (server/crm/caller-match.ts `crmMatchCard`); the lead by default. */
function callToRep(stage: SceneContext['stage'], crmMatch: CallCard['crmMatch'] = { status: 'matched', ...LEAD, url: recordUrl(stage, LEAD), others: [] }): CallCard {
  return {
    parentCallSid: `CA${Date.now().toString(16).padStart(32, '0')}`,
    from: '+81399998888',
    calledNumber: MAIN_NUMBER,
    calledLabel: '代表',
    ivrPath: ['サポート', '製品について', 'ハードウェア', '修理のご依頼', '保証期間内'],
    crmMatch,
  };
}

/** A note long enough for its count to show (from 4,500 characters), under the 5,000 limit: whole lines of the rep's log. */
function longNote(lines: string[]): string {
  let note = '';
  for (let i = 0; ; i++) {
    const next = `${note}${i + 1}. ${lines[i % lines.length]}\n`;
    if (next.length > 4_900) return note.trimEnd();
    note = next;
  }
}

const NOTE_LINES = {
  ja: ['保証期間内の修理。来週引き取りに伺う。', '前回の修理から同じ症状が再発。交換部品の在庫を確認して折り返す。', '代替機の貸し出しを希望。在庫あり、発送手配済み。'],
  en: ['Repair under warranty; pick-up next week.', 'Same fault again since the last repair; checking spare parts, will call back.', 'Asked for a loan unit: in stock, shipping arranged.'],
};

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
    // The caller's number is on other records too: the matched lead says its module, and the list of
    // the others (opened) links each.
    name: 'incoming-other-records-page',
    as: 'rep',
    surface: 'crm',
    async shoot(page, { stage }) {
      await settle(page, 1_500);
      const others = OTHERS.map((record) => ({ ...record, url: recordUrl(stage, record) }));
      await ring(stage, callToRep(stage, { status: 'matched', ...LEAD, url: recordUrl(stage, LEAD), others }));
      await pageCardShows(page, '.yb-other-records button');
      await pageCardClick(page, '.yb-other-records button');
      await pageCardShows(page, '.yb-other-records__list:not([hidden])');
      await settle(page, 600);
    },
    cleanUp: ({ stage }) => resetPhone(stage),
  },
  {
    // The CRM lookup ran out of the ring's time (`pending`): the card says the CRM did not answer in time.
    name: 'incoming-crm-unanswered-page',
    as: 'rep',
    surface: 'crm',
    async shoot(page, { stage }) {
      await settle(page, 1_500);
      await ring(stage, callToRep(stage, { status: 'pending' }));
      await pageCardShows(page, '.yb-incoming__record .yb-muted');
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
    // The switch turned off (from the keyboard) during the call: going offline would end it, so the
    // popup asks first, the focus on "Stay on the call".
    name: 'offline-during-call-popup',
    as: 'rep',
    surface: 'popup',
    async shoot(page, context) {
      await onCall(context);
      await inCallPanel(page).waitFor();
      await page.locator('.yb-switch').press('Space');
      await page.locator('[aria-labelledby="yb-offline-ends-call"] .yb-button:not(.yb-button--decline):focus').waitFor();
      await settle(page);
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
  {
    // A long note nearing the call log's 5,000 characters: the count shows under it.
    name: 'wrap-up-note-limit-popup',
    as: 'rep',
    surface: 'popup',
    async shoot(page, context) {
      await onCall(context);
      await context.stage.send({ type: 'hangUp' });
      await until(context.stage, (state) => state.calls.current.kind === 'wrap-up', 'to the note');
      const form = page.locator('.yb-wrap-up');
      await form.waitFor();
      await form.locator('select').selectOption({ index: 1 });
      await form.locator('textarea').fill(context.say({ ja: longNote(NOTE_LINES.ja), en: longNote(NOTE_LINES.en) }));
      await form.locator('[aria-live="polite"]').waitFor();
      await settle(page);
    },
    cleanUp: ({ stage }) => resetPhone(stage),
  },
];
