import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ADDRESS_SLOWDOWN_QUEUES, addressSlowdownMs, LOGIN_LIMITS } from '../../../server/routes/auth.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { capturedLog } from '../support/captured-log.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
  await t.addUser({ id: 'admin', email: 'admin@example.jp', role: 'admin' });
  await t.addUser({ id: 'sato', name: '佐藤 花子', email: 'sato@example.jp', role: 'rep' });
});
afterEach(() => t.close());

/** How long to wait for requests under way to reach a point (seconds on a loaded machine). */
const PATIENCE = { timeout: 10_000 };

/** Waits the test ends by hand: every wait begun, and those still running, each ended with `end()`. */
function handEndedWaits() {
  const begun: number[] = [];
  const running: { ms: number; end: () => void }[] = [];
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      begun.push(ms);
      const wait = { ms, end: () => (running.splice(running.indexOf(wait), 1), resolve()) };
      running.push(wait);
    });
  return { sleep, begun, running };
}

/** A logger that counts the sign-ins it was told were slowed down (each counted, its delay known). */
function countingSlowedSignIns() {
  const { lines, logger } = capturedLog('warn', (line) => line['event']);
  return { logger, slowed: () => lines.filter((event) => event === 'login_slowed').length };
}

describe('signing in', () => {
  it('returns a bearer token and the user', async () => {
    const response = await t.call('POST', '/api/auth/login', {
      body: { email: 'Sato@Example.jp', password: 'correct horse battery' },
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { token: string; user: unknown };
    expect(body.token).toMatch(/^yb_[\w-]{43}$/);
    expect(body.user).toEqual({
      id: 'sato',
      name: '佐藤 花子',
      email: 'sato@example.jp',
      role: 'rep',
      crmUserId: null,
      active: true,
    });
  });

  it.each([
    ['a wrong password', { email: 'sato@example.jp', password: 'wrong password' }],
    ['an unknown e-mail', { email: 'nobody@example.jp', password: 'correct horse battery' }],
  ])('refuses %s with the same message', async (_case, body) => {
    const response = await t.call('POST', '/api/auth/login', { body });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      error: { code: 'invalid_credentials', message: 'The e-mail address or password is incorrect.' },
    });
  });

  it('refuses a malformed body naming the field', async () => {
    const response = await t.call('POST', '/api/auth/login', { body: { email: 'sato@example.jp' } });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'invalid_input', issues: [{ path: 'password', code: 'required' }] } });
  });

  it('locks an account after repeated failures, even for the right password, until the window passes', async () => {
    for (let i = 0; i < LOGIN_LIMITS.perAccount.limit; i++) {
      await t.call('POST', '/api/auth/login', { body: { email: 'sato@example.jp', password: `guess-${i}` } });
    }
    const locked = await t.call('POST', '/api/auth/login', {
      body: { email: 'sato@example.jp', password: 'correct horse battery' },
    });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect(((await locked.json()) as { error: { code: string } }).error.code).toBe('too_many_attempts');
    // Other accounts are not locked out by it.
    expect((await t.call('POST', '/api/auth/login', { body: { email: 'admin@example.jp', password: 'correct horse battery' } })).status).toBe(200);
    t.clock.advance(LOGIN_LIMITS.perAccount.windowSeconds + 1);
    expect((await t.call('POST', '/api/auth/login', { body: { email: 'sato@example.jp', password: 'correct horse battery' } })).status).toBe(200);
  });

  it('checks at most five passwords of 25 wrong ones sent at once for one account', async () => {
    // The attack: 25 parallel guesses used to be checked all, as the count came after the check.
    const responses = await Promise.all(
      Array.from({ length: 25 }, (_, i) => t.call('POST', '/api/auth/login', { body: { email: 'sato@example.jp', password: `guess-${i}` } })),
    );
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses.filter((status) => status === 401)).toHaveLength(LOGIN_LIMITS.perAccount.limit);
    expect(statuses.filter((status) => status === 429)).toHaveLength(25 - LOGIN_LIMITS.perAccount.limit);
  });

  it('slows down an address after many failures, but still lets the right password in', async () => {
    // In-process requests have no address: like every client behind a proxy, they share one. Four
    // wrong guesses on each of five accounts: none of them locked, the address over its limit.
    const accounts = ['ito', 'kato', 'kimura', 'mori', 'sasaki'];
    for (const id of accounts) await t.addUser({ id });
    for (let i = 0; i < LOGIN_LIMITS.perAddress.limit; i++) {
      const email = `${accounts[i % accounts.length]}@example.jp`;
      expect((await t.call('POST', '/api/auth/login', { body: { email, password: `nope ${i}` } })).status).toBe(401);
    }
    const started = performance.now();
    const response = await t.call('POST', '/api/auth/login', { body: { email: 'admin@example.jp', password: 'correct horse battery' } });
    expect(response.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(addressSlowdownMs(LOGIN_LIMITS.perAddress.limit + 1) - 5);
  });

  describe('guesses sent together from an address past its limit', () => {
    const accounts = ['ito', 'kato', 'kimura', 'mori', 'sasaki', 'takahashi', 'watanabe', 'yamada'];
    let waits: ReturnType<typeof handEndedWaits>;
    let slowedSignIns: ReturnType<typeof countingSlowedSignIns>;
    let app: TestApp;
    const guess = (account: string) => app.call('POST', '/api/auth/login', { body: { email: `${account}@example.jp`, password: 'a wrong guess' } });

    beforeEach(async () => {
      waits = handEndedWaits();
      slowedSignIns = countingSlowedSignIns();
      app = await createTestApp({ store: t.store, clock: t.clock, deps: { sleep: waits.sleep, logger: slowedSignIns.logger } });
      for (const id of accounts) await app.addUser({ id });
      // One failure short of locking each of five accounts: the address reaches its limit, no account does.
      for (let i = 0; i < LOGIN_LIMITS.perAddress.limit; i++) expect((await guess(accounts[i % 5]!)).status).toBe(401);
      expect(waits.begun).toEqual([]);
    });

    it('take turns: each waits its delay only once the one before has waited its own', async () => {
      const answered: number[] = [];
      const statuses = Promise.all(
        accounts.slice(5).map(async (account) => {
          const { status } = await guess(account);
          answered.push(status);
          return status;
        }),
      );
      await vi.waitFor(() => expect(slowedSignIns.slowed()).toBe(3), PATIENCE);
      for (let turn = 1; turn <= 3; turn++) {
        await vi.waitFor(() => expect(waits.begun).toHaveLength(turn), PATIENCE);
        expect(waits.running).toHaveLength(1);
        expect(answered).toHaveLength(turn - 1);
        waits.running[0]!.end();
        await vi.waitFor(() => expect(answered).toHaveLength(turn), PATIENCE);
      }
      expect(await statuses).toEqual([401, 401, 401]);
      const expected = [1, 2, 3].map((over) => addressSlowdownMs(LOGIN_LIMITS.perAddress.limit + over));
      expect([...waits.begun].sort((a, b) => a - b)).toEqual(expected);
    });

    it('are refused past the length of the line, with Retry-After, and counted for nothing', async () => {
      const { maxQueuedPerAddress } = ADDRESS_SLOWDOWN_QUEUES;
      const responses = Array.from({ length: maxQueuedPerAddress + 1 }, (_, i) => guess(accounts[i % accounts.length]!));
      const refused = await Promise.race(responses);
      expect(refused.status).toBe(429);
      // Come back once the line has passed: the delays of the others, whichever of them came last.
      const delays = Array.from({ length: maxQueuedPerAddress + 1 }, (_, i) => addressSlowdownMs(LOGIN_LIMITS.perAddress.limit + 1 + i));
      const line = delays.reduce((sum, ms) => sum + ms, 0);
      const retryAfter = Number(refused.headers.get('Retry-After'));
      expect(delays.map((ms) => (line - ms) / 1000)).toContain(retryAfter);
      expect(await refused.json()).toMatchObject({ error: { code: 'rate_limited', params: { retryAfterSeconds: retryAfter } } });
      expect(waits.running).toHaveLength(1);
      while (waits.begun.length < maxQueuedPerAddress || waits.running.length > 0) {
        await vi.waitFor(() => expect(waits.running).toHaveLength(1), PATIENCE);
        waits.running[0]!.end();
      }
      const statuses = await Promise.all(responses.map((response) => response.then((r) => r.status)));
      expect(statuses.filter((status) => status === 401)).toHaveLength(maxQueuedPerAddress);
      const address = await t.store.db.selectFrom('rate_limits').select('hits').where('key', 'like', 'login:address:%').executeTakeFirstOrThrow();
      expect(address.hits).toBe(LOGIN_LIMITS.perAddress.limit + maxQueuedPerAddress);
    });
  });

  it('waits longer with every further failure from the address, up to ten seconds', () => {
    const { limit } = LOGIN_LIMITS.perAddress;
    expect([limit, limit + 1, limit + 2, limit + 3, limit + 5, limit + 50].map(addressSlowdownMs)).toEqual([0, 1000, 2000, 4000, 10_000, 10_000]);
  });

  it('revokes the session on sign-out and takes the rep offline', async () => {
    const token = await t.signIn('sato@example.jp');
    await t.call('POST', '/api/presence', { token, body: { available: true } });
    expect((await t.call('POST', '/api/auth/logout', { token })).status).toBe(204);
    expect((await t.call('GET', '/api/me', { token })).status).toBe(401);
    const admin = await t.signIn('admin@example.jp');
    const presence = (await (await t.call('GET', '/api/presence', { token: admin })).json()) as { ringOrder: string[] };
    expect(presence.ringOrder).toEqual([]);
  });

  it('stops a deactivated user at once', async () => {
    const token = await t.signIn('sato@example.jp');
    await t.store.db.updateTable('users').set({ active: false }).where('id', '=', 'sato').execute();
    expect((await t.call('GET', '/api/me', { token })).status).toBe(401);
  });
});

describe('roles', () => {
  it.each([
    ['GET', '/api/me'],
    ['POST', '/api/presence'],
    ['GET', '/api/config'],
    ['GET', '/api/users'],
    ['GET', '/api/incoming'],
    ['GET', '/api/outgoing'],
    ['GET', '/api/presence'],
  ])('%s %s without a token is 401 with a JSON error', async (method, path) => {
    const response = await t.call(method, path);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: 'unauthenticated' } });
  });

  it.each([
    ['GET', '/api/config'],
    ['PUT', '/api/config'],
    ['GET', '/api/users'],
    ['POST', '/api/users'],
    ['GET', '/api/incoming'],
    ['GET', '/api/outgoing'],
    ['GET', '/api/presence'],
  ])('%s %s as a rep is 403 with a JSON error', async (method, path) => {
    const token = await t.signIn('sato@example.jp');
    const response = await t.call(method, path, { token, body: method === 'GET' ? undefined : {} });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: 'forbidden' } });
  });

  it('refuses a forged token', async () => {
    expect((await t.call('GET', '/api/me', { token: 'yb_forged' })).status).toBe(401);
  });
});

describe('CORS', () => {
  const preflight = (origin: string) =>
    t.app.request('/api/auth/login', {
      method: 'OPTIONS',
      headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
    });

  it('allows the extension', async () => {
    const response = await preflight('chrome-extension://abcdefghijklmnopabcdefghijklmnop');
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe('chrome-extension://abcdefghijklmnopabcdefghijklmnop');
  });

  it('does not allow other web pages', async () => {
    const response = await preflight('https://evil.example.com');
    expect(response.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });

  it('allows only the configured extension ids when they are set', async () => {
    await t.close();
    t = await createTestApp({ deps: { extensionIds: ['ourextensionid'], corsOrigins: ['https://intranet.example.jp'] } });
    expect((await preflight('chrome-extension://ourextensionid')).headers.get('Access-Control-Allow-Origin')).toBe(
      'chrome-extension://ourextensionid',
    );
    expect((await preflight('chrome-extension://someoneelse')).headers.get('Access-Control-Allow-Origin')).toBeNull();
    expect((await preflight('https://intranet.example.jp')).headers.get('Access-Control-Allow-Origin')).toBe(
      'https://intranet.example.jp',
    );
  });

  it('answers the extension\'s own requests with its origin and Vary: Origin, successes and refusals alike', async () => {
    const origin = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';
    const token = await t.signIn('sato@example.jp');
    const ok = await t.call('GET', '/api/me', { token, headers: { Origin: origin } });
    const refused = await t.call('GET', '/api/me', { token: 'yb_forged', headers: { Origin: origin } });
    const missing = await t.call('GET', '/api/no-such-thing', { token, headers: { Origin: origin } });
    for (const [response, status] of [[ok, 200], [refused, 401], [missing, 404]] as const) {
      expect(response.status).toBe(status);
      expect(response.headers.get('Access-Control-Allow-Origin')).toBe(origin);
      expect(response.headers.get('Vary')).toBe('Origin');
    }
  });

  it('gives another web page\'s request no CORS grant, and still varies on the origin', async () => {
    const token = await t.signIn('sato@example.jp');
    const response = await t.call('GET', '/api/me', { token, headers: { Origin: 'https://evil.example.com' } });
    expect(response.headers.get('Access-Control-Allow-Origin')).toBeNull();
    expect(response.headers.get('Vary')).toBe('Origin');
  });
});
