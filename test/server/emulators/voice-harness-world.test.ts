import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTwilioClient } from '../../../server/twilio/rest-client.ts';
import { ACCOUNT_SID, AUTH_TOKEN, createVoiceHarness, type VoiceHarness } from '../voice/voice-harness.ts';

let h: VoiceHarness;

beforeAll(async () => {
  h = await createVoiceHarness({ twilioApi: true, followTwilioTime: true });
});
afterAll(() => h.close());

describe('the voice harness with the emulated Twilio world', () => {
  it('gives the server the emulated REST API as TWILIO_API_URL', async () => {
    expect(h.deps.twilioApiUrl).toBe(h.twilioApi?.url);
    const client = createTwilioClient({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, apiBaseUrl: h.deps.twilioApiUrl });
    expect(await client.conferences.list({ status: 'in-progress' })).toEqual([]);
    expect(h.twilio.restRequests).toMatchObject([{ method: 'GET', path: '/Conferences.json', status: 200 }]);
  });

  it('moves the server’s clock with virtual time', async () => {
    const before = h.clock.now().getTime();
    await h.twilio.advance(90);
    expect(h.clock.now().getTime() - before).toBe(90_000);
  });

  it('still runs scripted calls against the real server', async () => {
    const call = await h.twilio.incomingCall({ from: '+819011112222', to: '+81399998888' });
    expect(call.said).toEqual(['おかけになった電話番号は、現在使われておりません。']);
  });
});
