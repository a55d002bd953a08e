import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeTwilioRest } from '../../emulators/twilio-rest/fake-twilio-rest.ts';
import { createAdminHarness, newTwilioAccount, type FakeTwilioServer } from '../admin/harness.ts';

/**
 * Step 1 (PUT /api/twilio/account) creates an API key and a TwiML App in the customer's Twilio
 * account when it has none. Sent twice at once (a double click on 接続), both requests created
 * theirs: two keys and two Apps, one of each stored and the other left in the account for nobody,
 * and the first answer named a key and an App the server no longer used. The setup check's repair
 * of a deleted App ("作成し直す") did the same.
 */

let twilioApi: FakeTwilioServer;
beforeAll(async () => {
  twilioApi = await startFakeTwilioRest();
});
afterAll(() => twilioApi.close());

describe('Step 1 sent twice at once', () => {
  it('creates one API key and one TwiML App, and both answers name the ones stored', async () => {
    const t = await createAdminHarness(twilioApi);
    const { data, credentials } = newTwilioAccount(twilioApi);
    const answers = await Promise.all([1, 2].map(() => t.api('PUT', '/api/twilio/account', { body: credentials })));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    expect({ keys: data.keys.size, apps: data.applications.size }).toEqual({ keys: 1, apps: 1 });
    const stored = (await (await t.api('GET', '/api/twilio/account')).json()) as { apiKeySid: string; twimlAppSid: string };
    expect([...data.keys.keys()]).toEqual([stored.apiKeySid]);
    expect([...data.applications.keys()]).toEqual([stored.twimlAppSid]);
    for (const answer of answers) expect(await answer.json()).toMatchObject({ apiKeySid: stored.apiKeySid, twimlAppSid: stored.twimlAppSid });
    await t.close();
  });

  it('repairing a deleted TwiML App twice at once creates one App, the one stored', async () => {
    const t = await createAdminHarness(twilioApi);
    const { data, credentials } = newTwilioAccount(twilioApi);
    expect((await t.api('PUT', '/api/twilio/account', { body: credentials })).status).toBe(200);
    data.applications.clear();
    const answers = await Promise.all([1, 2].map(() => t.api('POST', '/api/twilio/setup-check/fix', { body: { id: 'twiml-app' } })));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    const stored = (await (await t.api('GET', '/api/twilio/account')).json()) as { twimlAppSid: string };
    expect([...data.applications.keys()]).toEqual([stored.twimlAppSid]);
    await t.close();
  });
});
