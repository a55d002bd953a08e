import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CallHandle } from '../../emulators/twilio-call/index.ts';
import { PACER_INTERVAL_MS, WaitingLinePacer, type PacerTimers } from '../../../server/services/waiting-line/pacer.ts';
import type { Engine } from '../../../server/store/database.ts';
import { setAvailability } from '../../../server/store/presence.ts';
import { engines } from '../support/store.ts';
import type { IncomingNumberInput } from './phone-numbers.ts';
import { CALLERS, createOffice, goOnline, resetOffice, SALES_LINE, type Office } from './waiting-line-support.ts';

/**
 * How soon a rep who became free is offered the next caller in line, with the pacer as it runs in
 * production: a pass every PACER_INTERVAL_MS, and one at once when the app wakes it. Its timers run
 * on the emulator's virtual clock, which moves in steps of 0.1 s; before the app woke the pacer, a
 * free rep waited for its next regular pass.
 */

const STEP_SECONDS = 0.1;
/** At once: the step the rep became free in, and the next one (the redirect, then the ring). */
const AT_ONCE_SECONDS = 0.5;

/** 佐藤 and 鈴木 one after the other, 15 s each (an odd number of seconds: not on the pacer's 2 s beat). */
const SEQUENTIAL_LINE = {
  ...SALES_LINE,
  number: '+815011115555',
  label: '順番受付',
  route: { ...SALES_LINE.route, users: ['sato', 'suzuki'], ringSeconds: 15, queue: { ...SALES_LINE.route.queue, announceSeconds: 60 } },
} satisfies IncomingNumberInput;

interface VirtualTimers extends PacerTimers {
  /** The earliest timer due by now, taken off the list. */
  takeDue(): (() => void) | null;
  clearAll(): void;
}

function virtualTimers(now: () => number): VirtualTimers {
  const pending = new Map<number, { at: number; run: () => void }>();
  let next = 0;
  return {
    set(run, ms) {
      pending.set(next, { at: now() + ms, run });
      return next++;
    },
    clear: (timer) => void pending.delete(timer as number),
    takeDue() {
      const due = [...pending].filter(([, timer]) => timer.at <= now()).sort(([a, x], [b, y]) => x.at - y.at || a - b)[0];
      if (!due) return null;
      pending.delete(due[0]);
      return due[1].run;
    },
    clearAll: () => pending.clear(),
  };
}

describe.each(engines)('the waiting line offers a rep who became free to the next caller at once, on %s', (engine: Engine) => {
  let office: Office;
  let timers: VirtualTimers;
  let passes = 0;
  let lastBeat = 0;
  /** When this scenario began: the reps' devices keep the invites of earlier ones. */
  let began = new Date(0);

  beforeAll(async () => {
    timers = virtualTimers(() => office.twilio.now().getTime());
    office = await createOffice(engine, { newPacer: (deps) => new WaitingLinePacer(deps, { timers }) });
    await office.addNumber(SEQUENTIAL_LINE);
  });
  afterAll(async () => {
    await office.pacer.stop();
    await office.close();
  });
  beforeEach(async () => {
    await resetOffice(office);
    timers.clearAll();
    office.pacer.start();
    began = office.twilio.now();
  });

  /** Runs every pass whose timer is due, each to its end (a pass may set the next one's timer). */
  async function firePacer(): Promise<void> {
    for (let run = timers.takeDue(); run; run = timers.takeDue()) {
      run();
      await office.pacer.tick();
      passes++;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** The world in steps of 0.1 s, the pacer's due timers after each; reps keep their heartbeat. */
  async function live(seconds: number): Promise<void> {
    for (let step = 0; step < Math.round(seconds / STEP_SECONDS); step++) {
      await office.twilio.advance(STEP_SECONDS);
      const now = office.twilio.now().getTime();
      if (now - lastBeat >= 1000) {
        for (const id of office.online) await setAvailability(office.store.db, id, true, office.clock.now());
        lastBeat = now;
      }
      await firePacer();
    }
  }

  /** Until the pacer's regular pass has just run: its next is a whole interval away. */
  async function justAfterPass(): Promise<void> {
    const before = passes;
    while (passes === before) await live(STEP_SECONDS);
  }

  /** The rings of `rep` for `caller` in this scenario, oldest first. */
  const ringsFor = (rep: string, caller: string) =>
    office.twilio.device(rep).invites.filter((invite) => invite.customParameters['callerNumber'] === caller && new Date(invite.at) >= began);

  /** Seconds from `since` until `rep` began ringing for `caller`; Infinity when they did not. */
  function rangAfter(rep: string, caller: string, since: Date): number {
    const invite = ringsFor(rep, caller).find((candidate) => new Date(candidate.at) >= since);
    return invite ? (new Date(invite.at).getTime() - since.getTime()) / 1000 : Infinity;
  }

  /** 佐藤 and 鈴木 each on a call of the sequential line, until the test hangs them up. */
  async function bothBusy(): Promise<Record<'sato' | 'suzuki', CallHandle>> {
    await goOnline(office, 'sato', 'suzuki');
    for (const id of ['sato', 'suzuki']) office.twilio.device(id).answerAfter(2).hangUpAfter(null);
    const calls: CallHandle[] = [];
    for (const from of ['+819099990001', '+819099990002']) {
      calls.push(office.twilio.startIncomingCall({ from, to: SEQUENTIAL_LINE.number }));
      await live(6);
    }
    const talkingTo = (rep: string) => {
      const call = calls.find((candidate) => expect.objectContaining({ kind: 'room', hears: [`rep:${rep}`] }).asymmetricMatch(candidate.hearing()));
      expect(call, `nobody is talking to ${rep}`).toBeDefined();
      return call!;
    };
    return { sato: talkingTo('sato'), suzuki: talkingTo('suzuki') };
  }

  it('rings the rep for the next caller as soon as the rep hangs up, not at the pacer’s next pass', async () => {
    await goOnline(office, 'sato');
    office.twilio.device('sato').answerAfter(2).hangUpAfter(null);
    const first = office.twilio.startIncomingCall({ from: '+819099990000', to: SALES_LINE.number });
    await live(5);
    const caller = office.twilio.startIncomingCall({ from: CALLERS[0], to: SALES_LINE.number });
    await live(5);
    expect(await office.waiting()).toEqual([`${caller.sid} waiting`]);

    await justAfterPass();
    const freed = office.twilio.now();
    await first.hangUp();
    await live(PACER_INTERVAL_MS / 1000 + 1);
    expect(rangAfter('sato', CALLERS[0], freed)).toBeLessThan(AT_ONCE_SECONDS);
  });

  it('sequential: when the ring to a rep ends unanswered, the rep rings for the next caller at once', async () => {
    const busy = await bothBusy();
    const first = office.twilio.startIncomingCall({ from: CALLERS[0], to: SEQUENTIAL_LINE.number });
    await live(2);
    const second = office.twilio.startIncomingCall({ from: CALLERS[1], to: SEQUENTIAL_LINE.number });
    await live(2);
    expect(await office.waiting()).toEqual([`${first.sid} waiting`, `${second.sid} waiting`]);

    // 佐藤 finishes and is slow to pick up: the first caller rings him 15 s for nothing (鈴木 is still busy)
    // and goes back to their place; the caller behind rings 佐藤 the moment that ring ends.
    office.twilio.device('sato').ignore();
    await busy.sato.hangUp();
    await live(SEQUENTIAL_LINE.route.ringSeconds + PACER_INTERVAL_MS / 1000 + 1);
    const [rang] = ringsFor('sato', CALLERS[0]);
    const ringEnded = new Date(new Date(rang!.at).getTime() + SEQUENTIAL_LINE.route.ringSeconds * 1000);
    expect(rangAfter('sato', CALLERS[1], ringEnded)).toBeLessThan(AT_ONCE_SECONDS);
    expect(await office.waiting()).toEqual([`${first.sid} waiting`, `${second.sid} ringing`]);
  });

  it('sequential: when both reps hang up together, each rings for one caller at once (the second caller is not a pass late)', async () => {
    const busy = await bothBusy();
    for (const from of CALLERS.slice(0, 2)) {
      office.twilio.startIncomingCall({ from, to: SEQUENTIAL_LINE.number });
      await live(2);
    }
    for (const id of ['sato', 'suzuki']) office.twilio.device(id).ignore();
    await justAfterPass();
    const freed = office.twilio.now();
    await busy.sato.hangUp();
    await busy.suzuki.hangUp();
    await live(2 * (PACER_INTERVAL_MS / 1000) + 1);
    const delays = CALLERS.slice(0, 2).map((caller) => Math.min(...['sato', 'suzuki'].map((rep) => rangAfter(rep, caller, freed))));
    expect(delays.every((seconds) => seconds < AT_ONCE_SECONDS), `rang after ${delays.join(' s, ')} s`).toBe(true);
  });

  it('does not bring a caller back twice while their leg is on its way (a second pass, on another instance)', async () => {
    await goOnline(office, 'sato');
    office.twilio.device('sato').answerAfter(2).hangUpAfter(null);
    const first = office.twilio.startIncomingCall({ from: '+819099990000', to: SALES_LINE.number });
    await live(5);
    const caller = office.twilio.startIncomingCall({ from: CALLERS[0], to: SALES_LINE.number });
    await live(5);
    office.twilio.device('sato').ignore();

    await justAfterPass();
    await first.hangUp();
    await office.twilio.advance(STEP_SECONDS);
    // The hang-up woke the pacer: its pass brings the caller back…
    const wake = timers.takeDue();
    expect(wake).not.toBeNull();
    wake!();
    expect(await office.pacer.tick()).toEqual({ nudged: [caller.sid], gone: [] });
    // …and another instance's pass, before Twilio fetched /queue/wait again, leaves the caller be.
    expect(await new WaitingLinePacer(office.deps).tick()).toEqual({ nudged: [], gone: [] });
    await live(2);
    // A second redirect would have cut that ring short, leaving 佐藤 claimed by a caller back on music.
    expect(ringsFor('sato', CALLERS[0]).map((invite) => invite.state)).toEqual(['ringing']);
    expect(await office.waiting()).toEqual([`${caller.sid} ringing`]);
  });

  it('a wake during a pass brings another pass right after it (that pass may have read the line too early)', async () => {
    const pass = office.pacer.tick();
    office.pacer.wake();
    await firePacer();
    await pass;
    await new Promise((resolve) => setImmediate(resolve));
    expect(timers.takeDue()).not.toBeNull();
  });
});
