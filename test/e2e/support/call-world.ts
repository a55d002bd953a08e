/// <reference types="node" />
import type { Page } from 'playwright-core';
import { incomingNumberSchema } from '../../../server/phone-config/schema.ts';
import { setCallCrmRecord } from '../../../server/store/calls.ts';
import { setAvailability } from '../../../server/store/presence.ts';
import { createTwilioEmulator, type CallHandle, type TwilioEmulator } from '../../emulators/twilio-call/index.ts';
import { createClock, PUBLIC_URL, type TestApp } from '../../server/support/app.ts';
import { fakeSdk } from './fake-sdk-driver.ts';
import { REP } from './rep-account.ts';
import { E2E_TWILIO, startServer, type RunningServer } from './servers.ts';

/**
 * The phone system around the browser: the real server, with its Twilio REST calls and Twilio's
 * webhooks going to and from the Twilio emulator (test/emulators/twilio-call), in virtual time that
 * keeps pace with the wall clock. The browser's (fake) Voice SDK stands for the rep's phone: whatever
 * rings the rep's Twilio identity in the emulator rings the fake SDK with the same CallSid and custom
 * parameters, and whatever the extension does with it (accept, reject, hang up) the emulator's device
 * does too (the phone link below). Colleagues and supervisors without a browser are the emulator's
 * devices, driven by their policies or by the test. The browser tests play in TEST_CAST; the
 * screenshot script (scripts/screenshots/call-room.ts) in a cast of its own, so Node must be able to
 * import this file and what it imports: file extensions on every import, no DOM types.
 */

export const CUSTOMER = '+819011112222';
/** 営業直通: a menu whose 1 (営業 › 新規) rings the browser's rep alone. */
export const SALES = '+815011110000';
/** サポート窓口: a menu whose 2 (サポート) rings 鈴木 alone (a colleague without a browser). */
export const SUPPORT = '+815022220000';

export const COLLEAGUES = {
  suzuki: { id: 'suzuki', name: '鈴木 一郎', email: 'suzuki@example.jp' },
  tanaka: { id: 'tanaka', name: '田中 次郎', email: 'tanaka@example.jp' },
  takahashi: { id: 'takahashi', name: '高橋 三郎', email: 'takahashi@example.jp' },
} as const;
export const SUPERVISOR = { id: 'kanri', name: '管理 美香', email: 'kanri@example.jp', password: 'kanri-pass-2026' } as const;

/** The CRM record the caller matched, as the server's lookup leaves it on the call (the Zoho side: test/server/crm). */
export const MATCHED = { module: 'Leads', id: '4876876000000456789', name: '山田 太郎', url: 'https://crm.zoho.jp/crm/org90000001/tab/Leads/4876876000000456789' };

/** Who and what a call world holds. */
export interface CallWorldCast {
  /** The customer's number, calling in. */
  customer: string;
  /** Incoming numbers as an admin saves them, in order, each with the keys a caller presses on it unless told otherwise. */
  numbers: { definition: unknown; digits: string[] }[];
  /** Everyone with an account on the server. */
  users: Parameters<TestApp['addUser']>[0][];
  /** The users without a browser, signed in so that `act` can speak for them. */
  actors: string[];
  /** Those at their desks all along (their extensions would beat every 30 s). */
  atDesks: string[];
}

/** The browser tests' world: 営業直通 for the browser's rep, サポート窓口 for 鈴木; 鈴木 and 田中 at their desks, 高橋 away all day. */
export const TEST_CAST: CallWorldCast = {
  customer: CUSTOMER,
  numbers: [
    {
      definition: {
        number: SALES, label: '営業直通', record: true, voice: { language: 'ja-JP' },
        route: { type: 'ivr', menu: [{ key: 1, label: '営業', action: { type: 'menu', menu: [{ key: 1, label: '新規', action: { type: 'ring', users: [REP.id], strategy: 'simultaneous', ringSeconds: 60 } }] } }] },
        holdMusic: { type: 'default' },
      },
      digits: ['1', '1'],
    },
    {
      definition: {
        number: SUPPORT, label: 'サポート窓口', record: false, voice: { language: 'ja-JP' },
        route: { type: 'ivr', menu: [{ key: 2, label: 'サポート', action: { type: 'ring', users: ['suzuki'], strategy: 'simultaneous', ringSeconds: 30 } }] },
        holdMusic: { type: 'silence' },
      },
      digits: ['2'],
    },
  ],
  users: [...Object.values(COLLEAGUES), { ...SUPERVISOR, role: 'supervisor' }],
  actors: Object.values(COLLEAGUES).map((colleague) => colleague.id),
  atDesks: [COLLEAGUES.suzuki.id, COLLEAGUES.tanaka.id],
};

export interface CallWorld {
  server: RunningServer;
  /** Runs `work` on the emulator between two steps of its clock (the emulator takes one driver at a time). */
  twilio<T>(work: (twilio: TwilioEmulator) => T | Promise<T>): Promise<T>;
  /** Links the emulator's device `identity` to the fake SDK of the extension that `page` belongs to (several identities may share one). */
  linkPhone(page: Page, identity: string): void;
  /** The customer calls `number` (the cast's first) and presses `digits` (the number's own): in TEST_CAST, 営業直通's 1, 1 rings the browser's rep. */
  customerCalls(number?: string, digits?: string[]): Promise<CallHandle>;
  /** The customer hangs up whatever call they are on. */
  customerHangsUp(): Promise<void>;
  /** `POST /api/calls/…` as a user without a browser (one of the cast's actors). */
  act(user: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
  /** The room of a call: who hears whom now, by participant label. */
  hearing(callSid: string): Promise<Record<string, string>>;
  waitFor<T>(read: () => T | Promise<T>, ok: (value: T) => boolean, timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startCallWorld(cast: CallWorldCast = TEST_CAST): Promise<CallWorld> {
  const clock = createClock(new Date());
  let server: RunningServer | null = null;
  const twilio = createTwilioEmulator({
    fetch: async (request) => server!.testApp.app.request(request),
    publicUrl: PUBLIC_URL,
    authToken: E2E_TWILIO.authToken,
    accountSid: E2E_TWILIO.accountSid,
    applicationSid: E2E_TWILIO.twimlAppSid,
    apiKeys: { [E2E_TWILIO.apiKeySid]: E2E_TWILIO.apiKeySecret },
    startTime: clock.now(),
    onTimeAdvance: (now) => now > clock.now() && clock.set(now),
  });
  const rest = await twilio.listenRest();
  server = await startServer({ clock, deps: { twilioApiUrl: rest.url } });
  const { testApp } = server;
  const db = testApp.store.db;

  const numbers = cast.numbers.map(({ definition, digits }) => ({ definition: incomingNumberSchema.parse(definition), digits }));
  for (const [position, { definition }] of numbers.entries()) {
    await db.insertInto('incoming_numbers').values({ number: definition.number, position, definition: JSON.stringify(definition), twilio_sid: null, previous_twilio: null, updated_at: clock.now() }).execute();
  }
  for (const user of cast.users) await testApp.addUser(user);
  const tokens: Record<string, string> = {};
  for (const id of cast.actors) {
    const user = cast.users.find((candidate) => candidate.id === id);
    tokens[id] = await testApp.signIn(user?.email ?? `${id}@example.jp`, user?.password);
  }
  const stayOnline = async () => {
    for (const id of cast.atDesks) await setAvailability(db, id, true, clock.now());
  };
  await stayOnline();

  // One driver for the emulator: the pump moves its clock with the wall clock; tests' work waits its turn.
  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => T | Promise<T>): Promise<T> => {
    const next = queue.then(work);
    queue = next.catch(() => undefined);
    return next;
  };
  const links: (() => Promise<void>)[] = [];
  let running = true;
  // Virtual time started when the emulator was made; the first step catches up with the wall clock.
  let last = twilio.now().getTime();
  let lastPresence = Date.now();
  const pump = (async () => {
    while (running) {
      await exclusive(async () => {
        const now = Date.now();
        await twilio.advance((now - last) / 1000);
        last = now;
      });
      for (const link of links) await link().catch(() => undefined);
      if (Date.now() - lastPresence > 20_000) {
        lastPresence = Date.now();
        await stayOnline();
      }
      await sleep(100);
    }
  })();

  const world: CallWorld = {
    server,
    twilio: (work) => exclusive(() => work(twilio)),

    linkPhone(page, identity) {
      const sdk = fakeSdk(page);
      const device = twilio.device(identity).live().hangUpAfter(null);
      const forwarded = new Set<string>();
      const gone = new Set<string>();
      let seen = 0;
      links.push(async () => {
        for (const invite of device.invites) {
          if (invite.state === 'ringing' && !forwarded.has(invite.callSid)) {
            forwarded.add(invite.callSid);
            await sdk.send({ cmd: 'incoming', parameters: { CallSid: invite.callSid, From: invite.from, To: invite.to }, customParameters: { ...invite.customParameters } });
          }
        }
        const { log } = await sdk.log();
        if (log.length < seen) seen = 0; // a new offscreen document, a new log
        for (const entry of log.slice(seen)) {
          const callSid = String(entry.args[0] ?? '');
          if (!forwarded.has(callSid)) continue;
          if (entry.method === 'call.accept') await exclusive(async () => void (device.ringing.includes(callSid) && (await device.answer(callSid))));
          if (entry.method === 'call.reject') await exclusive(async () => void (device.ringing.includes(callSid) && (await device.reject(callSid))));
          if (entry.method === 'call.disconnect') await exclusive(async () => void (device.connected.includes(callSid) && (await device.hangUp(callSid))));
        }
        seen = log.length;
        // The far end moved on: Twilio cancels a ringing leg, or ends a connected one (kicked, the room ended).
        for (const callSid of forwarded) {
          if (gone.has(callSid) || !twilio.leg(callSid).ended) continue;
          gone.add(callSid);
          await sdk.send({ cmd: twilio.leg(callSid).answered ? 'remoteHangUp' : 'cancel', callSid });
        }
      });
    },

    customerCalls(number, digits) {
      const called = numbers.find(({ definition }) => definition.number === (number ?? numbers[0]?.definition.number));
      if (!called) throw new Error(`no incoming number ${number ?? '(the cast has none)'} in this call world`);
      return exclusive(() => twilio.startIncomingCall({ from: cast.customer, to: called.definition.number, digits: digits ?? called.digits }));
    },

    customerHangsUp: () =>
      exclusive(async () => {
        for (const leg of twilio.legs()) if (!leg.ended && leg.from === cast.customer) await leg.hangUp();
      }),

    async act(user, method, path, body) {
      const response = await testApp.call(method, path, { token: tokens[user]!, ...(body === undefined ? {} : { body }) });
      return { status: response.status, body: await response.json() };
    },

    hearing: (callSid) =>
      exclusive(() => {
        const room = twilio.conference(callSid);
        return Object.fromEntries(room.participants().map((participant) => [participant.label ?? participant.callSid, describeHearing(participant.hearing)]));
      }),

    async waitFor(read, ok, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      let value = await read();
      while (!ok(value) && Date.now() < deadline) {
        await sleep(150);
        value = await read();
      }
      if (!ok(value)) throw new Error(`never happened; last: ${JSON.stringify(value)}`);
      return value;
    },

    async close() {
      running = false;
      await pump;
      await exclusive(async () => {
        for (const leg of twilio.legs()) if (!leg.ended) await leg.hangUp().catch(() => undefined);
      });
      await rest.close();
      await server?.close();
    },
  };
  return world;
}

function describeHearing(hearing: { kind: string; hears?: readonly string[] }): string {
  if (hearing.kind === 'room') return `hears ${hearing.hears?.join(', ') || 'nobody'}`;
  return hearing.kind;
}

/** The call the browser's rep is on, as the server logs it (its CallSid), once it is live in its room. */
export async function liveCallOf(world: CallWorld, user: string, callSid: string) {
  return (await world.act(user, 'GET', `/api/calls/${callSid}/live`)).body as {
    state: string;
    ownerId: string | null;
    hold: { since: string } | null;
    handover: { purpose: string; state: string } | null;
    parties: { label: string; state: string; monitor: string | null }[];
  };
}

/** The CRM record the caller matched, put on the call the way the server's caller lookup does (no CRM is connected here). */
export async function matchRecord(world: CallWorld, callSid: string) {
  await setCallCrmRecord(world.server.testApp.store.db, callSid, MATCHED);
}
