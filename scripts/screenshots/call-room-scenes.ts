import type { Page } from 'playwright-core';
import type { CallHandle, TwilioEmulator } from '../../test/emulators/twilio-call/index.ts';
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

/** Twilio's redirect of a leg (UpdateCall), the request that moves a call into its room. */
const REDIRECT = /^\/Calls\/CA\w+\.json$/;

/** Twilio's clock held still (call-moving-popup): what the server asked of it waits until `thaw`. */
let frozen: { thaw(): void; done: Promise<void> } | null = null;

/** Holds the call emulator's clock (its legs do nothing meanwhile; its REST API still answers); resolves with it once held. */
async function freezeTwilio(): Promise<TwilioEmulator> {
  let held!: (twilio: TwilioEmulator) => void;
  let thaw!: () => void;
  const holding = new Promise<TwilioEmulator>((resolve) => (held = resolve));
  const thawed = new Promise<void>((resolve) => (thaw = resolve));
  const done = callRoom().twilio(async (twilio) => {
    held(twilio);
    await thawed;
  });
  frozen = { thaw, done };
  return holding;
}

async function thawTwilio(): Promise<void> {
  frozen?.thaw();
  await frozen?.done;
  frozen = null;
}

/**
 * The rep answers while Twilio cannot be reached: the move into the room fails and the call goes on
 * plain (its card: Pause recording alone). The server tries again 3 s on (Twilio still unreachable), then
 * 6 s later, and Twilio takes the redirect; Twilio's clock is held there, so the call stays on its way
 * into the room. Then the rep's click on Pause recording, made while the card still showed the plain
 * call, is refused (`call_moving`). Resolves false when the card had moved on before the click.
 */
async function refusedWhileMoving(page: Page, { stage, say }: SceneContext): Promise<boolean> {
  const room = callRoom();
  // The answer's redirect and the REST client's 3 retries, then the server's first try again.
  const earlier = await room.twilio((twilio) => {
    twilio.restFaults.splice(0, Infinity, { method: 'POST', path: REDIRECT, error: { status: 503, code: 20503, message: 'Service Unavailable' }, times: 5 });
    return twilio.restRequests.length;
  });
  await room.customerCalls('1');
  await until(stage, (state) => state.calls.current.kind === 'incoming', 'ringing', 30_000);
  await stage.send({ type: 'accept' });
  await until(stage, (state) => state.calls.current.kind === 'in-call', 'on the call');
  const pause = page.locator('.yb-button--recording');
  await pause.waitFor({ timeout: 30_000 });
  const twilio = await freezeTwilio();
  const deadline = Date.now() + 30_000;
  while (!twilio.restRequests.slice(earlier).some((request) => request.method === 'POST' && REDIRECT.test(request.path) && request.status === 200)) {
    if (Date.now() > deadline) throw new Error('the server never tried the move again');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  // At once: the card asks the server again within 1.5 s. A DOM click, as the page may be throttled behind the others.
  if (!(await pause.dispatchEvent('click', undefined, { timeout: 300 }).then(() => true, () => false))) return false;
  await page.locator('.yb-call-control .yb-alert--error', { hasText: say({ ja: '通話を切り替えています', en: 'being switched over' }) }).waitFor({ timeout: 10_000 });
  return true;
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
      // Every redirect into the room fails while the picture is taken: the server's tries again too
      // (server/voice/late-move.ts), or the call would be in its room 3 s on.
      await room.twilio((twilio) => {
        twilio.restFaults.push({ method: 'POST', path: REDIRECT, error: { status: 503, code: 20503, message: 'Service Unavailable' }, times: Infinity });
      });
      await room.customerCalls('1');
      await until(stage, (state) => state.calls.current.kind === 'incoming', 'ringing', 30_000);
      await stage.send({ type: 'accept' });
      await until(stage, (state) => state.calls.current.kind === 'in-call', 'on the call');
      // The pause shows once the move failed and the call went on with the ring's recording.
      await page.locator('.yb-button--recording').waitFor({ timeout: 30_000 });
      await settle(page, 2_500);
    },
    async cleanUp(context) {
      await callRoom().twilio((twilio) => void twilio.restFaults.splice(0));
      await callEnds(context);
    },
  },
  {
    // A call on its way into its room after its move failed at the answer (refusedWhileMoving): hold and
    // transfer in a moment, and the click that came too early told to try again in a few seconds.
    name: 'call-moving-popup',
    as: 'rep',
    room: true,
    surface: 'popup',
    fullPage: true,
    async shoot(page, context) {
      try {
        // The card may poll between Twilio's answer and the click: then the call goes in, and again.
        for (let attempt = 1; !(await refusedWhileMoving(page, context)); attempt++) {
          if (attempt === 3) throw new Error('the card never showed the plain call at the click');
          await thawTwilio();
          await callEnds(context);
        }
        await page.locator('.yb-call-control .yb-muted', { hasText: context.say({ ja: 'まもなく保留や転送ができます', en: 'hold and transfer in a moment' }) }).waitFor({ timeout: 10_000 });
        await settle(page, 1_000);
      } catch (error) {
        // Twilio's clock going again, or the call room could never close.
        await thawTwilio();
        throw error;
      }
    },
    async cleanUp(context) {
      await thawTwilio();
      await callRoom().twilio((twilio) => void twilio.restFaults.splice(0));
      await callEnds(context);
    },
  },
];
