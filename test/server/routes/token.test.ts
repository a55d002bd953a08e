import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOKEN_RATE_LIMIT } from '../../../server/routes/token.ts';
import { API_KEY_SECRET, API_KEY_SID, ACCOUNT_SID, AUTH_TOKEN, configureTwilio, createVoiceHarness, TWIML_APP_SID, type VoiceHarness } from '../voice/voice-harness.ts';
import { createHmac } from 'node:crypto';

let h: VoiceHarness;
let satoToken: string;

beforeAll(async () => {
  h = await createVoiceHarness({ reps: ['sato', 'suzuki'] });
  satoToken = await h.signIn('sato@example.jp');
});
afterAll(() => h.close());

const requestToken = (token?: string) =>
  h.voice.request('/api/token', { method: 'POST', headers: token ? { Authorization: `Bearer ${token}` } : {} });

function decode(jwt: string) {
  const [header, payload, signature] = jwt.split('.');
  return {
    header: JSON.parse(Buffer.from(header!, 'base64url').toString()),
    payload: JSON.parse(Buffer.from(payload!, 'base64url').toString()),
    signedWith: (secret: string) => createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url') === signature,
  };
}

describe('POST /api/token', () => {
  it('gives a rep a one-hour Voice token for their identity, signed with the API key', async () => {
    const response = await requestToken(satoToken);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { token: string; identity: string; ttl: number };
    expect(body).toMatchObject({ identity: 'sato', ttl: 3600 });
    const jwt = decode(body.token);
    expect(jwt.header).toEqual({ alg: 'HS256', typ: 'JWT', cty: 'twilio-fpa;v=1' });
    expect(jwt.payload).toMatchObject({
      iss: API_KEY_SID,
      sub: ACCOUNT_SID,
      grants: { identity: 'sato', voice: { incoming: { allow: true }, outgoing: { application_sid: TWIML_APP_SID } } },
    });
    expect(jwt.payload.exp - jwt.payload.iat).toBe(3600);
    expect(jwt.signedWith(API_KEY_SECRET)).toBe(true);
    expect(jwt.signedWith(AUTH_TOKEN)).toBe(false);
  });

  it('needs a signed-in user', async () => {
    expect((await requestToken()).status).toBe(401);
  });

  it('limits how often one rep can ask', async () => {
    const suzuki = await h.signIn('suzuki@example.jp');
    const statuses: number[] = [];
    for (let i = 0; i <= TOKEN_RATE_LIMIT.limit; i++) statuses.push((await requestToken(suzuki)).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(TOKEN_RATE_LIMIT.limit);
    const refused = await requestToken(suzuki);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('Retry-After')).toMatch(/^\d+$/);
    expect((await requestToken(satoToken)).status).toBe(200);
  });

  it('answers 409 with a message an admin can act on while Twilio is not set up', async () => {
    const bare = await createVoiceHarness({ reps: ['sato'], configure: false });
    const token = await bare.signIn('sato@example.jp');
    const post = () => bare.voice.request('/api/token', { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
    const response = await post();
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchInlineSnapshot(`
      {
        "error": {
          "code": "twilio_not_configured",
          "message": "Twilio is not set up yet (Account SID and Auth Token, API key, TwiML App).",
        },
      }
    `);

    await configureTwilio(bare.store, bare.deps, { apiKey: false });
    expect(await (await post()).json()).toMatchInlineSnapshot(`
      {
        "error": {
          "code": "twilio_not_configured",
          "message": "Twilio is not set up yet (Account SID and Auth Token, API key, TwiML App).",
        },
      }
    `);
    await bare.close();
  });
});
