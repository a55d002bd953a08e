import { sql } from 'kysely';
import type { AppDeps } from '../../../server/http/deps.ts';
import type { Engine } from '../../../server/store/database.ts';
import { sharedTestStore } from '../support/store.ts';
import { WaitingLinePacer } from '../../../server/services/waiting-line/pacer.ts';
import { setAvailability } from '../../../server/store/presence.ts';
import type { IncomingNumberInput } from './phone-numbers.ts';
import { createVoiceHarness, voiceApp, type VoiceHarness } from './voice-harness.ts';

/**
 * A small office for waiting-line scenarios: 佐藤 takes the calls of 営業直通 (a waiting line with
 * announcements every 20 s) and, with 鈴木, those of サポート. Twilio is the emulator, the server the
 * real app, and the waiting line's pacer runs every virtual second, as it would every couple of
 * real ones. Reps stay online as their extension would keep them (a heartbeat each step). The app
 * wakes the office's pacer as server/index.ts wires it (a pacer that was not started ignores it).
 */

export const SALES_LINE = {
  number: '+815011110000',
  label: '営業直通',
  voice: { language: 'ja-JP' },
  route: {
    type: 'ring',
    users: ['sato'],
    strategy: 'sequential',
    ringSeconds: 15,
    cycles: 1,
    queue: { enabled: true, announceSeconds: 20, maxWaitSeconds: 600, priority: 0, voicemailKey: '1', callbackKey: '2' },
  },
  holdMusic: { type: 'default' },
} satisfies IncomingNumberInput;

export const SUPPORT_LINE: IncomingNumberInput = {
  number: '+815011119999',
  label: 'サポート',
  voice: { language: 'en-US' },
  route: {
    type: 'ring',
    users: ['sato', 'suzuki'],
    strategy: 'simultaneous',
    ringSeconds: 15,
    cycles: 1,
    queue: { enabled: true, announceSeconds: 30, maxWaitSeconds: 60, priority: 5, voicemailKey: '9', callbackKey: null },
  },
  holdMusic: { type: 'silence' },
};

export const CALLERS = ['+819011110001', '+819011110002', '+819011110003', '+819011110004'] as const;

export interface OfficeOptions {
  /** The pacer of each instance (default: one nobody starts, ticked by `run`). */
  newPacer?: (deps: AppDeps) => WaitingLinePacer;
}

export interface Office extends VoiceHarness {
  pacer: WaitingLinePacer;
  newPacer: (deps: AppDeps) => WaitingLinePacer;
  online: Set<string>;
  /** Runs the world second by second, the pacer after each. */
  run(seconds: number): Promise<void>;
  /** Another server instance takes over (same database): a restart, or a second instance. */
  restart(): void;
  waiting(): Promise<string[]>;
}

export async function createOffice(engine: Engine = 'pglite', options: OfficeOptions = {}): Promise<Office> {
  const waitingLine = { wake: () => office.pacer.wake() };
  const h = await createVoiceHarness({ followTwilioTime: true, store: await sharedTestStore(engine), app: { waitingLine } });
  await h.addUser({ id: 'sato', name: '佐藤 花子', email: 'sato@example.jp' });
  await h.addUser({ id: 'suzuki', name: '鈴木 一郎', email: 'suzuki@example.jp' });
  await h.addNumber(SALES_LINE);
  await h.addNumber(SUPPORT_LINE);
  const newPacer = options.newPacer ?? ((deps: AppDeps) => new WaitingLinePacer(deps));
  const office: Office = {
    ...h,
    pacer: newPacer(h.deps),
    newPacer,
    online: new Set<string>(),
    async run(seconds) {
      for (let second = 0; second < seconds; second++) {
        await h.twilio.advance(1);
        for (const id of office.online) await setAvailability(h.store.db, id, true, h.clock.now());
        await office.pacer.tick();
      }
    },
    restart() {
      const instance = voiceApp(h.deps, { waitingLine });
      h.routeWebhooks((request) => instance.request(request));
      void office.pacer.stop();
      office.pacer = newPacer(h.deps);
    },
    async waiting() {
      const rows = await h.store.db.selectFrom('waiting_callers').select(['call_sid', 'state']).where('state', '<>', 'left').orderBy('enqueued_at').execute();
      return rows.map((row) => `${row.call_sid} ${row.state}`);
    },
  };
  return office;
}

/** Ends what the previous scenario left up; empties the call log and the line; nobody online. */
export async function resetOffice(office: Office): Promise<void> {
  for (const leg of office.twilio.legs()) if (!leg.ended) await leg.hangUp();
  await office.twilio.advance(120);
  office.routeWebhooks(null);
  await office.pacer.stop();
  office.pacer = office.newPacer(office.deps);
  await sql`truncate calls, call_legs, call_recordings, call_parties, call_events, presence, waiting_callers, follow_up_calls, follow_ups, crm_outbox`.execute(office.store.db);
  office.online.clear();
  for (const id of ['sato', 'suzuki']) office.twilio.device(id).ignore().hangUpAfter(null);
}

export async function goOnline(office: Office, ...ids: string[]): Promise<void> {
  for (const id of ids) office.online.add(id);
  await office.goOnline(...ids);
  // goOnline moved the server's clock on: Twilio's time catches up.
  await office.twilio.advance(3);
}

export async function goOffline(office: Office, id: string): Promise<void> {
  office.online.delete(id);
  await office.goOffline(id);
}
