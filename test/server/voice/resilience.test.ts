import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { inboundCallParams } from '../../emulators/twilio-call/call-parameters.ts';
import { createTwilioEmulator, type TwilioEmulator } from '../../emulators/twilio-call/index.ts';
import { MAIN } from './phone-numbers.ts';
import { ACCOUNT_SID, AUTH_TOKEN, createVoiceHarness, PUBLIC_URL, TWIML_APP_SID, unreachableStore, voiceApp, type VoiceHarness } from './voice-harness.ts';

let h: VoiceHarness;

beforeAll(async () => {
  h = await createVoiceHarness({ reps: ['sato', 'suzuki', 'tanaka'] });
  await h.addNumber(MAIN);
});
afterAll(() => h.close());
beforeEach(async () => {
  await sql`truncate calls, call_legs, call_recordings, presence`.execute(h.store.db);
});

/** An emulator whose requests go wherever `route(n)` says: the n-th request's server instance. */
function emulatorOver(route: (request: number) => ReturnType<typeof voiceApp>): TwilioEmulator {
  let requests = 0;
  return createTwilioEmulator({
    fetch: (request) => route(requests++).request(request),
    publicUrl: PUBLIC_URL,
    authToken: AUTH_TOKEN,
    accountSid: ACCOUNT_SID,
    applicationSid: TWIML_APP_SID,
    startTime: h.clock.now(),
    seed: 99,
  });
}

describe('webhooks that do not come from Twilio', () => {
  it.each([
    ['unsigned', { signature: 'unsigned' as const }],
    ['tampered', { signature: 'tampered' as const }],
    ['signed with another token', { signature: 'wrong-token' as const }],
    ['for another account', { accountSid: `AC${'e'.repeat(32)}` }],
  ])('refuses a %s request with 403 and records nothing', async (_name, options) => {
    await h.goOnline('sato');
    const call = await h.twilio.incomingCall({ from: '+819011112222', to: MAIN.number, ...options });
    expect(call.requests.map((r) => r.status)).toEqual([403]);
    expect(call.outcome).toBe('application-error');
    expect(await h.calls()).toEqual([]);
  });

  it('accepts the :443 variant of the URL', async () => {
    const call = await h.twilio.incomingCall({ from: '+819011112222', to: MAIN.number, signWithPort: true, script: { digits: [] } });
    expect(call.requests[0]?.status).toBe(200);
  });
});

describe('no call state in memory', () => {
  it('continues mid-sequence on a restarted server (a new instance on the same database)', async () => {
    await h.goOnline('sato', 'suzuki', 'tanaka');
    let instance = voiceApp(h.deps);
    const twilio = emulatorOver(() => instance);
    const call = await twilio.incomingCall({
      from: '+819011112222',
      to: MAIN.number,
      script: {
        digits: ['1'],
        dial: (attempt) => {
          if (attempt.index === 0) instance = voiceApp(h.deps); // restart while sato's phone rings
          return attempt.index === 1 ? { answeredBy: 'suzuki' } : {};
        },
      },
    });
    expect(call.rang).toEqual([['sato'], ['suzuki']]);
    expect((await h.calls())[0]).toMatchObject({ status: 'completed', rep_id: 'suzuki' });
  });

  it('serves one call from two instances alternating webhooks', async () => {
    await h.goOnline('tanaka', 'sato', 'suzuki');
    const instances = [voiceApp(h.deps), voiceApp(h.deps)];
    const twilio = emulatorOver((n) => instances[n % 2]!);
    const call = await twilio.incomingCall({
      from: '+819011112222',
      to: MAIN.number,
      script: { digits: ['9', '1'], dial: [{}, {}, { answeredBy: 'suzuki' }] },
    });
    expect(call.rang).toEqual([['tanaka'], ['sato'], ['suzuki']]);
    expect(call.said.filter((text) => text.includes('選択できません'))).toHaveLength(1);
    expect((await h.calls())[0]).toMatchObject({ status: 'completed', rep_id: 'suzuki', ivr_path: ['営業'] });
  });
});

describe('callbacks delivered twice and out of order', () => {
  it('gives the same call log as callbacks delivered once, in order', async () => {
    const logOf = async (callbacks: { mode: 'live' } | { mode: 'after-call'; duplicate: true; shuffleSeed: number }) => {
      await sql`truncate calls, call_legs, call_recordings, presence`.execute(h.store.db);
      await h.goOnline('sato', 'suzuki', 'tanaka');
      const call = await h.twilio.incomingCall({
        from: '+819011112222',
        to: MAIN.number,
        script: { digits: ['2', '1'], dial: { answeredBy: 'suzuki', talkSeconds: 61 } },
        statusCallbackEvents: ['initiated', 'ringing', 'answered', 'completed'],
        callbacks,
      });
      const entry = (await h.calls())[0]!;
      const legs = await h.store.db.selectFrom('call_legs').select(['rep_id', 'status', 'duration_seconds']).orderBy('rep_id').execute();
      const recordings = await h.store.db.selectFrom('call_recordings').select(['status', 'duration_seconds']).execute();
      expect(call.deliveries.length).toBeGreaterThan(0);
      return { status: entry.status, rep: entry.rep_id, duration: entry.duration_seconds, legs, recordings };
    };
    const inOrder = await logOf({ mode: 'live' });
    expect(inOrder).toMatchObject({ status: 'completed', rep: 'suzuki', recordings: [{ status: 'completed', duration_seconds: 61 }] });
    expect(inOrder.legs).toEqual([
      { rep_id: 'sato', status: 'canceled', duration_seconds: 0 },
      { rep_id: 'suzuki', status: 'completed', duration_seconds: 61 },
      { rep_id: 'tanaka', status: 'canceled', duration_seconds: 0 },
    ]);
    for (const shuffleSeed of [1, 2, 3]) {
      expect(await logOf({ mode: 'after-call', duplicate: true, shuffleSeed })).toEqual(inOrder);
    }
  });
});

describe('a call the database cannot store', () => {
  it('apologises to that caller only: a call whose first webhook came with it gets its menu and is logged', async () => {
    // Sent together, the two first webhooks reach the call log's group commit in the same batch.
    const firstWebhook = async (n: number, from: string) => {
      const { response } = await h.twilio.post('/twilio/voice', inboundCallParams({ callSid: `CA${'c'.repeat(31)}${n}`, accountSid: ACCOUNT_SID, from, to: MAIN.number, callToken: `token-${n}` }));
      return { status: response?.status, twiml: (await response?.text()) ?? '' };
    };
    const [refused, answered] = await Promise.all([firstWebhook(1, 'sip:a\u0000b@example.jp'), firstWebhook(2, '+819011112222')]);
    expect(refused.status).toBe(200);
    expect(refused.twiml).toContain('<Say voice="Polly.Mizuki" language="ja-JP">申し訳ございません。現在、担当者が電話に出ることができません。');
    expect(answered.status).toBe(200);
    expect(answered.twiml).toContain('<Gather');
    expect((await h.calls()).map((call) => call.from_number)).toEqual(['+819011112222']);
  });
});

describe('database down', () => {
  /** The same server, but its database is unreachable (connection refused). */
  const unreachable = () => voiceApp({ ...h.deps, store: unreachableStore() });

  it('apologises in Japanese and English when the call cannot even be looked up', async () => {
    const server = unreachable();
    const call = await emulatorOver(() => server).incomingCall({ from: '+819011112222', to: MAIN.number });
    expect(call.requests.map((r) => r.status)).toEqual([200]);
    expect(call.heard.map((heard) => (heard.kind === 'say' ? heard.language : heard.kind))).toEqual(['ja-JP', 'en-US']);
    expect(call.events.at(-1)).toEqual({ type: 'hangup' });
  });

  it('apologises in the number’s language when the database goes away mid-call', async () => {
    await h.goOnline('sato');
    let server = voiceApp(h.deps);
    const call = await emulatorOver(() => server).incomingCall({
      from: '+819011112222',
      to: MAIN.number,
      script: {
        digits: ['1'],
        dial: () => {
          server = unreachable();
          return { outcome: 'no-answer' };
        },
      },
    });
    expect(call.requests.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(call.heard.at(-1)).toEqual({
      kind: 'say',
      text: '申し訳ございません。現在、担当者が電話に出ることができません。しばらくしてから、おかけ直しください。',
      voice: 'Polly.Mizuki',
      language: 'ja-JP',
      loop: 1,
    });
    expect(call.events.at(-1)).toEqual({ type: 'hangup' });
  });

  it('keeps a held caller on hold music: the HoldUrl answers Twilio’s default, never the apology and <Hangup/>', async () => {
    const customer = `CA${'d'.repeat(32)}`;
    const { response } = await emulatorOver(unreachable).post(
      `/twilio/hold?call=${customer}`,
      { ...inboundCallParams({ callSid: customer, accountSid: ACCOUNT_SID, from: '+819011112222', to: MAIN.number, callToken: 'token-hold' }), CallStatus: 'in-progress' },
    );
    expect(response?.status).toBe(200);
    // Only Play, Say, Pause and Redirect may answer a HoldUrl (error 13238); the caller is still with their rep.
    expect(await response?.text()).toMatchInlineSnapshot(`"<?xml version="1.0" encoding="UTF-8"?><Response><Redirect method="GET">https://twimlets.com/holdmusic?Bucket=com.twilio.music.classical</Redirect></Response>"`);
  });
});
