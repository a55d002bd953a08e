import { createApp, type AppOptions } from '../../../server/app.ts';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { AppDeps } from '../../../server/http/deps.ts';
import { incomingNumberSchema, type IncomingNumberInput } from './phone-numbers.ts';
import { saveStoredTwilio } from '../../../server/store/phone-config-store.ts';
import { setAvailability } from '../../../server/store/presence.ts';
import type { Store } from '../../../server/store/database.ts';
import type { Database } from '../../../server/store/schema.ts';
import { createTwilioEmulator, type Fetch, type RestServer, type TwilioEmulator } from '../../emulators/twilio-call/index.ts';
import { createClock, createTestApp, PUBLIC_URL, type TestApp, type TestClock } from '../support/app.ts';

export const ACCOUNT_SID = `AC${'3'.repeat(32)}`;
export const AUTH_TOKEN = '9f'.repeat(16);
export const API_KEY_SID = `SK${'4'.repeat(32)}`;
export const API_KEY_SECRET = 'api-key-secret-for-tests';
export const TWIML_APP_SID = `AP${'5'.repeat(32)}`;
export { PUBLIC_URL };

/** The real application, as server/index.ts composes it (a new instance: a restart, or a second server). */
export function voiceApp(deps: AppDeps, options?: AppOptions) {
  return createApp(deps, options);
}

export interface VoiceHarness extends TestApp {
  voice: ReturnType<typeof voiceApp>;
  twilio: TwilioEmulator;
  /** The emulated Twilio REST API the server talks to (`deps.twilioApiUrl`); null with `twilioApi: false`. */
  twilioApi: RestServer | null;
  /** Once the work the server started without waiting for it (a room move tried again) is over. */
  settled(): Promise<void>;
  /** Where Twilio's webhooks go from now on (another instance, instances in turn); null = this app. */
  routeWebhooks(target: ((request: Request) => Response | Promise<Response>) | null): void;
  goOnline(...userIds: string[]): Promise<void>;
  goOffline(userId: string): Promise<void>;
  addNumber(number: IncomingNumberInput): Promise<void>;
  assignOutgoing(userId: string, number: string, record?: boolean): Promise<void>;
  calls(): Promise<Record<string, unknown>[]>;
}

export async function configureTwilio(store: Store, deps: AppDeps, parts: { apiKey?: boolean } = {}): Promise<void> {
  await saveStoredTwilio(
    store.db,
    {
      accountSid: ACCOUNT_SID,
      authTokenSealed: deps.secretBox.seal(AUTH_TOKEN),
      ...(parts.apiKey === false
        ? {}
        : { apiKeySid: API_KEY_SID, apiKeySecretSealed: deps.secretBox.seal(API_KEY_SECRET), twimlAppSid: TWIML_APP_SID }),
    },
    deps.now(),
  );
}

export interface VoiceHarnessOptions {
  store?: Store;
  reps?: string[];
  configure?: boolean;
  clock?: TestClock;
  app?: AppOptions;
  /**
   * Serve the emulated Twilio REST API on a loopback port and give it to the server as TWILIO_API_URL
   * (default: yes — the server moves every answered call into a room through it).
   */
  twilioApi?: boolean;
  /** What the emulated REST API does not serve (e.g. the provisioning fake's `app.fetch`). */
  twilioApiFallback?: Fetch;
  /**
   * The server's clock follows the emulator's virtual time (live scenarios), never going back, and so
   * do its waits (`AppDeps.sleep`: a room move's back-off ends once Twilio's time has passed it).
   */
  followTwilioTime?: boolean;
}

/** A test app with the voice routes, Twilio configured, reps, and a Twilio call emulator pointed at it. */
export async function createVoiceHarness(options: VoiceHarnessOptions = {}): Promise<VoiceHarness> {
  const clock = options.clock ?? createClock();
  let voice: ReturnType<typeof voiceApp> | null = null;
  let webhooks: ((request: Request) => Response | Promise<Response>) | null = null;
  const sleepers = new Set<{ until: number; wake: () => void }>();
  const wakeSleepers = (now: Date) => {
    for (const sleeper of sleepers) {
      if (sleeper.until > now.getTime()) continue;
      sleepers.delete(sleeper);
      sleeper.wake();
    }
  };
  const twilio = createTwilioEmulator({
    fetch: async (request) => (webhooks ? webhooks(request) : voice!.request(request)),
    publicUrl: PUBLIC_URL,
    authToken: AUTH_TOKEN,
    accountSid: ACCOUNT_SID,
    applicationSid: TWIML_APP_SID,
    startTime: clock.now(),
    apiKeys: { [API_KEY_SID]: API_KEY_SECRET },
    // Both clocks then read the same instant: what the server records and what Twilio reports line up.
    ...(options.followTwilioTime
      ? {
          onTimeAdvance: (now: Date) => {
            if (now > clock.now()) clock.set(now);
            wakeSleepers(now);
          },
        }
      : {}),
  });
  const sleep = (ms: number) => new Promise<void>((wake) => sleepers.add({ until: twilio.now().getTime() + ms, wake }));
  const background = new Set<Promise<unknown>>();
  const track = (work: Promise<unknown>) => {
    const done: Promise<unknown> = work.catch(() => undefined).finally(() => background.delete(done));
    background.add(done);
  };
  const twilioApi =
    options.twilioApi === false ? null : await twilio.listenRest(options.twilioApiFallback ? { fallback: options.twilioApiFallback } : {});
  const test = await createTestApp({
    clock,
    ...(options.store ? { store: options.store } : {}),
    ...(options.app ? { app: options.app } : {}),
    deps: { ...(twilioApi ? { twilioApiUrl: twilioApi.url } : {}), ...(options.followTwilioTime ? { sleep } : {}), track },
  });
  voice = test.app;
  if (options.configure !== false) await configureTwilio(test.store, test.deps);
  for (const id of options.reps ?? []) await test.addUser({ id });
  let position = 0;
  return {
    ...test,
    voice,
    twilio,
    twilioApi,
    async close() {
      await twilioApi?.close();
      await test.close();
    },
    async settled() {
      // A wait that just ended hands over to its work a few promise turns later.
      for (;;) {
        await new Promise((resolve) => setImmediate(resolve));
        if (background.size === 0) return;
        await Promise.all(background);
      }
    },
    routeWebhooks(target) {
      webhooks = target;
    },
    async goOnline(...userIds) {
      for (const id of userIds) {
        await setAvailability(test.store.db, id, true, test.clock.now());
        // Distinct "went online" instants keep the order unambiguous.
        test.clock.advance(1);
      }
    },
    async goOffline(userId) {
      await setAvailability(test.store.db, userId, false, test.clock.now());
    },
    async addNumber(input) {
      const number = incomingNumberSchema.parse(input);
      await test.store.db
        .insertInto('incoming_numbers')
        .values({ number: number.number, position: position++, definition: JSON.stringify(number), twilio_sid: null, previous_twilio: null, updated_at: test.clock.now() })
        .execute();
    },
    async assignOutgoing(userId, number, record = false) {
      await test.store.db.insertInto('outgoing_assignments').values({ user_id: userId, number, record }).execute();
    },
    async calls() {
      const rows = await sql<Record<string, unknown>>`select * from calls order by started_at`.execute(test.store.db);
      return rows.rows;
    },
  };
}

/** A store whose database cannot be reached: every query fails with "connection refused". */
export function unreachableStore(): Store {
  const pool = new pg.Pool({ connectionString: 'postgres://yobidashi@127.0.0.1:9/none', connectionTimeoutMillis: 500, max: 1 });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, engine: 'postgres', close: () => db.destroy() };
}
