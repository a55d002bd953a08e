import { startCallWorld, type CallWorld } from '../../test/e2e/support/call-world.ts';
import type { CallHandle } from '../../test/emulators/twilio-call/index.ts';
import { MAIN_NUMBER, REP } from './seed.ts';
import type { Stage } from './stage.ts';

// Call control (hold, recording pause, a supervisor's take-over) needs a live conference room: the
// stage's fake REST API has none. The call room is the browser tests' call world
// (test/e2e/support/call-world.ts: a second real server whose Twilio REST calls and webhooks go to and
// from the Twilio call emulator) with the screenshots' own people and number. The stage's browser
// signs in to it for the room's scenes; its fake Voice SDK stands for the phone of whoever is signed in.

export const CUSTOMER = '+81399998888';
/** A rep without a browser: the emulator's device answers for them. */
export const COLLEAGUE = { id: 'suzuki', name: '鈴木 一郎', email: 'suzuki@example.jp' } as const;
export const SUPERVISOR = { id: 'kobayashi', name: '小林 真理', email: 'kobayashi@example.jp', password: 'kantoku-pass-01' } as const;

/** 代表, recorded: 1 (営業) rings the browser's rep, 2 (サポート) rings 鈴木. */
const MAIN = {
  number: MAIN_NUMBER,
  label: '代表',
  record: true,
  voice: { language: 'ja-JP' },
  route: {
    type: 'ivr',
    menu: [
      { key: 1, label: '営業', action: { type: 'ring', users: [REP.id], strategy: 'simultaneous', ringSeconds: 60 } },
      { key: 2, label: 'サポート', action: { type: 'ring', users: [COLLEAGUE.id], strategy: 'simultaneous', ringSeconds: 60 } },
    ],
  },
  holdMusic: { type: 'default' },
};

export interface CallRoom extends Omit<CallWorld, 'customerCalls'> {
  url: string;
  /** The customer calls 代表 and presses `key`. */
  customerCalls(key: '1' | '2'): Promise<CallHandle>;
}

let room: CallRoom | null = null;

/** The call room, once a scene of it opened it. */
export function callRoom(): CallRoom {
  if (!room) throw new Error('the call room is not open');
  return room;
}

/** Opens the call room: its server, the emulator keeping pace with the wall clock, the browser's phone linked to it. */
export async function openCallRoom(stage: Stage): Promise<CallRoom> {
  const world = await startCallWorld({
    customer: CUSTOMER,
    numbers: [{ definition: MAIN, digits: ['1'] }],
    users: [{ ...REP, role: 'rep' }, { ...COLLEAGUE, role: 'rep' }, { ...SUPERVISOR, role: 'supervisor' }],
    actors: [COLLEAGUE.id],
    // 鈴木 is at their desk all along.
    atDesks: [COLLEAGUE.id],
  });
  await world.twilio((twilio) => twilio.device(COLLEAGUE.id).answerAfter(2).hangUpAfter(null));
  // One browser for whoever is signed in: the rep's calls and the supervisor's ring the same phone.
  const phone = await stage.extensionPage();
  for (const identity of [REP.id, SUPERVISOR.id]) world.linkPhone(phone, identity);
  const opened: CallRoom = {
    ...world,
    url: world.server.url,
    customerCalls: (key) => world.customerCalls(MAIN_NUMBER, [key]),
    async close() {
      await world.close();
      room = null;
    },
  };
  room = opened;
  return opened;
}
