import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectZoho } from '../../../server/crm/connect-zoho.ts';
import { CrmRuntime } from '../../../server/crm/crm-runtime.ts';
import { OutboxWorker } from '../../../server/crm/outbox-worker.ts';
import { silentLogger } from '../../../server/logger.ts';
import { startFakeTwilioRest } from '../../emulators/twilio-rest/fake-twilio-rest.ts';
import { newRecording, type FakeAccountData } from '../../emulators/twilio-rest/state.ts';
import { createZohoEmulator, EMULATOR_ACCOUNTS_URL, type ZohoEmulator } from '../../emulators/zoho/index.ts';
import { createClock } from '../support/app.ts';
import { sharedTestStore } from '../support/store.ts';
import type { IncomingNumberInput } from '../voice/phone-numbers.ts';
import { ACCOUNT_SID, AUTH_TOKEN, createVoiceHarness, type VoiceHarness } from '../voice/voice-harness.ts';
import { OAUTH_CLIENT, secretBox } from './support.ts';

/**
 * Twilio's credentials go to Twilio only. A signed recording callback names a RecordingUrl on
 * another host: the recording is still downloaded from TWILIO_API_URL (the Twilio REST fake, which
 * checks the account's Basic auth), built from the RecordingSid, and the named host hears nothing.
 */

const NUMBER: IncomingNumberInput = {
  number: '+815011112222',
  label: '営業直通',
  voice: { language: 'ja-JP' },
  route: { type: 'ring', users: ['suzuki'], strategy: 'simultaneous', ringSeconds: 20 },
};
const AUDIO = new Uint8Array([0x49, 0x44, 0x33, 0x04, 0x00, 0x00, 9, 9, 9, 9]);

let h: VoiceHarness;
let zoho: ZohoEmulator;
let twilio: Awaited<ReturnType<typeof startFakeTwilioRest>>;
let elsewhere: { url: string; requests: { path: string; authorization: string | null }[]; server: ServerType };
let worker: OutboxWorker;
let account: FakeAccountData;

/** Loopback servers (the Twilio fake, the other host) are reached for real; Zoho is the in-memory emulator. */
function network(zohoFetch: typeof fetch): typeof fetch {
  return (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    return url.hostname === '127.0.0.1' ? fetch(input, init) : zohoFetch(input, init);
  };
}

async function otherHost() {
  const requests: { path: string; authorization: string | null }[] = [];
  const app = new Hono().all('*', (c) => {
    requests.push({ path: c.req.path, authorization: c.req.header('authorization') ?? null });
    return c.body(AUDIO, 200, { 'content-type': 'audio/mpeg' });
  });
  const { server, port } = await new Promise<{ server: ServerType; port: number }>((resolve) => {
    const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) => resolve({ server, port: info.port }));
  });
  return { url: `http://127.0.0.1:${port}`, requests, server };
}

beforeAll(async () => {
  const store = await sharedTestStore();
  const clock = createClock();
  twilio = await startFakeTwilioRest();
  elsewhere = await otherHost();
  zoho = createZohoEmulator({ now: () => clock.now().getTime() });
  zoho.state.registerClient(OAUTH_CLIENT.clientId, OAUTH_CLIENT.clientSecret);
  const crm = new CrmRuntime(
    { store, secretBox, logger: silentLogger, now: clock.now, twilioApiUrl: twilio.url },
    { zoho: { clientId: null, clientSecret: null, redirectUri: null, accountsUrl: EMULATOR_ACCOUNTS_URL, apiUrl: null }, fetch: network(zoho.fetch) },
  );
  worker = new OutboxWorker({ store, crm, logger: silentLogger, now: clock.now, random: () => 0.5 });
  h = await createVoiceHarness({ store, clock, app: { crm } });
  // The account the harness stored (Account SID and Auth Token), as Twilio knows it.
  account = twilio.fake.addAccount({ sid: ACCOUNT_SID, authToken: AUTH_TOKEN });
  await h.addUser({ id: 'suzuki', email: 'suzuki@example.jp' });
  await h.addNumber(NUMBER);
  await connectZoho(crm, { dataCentre: 'JP', client: OAUTH_CLIENT, keepClient: true, code: zoho.state.issueGrantCode(OAUTH_CLIENT.clientId), connectedBy: null });
});
afterAll(async () => {
  zoho.close();
  await new Promise<void>((done) => elsewhere.server.close(() => done()));
  await twilio.close();
  await h.close();
});

describe('the recording download', () => {
  it('asks TWILIO_API_URL for the recording by its SID, never the host a callback names', async () => {
    await h.goOnline('suzuki');
    const call = await h.twilio.incomingCall({ from: '+81312345678', to: NUMBER.number, script: { dial: { answeredBy: 'suzuki', talkSeconds: 60 } } });
    const recordingSid = `RE${'ab'.repeat(16)}`;
    account.recordings.set(recordingSid, newRecording(call.callSid, AUDIO, { sid: recordingSid }));

    // The answered call's room recording (room recordings name their call in our callback URL).
    const callback = await h.twilio.post(`/twilio/recording?call=${call.callSid}`, {
      AccountSid: ACCOUNT_SID,
      ConferenceSid: `CF${'cd'.repeat(16)}`,
      RecordingSid: recordingSid,
      RecordingUrl: `${elsewhere.url}/2010-04-01/Accounts/${ACCOUNT_SID}/Recordings/${recordingSid}`,
      RecordingStatus: 'completed',
      RecordingDuration: '60',
      RecordingChannels: '1',
      RecordingSource: 'Conference',
    });
    expect(callback.response?.status).toBe(200);

    expect(await worker.drainOnce()).toMatchObject({ delivered: 2, parked: 0 });
    expect(elsewhere.requests).toEqual([]);
    const downloads = twilio.fake.requests.filter((request) => request.path.includes('/Recordings/'));
    expect(downloads).toEqual([{ method: 'GET', path: `/2010-04-01/Accounts/${ACCOUNT_SID}/Recordings/${recordingSid}.mp3`, form: {} }]);
    expect(zoho.state.attachments).toMatchObject([{ parentModule: 'Notes', size: AUDIO.byteLength }]);
    // The note's link is Twilio's (here: the fake's) URL for that SID, not the callback's.
    expect(JSON.stringify(zoho.state.notes())).not.toContain(elsewhere.url.replace('http://', ''));
  });
});
