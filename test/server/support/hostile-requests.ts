import fc from 'fast-check';
import { sql } from 'kysely';
import twilio from 'twilio';
import { CrmRuntime } from '../../../server/crm/crm-runtime.ts';
import { silentLogger } from '../../../server/logger.ts';
import { createSession } from '../../../server/store/sessions.ts';
import type { Store } from '../../../server/store/database.ts';
import { startFakeTwilioRest } from '../../emulators/twilio-rest/fake-twilio-rest.ts';
import { twilioFixture } from '../../fixtures/twilio/index.ts';
import { createEmulator, createClock, secretBox, ZOHO_SERVER_SETTINGS } from '../crm-outbox/support.ts';
import { incomingNumberSchema, MAIN } from '../voice/phone-numbers.ts';
import { ACCOUNT_SID, AUTH_TOKEN, configureTwilio } from '../voice/voice-harness.ts';
import { createTestApp, PUBLIC_URL, type TestApp } from './app.ts';
import { contractViolations } from './contract-violations.ts';
import { sharedTestStore } from './store.ts';

/**
 * Hostile requests for every route of the app (the API and Twilio's webhooks, signed and unsigned),
 * and what must hold for each: never a 5xx, never a hang, an error body the contract knows (worded
 * by the extension in both languages), and nothing changed in the database by a refused request.
 * Shared by the property suite (test/server/http/hostile-input.test.ts) and its larger run in
 * bench/edge.ts.
 */

/** The longest any request may take, hostile or not; the form flood of issue 9 took 32 s. */
export const HANG_BOUND_MS = 5_000;

export type Auth = 'admin' | 'rep' | 'none' | 'garbage';

export interface HostileRequest {
  method: string;
  /** Path and query, as sent (percent-encoded where the generator chose to). */
  target: string;
  contentType: string | null;
  auth: Auth;
  body: Uint8Array | null;
  signature?: string;
}

export interface Route {
  method: string;
  path: string;
}

/** Every route the app serves (middleware entries aside), e.g. `PATCH /api/users/:id`. */
export function routesOf(app: TestApp['app']): Route[] {
  const seen = new Map<string, Route>();
  for (const { method, path } of app.routes) {
    if (method === 'ALL') continue;
    seen.set(`${method} ${path}`, { method, path });
  }
  return [...seen.values()];
}

// ── Text and values ──────────────────────────────────────────────────────────────────────────────

const TRICKY = [
  '', ' ', '\u0000', 'a\u0000b', '%', '%25', '%00', '%2500', '%E3%81', '..', '../../etc/passwd', '\ud800', '\udfff\ud800', '\ufeff',
  '０３－１２３４－５６７８', 'でんわ abc', '+81312345678', '03-1234-5678', '<script>alert(1)</script>', '${Menu}', '{max}', '__proto__',
  'constructor', 'toString', 'AC' + '0'.repeat(32), 'PN' + 'f'.repeat(32), '••••1a2b', 'null', 'true', '1e309', '-0', 'ＡＢＣ', '𠮷野家',
];

export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...TRICKY) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 24 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 100, maxLength: 400 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 30_000 }).map((length) => 'あ'.repeat(length)) },
);

const hostileKey: fc.Arbitrary<string> = fc.oneof(fc.constantFrom('email', 'password', 'name', 'users', 'incoming', 'route', 'menu', 'type', '__proto__', 'constructor', 'x\u0000'), fc.string({ unit: 'binary', maxLength: 8 }));

const { json: hostileJson } = fc.letrec<{ json: unknown }>((tie) => ({
  json: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileText,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('json'), { maxLength: 4 }),
    fc.dictionary(hostileKey, tie('json'), { maxKeys: 4 }),
  ),
}));

/** Realistic bodies of the routes that take one: mutated, they reach far past "not JSON". */
const TEMPLATES: Record<string, unknown> = {
  'POST /api/auth/login': { email: 'yamada@example.jp', password: 'correct horse battery' },
  'POST /api/presence': { available: true },
  'PUT /api/config': {
    settings: { defaultCountry: 'JP', allowedCountries: [] },
    users: [{ id: 'yamada', name: '山田', email: 'yamada@example.jp', role: 'admin' }, { id: 'sato', name: '佐藤', email: 'sato@example.jp', role: 'rep' }],
    incoming: [MAIN],
    outgoing: [{ user: 'sato', number: '03-1234-5678' }],
  },
  'POST /api/users': { name: '鈴木', email: 'suzuki@example.jp', role: 'rep', password: 'suzuki-password' },
  'PATCH /api/users/:id': { name: '佐藤 花子', active: true },
  'POST /api/incoming': { ...MAIN, number: '+815012345678' },
  'PUT /api/incoming/:number': { label: '代表', route: MAIN.route },
  'PUT /api/outgoing/:user': { number: '03-1234-5678', record: false },
  'PATCH /api/calls/:sid': { note: 'お客様より折り返し希望', disposition: 'call-back' },
  'PUT /api/crm/settings': { deleteRecordingsAfterUpload: true },
  'POST /api/crm/zoho/connect': { dataCentre: 'JP', code: '1000.abc', clientId: '1000.X', clientSecret: 'secret' },
  'PUT /api/twilio/account': { accountSid: ACCOUNT_SID, authToken: 'f'.repeat(32) },
  'POST /api/twilio/numbers/:sid/connect': { confirm: false },
  'POST /api/twilio/setup-check/fix': { id: 'twiml-app' },
  'POST /api/preview/:number': { digits: ['1', '2'] },
};

/** Every path (as keys) to a value inside a JSON document. */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const here = prefix.length > 0 ? [prefix] : [];
  if (Array.isArray(value)) return [...here, ...value.flatMap((item, index) => pathsOf(item, [...prefix, index]))];
  if (typeof value === 'object' && value !== null) return [...here, ...Object.entries(value).flatMap(([key, item]) => pathsOf(item, [...prefix, key]))];
  return here;
}

type Mutation = { at: number; kind: 'replace' | 'delete' | 'nul' | 'nest'; value: unknown; depth: number };

function parentOf(document: unknown, path: (string | number)[]): Record<string | number, unknown> {
  let parent = document as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  return parent;
}

function mutate(template: unknown, mutations: Mutation[]): unknown {
  const document = structuredClone(template);
  for (const { at, kind, value, depth } of mutations) {
    const paths = pathsOf(document);
    const path = paths[at % Math.max(paths.length, 1)];
    if (!path) continue;
    const parent = parentOf(document, path);
    const key = path.at(-1)!;
    if (kind === 'delete') {
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key];
    } else if (kind === 'nul') {
      // A NUL inside the text a person would type there (or instead of whatever was there).
      const current = parent[key];
      parent[key] = typeof current === 'string' ? `${current.slice(0, 1)}\u0000${current.slice(1)}` : '\u0000';
    } else if (kind === 'nest') {
      let nested: unknown = parent[key];
      for (let level = 0; level < depth; level++) nested = level % 2 === 0 ? [nested] : { menu: nested };
      parent[key] = nested;
    } else {
      parent[key] = value;
    }
  }
  return document;
}

const mutation: fc.Arbitrary<Mutation> = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom('replace', 'replace', 'delete', 'nul', 'nest'),
  value: hostileJson,
  depth: fc.integer({ min: 1, max: 120 }),
});

function branchTo(node: unknown, path: (string | number)[]): { part: unknown; relative: (string | number)[] } {
  const part = structuredClone(node);
  const relative: (string | number)[] = [];
  let parent = part as Record<string | number, unknown>;
  for (const key of path) {
    if (Array.isArray(parent)) {
      const kept = parent[Number(key)];
      parent.splice(0, parent.length, kept);
      relative.push(0);
      parent = kept as Record<string | number, unknown>;
    } else {
      relative.push(key);
      parent = parent[key] as Record<string | number, unknown>;
    }
  }
  return { part, relative };
}

/**
 * The template with one of its parts embedded in itself, `depth` times: a part at `inner` inside the
 * part at `outer` (a menu inside a menu item's action). This is how a recursive schema is driven
 * thousands of levels deep with every level well-formed. Built as text: JSON.stringify itself
 * recurses and would overflow first.
 */
function selfEmbedded(template: unknown, choice: { at: number; prefix: number; depth: number; recursive: boolean }): string {
  const paths = pathsOf(template).filter((path) => path.length > 0);
  // A key met twice along one path (`…menu[1].action.menu`) is where a schema recurses: embedding
  // the outer one in the inner one keeps every level well-formed.
  const recursive = paths.flatMap((path) =>
    path.flatMap((key, at) => (typeof key === 'string' && at < path.length - 1 && path.at(-1) === key ? [{ inner: path, outer: path.slice(0, at + 1) }] : [])),
  );
  const picked = choice.recursive && recursive.length > 0 ? recursive[choice.at % recursive.length]! : null;
  const inner = picked?.inner ?? paths[choice.at % paths.length]!;
  const outer = picked?.outer ?? inner.slice(0, choice.prefix % inner.length);
  const MARK = '\u0001hole';
  const HOLE = JSON.stringify(MARK);
  const whole = outer.length === 0 ? template : outer.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], template);
  if (inner.length === outer.length) return JSON.stringify(template);
  // Only the branch that leads to the hole is repeated (a list keeps the one item on the way), so a
  // level costs tens of bytes and thousands of levels stay under the body limit.
  const { part, relative } = branchTo(whole, inner.slice(outer.length));
  const partWithHole = structuredClone(part);
  parentOf(partWithHole, relative)[relative.at(-1)!] = MARK;
  const [before, after] = JSON.stringify(partWithHole).split(HOLE) as [string, string];
  const nested = before.repeat(choice.depth) + JSON.stringify(part) + after.repeat(choice.depth);
  if (outer.length === 0) return nested;
  const documentWithHole = structuredClone(template);
  parentOf(documentWithHole, outer)[outer.at(-1)!] = MARK;
  return JSON.stringify(documentWithHole).replace(HOLE, () => nested);
}

const encoder = new TextEncoder();

/** A JSON body: a mutated template, any JSON, or bytes no JSON parser should like. */
function jsonBody(template: unknown): fc.Arbitrary<Uint8Array> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.array(mutation, { minLength: 1, maxLength: 3 }).map((mutations) => encoder.encode(JSON.stringify(mutate(template, mutations)))) },
    {
      weight: 6,
      arbitrary: fc
        .record({
          at: fc.nat(),
          prefix: fc.nat(),
          recursive: fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
          depth: fc.oneof({ weight: 1, arbitrary: fc.integer({ min: 2, max: 60 }) }, { weight: 3, arbitrary: fc.integer({ min: 1_000, max: 6_000 }) }),
        })
        .map((choice) => encoder.encode(selfEmbedded(template, choice))),
    },
    { weight: 2, arbitrary: hostileJson.map((value) => encoder.encode(JSON.stringify(value) ?? 'null')) },
    // Duplicate keys: JSON.parse keeps the last; the schema must see one value, whatever it is.
    { weight: 1, arbitrary: fc.tuple(hostileJson, hostileJson).map(([a, b]) => encoder.encode(`{"email":${JSON.stringify(a) ?? 'null'},"email":${JSON.stringify(b) ?? 'null'},"password":"x"}`)) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 200_000 }).map((depth) => encoder.encode('['.repeat(depth) + ']'.repeat(depth))) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 200_000 }).map((depth) => encoder.encode('{"a":'.repeat(depth) + '1' + '}'.repeat(depth))) },
    { weight: 1, arbitrary: fc.integer({ min: 500_000, max: 1_500_000 }).map((length) => encoder.encode(JSON.stringify({ email: 'a'.repeat(length), password: 'x' }))) },
    // Odd encodings: UTF-16 with a BOM, invalid UTF-8, a truncated document, nothing at all.
    { weight: 1, arbitrary: fc.constantFrom(
      new Uint8Array([0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00]),
      new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0xff, 0x22, 0x7d]),
      encoder.encode('\ufeff{"email":"a@example.jp","password":"x"}'),
      encoder.encode('{"email":"yamada@example.jp","password":'),
      new Uint8Array(0),
    ) },
  );
}

/** A form body of Twilio's webhook shape with hostile values, repeated keys and floods. */
function formBody(base: Record<string, string>): fc.Arbitrary<Uint8Array> {
  return fc.oneof(
    // The account stays ours (another account's request is refused before any handler runs).
    { weight: 8, arbitrary: fc.dictionary(fc.constantFrom(...Object.keys(base).filter((key) => key !== 'AccountSid'), 'Digits', 'DialCallStatus', 'RecordingUrl'), hostileText, { maxKeys: 6 }).map((overrides) => encoder.encode(new URLSearchParams({ ...base, ...overrides }).toString())) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 70_000 }).map((count) => encoder.encode('a=b&'.repeat(count))) },
    { weight: 1, arbitrary: fc.array(fc.tuple(hostileKey, hostileText), { maxLength: 40 }).map((pairs) => encoder.encode(new URLSearchParams(pairs).toString())) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }) },
  );
}

// ── Paths and queries ────────────────────────────────────────────────────────────────────────────

const pathValue: fc.Arbitrary<string> = fc.oneof(
  hostileText.map((text) => encodeURIComponent(text.isWellFormed() ? text : text.toWellFormed())),
  fc.constantFrom('%25', '%00', 'a%00b', '%2B81312345678', '%E3%81', '%ZZ', '..', '%2e%2e', 'a%2Fb', 'yamada', 'sato', '+81312345678', `CA${'1'.repeat(32)}`, `PN${'f'.repeat(32)}`, '1', '99999999999999999999'),
);

const queryString: fc.Arbitrary<string> = fc.oneof(
  fc.constant(''),
  fc.array(fc.tuple(fc.constantFrom('number', 'cursor', 'limit', 'from', 'to', 'rep', 'direction', 'status', 'dataCentre', 'name', 'l', 'n'), pathValue), { maxLength: 4 })
    .map((pairs) => (pairs.length ? `?${pairs.map(([key, value]) => `${key}=${value}`).join('&')}` : '')),
);

function fillPath(path: string, values: string[]): string {
  let index = 0;
  return path.replace(/:\w+/g, () => values[index++ % values.length] ?? 'x');
}

const CONTENT_TYPES = ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=----x', 'text/plain', 'application/json; charset=utf-16', null] as const;

export const isWebhook = (route: Route) => route.path.startsWith('/twilio/');

/** Whether the route reads a body (the routes that deserve the most runs). */
export const takesBody = (route: Route) => route.method !== 'GET' && route.method !== 'DELETE';

/** A hostile request for one of the app's API routes (or the public media route). */
export function apiRequest(route: Route): fc.Arbitrary<HostileRequest> {
  const template = TEMPLATES[`${route.method} ${route.path}`] ?? { email: 'yamada@example.jp' };
  return fc.record({
    method: fc.constant(route.method),
    target: fc.tuple(fc.array(pathValue, { minLength: 1, maxLength: 2 }), queryString).map(([values, query]) => fillPath(route.path, values) + query),
    contentType: fc.oneof({ weight: 4, arbitrary: fc.constant('application/json') }, { weight: 1, arbitrary: fc.constantFrom(...CONTENT_TYPES) }),
    auth: fc.oneof({ weight: 5, arbitrary: fc.constant<Auth>('admin') }, { weight: 1, arbitrary: fc.constantFrom<Auth>('rep', 'none', 'garbage') }),
    // GET cannot carry a body (fetch refuses to send one); DELETE may.
    body: takesBody(route) ? jsonBody(template) : route.method === 'GET' ? fc.constant(null) : fc.option(jsonBody(template), { freq: 4, nil: null }),
  });
}

const WEBHOOK_BODIES: Record<string, Record<string, string>> = {
  '/twilio/voice': twilioFixture('inbound-call', { AccountSid: ACCOUNT_SID, To: MAIN.number, Called: MAIN.number }),
  '/twilio/voice/menu': twilioFixture('gather-action', { AccountSid: ACCOUNT_SID, To: MAIN.number }),
  '/twilio/voice/ring': twilioFixture('dial-action', { AccountSid: ACCOUNT_SID, To: MAIN.number }),
  '/twilio/voice/outgoing': twilioFixture('client-call', { AccountSid: ACCOUNT_SID }),
  '/twilio/status': twilioFixture('call-status-parent', { AccountSid: ACCOUNT_SID }),
  '/twilio/recording': twilioFixture('recording-status-dial', { AccountSid: ACCOUNT_SID }),
};

/** A webhook request: unsigned, signed for other parameters, or genuinely signed with hostile values. */
export function webhookRequest(route: Route): fc.Arbitrary<HostileRequest> {
  const base = WEBHOOK_BODIES[route.path] ?? WEBHOOK_BODIES['/twilio/voice']!;
  return fc.record({
    query: fc.oneof(fc.constant(''), fc.constantFrom('?l=ja-JP&n=0&t=0', '?l=xx&n=-1&t=abc', '?n=%00', '?l=ja-JP&n=99999999999999999999&p=1.2.3')),
    body: formBody(base),
    signing: fc.constantFrom('genuine', 'genuine', 'none', 'forged'),
    contentType: fc.oneof({ weight: 5, arbitrary: fc.constant('application/x-www-form-urlencoded') }, { weight: 1, arbitrary: fc.constantFrom(...CONTENT_TYPES) }),
  }).map(({ query, body, signing, contentType }) => {
    const target = route.path + query;
    const all = new Map<string, string[]>();
    for (const [key, value] of new URLSearchParams(new TextDecoder().decode(body))) {
      const values = all.get(key);
      if (values) values.push(value);
      else all.set(key, [value]);
    }
    const params = Object.fromEntries([...all].map(([key, values]) => [key, values.length === 1 ? values[0]! : values]));
    const signature =
      signing === 'genuine' ? twilio.getExpectedTwilioSignature(AUTH_TOKEN, PUBLIC_URL + target, params) : signing === 'forged' ? 'bm90IGEgc2lnbmF0dXJl' : undefined;
    return { method: route.method, target, contentType, auth: 'none' as const, body, ...(signature ? { signature } : {}) };
  });
}

// ── The target and the checks ───────────────────────────────────────────────────────────────────

export interface HostileTarget {
  test: TestApp;
  routes: Route[];
  close(): Promise<void>;
}

/**
 * The app as it runs in production, with the outside services emulated (Twilio's REST API, Zoho),
 * Twilio configured for the webhooks, an admin and a rep, and an incoming number, so hostile input
 * reaches deep into the handlers.
 */
export async function createHostileTarget(): Promise<HostileTarget> {
  const clock = createClock();
  const emulator = createEmulator(clock);
  const twilioApi = await startFakeTwilioRest();
  twilioApi.fake.addAccount({ sid: ACCOUNT_SID, authToken: AUTH_TOKEN });
  const store: Store = await sharedTestStore();
  const crm = new CrmRuntime({ store, secretBox, logger: silentLogger, now: clock.now }, { zoho: ZOHO_SERVER_SETTINGS, fetch: emulator.fetch, requestTimeoutMs: 300, lookupBudgetMs: 200 });
  const test = await createTestApp({ store, app: { crm }, deps: { twilioApiUrl: twilioApi.url } });
  await configureTwilio(test.store, test.deps);
  await test.addUser({ id: 'yamada', name: '山田', email: 'yamada@example.jp', role: 'admin' });
  await test.addUser({ id: 'sato', name: '佐藤', email: 'sato@example.jp' });
  const { number, ...definition } = incomingNumberSchema.parse(MAIN);
  await test.store.db
    .insertInto('incoming_numbers')
    .values({ number, position: 0, definition: JSON.stringify(definition), twilio_sid: null, previous_twilio: null, updated_at: test.clock.now() })
    .execute();
  return {
    test,
    routes: routesOf(test.app),
    close: async () => {
      emulator.close();
      await test.close();
      await twilioApi.close();
    },
  };
}

/** Tables a refused request must leave as they were (rate-limit counters count refusals on purpose). */
const WATCHED = [
  'users', 'sessions', 'presence', 'app_settings', 'incoming_numbers', 'outgoing_assignments', 'audio_files',
  'calls', 'call_legs', 'call_recordings', 'crm_outbox', 'crm_connection', 'crm_settings', 'crm_call_records',
];

export async function fingerprint(store: Store): Promise<string> {
  const parts: string[] = [];
  for (const table of WATCHED) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(store.db);
    parts.push(`${table}:${rows.rows.map((row) => JSON.stringify(row, (_key, value) => (typeof value === 'bigint' ? String(value) : value))).sort().join('\n')}`);
  }
  return parts.join('\n\n');
}

const UPSTREAM_FAILURES = new Set(['twilio_unreachable', 'twilio_unavailable', 'twilio_rate_limited', 'zoho_unavailable']);

export interface Outcome {
  status: number;
  ms: number;
  /** The contract's codes in the answer (the error's and its issues'). */
  codes: string[];
  problems: string[];
}

/** Sends one hostile request and lists what it broke: a 5xx, a hang, a contract violation, a change made by a refusal. */
export async function sendHostile(target: HostileTarget, request: HostileRequest): Promise<Outcome> {
  const { test } = target;
  const token =
    request.auth === 'admin' ? await createSession(test.store.db, 'yamada', test.clock.now())
    : request.auth === 'rep' ? await createSession(test.store.db, 'sato', test.clock.now())
    : request.auth === 'garbage' ? 'garbage-\u00e9-token'
    : null;
  const before = await fingerprint(test.store);
  const headers: Record<string, string> = {};
  if (request.contentType) headers['Content-Type'] = request.contentType;
  if (token) headers.Authorization = `Bearer ${token}`;
  if (request.signature) headers['X-Twilio-Signature'] = request.signature;

  const started = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hang = new Promise<'hang'>((resolve) => (timer = setTimeout(() => resolve('hang'), HANG_BOUND_MS)));
  const answer = await Promise.race([
    Promise.resolve(test.app.request(`http://localhost${request.target}`, { method: request.method, headers, ...(request.body ? { body: request.body } : {}) })),
    hang,
  ]);
  clearTimeout(timer);
  const ms = performance.now() - started;
  const label = `${request.method} ${request.target.slice(0, 120)}`;
  if (answer === 'hang') return { status: 0, ms, codes: [], problems: [`${label}: no answer within ${HANG_BOUND_MS} ms`] };

  const problems: string[] = [];
  let codes: string[] = [];
  // An accepted event stream (the live board) stays open by design: answering it is what counts.
  if (answer.ok && answer.headers.get('content-type')?.includes('text/event-stream')) {
    await answer.body?.cancel();
    return { status: answer.status, ms, codes, problems };
  }
  const text = await answer.text();
  const body = answer.headers.get('content-type')?.includes('application/json') ? (JSON.parse(text) as { error?: { code?: string } }) : null;
  // 502 is the contract's answer when Twilio or Zoho failed (here: the emulator dropping a kept-alive
  // socket now and then), not an answer to the input; any other 5xx is a fault of ours.
  const upstream = answer.status === 502 && UPSTREAM_FAILURES.has(body?.error?.code ?? '');
  if (answer.status >= 500 && !upstream) problems.push(`${label}: answered ${answer.status}: ${text.slice(0, 300)}`);
  else if (answer.status >= 400 && body) {
    const checked = contractViolations(answer.status, body);
    codes = checked.codes;
    problems.push(...checked.violations.map((violation) => `${label}: ${violation}`));
  }
  if (answer.status >= 400 && (await fingerprint(test.store)) !== before) problems.push(`${label}: refused with ${answer.status}, yet the database changed`);
  return { status: answer.status, ms, codes, problems };
}
