// The voice path over HTTP on loopback, as Twilio and the extension reach the server: a signed
// `POST /twilio/voice` for an IVR number (a new call each request) on the embedded database and on
// PostgreSQL, and `POST /api/token`, each against bare Hono routes measured in the same run. The
// load generator runs in its own process (support/http-load-process.ts). Prints figures, ratios and
// the targets of issue 12; asserts nothing.
//   npm run bench -- --only voice
//   BENCH_DATABASE_URL=postgres://… npm run bench -- --only voice   (adds PostgreSQL; TEST_DATABASE_URL works too)
//   BENCH_VOICE_ONLY=pglite BENCH_VOICE_PROFILE=prof npx node bench/voice.ts   (one contender; its server side profiled under load)

import { mkdir, writeFile } from 'node:fs/promises';
import inspector from 'node:inspector/promises';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Hono } from 'hono';
import twilio from 'twilio';
import { serve, type ServerType } from '@hono/node-server';
import { createApp } from '../server/app.ts';
import { scratchPostgresStore } from '../test/support/scratch-postgres.ts';
import type { AppDeps } from '../server/http/deps.ts';
import { silentLogger } from '../server/logger.ts';
import { incomingNumberSchema } from '../server/phone-config/schema.ts';
import { createSecretBox } from '../server/security/secret-box.ts';
import { migrateToLatest, openDatabase, type Store } from '../server/store/database.ts';
import { startInboundCall } from '../server/store/calls.ts';
import { saveStoredTwilio } from '../server/store/phone-config-store.ts';
import { createSession } from '../server/store/sessions.ts';
import { formatTable, ms, type ReportRow, type ReportTable } from './support/report.ts';
import { loadOverHttp, type LoadRequests, type LoadResult } from './support/http-load.ts';
import { ratio } from './support/stats.ts';

const PUBLIC_URL = 'https://bench.yobidashi.example';
const ACCOUNT_SID = `AC${'1'.repeat(32)}`;
const AUTH_TOKEN = 'a'.repeat(32);
const DURATION_MS = Number(process.env.BENCH_MS ?? 3000);
const WARMUP_MS = Number(process.env.BENCH_WARMUP_MS ?? 1000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = 50;
const FIXED_RATE = 500;
/** More reps than the per-rep token rate limit would let the run use (30 a minute each: 3 rounds at 10,000 tokens a second stay under). */
const REPS = 8000;
const IVR_NUMBER = '+81312345678';
const POSTGRES_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? null;
/** Calls written together when the call's write is timed alone: the group-commit batches this load forms hold ~25–35. */
const WRITE_BATCH = 30;
const WRITE_CALLS = 15_000;

/** Issue 12's targets for the webhook and the token route, as ratios of the bare routes. */
export const TARGETS = { webhookVsBare: 0.5, webhookVsValidated: 0.8, p99Ms: 20, maxMs: 50, tokenVsBare: 0.3 } as const;

const COMMAND = 'npm run bench -- --only voice';
const COMMAND_PG = `BENCH_DATABASE_URL=postgres://USER:PASSWORD@HOST:5432/postgres ${COMMAND}`;

export interface Contender {
  name: string;
  throughput: LoadResult;
  fixedRate?: LoadResult;
  /** CPU time of the server's process per request under full load (user + system; PostgreSQL's own process not included). */
  cpuPerRequestUs: number;
  /** The server's longest event-loop delay during the fixed-rate run: its own stalls (GC, a long query). */
  loopStallMs?: number;
}

/** What the bare routes answer: a fixed menu, the size of ours. */
const FIXED_TWIML =
  '<?xml version="1.0" encoding="UTF-8"?><Response><Say voice="Polly.Mizuki" language="ja-JP">お電話ありがとうございます。</Say><Gather numDigits="1" action="https://bench.yobidashi.example/twilio/voice/menu?l=ja-JP&amp;n=&amp;t=0" method="POST" timeout="5"><Say voice="Polly.Mizuki" language="ja-JP">営業は1を押してください。</Say><Say voice="Polly.Mizuki" language="ja-JP">サポートは2を押してください。</Say></Gather><Redirect method="POST">https://bench.yobidashi.example/twilio/voice/menu?l=ja-JP&amp;n=&amp;t=0</Redirect></Response>';

function bareRoute(validate: boolean) {
  return new Hono().post('/twilio/voice', async (c) => {
    const params = Object.fromEntries(new URLSearchParams(await c.req.text()));
    if (validate && !twilio.validateRequest(AUTH_TOKEN, c.req.header('X-Twilio-Signature') ?? '', `${PUBLIC_URL}/twilio/voice`, params)) {
      return c.text('invalid signature', 403);
    }
    return c.body(FIXED_TWIML, 200, { 'Content-Type': 'text/xml; charset=utf-8' });
  });
}

/** One org: Twilio set up, REPS reps each signed in, one IVR number with a two-item menu. */
async function seed(store: Store): Promise<{ deps: AppDeps; sessions: string[] }> {
  await migrateToLatest(store.db);
  const secretBox = createSecretBox('bench-secret-key-that-is-long-enough-0000');
  const deps: AppDeps = {
    store,
    secretBox,
    logger: silentLogger,
    publicUrl: PUBLIC_URL,
    corsOrigins: [],
    extensionIds: [],
    twilioApiUrl: 'https://api.twilio.com',
    now: () => new Date(),
  };
  const now = new Date();
  await saveStoredTwilio(
    store.db,
    {
      accountSid: ACCOUNT_SID,
      authTokenSealed: secretBox.seal(AUTH_TOKEN),
      apiKeySid: `SK${'2'.repeat(32)}`,
      apiKeySecretSealed: secretBox.seal('bench-api-key-secret'),
      twimlAppSid: `AP${'3'.repeat(32)}`,
    },
    now,
  );
  const reps = Array.from({ length: REPS }, (_, i) => `rep_${i}`);
  await store.db
    .insertInto('users')
    .values(reps.map((id) => ({ id, name: id, email: `${id}@bench.example`, role: 'rep' as const, password_hash: null, crm_user_id: null, updated_at: now })))
    .execute();
  const sessions: string[] = [];
  for (const id of reps) sessions.push(await createSession(store.db, id, now));
  const ivr = incomingNumberSchema.parse({
    number: IVR_NUMBER,
    label: '代表',
    messages: { welcome: { type: 'text', text: 'お電話ありがとうございます。' } },
    route: {
      type: 'ivr',
      menu: [
        { key: 1, label: '営業', action: { type: 'ring', users: reps.slice(0, 3), strategy: 'sequential', ringSeconds: 20, repeat: true } },
        { key: 2, label: 'サポート', action: { type: 'ring', users: reps.slice(3, 6), strategy: 'simultaneous', ringSeconds: 20 } },
      ],
    },
  });
  await store.db
    .insertInto('incoming_numbers')
    .values({ number: ivr.number, position: 0, definition: JSON.stringify(ivr), twilio_sid: null, previous_twilio: null, updated_at: now })
    .execute();
  return { deps, sessions };
}

const voiceRequests = {
  kind: 'twilio-voice',
  authToken: AUTH_TOKEN,
  signedUrl: `${PUBLIC_URL}/twilio/voice`,
  params: { AccountSid: ACCOUNT_SID, ApiVersion: '2010-04-01', CallStatus: 'ringing', Direction: 'inbound', From: '+819011112222', To: IVR_NUMBER, Caller: '+819011112222', Called: IVR_NUMBER },
} satisfies LoadRequests;

/** What the bare route gets: the same form, unsigned, one CallSid for all (it neither checks nor stores). */
const bareRequests = {
  kind: 'fixed',
  headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({ ...voiceRequests.params, CallSid: `CA${'0'.repeat(32)}` }).toString(),
} satisfies LoadRequests;

let nextId = 1;
let writtenCalls = 0;

/** With BENCH_VOICE_PROFILE=<dir>, the server side of each throughput run is profiled (the window under load only). */
async function profiled<T>(run: () => Promise<T>): Promise<T> {
  const dir = process.env.BENCH_VOICE_PROFILE;
  if (!dir) return run();
  const session = new inspector.Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await run();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, `voice-${Date.now()}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  }
}

async function measure(name: string, fetch: (request: Request) => Response | Promise<Response>, path: string, requests: LoadRequests, fixedRate: boolean): Promise<Contender> {
  const server: ServerType = await new Promise((ready) => {
    const instance = serve({ fetch, port: 0, hostname: '127.0.0.1' }, () => ready(instance));
  });
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}${path}`;
  const job = { url, connections: CONNECTIONS, durationMs: DURATION_MS, warmupMs: WARMUP_MS, requests };
  try {
    const cpuBefore = process.cpuUsage();
    const throughput = await profiled(() => loadOverHttp({ ...job, firstId: (nextId++) * 10_000_000 }));
    const cpu = process.cpuUsage(cpuBefore);
    // Warm-up requests are served too, so this slightly overstates the cost of one request.
    const cpuPerRequestUs = (cpu.user + cpu.system) / (throughput.requests * (1 + WARMUP_MS / DURATION_MS));
    if (!fixedRate) return { name, throughput, cpuPerRequestUs };
    const loop = monitorEventLoopDelay({ resolution: 5 });
    loop.enable();
    const atRate = await loadOverHttp({ ...job, rate: FIXED_RATE, firstId: (nextId++) * 10_000_000 });
    loop.disable();
    return { name, throughput, cpuPerRequestUs, fixedRate: atRate, loopStallMs: loop.max / 1e6 };
  } finally {
    if ('closeAllConnections' in server) server.closeAllConnections();
    await new Promise<void>((done) => server.close(() => done()));
  }
}

export interface VoiceBenchResults {
  bare: Contender;
  validated: Contender;
  pglite: Contender;
  postgres: Contender | null;
  token: Contender;
  /** The call's write alone on the embedded database: server CPU per call, in batches of WRITE_BATCH. */
  pgliteWriteCpuPerCallUs: number;
}

/**
 * The webhook's own write of a new call (`startInboundCall`, through its group commit), WRITE_BATCH calls at
 * a time and nothing else: the part of a webhook's CPU that the database takes on the embedded database.
 */
async function measureCallWrite(store: Store): Promise<number> {
  // Padded with f, not 0 as the load generator's are: the CallSids of the two never meet.
  const callSid = () => `CA${(writtenCalls++).toString(16).padStart(32, 'f')}`;
  const write = async (calls: number) => {
    for (let written = 0; written < calls; written += WRITE_BATCH) {
      await Promise.all(
        Array.from({ length: WRITE_BATCH }, () =>
          startInboundCall(store.db, { callSid: callSid(), from: '+819011112222', to: IVR_NUMBER, label: '代表', now: new Date(), inMenu: true }),
        ),
      );
    }
  };
  await write(WRITE_CALLS / 5);
  const before = process.cpuUsage();
  await write(WRITE_CALLS);
  const cpu = process.cpuUsage(before);
  return (cpu.user + cpu.system) / WRITE_CALLS;
}

interface Subject {
  name: string;
  fetch: (request: Request) => Response | Promise<Response>;
  path: string;
  requests: LoadRequests;
  fixedRate: boolean;
  /** Untimed, before each of its measurements. */
  before?: () => Promise<void>;
}

/**
 * The reps are at work: each one's extension used its session in the last minute, as it does while
 * it is open (an instance checks a kept session against the database once a minute). Without this
 * each round's first request per rep would read the database, and the rounds, ~35 s apart, would
 * find every session kept or none.
 */
async function repsAtWork(fetch: Subject['fetch'], sessions: string[]): Promise<void> {
  for (const token of sessions) {
    const response = await fetch(new Request('http://bench.local/api/me', { headers: { Authorization: `Bearer ${token}` } }));
    if (response.status !== 200) throw new Error(`GET /api/me answered ${response.status} while the reps were warming up`);
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

/** Each figure the median of ROUNDS rounds that interleave the contenders (a shared machine's load moves between runs). */
function medianOf(runs: Contender[]): Contender {
  const pick = (get: (load: LoadResult) => number, from: (c: Contender) => LoadResult | undefined) => median(runs.map((run) => get(from(run)!)));
  const of = (from: (c: Contender) => LoadResult | undefined): LoadResult => ({
    requests: pick((l) => l.requests, from),
    perSecond: pick((l) => l.perSecond, from),
    p50Ms: pick((l) => l.p50Ms, from),
    p99Ms: pick((l) => l.p99Ms, from),
    maxMs: pick((l) => l.maxMs, from),
    errors: runs.reduce((sum, run) => sum + from(run)!.errors, 0),
  });
  const first = runs[0]!;
  return {
    name: first.name,
    throughput: of((c) => c.throughput),
    cpuPerRequestUs: median(runs.map((run) => run.cpuPerRequestUs)),
    ...(first.fixedRate ? { fixedRate: of((c) => c.fixedRate), loopStallMs: median(runs.map((run) => run.loopStallMs ?? Number.NaN)) } : {}),
  };
}

export async function measureVoice(): Promise<VoiceBenchResults> {
  const embedded = await openDatabase({ memory: true });
  const { deps, sessions } = await seed(embedded);
  const app = createApp(deps);
  const subjects: Subject[] = [
    { name: 'bare route (parse form, fixed TwiML)', fetch: bareRoute(false).fetch, path: '/twilio/voice', requests: bareRequests, fixedRate: true },
    { name: 'bare route + twilio.validateRequest', fetch: bareRoute(true).fetch, path: '/twilio/voice', requests: voiceRequests, fixedRate: true },
    { name: 'ours, embedded database (PGlite)', fetch: app.fetch, path: '/twilio/voice', requests: voiceRequests, fixedRate: true },
    { name: 'POST /api/token (PGlite)', fetch: app.fetch, path: '/api/token', requests: { kind: 'bearer', tokens: sessions }, fixedRate: false, before: () => repsAtWork(app.fetch, sessions) },
  ];
  const postgres = POSTGRES_URL ? await scratchPostgresStore(POSTGRES_URL, 'yb_bench') : null;
  if (postgres) subjects.push({ name: 'ours, PostgreSQL', fetch: createApp((await seed(postgres)).deps).fetch, path: '/twilio/voice', requests: voiceRequests, fixedRate: true });
  const runs = subjects.map(() => [] as Contender[]);
  const writeCosts: number[] = [];
  try {
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, subject] of subjects.entries()) {
        await subject.before?.();
        runs[i]!.push(await measure(subject.name, subject.fetch, subject.path, subject.requests, subject.fixedRate));
      }
      writeCosts.push(await measureCallWrite(embedded));
    }
  } finally {
    await embedded.close();
    await postgres?.close();
  }
  const [bare, validated, pglite, token, onPostgres] = runs.map(medianOf);
  return { bare: bare!, validated: validated!, pglite: pglite!, token: token!, postgres: onPostgres ?? null, pgliteWriteCpuPerCallUs: median(writeCosts) };
}

const perSecond = (value: number) => `${value.toFixed(0)} req/s`;
const us = (value: number) => `${value.toFixed(0)} µs`;
const verdict = (met: boolean) => (met ? 'met' : 'NOT MET');
/** The ratio column rounds to two places, so a ratio just under its aim (×0.296) would read as meeting it: say it exactly. */
const ratioVerdict = (value: number, aim: number) => (value >= aim ? 'met' : `NOT MET (×${value.toFixed(3)})`);

export function voiceTables(results: VoiceBenchResults): ReportTable[] {
  const { bare, validated, pglite, postgres, token } = results;
  const contenders = [bare, validated, pglite, ...(postgres ? [postgres] : [])];
  const errors = (c: Contender) => c.throughput.errors + (c.fixedRate?.errors ?? 0);
  const grid = {
    columns: [`${CONNECTIONS} connections / ${FIXED_RATE} req/s`, 'req/s', '× bare', '× bare+validate', 'server CPU / req', 'p50', 'p99', 'max', 'server loop stall', 'errors'],
    rows: contenders.map((c) => [
      c.name,
      c.throughput.perSecond.toFixed(0),
      ratio(c.throughput.perSecond, bare.throughput.perSecond).toFixed(2),
      ratio(c.throughput.perSecond, validated.throughput.perSecond).toFixed(2),
      us(c.cpuPerRequestUs),
      ms(c.fixedRate?.p50Ms ?? Number.NaN),
      ms(c.fixedRate?.p99Ms ?? Number.NaN),
      ms(c.fixedRate?.maxMs ?? Number.NaN),
      ms(c.loopStallMs ?? Number.NaN),
      String(errors(c)),
    ]),
  };
  const rows: ReportRow[] = [];
  for (const ours of [pglite, postgres]) {
    if (!ours) continue;
    const engine = ours === pglite ? 'PGlite' : 'PostgreSQL';
    const vsBare = ratio(ours.throughput.perSecond, bare.throughput.perSecond);
    const vsValidated = ratio(ours.throughput.perSecond, validated.throughput.perSecond);
    const p99 = ours.fixedRate?.p99Ms ?? Number.NaN;
    const max = ours.fixedRate?.maxMs ?? Number.NaN;
    rows.push(
      { key: true, metric: `webhook (${engine}) throughput vs bare`, value: perSecond(ours.throughput.perSecond), baseline: perSecond(bare.throughput.perSecond), ratio: vsBare, note: `aim ≥ ×${TARGETS.webhookVsBare}: ${ratioVerdict(vsBare, TARGETS.webhookVsBare)}` },
      { key: true, metric: `webhook (${engine}) throughput vs bare + validateRequest`, value: perSecond(ours.throughput.perSecond), baseline: perSecond(validated.throughput.perSecond), ratio: vsValidated, note: `aim ≥ ×${TARGETS.webhookVsValidated}: ${ratioVerdict(vsValidated, TARGETS.webhookVsValidated)}` },
      { key: true, metric: `webhook (${engine}) p99 at ${FIXED_RATE} req/s`, value: ms(p99), baseline: `bare ${ms(bare.fixedRate?.p99Ms ?? Number.NaN)}`, note: `aim ≤ ${TARGETS.p99Ms} ms: ${verdict(p99 <= TARGETS.p99Ms)}` },
      { key: true, metric: `webhook (${engine}) max at ${FIXED_RATE} req/s`, value: ms(max), baseline: `bare ${ms(bare.fixedRate?.maxMs ?? Number.NaN)}`, note: `aim ≤ ${TARGETS.maxMs} ms: ${verdict(max <= TARGETS.maxMs)}; ${errors(ours)} errors` },
    );
  }
  const tokenRatio = ratio(token.throughput.perSecond, bare.throughput.perSecond);
  const allowedVsBare = bare.cpuPerRequestUs / TARGETS.webhookVsBare;
  const allowedVsValidated = validated.cpuPerRequestUs / TARGETS.webhookVsValidated;
  const write = results.pgliteWriteCpuPerCallUs;
  const bareCoreShare = (bare.cpuPerRequestUs * bare.throughput.perSecond) / 1e6;
  const budget: ReportTable = {
    title: 'voice webhook — the server CPU a call may take under the throughput aims, against its write alone (same run)',
    command: COMMAND,
    rows: [
      { metric: `server CPU per call that ×${TARGETS.webhookVsBare} the bare route allows`, value: us(allowedVsBare), baseline: `bare route ${us(bare.cpuPerRequestUs)}`, note: `its CPU per request ÷ ${TARGETS.webhookVsBare}: the server is one event loop, which the bare route kept ${(bareCoreShare * 100).toFixed(0)}% busy` },
      { metric: `server CPU per call that ×${TARGETS.webhookVsValidated} the bare route + validateRequest allows`, value: us(allowedVsValidated), baseline: `bare + validate ${us(validated.cpuPerRequestUs)}`, note: `its CPU per request ÷ ${TARGETS.webhookVsValidated}` },
      { key: true, metric: `the call's write alone, PGlite (startInboundCall, ${WRITE_BATCH} calls a statement)`, value: us(write), baseline: us(allowedVsBare), ratio: ratio(write, allowedVsBare), note: `of the ×${TARGETS.webhookVsBare} allowance, before any HTTP, signature check, routing or TwiML; the whole webhook took ${us(pglite.cpuPerRequestUs)}` },
      { metric: `left under ×${TARGETS.webhookVsBare} for all but the write (PGlite)`, value: us(allowedVsBare - write), baseline: `bare + validate ${us(validated.cpuPerRequestUs)}`, note: 'the baseline: what HTTP, the form and the signature check alone cost' },
      ...(postgres ? [{ metric: 'the whole webhook on PostgreSQL, server side only', value: us(postgres.cpuPerRequestUs), baseline: us(allowedVsBare), ratio: ratio(postgres.cpuPerRequestUs, allowedVsBare), note: `of the ×${TARGETS.webhookVsBare} allowance, PostgreSQL's own processes (same two cores) not counted` }] : []),
    ],
    notes: [
      `The write is timed after each round on the webhook's own embedded database, ${WRITE_CALLS.toLocaleString('en')} new calls ${WRITE_BATCH} at a time (the size of the group-commit batches the ${CONNECTIONS}-connection load forms), median of ${ROUNDS}.`,
      'An allowance assumes the webhook keeps the event loop as busy as the bare route did; one that waits on its database meanwhile needs less CPU still.',
    ],
  };
  const notes = [
    `Medians of ${ROUNDS} rounds that interleave the contenders, ${DURATION_MS} ms per measurement after ${WARMUP_MS} ms of warm-up; the load generator is a separate process (autocannon for the ${CONNECTIONS}-connection runs, an open loop at ${FIXED_RATE} req/s with latency from each request's due time).`,
    `"server CPU / req": the server process's CPU time (user + system) over the ${CONNECTIONS}-connection run, per request; PostgreSQL's own processes are not in it.`,
    `"server loop stall": the server process's longest event-loop delay during the ${FIXED_RATE} req/s run (its own GC pauses and long database calls; the rest of a long max is the machine's scheduling, which the bare routes meet too).`,
    postgres ? `PostgreSQL: a fresh database on ${new URL(POSTGRES_URL!).host}, dropped afterwards.` : `PostgreSQL: skipped (set BENCH_DATABASE_URL or TEST_DATABASE_URL): ${COMMAND_PG}`,
  ];
  return [
    { title: 'voice webhook — signed POST /twilio/voice on an IVR number, over HTTP (a new call per request)', command: postgres ? `${COMMAND_PG}` : COMMAND, grid, rows, notes },
    budget,
    {
      title: 'token — POST /api/token (PGlite) against the bare route',
      command: COMMAND,
      rows: [
        { key: true, metric: `POST /api/token throughput (${CONNECTIONS} connections)`, value: perSecond(token.throughput.perSecond), baseline: perSecond(bare.throughput.perSecond), ratio: tokenRatio, note: `p50 ${ms(token.throughput.p50Ms)}, p99 ${ms(token.throughput.p99Ms)}; aim ≥ ×${TARGETS.tokenVsBare}: ${ratioVerdict(tokenRatio, TARGETS.tokenVsBare)}; ${token.throughput.errors} errors` },
      ],
      notes: [
        `${REPS.toLocaleString('en')} reps, each signed in with a session used in the minute before (GET /api/me, untimed), as an open extension keeps it: the instance has it in memory. A session's first request after a minute is read from the database (about half a millisecond more on PGlite).`,
      ],
    },
  ];
}

export async function runVoiceBench(): Promise<ReportTable[]> {
  return voiceTables(await measureVoice());
}


/** One contender alone, for a profile of the server side: `BENCH_VOICE_ONLY=bare|validated|pglite|postgres|token`. */
export async function measureVoiceOnly(which: string): Promise<void> {
  if (which === 'bare' || which === 'validated') {
    const requests = which === 'bare' ? bareRequests : voiceRequests;
    console.log(JSON.stringify(await measure(which, bareRoute(which === 'validated').fetch, '/twilio/voice', requests, true)));
    return;
  }
  const store = which === 'postgres' ? null : await openDatabase({ memory: true });
  if (store) {
    const { deps, sessions } = await seed(store);
    const app = createApp(deps);
    if (which === 'token') await repsAtWork(app.fetch, sessions);
    const result = which === 'token'
      ? await measure('token', app.fetch, '/api/token', { kind: 'bearer', tokens: sessions }, false)
      : await measure('pglite', app.fetch, '/twilio/voice', voiceRequests, true);
    console.log(JSON.stringify(result));
  } else {
    const postgres = await scratchPostgresStore(POSTGRES_URL!, 'yb_bench');
    console.log(JSON.stringify(await measure('postgres', createApp((await seed(postgres)).deps).fetch, '/twilio/voice', voiceRequests, true)));
    await postgres.close();
  }
}

if (import.meta.main) {
  if (process.env.BENCH_VOICE_ONLY) await measureVoiceOnly(process.env.BENCH_VOICE_ONLY);
  else for (const table of await runVoiceBench()) console.log(`${formatTable(table)}\n`);
  process.exit(0);
}
