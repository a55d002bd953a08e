import type { Page } from 'playwright-core';
import { callRoom, COLLEAGUE, CUSTOMER, MOBILE_CUSTOMER, OTHER_CUSTOMER, SECOND_COLLEAGUE, SECOND_SUPERVISOR, SUPERVISOR, SUPERVISOR_LINE } from './call-room.ts';
import { callEnds, onRecordedCall } from './call-room-scenes.ts';
import { resetPhone, until } from './rep-phone.ts';
import { settle, type Scene, type SceneContext } from './scene.ts';
import { REP } from './seed.ts';

// A supervisor among live calls, and a rep whose call a supervisor took over, in the call room (call-room.ts).

/** Resolves once `label` is talking in the room of `callSid` (Twilio connects a leg a moment after it is answered). */
async function inRoom(callSid: string, label: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!(await callRoom().twilio((twilio) => twilio.conference(callSid).participant(label)?.status === 'connected'))) {
    if (Date.now() > deadline) throw new Error(`${label} never joined the room of ${callSid}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

/**
 * 小林 barged into 鈴木's call with a customer on a mobile; 鈴木 and the customer hang up in one step of
 * Twilio's clock (鈴木 first: the call ends as 小林's), and a customer rings 小林's direct line as their leg
 * ends with the room. 小林 answers it: the taken-over call's wrap-up is owed until this call is over.
 */
async function owedWhileOnAnotherCall(page: Page, { stage, say }: SceneContext): Promise<void> {
  const room = callRoom();
  const takenOver = await room.customerCalls('2', MOBILE_CUSTOMER);
  const row = page.locator('.yb-live-call', { hasText: COLLEAGUE.name });
  await row.waitFor({ timeout: 30_000 });
  await row.getByRole('button', { name: say({ ja: '参加する', en: 'Barge in' }) }).click();
  await until(stage, (state) => state.calls.current.kind === 'in-call', 'barging in');
  await inRoom(takenOver.sid, `sup:${SUPERVISOR.id}`);
  await room.twilio(async (twilio) => {
    await twilio.device(COLLEAGUE.id).hangUp();
    await twilio.leg(takenOver.sid).hangUp();
    // The room's end is heard (小林 free to ring again) before the next caller dials in.
    await twilio.settle();
    twilio.startIncomingCall({ from: CUSTOMER, to: SUPERVISOR_LINE });
    await twilio.settle();
  });
  await until(stage, (state) => state.calls.current.kind === 'incoming', 'ringing with the next call', 30_000);
  await stage.send({ type: 'accept' });
  await until(stage, (state) => state.calls.current.kind === 'in-call' && state.calls.owed?.length === 1, 'on the next call, a wrap-up owed', 30_000);
  await page.locator('.yb-parties').waitFor({ timeout: 20_000 });
  await page.locator('.yb-muted[role="status"]', { hasText: say({ ja: '引き継いだ通話', en: 'you took over' }) }).waitFor();
  // The live calls list drops the ended call once it has refreshed (at once when the phone answers the next call).
  await page.locator('.yb-live-call', { hasText: COLLEAGUE.name }).waitFor({ state: 'detached', timeout: 10_000 });
}

/** The caller hangs up; that call's wrap-up and then the owed one are skipped: the phone is ready again. */
async function owedWrappedUp({ stage }: SceneContext): Promise<void> {
  await callRoom().callersHangUp();
  await until(stage, (state) => state.calls.current.kind === 'wrap-up' && !state.calls.current.inherited, 'wrapping the call up');
  await stage.send({ type: 'finishWrapUp' });
  await until(stage, (state) => state.calls.current.kind === 'wrap-up' && state.calls.current.inherited === true, 'on the taken-over call’s wrap-up');
  await resetPhone(stage);
}

export const SUPERVISION_SCENES: Scene[] = [
  {
    // 小林 listens to 鈴木's call while 田中 is on another: the list says that choosing the other call
    // moves them there, ending this monitoring.
    name: 'supervisor-monitoring-popup',
    as: 'supervisor',
    room: true,
    surface: 'popup',
    fullPage: true,
    async shoot(page, { stage, say }) {
      const room = callRoom();
      // 田中's call first, so that 鈴木's (newer) heads the list.
      await room.customerCalls('3', OTHER_CUSTOMER);
      await page.locator('.yb-live-call', { hasText: SECOND_COLLEAGUE.name }).waitFor({ timeout: 30_000 });
      const call = await room.customerCalls('2');
      const row = page.locator('.yb-live-call', { hasText: COLLEAGUE.name });
      const listen = row.getByRole('button', { name: say({ ja: '聞く', en: 'Listen' }) });
      await listen.click({ timeout: 30_000 });
      await until(stage, (state) => state.calls.current.kind === 'in-call', 'monitoring');
      await inRoom(call.sid, `sup:${SUPERVISOR.id}`);
      await row.locator('p.yb-muted').waitFor({ timeout: 20_000 });
      // The pointer and the focus off the button: the picture shows the list as it stays.
      await page.mouse.move(0, 0);
      await listen.blur();
      await settle(page, 2_000);
    },
    cleanUp: callEnds,
  },
  {
    // 中村 barged into the rep's call; the rep hung up and the customer at once after, so the call
    // ended as 中村's. The rep's form says who writes its notes, and offers to keep what the rep wrote
    // in the call's history.
    name: 'wrap-up-taken-over-popup',
    as: 'rep',
    room: true,
    surface: 'popup',
    fullPage: true,
    async shoot(page, context) {
      const { say } = context;
      const room = callRoom();
      const call = await onRecordedCall(page, context);
      const barged = await room.act(SECOND_SUPERVISOR.id, 'POST', `/api/calls/${call.sid}/monitor`, { mode: 'barge' });
      if (barged.status !== 200) throw new Error(`中村 could not barge in: ${barged.status} ${JSON.stringify(barged.body)}`);
      await inRoom(call.sid, `sup:${SECOND_SUPERVISOR.id}`);
      await page.locator('.yb-party', { hasText: SECOND_SUPERVISOR.name }).waitFor({ timeout: 20_000 });
      // Both leave in one step of Twilio's clock: the server hears of the rep's leave, then the customer's,
      // before the rep's extension asks whose the call was at the end.
      await room.twilio(async (twilio) => {
        await twilio.device(REP.id).hangUp();
        await twilio.leg(call.sid).hangUp();
      });
      const form = page.locator('.yb-wrap-up');
      const takenOver = form.locator('.yb-alert[role="status"]', { hasText: SECOND_SUPERVISOR.name });
      const note = say({ ja: '見積もりの再送を希望。来週月曜に折り返しの約束。', en: 'Wants the quote again; promised a call back on Monday.' });
      // Should the extension have read the ended call before its own leg's end, the form opens as the
      // rep's: then the server's refusal of Save says who has the call.
      if (!(await takenOver.waitFor({ timeout: 10_000 }).then(() => true, () => false))) {
        await form.locator('textarea').fill(note);
        await form.locator('button[type="submit"]').click();
        await takenOver.waitFor({ timeout: 20_000 });
      }
      await form.locator('textarea').fill(note);
      await form.locator('button[type="submit"]').waitFor();
      await settle(page);
    },
    cleanUp: ({ stage }) => resetPhone(stage),
  },
  {
    // 小林 took a call over and is on another now (owedWhileOnAnotherCall): a quiet line under the call
    // says the taken-over call's notes wait for them.
    name: 'supervisor-owed-wrap-up-popup',
    as: 'supervisor',
    room: true,
    surface: 'popup',
    fullPage: true,
    async shoot(page, context) {
      await owedWhileOnAnotherCall(page, context);
      await settle(page, 2_000);
    },
    cleanUp: owedWrappedUp,
  },
  {
    // Then the caller hangs up: 小林 skips that call's own notes, and the taken-over call's form opens,
    // saying which call it is.
    name: 'supervisor-inherited-wrap-up-popup',
    as: 'supervisor',
    room: true,
    surface: 'popup',
    // The popup's first screen: below it, the recent calls of every scene so far.
    fullPage: false,
    async shoot(page, context) {
      const { stage, say } = context;
      await owedWhileOnAnotherCall(page, context);
      await callRoom().callersHangUp();
      await until(stage, (state) => state.calls.current.kind === 'wrap-up', 'wrapping the call up');
      await page.locator('.yb-wrap-up').getByRole('button', { name: say({ ja: 'スキップ', en: 'Skip' }) }).click();
      await until(stage, (state) => state.calls.current.kind === 'wrap-up' && state.calls.current.inherited === true, 'on the taken-over call’s wrap-up');
      await page.locator('.yb-wrap-up p.yb-muted', { hasText: say({ ja: '引き継いだ通話：090-1111-2222', en: 'A call you took over: 090-1111-2222' }) }).waitFor();
      // Both calls over: the live calls list empties on its next refresh.
      await page.locator('.yb-live-call').first().waitFor({ state: 'detached', timeout: 10_000 });
      // The form scrolled into view as it opened: the picture is the popup's first screen, as it first shows.
      await page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0));
      await settle(page);
    },
    cleanUp: ({ stage }) => resetPhone(stage),
  },
];
