import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  cleanupAccount, ensureVoiceApp, listIncomingNumbers, pointNumberAtServer, restoreNumber, validateAccount,
} from '../../../server/twilio/provisioning.ts';
import { createTwilioClient } from '../../../server/twilio/rest-client.ts';
import { findCallerId, listCallerIds } from '../../../server/twilio/caller-ids.ts';
import { setupCheck } from '../../../server/twilio/setup-check.ts';
import { ContractClient, startPrism } from '../../emulators/twilio-rest/prism.ts';

// Every request the provisioning code sends must be valid by Twilio's OpenAPI description: Prism,
// run from the spec, is the judge. Prism is stateless, so this is about requests, not flows
// (flows: provisioning.test.ts against the stateful fake).

const ACCOUNT = 'AC' + 'a'.repeat(32);
const NUMBER = 'PN' + 'a'.repeat(32);
const OTHER_APP = 'AP' + 'b'.repeat(32);
const PUBLIC_URL = 'https://yobidashi.example.jp';

let prism: Awaited<ReturnType<typeof startPrism>>;
beforeAll(async () => {
  prism = await startPrism();
});
afterAll(() => prism?.stop());

function contractClient() {
  const http = new ContractClient(prism.url);
  const client = createTwilioClient({ accountSid: ACCOUNT, authToken: 'token', apiBaseUrl: prism.url, httpClient: http });
  return { client, http };
}

function summary(http: ContractClient) {
  return http.exchanges.map((e) => `${e.method} ${e.path.replace(`/2010-04-01/Accounts/${ACCOUNT}/`, '…/')} ${e.status}${e.clears.length ? ` clears ${e.clears.join(',')}` : ''}`);
}

function expectNoViolations(http: ContractClient) {
  expect(http.exchanges.flatMap((e) => e.requestViolations)).toEqual([]);
}

it('validating the account sends a valid FetchAccount', async () => {
  const { client, http } = contractClient();
  expect((await validateAccount(client, ACCOUNT)).summary).toMatchObject({ sid: ACCOUNT, status: 'active' });
  expectNoViolations(http);
  expect(summary(http)).toEqual(['GET /2010-04-01/Accounts/' + ACCOUNT + '.json 200']);
});

it('first-time key and app creation, then the idempotent re-run, send valid requests', async () => {
  const { client, http } = contractClient();
  const created = await ensureVoiceApp({ client, publicUrl: PUBLIC_URL, existing: {} });
  await ensureVoiceApp({ client, publicUrl: PUBLIC_URL, existing: created });
  await cleanupAccount(client, created);

  expectNoViolations(http);
  expect(summary(http)).toEqual([
    'POST …/Applications.json 201',
    'POST …/Keys.json 201',
    `GET …/Applications/${created.twimlAppSid}.json 200`,
    // Prism's example app points at http://example.com, so the re-run updates it to PUBLIC_URL.
    `POST …/Applications/${created.twimlAppSid}.json 200`,
    `GET …/Keys/${created.apiKeySid}.json 200`,
    `DELETE …/Applications/${created.twimlAppSid}.json 204`,
    `DELETE …/Keys/${created.apiKeySid}.json 204`,
  ]);
});

it('listing numbers and the setup check send valid requests', async () => {
  const { client, http } = contractClient();
  await listIncomingNumbers(client, { publicUrl: PUBLIC_URL });
  await setupCheck(client, { publicUrl: PUBLIC_URL, numbers: [{ sid: NUMBER, phoneNumber: '+18089255327' }], apiKeySid: 'SK' + 'a'.repeat(32), twimlAppSid: 'AP' + 'a'.repeat(32) });
  expectNoViolations(http);
  expect(http.exchanges.every((e) => e.status === 200)).toBe(true);
});

it('listing the caller IDs and looking one up send valid ListIncomingPhoneNumber and ListOutgoingCallerId requests', async () => {
  const { client, http } = contractClient();
  const all = await listCallerIds(client);
  // Prism answers each list with the spec's example: one number of the account, one verified caller ID.
  expect(all.map((callerId) => callerId.source)).toEqual(['twilio-number', 'verified']);
  await findCallerId(client, '+81312345678');
  expectNoViolations(http);
  expect(summary(http)).toEqual([
    'GET …/IncomingPhoneNumbers.json 200',
    'GET …/OutgoingCallerIds.json 200',
    'GET …/IncomingPhoneNumbers.json 200',
    'GET …/OutgoingCallerIds.json 200',
  ]);
});

it('pointing a number that has a TwiML App at the server, then restoring it, sends valid requests apart from the clears', async () => {
  const { client, http } = contractClient();
  // Prism's example number has no application; this one has, as in the VoiceApplicationSid trap.
  http.answer = (exchange, body) =>
    exchange.method === 'GET' && exchange.path.endsWith(`/IncomingPhoneNumbers/${NUMBER}.json`)
      ? { ...body, voice_application_sid: OTHER_APP, voice_url: null }
      : body;

  const { previous } = await pointNumberAtServer(client, { sid: NUMBER, publicUrl: PUBLIC_URL });
  http.answer = (_exchange, body) => body;
  await restoreNumber(client, { sid: NUMBER, previous });

  expectNoViolations(http);
  // The spec gives VoiceApplicationSid a SID pattern and the URLs format "uri", so it cannot describe
  // "clear this setting"; Twilio's own answers show cleared settings as "" (its examples), which is what we send.
  expect(summary(http)).toEqual([
    `GET …/IncomingPhoneNumbers/${NUMBER}.json 200`,
    `POST …/IncomingPhoneNumbers/${NUMBER}.json 200 clears VoiceApplicationSid`,
    `GET …/IncomingPhoneNumbers/${NUMBER}.json 200`,
    `POST …/IncomingPhoneNumbers/${NUMBER}.json 200 clears StatusCallback,VoiceFallbackUrl,VoiceUrl`,
  ]);
});

it('Prism does reject a request that breaks the spec (the check can fail)', async () => {
  const { client, http } = contractClient();
  await expect(client.incomingPhoneNumbers(NUMBER).update({ voiceMethod: 'FOO' })).rejects.toMatchObject({ status: 422 });
  expect(http.exchanges[0]?.requestViolations).toEqual([expect.objectContaining({ location: ['body', 'VoiceMethod'], code: 'enum' })]);
});
