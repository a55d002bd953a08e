import { incomingNumberSchema } from '../../server/phone-config/schema.ts';
import { setAvailability } from '../../server/store/presence.ts';
import { createTwilioEmulator, type CallHandle, type TwilioEmulator } from '../../test/emulators/twilio-call/index.ts';
import { E2E_TWILIO, startServer, type RunningServer } from '../../test/e2e/support/servers.ts';
import { createClock, PUBLIC_URL } from '../../test/server/support/app.ts';
import { sdkCommand } from './rep-phone.ts';
import { MAIN_NUMBER, REP } from './seed.ts';
import type { Stage } from './stage.ts';

// Call control (hold, recording pause, a supervisor's take-over) needs a live conference room: the
// stage's fake REST API has none. The call room is a second real server whose Twilio REST calls and
// webhooks go to and from the Twilio call emulator (test/emulators/twilio-call), as in the browser
// tests' call world (test/e2e/support/call-world.ts, which Node cannot import: its imports name no
// file extensions). The stage's browser signs in to it for the room's scenes; its fake Voice SDK
// stands for the phone of whoever is signed in.

export const CUSTOMER = '+81399998888';
/** A rep without a browser: the emulator's device answers for them. */
export const COLLEAGUE = { id: 'suzuki', name: '鈴木 一郎', email: 'suzuki@example.jp' } as const;
export const SUPERVISOR = { id: 'kobayashi', name: '小林 真理', email: 'kobayashi@example.jp', password: 'kantoku-pass-01' } as const;

/** 代表, recorded: 1 (営業) rings the browser's rep, 2 (サポート) rings 鈴木. */
const MAIN = incomingNumberSchema.parse({
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
});

export interface CallRoom {
  url: string;
  server: RunningServer;
  /** Runs `work` on the emulator between two steps of its clock (it takes one driver at a time). */
  twilio<T>(work: (twilio: TwilioEmulator) => T | Promise<T>): Promise<T>;
  /** The customer calls 代表 and presses `key`. */
  customerCalls(key: '1' | '2'): Promise<CallHandle>;
  /** `method /api/…` as a user of the room without a browser; the answer's status and JSON. */
  act(user: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }>;
  /** The customer hangs up whatever call they are on. */
  customerHangsUp(): Promise<void>;
  close(): Promise<void>;
}

let room: CallRoom | null = null;

/** The call room, once a scene of it opened it. */
export function callRoom(): CallRoom {
  if (!room) throw new Error('the call room is not open');
  return room;
}

type SdkLogEntry = { method: string; args: unknown[] };

/** What the extension asked of the (fake) Voice SDK so far (fake-sdk-driver.ts `log`). */
async function sdkLog(stage: Stage): Promise<SdkLogEntry[]> {
  return (await stage.extensionPage()).evaluate(
    (channelName) =>
      new Promise<SdkLogEntry[]>((resolve, reject) => {
        const channel = new BroadcastChannel(channelName);
        const reqId = Math.random().toString(36).slice(2);
        const timer = setTimeout(() => reject(new Error('the fake SDK did not answer')), 5_000);
        channel.onmessage = ({ data }) => {
          if (data?.reqId !== reqId) return;
          clearTimeout(timer);
          channel.close();
          resolve(data.log);
        };
        channel.postMessage({ cmd: 'log', reqId });
      }),
    'yobidashi-fake-voice-sdk',
  );
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Opens the call room: its server, the emulator keeping pace with the wall clock, the browser's phone linked to it. */
export async function openCallRoom(stage: Stage): Promise<CallRoom> {
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
  const started = await startServer({ clock, deps: { twilioApiUrl: rest.url } });
  server = started;
  const { testApp } = started;
  const db = testApp.store.db;
  await db.insertInto('incoming_numbers').values({ number: MAIN.number, position: 0, definition: JSON.stringify(MAIN), twilio_sid: null, previous_twilio: null, updated_at: clock.now() }).execute();
  await testApp.addUser({ ...REP, role: 'rep' });
  await testApp.addUser({ ...COLLEAGUE, role: 'rep' });
  await testApp.addUser({ ...SUPERVISOR, role: 'supervisor' });
  const colleagueToken = await testApp.signIn(COLLEAGUE.email);
  const tokens: Record<string, string> = { [COLLEAGUE.id]: colleagueToken };
  // 鈴木 is at their desk all along (their extension would beat every 30 s).
  const colleagueOnline = () => setAvailability(db, COLLEAGUE.id, true, clock.now());
  await colleagueOnline();
  twilio.device(COLLEAGUE.id).answerAfter(2).hangUpAfter(null);

  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => T | Promise<T>): Promise<T> => {
    const next = queue.then(work);
    queue = next.catch(() => undefined);
    return next;
  };

  // The browser's phone: whatever rings the rep's or the supervisor's identity rings the fake SDK with
  // the same CallSid and parameters, and what the extension does with it the emulator's device does.
  const devices = [REP.id, SUPERVISOR.id].map((identity) => twilio.device(identity).live().hangUpAfter(null));
  const forwarded = new Set<string>();
  const gone = new Set<string>();
  let seen = 0;
  const link = async () => {
    for (const device of devices) {
      for (const invite of device.invites) {
        if (invite.state !== 'ringing' || forwarded.has(invite.callSid)) continue;
        forwarded.add(invite.callSid);
        await sdkCommand(stage, { cmd: 'incoming', parameters: { CallSid: invite.callSid, From: invite.from, To: invite.to }, customParameters: { ...invite.customParameters } });
      }
    }
    const log = await sdkLog(stage);
    if (log.length < seen) seen = 0; // a new offscreen document, a new log
    for (const entry of log.slice(seen)) {
      const callSid = String(entry.args[0] ?? '');
      if (!forwarded.has(callSid)) continue;
      const device = devices.find((candidate) => candidate.ringing.includes(callSid) || candidate.connected.includes(callSid));
      if (!device) continue;
      if (entry.method === 'call.accept') await exclusive(async () => void (device.ringing.includes(callSid) && (await device.answer(callSid))));
      if (entry.method === 'call.reject') await exclusive(async () => void (device.ringing.includes(callSid) && (await device.reject(callSid))));
      if (entry.method === 'call.disconnect') await exclusive(async () => void (device.connected.includes(callSid) && (await device.hangUp(callSid))));
    }
    seen = log.length;
    // The far end moved on: Twilio cancels a ringing leg, or ends a connected one.
    for (const callSid of forwarded) {
      if (gone.has(callSid) || !twilio.leg(callSid).ended) continue;
      gone.add(callSid);
      await sdkCommand(stage, { cmd: twilio.leg(callSid).answered ? 'remoteHangUp' : 'cancel', callSid });
    }
  };

  let running = true;
  let last = twilio.now().getTime();
  let lastPresence = Date.now();
  const pump = (async () => {
    while (running) {
      await exclusive(async () => {
        const now = Date.now();
        await twilio.advance((now - last) / 1000);
        last = now;
      });
      await link().catch(() => undefined);
      if (Date.now() - lastPresence > 20_000) {
        lastPresence = Date.now();
        await colleagueOnline();
      }
      await sleep(100);
    }
  })();

  const opened: CallRoom = {
    url: started.url,
    server: started,
    twilio: (work) => exclusive(() => work(twilio)),
    customerCalls: (key) => exclusive(() => twilio.startIncomingCall({ from: CUSTOMER, to: MAIN_NUMBER, digits: [key] })),
    async act(user, method, path, body) {
      const response = await testApp.call(method, path, { token: tokens[user]!, ...(body === undefined ? {} : { body }) });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    },
    customerHangsUp: () =>
      exclusive(async () => {
        for (const leg of twilio.legs()) if (!leg.ended && leg.from === CUSTOMER) await leg.hangUp();
      }),
    async close() {
      running = false;
      await pump;
      await exclusive(async () => {
        for (const leg of twilio.legs()) if (!leg.ended) await leg.hangUp().catch(() => undefined);
      });
      await rest.close();
      await started.close();
      room = null;
    },
  };
  room = opened;
  return opened;
}
