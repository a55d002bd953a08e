import { Hono } from 'hono';
import { callSnapshot } from '../../../server/crm/call-log.ts';
import { connectZoho } from '../../../server/crm/connect-zoho.ts';
import { CrmRuntime } from '../../../server/crm/crm-runtime.ts';
import { OutboxWorker, type OutboxWorkerOptions } from '../../../server/crm/outbox-worker.ts';
import type { CallLog } from '../../../server/crm/adapter.ts';
import type { AppDeps, AppEnv } from '../../../server/http/deps.ts';
import { ApiError, bodyOf, errorBody } from '../../../server/http/errors.ts';
import { silentLogger } from '../../../server/logger.ts';
import { crmRoutes } from '../../../server/routes/crm.ts';
import { createSecretBox } from '../../../server/security/secret-box.ts';
import { enqueueCallDelivery } from '../../../server/store/crm-outbox.ts';
import type { Store } from '../../../server/store/database.ts';
import { saveStoredTwilio } from '../../../server/store/phone-config-store.ts';
import { createZohoEmulator, EMULATOR_ACCOUNTS_URL, type ZohoEmulator } from '../../emulators/zoho/index.ts';
import { SEED_USERS } from '../../fixtures/zoho/seed.ts';
import { inboundCall, OAUTH_CLIENT, RECORDING_BYTES, RECORDING_URL, TWILIO } from '../crm/zoho-harness.ts';

export { inboundCall, OAUTH_CLIENT, RECORDING_BYTES, RECORDING_URL, TWILIO };

export const secretBox = createSecretBox('test-secret-key-that-is-long-enough-000');

/** One clock for the server and the emulated Zoho, moved by the test. */
export function createClock(start = Date.parse('2026-11-24T03:00:00Z')) {
  const clock = { ms: start, now: () => new Date(clock.ms), advance: (ms: number) => void (clock.ms += ms) };
  return clock;
}
export type Clock = ReturnType<typeof createClock>;

/** Twilio's recording media behind Basic auth; everything else goes to the Zoho emulator. */
export function withTwilioMedia(zohoFetch: typeof fetch): typeof fetch {
  return async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (new URL(url).hostname !== 'api.twilio.com') return zohoFetch(input, init);
    const request = new Request(input, init);
    const expected = `Basic ${Buffer.from(`${TWILIO.accountSid}:${TWILIO.authToken}`).toString('base64')}`;
    if (request.headers.get('authorization') !== expected) return new Response('{"code":20003}', { status: 401 });
    if (request.url !== `${RECORDING_URL}.mp3`) return new Response('{"code":20404}', { status: 404 });
    return new Response(RECORDING_BYTES, { headers: { 'content-type': 'audio/mpeg' } });
  };
}

export const ZOHO_SERVER_SETTINGS = {
  clientId: OAUTH_CLIENT.clientId,
  clientSecret: OAUTH_CLIENT.clientSecret,
  redirectUri: 'https://yobidashi.example.jp/api/crm/zoho/callback',
  accountsUrl: EMULATOR_ACCOUNTS_URL,
  apiUrl: null,
};

/** A server instance's CRM side: its runtime (adapter cache) and outbox worker, on `store`. */
export function serverInstance(store: Store, emulator: ZohoEmulator, clock: Clock, worker: Partial<OutboxWorkerOptions> = {}) {
  const crm = new CrmRuntime(
    { store, secretBox, logger: silentLogger, now: clock.now },
    { zoho: ZOHO_SERVER_SETTINGS, fetch: withTwilioMedia(emulator.fetch), requestTimeoutMs: 300, lookupBudgetMs: 200 },
  );
  const outbox = new OutboxWorker({ store, crm, logger: silentLogger, now: clock.now, random: () => 0.5, ...worker });
  return { crm, worker: outbox };
}

export function createEmulator(clock: Clock, concurrencyLimit?: number) {
  const emulator = createZohoEmulator({ now: () => clock.ms, concurrencyLimit });
  emulator.state.registerClient(OAUTH_CLIENT.clientId, OAUTH_CLIENT.clientSecret);
  return emulator;
}

/** Connects the org's Zoho (self-client grant code) and stores Twilio credentials for recording downloads. */
export async function connect(crm: CrmRuntime, emulator: ZohoEmulator) {
  await saveStoredTwilio(crm.deps.store.db, { accountSid: TWILIO.accountSid, authTokenSealed: secretBox.seal(TWILIO.authToken) }, crm.deps.now());
  return connectZoho(crm, {
    dataCentre: 'JP',
    client: OAUTH_CLIENT,
    keepClient: true,
    code: emulator.state.issueGrantCode(OAUTH_CLIENT.clientId),
    connectedBy: null,
  });
}

export function callSid(n: number): string {
  return `CA${String(n).padStart(32, '0')}`;
}

/** Queues `count` finished calls as the voice engine would, each with a snapshot of its call log. */
export async function enqueueCalls(store: Store, clock: Clock, count: number, overrides: (n: number) => Partial<CallLog> = () => ({})) {
  const sids: string[] = [];
  for (let n = 1; n <= count; n++) {
    const call = inboundCall({ callSid: callSid(n), startedAt: new Date(Date.parse('2026-11-24T01:00:00Z') + n * 1000), ...overrides(n) });
    await store.db.transaction().execute((trx) => enqueueCallDelivery(trx, { callSid: call.callSid, kind: 'log-call', payload: { call: callSnapshot(call) }, now: clock.now() }));
    sids.push(call.callSid);
  }
  return sids;
}

/** The heart of every fault test: each call is in Zoho exactly once, and nothing else is. */
export function zohoCallsBySid(emulator: ZohoEmulator): Map<string, number> {
  const counts = new Map<string, number>();
  for (const record of emulator.state.calls()) {
    const sid = /\[yobidashi:(CA\w+)\]/.exec(String(record['Description'] ?? ''))?.[1] ?? 'unmarked';
    counts.set(sid, (counts.get(sid) ?? 0) + 1);
  }
  return counts;
}

export async function outboxRows(store: Store) {
  return store.db.selectFrom('crm_outbox').selectAll().orderBy('id').execute();
}

/** The admin routes mounted as app.ts will mount them, with the app's JSON error handling. */
export function crmApp(deps: AppDeps, crm: CrmRuntime, worker?: { wake(): void }) {
  const app = new Hono<AppEnv>();
  app.route('/api/crm', crmRoutes(deps, { crm, worker }));
  app.onError((error, c) =>
    error instanceof ApiError ? c.json(bodyOf(error), error.status) : c.json(errorBody('internal', String(error)), 500),
  );
  return app;
}

/** The org an admin connects after the first: an org of its own, none of the first one's records. */
export const OTHER_ORG = { id: '90000002', zgid: '90000002', domain_name: 'org90000002', company_name: '株式会社となり' } as const;

/**
 * A server connected to one emulated Zoho org, with 佐藤 as a rep linked to that org's first user, and
 * `connectAnother` for the admin connecting a Zoho of its own: another org (none of the first one's
 * records) or the same org id in another data centre. The server's requests go to the Zoho connected
 * last, as they would to the accounts server and API domain of the new grant. Every emulator made is
 * pushed onto `opened`, for the file to close after each test.
 */
export async function twoOrgWorld(store: Store, opened: ZohoEmulator[], worker: Partial<OutboxWorkerOptions> = {}) {
  const clock = createClock();
  const first = createEmulator(clock);
  opened.push(first);
  const zoho = { current: first };
  const { crm, worker: outbox } = serverInstance(store, { fetch: (input, init) => zoho.current.fetch(input, init) } as ZohoEmulator, clock, worker);
  await connect(crm, first);
  await store.db
    .insertInto('users')
    .values({ id: 'sato', name: '佐藤', email: 'sato@example.jp', role: 'rep', password_hash: null, crm_user_id: SEED_USERS[0].id, updated_at: clock.now() })
    .execute();

  async function connectAnother(options: { org?: Partial<typeof OTHER_ORG>; dataCentre?: 'JP' | 'EU' } = {}) {
    const dataCentre = options.dataCentre ?? 'JP';
    const next = createEmulator(clock);
    opened.push(next);
    next.state.apiDomain = dataCentre === 'EU' ? 'https://www.zohoapis.eu' : 'https://www.zohoapis.jp';
    if (options.org) {
      Object.assign(next.state.org, options.org);
      for (const module of ['Contacts', 'Leads', 'Accounts', 'Deals']) next.state.module(module)!.clear();
    }
    zoho.current = next;
    await connectZoho(crm, { dataCentre, client: OAUTH_CLIENT, keepClient: true, code: next.state.issueGrantCode(OAUTH_CLIENT.clientId), connectedBy: null });
    return next;
  }
  return { clock, crm, worker: outbox, first, connectAnother };
}
