// The voice path under load, in-process (`app.request`, no sockets): signed `POST /twilio/voice` on an
// IVR number with the embedded database, and `POST /api/token`, each against a bare Hono route
// measured in the same run. Prints figures and ratios; asserts nothing.
//   node bench/voice.ts   (or through `npm run bench`)

import { Hono } from 'hono';
import twilio from 'twilio';
import { serve, type ServerType } from '@hono/node-server';
import { createApp } from '../server/app.ts';
import type { AppDeps } from '../server/http/deps.ts';
import { loadOverHttp } from './support/http-load.ts';
import { silentLogger } from '../server/logger.ts';
import { incomingNumberSchema } from '../server/phone-config/schema.ts';
import { createSecretBox } from '../server/security/secret-box.ts';
import { migrateToLatest, openDatabase } from '../server/store/database.ts';
import { saveStoredTwilio } from '../server/store/phone-config-store.ts';
import { createSession } from '../server/store/sessions.ts';

const PUBLIC_URL = 'https://bench.yobidashi.example';
const ACCOUNT_SID = `AC${'1'.repeat(32)}`;
const AUTH_TOKEN = 'a'.repeat(32);
const DURATION_MS = Number(process.env.BENCH_MS ?? 3000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
/** More reps than the per-rep token rate limit would let one rep use in the run. */
const REPS = 600;

export interface BenchResult {
  name: string;
  requests: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
}

type Handler = { request: (input: Request) => Response | Promise<Response> };

async function measure(name: string, app: Handler, makeRequest: (i: number) => Request, expectStatus = 200): Promise<BenchResult> {
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  // Warm-up: JIT, prepared statements, caches.
  for (let i = 0; i < 200; i++) await app.request(makeRequest(next++));
  const deadline = performance.now() + DURATION_MS;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < deadline) {
        const request = makeRequest(next++);
        const t0 = performance.now();
        const response = await app.request(request);
        await response.arrayBuffer();
        latencies.push(performance.now() - t0);
        if (response.status !== expectStatus) errors++;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { name, requests: latencies.length, perSecond: latencies.length / elapsed, p50Ms: at(0.5), p99Ms: at(0.99), errors };
}

export async function runVoiceBench(): Promise<{ inProcess: BenchResult[]; http: BenchResult[] }> {
  const store = await openDatabase({ memory: true });
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
  const sessions = await Promise.all(reps.map((id) => createSession(store.db, id, now)));
  const ivr = incomingNumberSchema.parse({
    number: '+81312345678',
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

  const app = createApp(deps);
  const bare = new Hono().post('/bare', (c) => c.text('ok'));

  const voiceRequest = (i: number) => {
    const params = {
      AccountSid: ACCOUNT_SID,
      ApiVersion: '2010-04-01',
      CallSid: `CA${i.toString(16).padStart(32, '0')}`,
      CallStatus: 'ringing',
      Direction: 'inbound',
      From: '+819011112222',
      To: ivr.number,
      Caller: '+819011112222',
      Called: ivr.number,
    };
    const url = `${PUBLIC_URL}/twilio/voice`;
    return new Request(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': twilio.getExpectedTwilioSignature(AUTH_TOKEN, url, params) },
      body: new URLSearchParams(params).toString(),
    });
  };
  const tokenRequest = (i: number) =>
    new Request('http://bench/api/token', { method: 'POST', headers: { Authorization: `Bearer ${sessions[i % REPS]}` } });
  const bareRequest = () => new Request('http://bench/bare', { method: 'POST', body: 'x=1' });

  const results = [
    await measure('bare Hono route', bare, bareRequest),
    await measure('POST /twilio/voice (signed, IVR)', app, voiceRequest),
    await measure('POST /api/token', app, tokenRequest),
  ];

  // The same three over real HTTP on loopback, as Twilio and the extension reach the server: the
  // server on this thread, the load from a worker thread on the other core.
  const prepared = (count: number, make: (i: number) => Request) =>
    Promise.all(
      Array.from({ length: count }, async (_, i) => {
        const request = make(1_000_000 + i);
        return { headers: Object.fromEntries(request.headers), body: await request.text() };
      }),
    );
  const overHttp = async (name: string, fetch: (request: Request) => Response | Promise<Response>, path: string, requests: { headers: Record<string, string>; body: string }[]) => {
    const server: ServerType = await new Promise((ready) => {
      const instance = serve({ fetch, port: 0, hostname: '127.0.0.1' }, () => ready(instance));
    });
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const load = await loadOverHttp({ url: `http://127.0.0.1:${port}${path}`, concurrency: CONCURRENCY, durationMs: DURATION_MS, requests });
    await new Promise<void>((done) => server.close(() => done()));
    return { name, requests: load.requests, perSecond: load.perSecond, p50Ms: load.p50Ms, p99Ms: load.p99Ms, errors: load.requests - (load.statuses[200] ?? 0) };
  };
  const http = [
    await overHttp('bare Hono route', bare.fetch, '/bare', await prepared(100, bareRequest)),
    await overHttp('POST /twilio/voice (signed, IVR)', app.fetch, '/twilio/voice', await prepared(40_000, voiceRequest)),
    await overHttp('POST /api/token', app.fetch, '/api/token', await prepared(REPS, tokenRequest)),
  ];
  await store.close();
  return { inProcess: results, http };
}

export function printVoiceBench({ inProcess, http }: { inProcess: BenchResult[]; http: BenchResult[] }): void {
  for (const [label, results] of [['in-process', inProcess], ['over HTTP', http]] as const) {
  const base = results[0]!;
  console.log(`voice path (${label}, concurrency ${CONCURRENCY}, ${DURATION_MS} ms each)`);
  for (const r of results) {
    const ratio = r === base ? '' : `  throughput ×${(r.perSecond / base.perSecond).toFixed(3)} of bare, p99 ×${(r.p99Ms / base.p99Ms).toFixed(1)}`;
    console.log(
      `  ${r.name.padEnd(34)} ${r.perSecond.toFixed(0).padStart(7)} req/s  p50 ${r.p50Ms.toFixed(2)} ms  p99 ${r.p99Ms.toFixed(2)} ms${r.errors ? `  (${r.errors} unexpected statuses)` : ''}${ratio}`,
    );
  }
  }
}

if (import.meta.main) printVoiceBench(await runVoiceBench());
