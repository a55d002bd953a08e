import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CrmRuntime } from '../../../server/crm/crm-runtime.ts';
import { OutboxWorker } from '../../../server/crm/outbox-worker.ts';
import { silentLogger } from '../../../server/logger.ts';
import { CARD_PARAMETERS } from '../../../server/voice/client-card.ts';
import type { CallTranscript } from '../../emulators/twilio-call/index.ts';
import { createZohoEmulator, EMULATOR_ACCOUNTS_URL, type ZohoEmulator } from '../../emulators/zoho/index.ts';
import { SEED_IDS, SEED_USERS } from '../../fixtures/zoho/seed.ts';
import { createClock } from '../support/app.ts';
import { sharedTestStore } from '../support/store.ts';
import type { IncomingNumberInput } from '../voice/phone-numbers.ts';
import { ACCOUNT_SID, AUTH_TOKEN, createVoiceHarness, type VoiceHarness } from '../voice/voice-harness.ts';
import { OAUTH_CLIENT, outboxRows, secretBox } from './support.ts';

/**
 * The whole path through the real application: Twilio (the call emulator) calls our webhooks, the
 * rep's phone rings with the caller's CRM record, the callbacks arrive twice and out of order, and
 * the outbox worker writes the call, and its recording in a note, into Zoho (the Zoho emulator).
 */

const YAMADA = '+81312345678';
const SALES: IncomingNumberInput = {
  number: '+815011112222',
  label: '営業直通',
  record: true,
  voice: { language: 'ja-JP' },
  messages: { unavailable: { type: 'text', text: 'ただいま電話に出られません。' } },
  route: { type: 'ring', users: ['suzuki'], strategy: 'sequential', ringSeconds: 20, cycles: 1 },
};
const SUZUKI_ZOHO = SEED_USERS[1];
const AUDIO = new Uint8Array([0x49, 0x44, 0x33, 0x04, 0x00, 0x00, 7, 7, 7]);

/** Twilio's recording media (Basic auth with the account's credentials): every recording the emulator made. */
function twilioMedia(zoho: typeof fetch, recordings: Set<string>): typeof fetch {
  const expected = `Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')}`;
  return async (input, init) => {
    const request = new Request(input, init);
    if (new URL(request.url).hostname !== 'api.twilio.com') return zoho(input, init);
    if (request.headers.get('authorization') !== expected) return new Response('{"code":20003}', { status: 401 });
    const sid = new RegExp(`^https://api\\.twilio\\.com/2010-04-01/Accounts/${ACCOUNT_SID}/Recordings/(RE\\w+)\\.mp3$`).exec(request.url)?.[1];
    if (!sid || !recordings.has(sid)) return new Response('{"code":20404}', { status: 404 });
    return new Response(AUDIO, { headers: { 'content-type': 'audio/mpeg' } });
  };
}

let h: VoiceHarness;
let zoho: ZohoEmulator;
let worker: OutboxWorker;
let wakes = 0;
let adminToken: string;
let repToken: string;
const recordings = new Set<string>();

beforeAll(async () => {
  const store = await sharedTestStore();
  const clock = createClock();
  zoho = createZohoEmulator({ now: () => clock.now().getTime() });
  zoho.state.registerClient(OAUTH_CLIENT.clientId, OAUTH_CLIENT.clientSecret);
  const crm = new CrmRuntime(
    { store, secretBox, logger: silentLogger, now: clock.now },
    {
      zoho: { clientId: null, clientSecret: null, redirectUri: null, accountsUrl: EMULATOR_ACCOUNTS_URL, apiUrl: null },
      fetch: twilioMedia(zoho.fetch, recordings),
    },
  );
  worker = new OutboxWorker({ store, crm, logger: silentLogger, now: clock.now, random: () => 0.5 });
  h = await createVoiceHarness({ store, clock, app: { crm, crmWorker: { wake: () => void wakes++ } } });
  await h.addUser({ id: 'admin', role: 'admin', email: 'admin@example.jp' });
  await h.addUser({ id: 'suzuki', name: '鈴木', email: 'suzuki@example.jp' });
  await h.addNumber(SALES);
  adminToken = await h.signIn('admin@example.jp');
  repToken = await h.signIn('suzuki@example.jp');

  // The admin connects Zoho with a Self Client grant code, then matches reps to Zoho users by e-mail.
  const connected = await h.call('POST', '/api/crm/zoho/connect', {
    token: adminToken,
    body: { dataCentre: 'JP', code: zoho.state.issueGrantCode(OAUTH_CLIENT.clientId), ...OAUTH_CLIENT },
  });
  expect(connected.status).toBe(200);
  const synced = await h.call('POST', '/api/crm/users/sync', { token: adminToken });
  expect(await synced.json()).toMatchObject({ matched: [{ userId: 'suzuki', crmUserId: SUZUKI_ZOHO.id }] });
});
afterAll(async () => {
  zoho.close();
  await h.close();
});

const parametersOf = (call: CallTranscript) => call.dials[0]?.clients[0]?.parameters ?? {};

async function ring(script: Parameters<VoiceHarness['twilio']['incomingCall']>[0]['script']) {
  await h.goOnline('suzuki');
  // Twilio sends every callback twice (its retry), then, as a slow network would, all of them again, shuffled.
  const call = await h.twilio.incomingCall({ from: YAMADA, to: SALES.number, script, callbacks: { duplicate: true } });
  await h.twilio.deliver(call.callbacks, { duplicate: true, shuffleSeed: 11 });
  for (const recording of call.recordings) recordings.add(recording.recordingSid);
  // An answered call is recorded by its conference room, not by the caller's own leg.
  for (const room of h.twilio.conferences()) for (const recording of room.recordings) recordings.add(recording.sid);
  return call;
}

describe('an inbound call from a known contact, end to end', () => {
  it('rings the rep with the contact, and ends as one Inbound call on that contact, owned by the rep, with the recording in a note', async () => {
    const wokenBefore = wakes;
    const call = await ring({ dial: { answeredBy: 'suzuki', ringSeconds: 5, talkSeconds: 125 } });

    expect(call.rang).toEqual([['suzuki']]);
    const match = JSON.parse(parametersOf(call)[CARD_PARAMETERS.crmMatch] ?? 'null');
    expect(match).toEqual({
      status: 'matched',
      module: 'Contacts',
      id: SEED_IDS.yamada,
      name: '山田 太郎',
      url: `https://crm.zoho.jp/crm/org90000001/tab/Contacts/${SEED_IDS.yamada}`,
    });
    expect(parametersOf(call)).toMatchObject({ callerNumber: YAMADA, calledLabel: '営業直通', parentCallSid: call.callSid });
    expect(call.recordings).toMatchObject([{ source: 'DialVerb' }]);
    expect(wakes).toBeGreaterThan(wokenBefore);

    expect(await worker.drainOnce()).toEqual({ delivered: 2, skipped: 0, retried: 0, parked: 0 });
    const [zohoCall, ...others] = zoho.state.calls();
    expect(others).toEqual([]);
    expect(zohoCall).toMatchObject({
      Subject: '着信: 山田 太郎',
      Call_Type: 'Inbound',
      Call_Duration: '02:05',
      Who_Id: { id: SEED_IDS.yamada },
      Owner: { id: SUZUKI_ZOHO.id },
      Caller_ID: YAMADA,
    });
    const notes = zoho.state.notes();
    expect(notes).toMatchObject([{ Note_Title: '通話録音', Parent_Id: { module: { api_name: 'Calls' }, id: zohoCall!.id } }]);
    expect(zoho.state.attachments).toMatchObject([{ parentModule: 'Notes', parentId: notes[0]!.id, size: AUDIO.byteLength }]);

    // Twilio retries every callback once more, long after: nothing changes in Zoho.
    await h.twilio.deliver(call.callbacks, { duplicate: true, shuffleSeed: 5 });
    expect(await worker.drainOnce()).toEqual({ delivered: 0, skipped: 0, retried: 0, parked: 0 });

    // The rep's note after the call updates the same record.
    const patched = await h.call('PATCH', `/api/calls/${call.callSid}`, { token: repToken, body: { note: '見積もり送付', disposition: '折り返し' } });
    expect(patched.status).toBe(200);
    expect(await worker.drainOnce()).toMatchObject({ delivered: 1, parked: 0 });
    expect(zoho.state.calls()).toHaveLength(1);
    expect(zoho.state.calls()[0]?.['Description']).toContain('メモ: 見積もり送付');
    expect(zoho.state.notes()).toHaveLength(1);
    expect(zoho.state.attachments).toHaveLength(1);
    expect((await outboxRows(h.store)).map((row) => `${row.kind} ${row.status}`).sort()).toEqual(['attach-recording done', 'log-call done', 'update-call done']);
  });

  it('logs a voicemail from the contact as a Missed call with the message in a note', async () => {
    const callsBefore = zoho.state.calls().length;
    const call = await ring({ dial: { outcome: 'no-answer' }, record: { seconds: 18 } });
    expect(call.recordings).toMatchObject([{ source: 'RecordVerb', duration: 18 }]);

    expect(await worker.drainOnce()).toMatchObject({ delivered: 3, parked: 0 });
    const zohoCall = zoho.state.calls().at(-1);
    expect(zoho.state.calls()).toHaveLength(callsBefore + 1);
    expect(zohoCall).toMatchObject({ Subject: '留守番電話: 山田 太郎', Call_Type: 'Missed', Who_Id: { id: SEED_IDS.yamada } });
    const note = zoho.state.notes().find((candidate) => (candidate['Parent_Id'] as { id: string }).id === zohoCall!.id);
    expect(zoho.state.attachments.filter((attachment) => attachment.parentId === note?.id)).toMatchObject([{ size: AUDIO.byteLength }]);
    // Nobody forgets to call back: a task on the contact, owned by the rep who was rung.
    expect(zoho.state.tasks()).toMatchObject([
      { Subject: '折り返し電話: 山田 太郎 様', Status: 'Not Started', Priority: 'High', Who_Id: { id: SEED_IDS.yamada }, Owner: { id: SUZUKI_ZOHO.id } },
    ]);
  });
});
