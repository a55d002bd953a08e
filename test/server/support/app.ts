import { createApp, type AppDeps, type AppOptions } from '../../../server/app.ts';
import { silentLogger } from '../../../server/logger.ts';
import { hashPassword } from '../../../server/security/passwords.ts';
import { createSecretBox } from '../../../server/security/secret-box.ts';
import type { Engine, Store } from '../../../server/store/database.ts';
import { sharedTestStore } from './store.ts';

/** Cheap scrypt parameters for tests only: the production cost would make every sign-in ~0.3 s. */
export const TEST_PASSWORD_COST = { N: 1024, r: 8, p: 1 };

export const PUBLIC_URL = 'https://yobidashi.example.jp';

export interface TestClock {
  now(): Date;
  advance(seconds: number): void;
  set(date: Date): void;
}

export function createClock(start = new Date('2026-11-24T09:00:00+09:00')): TestClock {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    advance: (seconds) => {
      current += seconds * 1000;
    },
    set: (date) => {
      current = date.getTime();
    },
  };
}

export interface TestApp {
  app: ReturnType<typeof createApp>;
  deps: AppDeps;
  store: Store;
  clock: TestClock;
  /** JSON request helper: `call('POST', '/api/x', { token, body })`. */
  call(method: string, path: string, options?: { token?: string; body?: unknown; headers?: Record<string, string> }): Promise<Response>;
  addUser(user: { id: string; name?: string; email?: string; role?: 'admin' | 'supervisor' | 'rep'; password?: string }): Promise<void>;
  signIn(email: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

export async function createTestApp(
  options: { engine?: Engine; store?: Store; deps?: Partial<AppDeps>; clock?: TestClock; app?: AppOptions } = {},
): Promise<TestApp> {
  const store = options.store ?? (await sharedTestStore(options.engine));
  const clock = options.clock ?? createClock();
  const deps: AppDeps = {
    store,
    secretBox: createSecretBox('test-secret-key-that-is-long-enough-000'),
    logger: silentLogger,
    publicUrl: PUBLIC_URL,
    corsOrigins: [],
    extensionIds: [],
    twilioApiUrl: 'https://api.twilio.com',
    now: clock.now,
    passwordCost: TEST_PASSWORD_COST,
    ...options.deps,
  };
  const app = createApp(deps, options.app);
  const call: TestApp['call'] = async (method, path, { token, body, headers } = {}) =>
    app.request(path, {
      method,
      headers: {
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
  return {
    app,
    deps,
    store,
    clock,
    call,
    async addUser({ id, name = id, email = `${id}@example.jp`, role = 'rep', password = 'correct horse battery' }) {
      await store.db
        .insertInto('users')
        .values({
          id,
          name,
          email,
          role,
          password_hash: await hashPassword(password, TEST_PASSWORD_COST),
          crm_user_id: null,
          updated_at: clock.now(),
        })
        .execute();
    },
    async signIn(email, password = 'correct horse battery') {
      const response = await call('POST', '/api/auth/login', { body: { email, password } });
      if (response.status !== 200) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
      return ((await response.json()) as { token: string }).token;
    },
    close: () => store.close(),
  };
}

/** A test app with one admin (yamada@example.jp) signed in: the app, and the admin's session token. */
export async function appWithSignedInAdmin(): Promise<{ t: TestApp; admin: string }> {
  const t = await createTestApp();
  await t.addUser({ id: 'yamada', email: 'yamada@example.jp', role: 'admin' });
  return { t, admin: await t.signIn('yamada@example.jp') };
}
