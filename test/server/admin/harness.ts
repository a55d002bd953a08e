import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { createApp } from '../../../server/app.ts';
import type { AppDeps } from '../../../server/http/deps.ts';
import { incomingNumberSchema, type IncomingNumber } from '../../../server/phone-config/schema.ts';
import { setAvailability } from '../../../server/store/presence.ts';
import { startFakeTwilioRest } from '../../emulators/twilio-rest/fake-twilio-rest.ts';
import type { FakeAccountData } from '../../emulators/twilio-rest/state.ts';
import { createTestApp, PUBLIC_URL, type TestApp } from '../support/app.ts';

export { PUBLIC_URL };
export type FakeTwilioServer = Awaited<ReturnType<typeof startFakeTwilioRest>>;

/**

 * `/api/preview`), next to the voice webhooks the preview calls; sign-in goes through the real app.
 */
/** The real application, as server/index.ts composes it. */
export function adminApp(deps: AppDeps) {
  return createApp(deps);
}

export interface AdminHarness extends TestApp {
  admin: ReturnType<typeof adminApp>;
  /** The signed-in admin's bearer token. */
  token: string;
  /** JSON request to the admin routes as the signed-in admin (or `token`). */
  api(method: string, path: string, options?: { body?: unknown; token?: string | null; headers?: Record<string, string> }): Promise<Response>;
  addNumber(input: Partial<IncomingNumber> & { number: string }): Promise<void>;
  goOnline(...userIds: string[]): Promise<void>;
}

export async function createAdminHarness(twilioApi: FakeTwilioServer, deps: Partial<AppDeps> = {}): Promise<AdminHarness> {
  const test = await createTestApp({ deps: { twilioApiUrl: twilioApi.url, ...deps } });
  await test.addUser({ id: 'yamada', name: '山田', email: 'yamada@example.jp', role: 'admin' });
  const token = await test.signIn('yamada@example.jp');
  const admin = adminApp(test.deps);
  let position = 0;
  return {
    ...test,
    admin,
    token,
    api: async (method, path, { body, token: as = token, headers } = {}) =>
      admin.request(path, {
        method,
        headers: {
          ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
          ...(as ? { Authorization: `Bearer ${as}` } : {}),
          ...headers,
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      }),
    async addNumber(input) {
      const number = incomingNumberSchema.parse({ route: { type: 'ring', users: ['sato'], strategy: 'sequential' }, ...input });
      const { number: e164, ...definition } = number;
      await test.store.db
        .insertInto('incoming_numbers')
        .values({ number: e164, position: position++, definition: JSON.stringify(definition), twilio_sid: null, previous_twilio: null, updated_at: test.clock.now() })
        .execute();
    },
    async goOnline(...userIds) {
      for (const id of userIds) {
        await setAvailability(test.store.db, id, true, test.clock.now());
        test.clock.advance(1);
      }
    },
  };
}

/** A fresh account on the fake Twilio, with the request body PUT /api/twilio/account takes. */
export function newTwilioAccount(twilioApi: FakeTwilioServer, overrides: Parameters<FakeTwilioServer['fake']['addAccount']>[0] = {}) {
  const data = twilioApi.fake.addAccount(overrides);
  return { data, credentials: { accountSid: data.account.sid, authToken: data.account.authToken } };
}

/**
 * For a file whose tests each start from a new app with only the admin signed in: registers the hooks
 * that start a fake Twilio for the file and, before each test, make the app, then run `prepare` on it.
 * Both objects returned stay the same for the whole file; what they hold is the running test's (the
 * app is closed after it).
 */
export function freshAdminEachTest(prepare?: (t: AdminHarness, twilioApi: FakeTwilioServer) => Promise<void>): { twilioApi: FakeTwilioServer; t: AdminHarness } {
  const twilioApi = {} as FakeTwilioServer;
  const t = {} as AdminHarness;
  beforeAll(async () => {
    Object.assign(twilioApi, await startFakeTwilioRest());
  });
  afterAll(() => twilioApi.close());
  beforeEach(async () => {
    Object.assign(t, await createAdminHarness(twilioApi));
    await prepare?.(t, twilioApi);
  });
  afterEach(() => t.close());
  return { twilioApi, t };
}

export interface ConnectedAdminHarness extends AdminHarness {
  /** The fake Twilio, started once for the file. */
  twilioApi: FakeTwilioServer;
  /** The account connected in Step 1, a fresh one for each test. */
  account: FakeAccountData;
}

/**
 * For a file whose tests start with Step 1 done: registers the hooks that start a fake Twilio for the file and,
 * before each test, sign an admin in to a new app and connect a fresh account of it (PUT /api/twilio/account),
 * then add the reps. `beforeConnect` fills the account (numbers, caller IDs) before the app first reads it.
 * The object returned is the running test's harness, closed after it.
 */
export function adminWithTwilioAccount({ reps = [{ id: 'sato', name: '佐藤' }], beforeConnect }: {
  reps?: { id: string; name: string }[];
  beforeConnect?: (account: FakeAccountData) => void;
} = {}): ConnectedAdminHarness {
  const connected = {} as ConnectedAdminHarness;
  const { twilioApi } = freshAdminEachTest(async (t) => {
    Object.assign(connected, t);
    const created = newTwilioAccount(twilioApi);
    connected.account = created.data;
    beforeConnect?.(created.data);
    expect((await t.api('PUT', '/api/twilio/account', { body: created.credentials })).status).toBe(200);
    for (const rep of reps) await t.addUser(rep);
  });
  connected.twilioApi = twilioApi;
  return connected;
}
