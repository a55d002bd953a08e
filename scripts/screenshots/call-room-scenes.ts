import type { Page } from 'playwright-core';
import type { CallHandle } from '../../test/emulators/twilio-call/index.ts';
import { callRoom, COLLEAGUE, SUPERVISOR } from './call-room.ts';
import { resetPhone, until } from './rep-phone.ts';
import { settle, type Scene, type SceneContext } from './scene.ts';

// Call control in a live conference room (call-room.ts): a recorded call's pause (also on a call
// that never reached its room), and a supervisor who barged in and was left with the customer.

/** The customer calls 代表 and presses 1; the rep answers; resolves once the room shows the call to them. */
export async function onRecordedCall(page: Page, { stage }: SceneContext): Promise<CallHandle> {
  const call = await callRoom().customerCalls('1');
  await until(stage, (state) => state.calls.current.kind === 'incoming', 'ringing', 30_000);
  await stage.send({ type: 'accept' });
  await until(stage, (state) => state.calls.current.kind === 'in-call', 'on the call');
  await page.locator('.yb-parties').waitFor({ timeout: 20_000 });
  await page.locator('.yb-button--recording').waitFor({ timeout: 20_000 });
  return call;
}

/** The callers hang up; the phone is back to ready, with no note to write. */
export async function callEnds({ stage }: SceneContext): Promise<void> {
  await callRoom().callersHangUp();
  await resetPhone(stage);
}

export const CALL_ROOM_SCENES: Scene[] = [
  {
    // 鈴木's call: the supervisor barges in from the live calls list, 鈴木 leaves them with the
    // customer, and the call is theirs, with a rep's controls. First, while the supervisor's recent
    // calls (everyone's) are few.
    name: 'supervisor-took-over-popup',
    as: 'supervisor',
    room: true,
    surface: 'popup',
    fullPage: true,
    async shoot(page, { stage, say }) {
      const room = callRoom();
      const call = await room.customerCalls('2');
      const row = page.locator('.yb-live-call', { hasText: COLLEAGUE.name });
      await row.waitFor({ timeout: 30_000 });
      await row.getByRole('button', { name: say({ ja: '参加する', en: 'Barge in' }) }).click();
      await until(stage, (state) => state.calls.current.kind === 'in-call', 'monitoring');
      // Twilio puts the accepted leg in the room a moment after the SDK's accept.
      const deadline = Date.now() + 20_000;
      while (!(await room.twilio((twilio) => twilio.conference(call.sid).participant(`sup:${SUPERVISOR.id}`)?.status === 'connected'))) {
        if (Date.now() > deadline) throw new Error('the supervisor never joined the room');
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
      const left = await room.act(COLLEAGUE.id, 'POST', `/api/calls/${call.sid}/leave`);
      if (left.status !== 200) throw new Error(`鈴木 could not leave: ${left.status} ${JSON.stringify(left.body)}`);
      await page.locator('.yb-call-control [role="status"]', { hasText: say({ ja: 'あなたの担当', en: 'yours now' }) }).waitFor({ timeout: 20_000 });
      await page.locator('.yb-button--recording').waitFor();
      await settle(page, 2_000);
    },
    cleanUp: callEnds,
  },
  {
    // On a recorded call: "Pause recording" beside hold, transfer and add.
    name: 'in-call-recorded-popup',
    as: 'rep',
    room: true,
    surface: 'popup',
    fullPage: true,
    async shoot(page, context) {
      await onRecordedCall(page, context);
      await settle(page, 2_500);
    },
    cleanUp: callEnds,
  },
  {
    // The rep paused it while the customer reads out their card: paused, by whom, for how long.
    name: 'recording-paused-popup',
    as: 'rep',
    room: true,
    surface: 'popup',
    fullPage: true,
    async shoot(page, context) {
      await onRecordedCall(page, context);
      await page.locator('.yb-button--recording').click();
      await page.locator('.yb-recording-paused').waitFor({ timeout: 20_000 });
      await page.locator('.yb-button--recording[aria-pressed="true"]:not([disabled])').waitFor();
      await settle(page, 4_000);
    },
    cleanUp: callEnds,
  },
  {
    // Twilio could not be reached as the rep answered: the call never moved into its room and stays
    // the ring's plain bridge, recorded by it. Its card has Pause recording alone (no hold, transfer, add).
    name: 'plain-call-recording-popup',
    as: 'rep',
    room: true,
    surface: 'popup',
    fullPage: true,
    async shoot(page, { stage }) {
      const room = callRoom();
      // Every redirect into the room fails (server/services/call-control/room-move.ts gives up on the room).
      await room.twilio((twilio) => {
        twilio.restFaults.push({ method: 'POST', path: /^\/Calls\/CA\w+\.json$/, error: { status: 503, code: 20503, message: 'Service Unavailable' }, times: 4 });
      });
      try {
        await room.customerCalls('1');
        await until(stage, (state) => state.calls.current.kind === 'incoming', 'ringing', 30_000);
        await stage.send({ type: 'accept' });
        await until(stage, (state) => state.calls.current.kind === 'in-call', 'on the call');
        // The pause shows once the server has given the room up and kept the ring's recording.
        await page.locator('.yb-button--recording').waitFor({ timeout: 30_000 });
      } finally {
        await room.twilio((twilio) => void twilio.restFaults.splice(0));
      }
      await settle(page, 2_500);
    },
    cleanUp: callEnds,
  },
];
