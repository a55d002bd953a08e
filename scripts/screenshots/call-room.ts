import { startCallWorld, type CallWorld } from '../../test/e2e/support/call-world.ts';
import type { CallHandle } from '../../test/emulators/twilio-call/index.ts';
import { MAIN_NUMBER, REP } from './seed.ts';
import type { Stage } from './stage.ts';

// Call control (hold, recording pause, a supervisor's take-over) needs a live conference room: the
// stage's fake REST API has none. The call room is the browser tests' call world
// (test/e2e/support/call-world.ts: a second real server whose Twilio REST calls and webhooks go to and
// from the Twilio call emulator) with the screenshots' own people and numbers. The stage's browser
// signs in to it for the room's scenes; its fake Voice SDK stands for the phone of whoever is signed in.

export const CUSTOMER = '+81399998888';
/** Another customer, on another call at the same time. */
export const OTHER_CUSTOMER = '+81665554444';
/** A customer calling from a mobile phone. */
export const MOBILE_CUSTOMER = '+819011112222';
/** Reps without a browser: the emulator's devices answer for them. */
export const COLLEAGUE = { id: 'suzuki', name: '鈴木 一郎', email: 'suzuki@example.jp' } as const;
export const SECOND_COLLEAGUE = { id: 'tanaka', name: '田中 次郎', email: 'tanaka@example.jp' } as const;
export const SUPERVISOR = { id: 'kobayashi', name: '小林 真理', email: 'kobayashi@example.jp', password: 'kantoku-pass-01' } as const;
/** A supervisor without a browser, for the rep's scenes: the browser's phone rings for the rep and 小林 alone. */
export const SECOND_SUPERVISOR = { id: 'nakamura', name: '中村 由美', email: 'nakamura@example.jp' } as const;

/** 代表, recorded: 1 (営業) rings the browser's rep, 2 (サポート) rings 鈴木, 3 (お支払い) rings 田中. */
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
      { key: 3, label: 'お支払い', action: { type: 'ring', users: [SECOND_COLLEAGUE.id], strategy: 'simultaneous', ringSeconds: 60 } },
    ],
  },
  holdMusic: { type: 'default' },
};

/** 管理者直通: rings the supervisor alone. */
export const SUPERVISOR_LINE = '+81312340000';
const DIRECT = {
  number: SUPERVISOR_LINE,
  label: '管理者直通',
  record: false,
  voice: { language: 'ja-JP' },
  route: { type: 'ring', users: [SUPERVISOR.id], strategy: 'simultaneous', ringSeconds: 60 },
  holdMusic: { type: 'default' },
};

export interface CallRoom extends Omit<CallWorld, 'customerCalls'> {
  url: string;
  /** The customer (or `from`) calls 代表 and presses `key`. */
  customerCalls(key: '1' | '2' | '3', from?: string): Promise<CallHandle>;
  /** Every caller still on a call hangs up. */
  callersHangUp(): Promise<void>;
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
    numbers: [{ definition: MAIN, digits: ['1'] }, { definition: DIRECT, digits: [] }],
    users: [
      { ...REP, role: 'rep' },
      { ...COLLEAGUE, role: 'rep' },
      { ...SECOND_COLLEAGUE, role: 'rep' },
      { ...SUPERVISOR, role: 'supervisor' },
      { ...SECOND_SUPERVISOR, role: 'supervisor' },
    ],
    actors: [COLLEAGUE.id, SECOND_COLLEAGUE.id, SECOND_SUPERVISOR.id],
    // 鈴木, 田中 and 中村 are at their desks all along.
    atDesks: [COLLEAGUE.id, SECOND_COLLEAGUE.id, SECOND_SUPERVISOR.id],
  });
  await world.twilio((twilio) => {
    for (const colleague of [COLLEAGUE, SECOND_COLLEAGUE]) twilio.device(colleague.id).answerAfter(2).hangUpAfter(null);
    twilio.device(SECOND_SUPERVISOR.id).answerAfter(1).hangUpAfter(null);
  });
  // One browser for whoever is signed in: the rep's calls and the supervisor's ring the same phone.
  const phone = await stage.extensionPage();
  for (const identity of [REP.id, SUPERVISOR.id]) world.linkPhone(phone, identity);
  const opened: CallRoom = {
    ...world,
    url: world.server.url,
    customerCalls: (key, from = CUSTOMER) => world.twilio((twilio) => twilio.startIncomingCall({ from, to: MAIN_NUMBER, digits: [key] })),
    callersHangUp: () =>
      world.twilio(async (twilio) => {
        for (const leg of twilio.legs()) if (!leg.ended && [CUSTOMER, OTHER_CUSTOMER, MOBILE_CUSTOMER].includes(leg.from)) await leg.hangUp();
      }),
    async close() {
      await world.close();
      room = null;
    },
  };
  room = opened;
  return opened;
}
